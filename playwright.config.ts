import { defineConfig, devices } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3100);
// The local fake of Stripe's API and hosted Checkout (tests/support/fake-stripe-server.ts); the app
// and the fake share these test-only keys.
const STRIPE_PORT = Number(process.env.E2E_STRIPE_PORT ?? 3101);
const STRIPE_SECRET_KEY = "sk_test_e2eFakeStripeSecretKey";
const STRIPE_WEBHOOK_SECRET = "whsec_e2eFakeStripeWebhookSecret";
const chromiumArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

// End-to-end tests against the production build, on its own throw-away embedded database
// (.data/e2e-postgres, recreated each run so the demo seed is loaded fresh).
export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: true,
  workers: 2,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  timeout: 30_000,
  reporter: [["list"], ["json", { outputFile: "test-results/e2e.json" }]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: "retain-on-failure",
    launchOptions: { executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium", args: chromiumArgs },
  },
  projects: [
    { name: "desktop", use: { ...devices["Desktop Chrome"], channel: undefined } },
  ],
  webServer: [
    {
      command: "tsx tests/support/fake-stripe-server.ts",
      url: `http://127.0.0.1:${STRIPE_PORT}/healthz`,
      timeout: 30_000,
      reuseExistingServer: false,
      stdout: "ignore",
      stderr: "pipe",
      env: {
        FAKE_STRIPE_PORT: String(STRIPE_PORT),
        FAKE_STRIPE_WEBHOOK_URL: `http://127.0.0.1:${PORT}/webhooks/stripe`,
        STRIPE_SECRET_KEY,
        STRIPE_WEBHOOK_SECRET,
      },
    },
    {
      command: "rm -rf .data/e2e-postgres && tsx server/index.ts",
      url: `http://127.0.0.1:${PORT}/healthz`,
      timeout: 120_000,
      reuseExistingServer: false,
      stdout: "ignore",
      stderr: "pipe",
      env: {
        NODE_ENV: "production",
        HOST: "127.0.0.1",
        PORT: String(PORT),
        SESSION_SECRET: "e2e-session-secret-at-least-32-characters-long",
        EMBEDDED_PG_DIR: ".data/e2e-postgres",
        COOKIE_SECURE: "false",
        LOG_LEVEL: "warn",
        // Production refuses the demo sandbox unless it is explicitly allowed, as a public demo would.
        DEMO_SANDBOX: "allow",
        // Card gifts through the fake Stripe; http to it is an explicit, test-only opt-in.
        STRIPE_SECRET_KEY,
        STRIPE_WEBHOOK_SECRET,
        STRIPE_API_HOST: "127.0.0.1",
        STRIPE_API_PORT: String(STRIPE_PORT),
        STRIPE_API_PROTOCOL: "http",
        STRIPE_API_ALLOW_HTTP: "true",
      },
    },
  ],
});
