/**
 * The environment, read once and validated at start-up. Anything missing or malformed stops the
 * process with a message naming the variable; nothing else in the app reads process.env directly.
 * Only `publicEnv()` reaches the browser, and it is an explicit allowlist.
 */
import { z } from "zod";

const booleanString = z
  .enum(["true", "false", "1", "0", "yes", "no"], {
    errorMap: () => ({ message: "must be one of true, false, 1, 0, yes, no" }),
  })
  .transform((v) => v === "true" || v === "1" || v === "yes");

const postgresUrl = z
  .string()
  .url("must be a URL such as postgres://user:password@host:5432/database")
  .refine((v) => /^postgres(ql)?:\/\//.test(v), "must start with postgres:// or postgresql://");

export const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    HOST: z.string().min(1).default("127.0.0.1"),
    PORT: z.coerce.number({ invalid_type_error: "must be a number" }).int().min(1).max(65535).default(3000),
    APP_URL: z.string().url("must be a URL such as https://tulay.example.org").optional(),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    DATABASE_URL: postgresUrl.optional(),
    DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
    EMBEDDED_PG_DIR: z.string().min(1).default(".data/postgres"),
    EMBEDDED_PG_PORT: z.coerce.number({ invalid_type_error: "must be a number" }).int().min(1024).max(65535).optional(),
    SEED_DEMO: booleanString.optional(),
    SESSION_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
    COOKIE_SECURE: booleanString.optional(),
    // Supabase (production): all three set → Supabase Auth and Storage; none → local adapters.
    SUPABASE_URL: z.string().url("must be a URL such as https://abcd.supabase.co").optional(),
    SUPABASE_ANON_KEY: z.string().min(20, "must be the project's anon (publishable) key").optional(),
    SUPABASE_SERVICE_ROLE_KEY: z.string().min(20, "must be the project's service_role (secret) key").optional(),
    SUPABASE_STORAGE_BUCKET: z
      .string()
      .regex(/^[a-z0-9][a-z0-9._-]{2,62}$/, "must be a bucket name (lowercase letters, digits, . _ -)")
      .default("tulay-private"),
    UPLOADS_DIR: z.string().min(1).default(".data/uploads"),
    // Email: SMTP_URL set → nodemailer; unset → the outbox table and the dev mailbox.
    SMTP_URL: z
      .string()
      .url("must be a URL such as smtps://user:password@smtp.example.org:465")
      .refine((v) => /^smtps?:\/\//.test(v), "must start with smtp:// or smtps://")
      .optional(),
    EMAIL_FROM: z.string().min(3).default("Tulay <no-reply@tulay.localhost>"),
    // The demo sandbox ("test payment" page): "auto" = on with the embedded database outside
    // production; "off"; "allow" = on even in production (a public demo), always labelled.
    DEMO_SANDBOX: z.enum(["auto", "off", "allow"], { message: "must be auto, off or allow" }).default("auto"),
    // The largest single gift, in major units of the project's currency.
    // Background jobs (pg-boss, same database): "on" in this process, "off" to run them elsewhere.
    JOBS: z.enum(["on", "off"], { message: "must be on or off" }).default("on"),
    GIFT_MAX_MAJOR: z.coerce.number({ invalid_type_error: "must be a number" }).int().positive().default(5_000_000),
    // The returnee guide: a topic not reviewed for this many days shows "needs review" to its
    // editors, who are emailed about it once per this many days.
    RETURN_GUIDE_REVIEW_DAYS: z.coerce.number({ invalid_type_error: "must be a number" }).int().min(7, "must be at least 7 (days)").max(3650, "must be at most 3650 (days)").default(180),
    // Stripe: both set → card gifts through Stripe Checkout (Connect, subscriptions, refunds, webhooks).
    STRIPE_SECRET_KEY: z
      .string()
      .regex(/^(sk|rk)_(test|live)_[A-Za-z0-9_]{8,}$/, "must be a Stripe secret or restricted key such as sk_test_… or sk_live_…")
      .optional(),
    // Several endpoints (the platform's and the Connect one) each sign with their own secret: comma-separated.
    STRIPE_WEBHOOK_SECRET: z
      .string()
      .transform((v) => v.split(",").map((s) => s.trim()).filter(Boolean))
      .refine((secrets) => secrets.length > 0 && secrets.every((s) => /^whsec_[A-Za-z0-9_]{8,}$/.test(s)), {
        message: "must be the webhook endpoint's signing secret (whsec_…), or several separated by commas",
      })
      .optional(),
    // Another Stripe API host (a local fake in tests and demos); Stripe's own by default.
    STRIPE_API_HOST: z
      .string()
      .regex(/^[A-Za-z0-9.-]+$/, "must be a host name such as api.stripe.com or 127.0.0.1 (no scheme, no port)")
      .optional(),
    STRIPE_API_PORT: z.coerce.number({ invalid_type_error: "must be a number" }).int().min(1).max(65535).optional(),
    STRIPE_API_PROTOCOL: z.enum(["http", "https"], { errorMap: () => ({ message: "must be http or https" }) }).optional(),
    // For end-to-end tests only: lets a production build talk http to a local fake of Stripe's API
    // (loopback host, test key). Never set it in a real deployment.
    STRIPE_API_ALLOW_HTTP: booleanString.optional(),
  })
  .superRefine((env, ctx) => {
    const supabase = [env.SUPABASE_URL, env.SUPABASE_ANON_KEY, env.SUPABASE_SERVICE_ROLE_KEY];
    if (supabase.some(Boolean) && !supabase.every(Boolean)) {
      for (const [name, value] of [
        ["SUPABASE_URL", env.SUPABASE_URL],
        ["SUPABASE_ANON_KEY", env.SUPABASE_ANON_KEY],
        ["SUPABASE_SERVICE_ROLE_KEY", env.SUPABASE_SERVICE_ROLE_KEY],
      ] as const) {
        if (!value) {
          ctx.addIssue({
            code: z.ZodIssueCode.custom,
            path: [name],
            message: "is required when any SUPABASE_ variable is set (SUPABASE_URL, SUPABASE_ANON_KEY, SUPABASE_SERVICE_ROLE_KEY)",
          });
        }
      }
    }
    if (Boolean(env.STRIPE_SECRET_KEY) !== Boolean(env.STRIPE_WEBHOOK_SECRET)) {
      const missing = env.STRIPE_SECRET_KEY ? "STRIPE_WEBHOOK_SECRET" : "STRIPE_SECRET_KEY";
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: [missing],
        message: "is required when the other Stripe variable is set (STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET)",
      });
    }
    if (env.NODE_ENV === "production" && env.STRIPE_API_PROTOCOL === "http") {
      if (!env.STRIPE_API_ALLOW_HTTP) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ["STRIPE_API_PROTOCOL"],
          message: "must be https in production (http is for a local fake of Stripe's API; end-to-end tests opt in with STRIPE_API_ALLOW_HTTP=true)",
        });
      } else {
        // The opt-in reaches a fake on this machine with a test key, nothing else.
        if (!env.STRIPE_API_HOST || !/^(127\.0\.0\.1|localhost)$/.test(env.STRIPE_API_HOST)) {
          ctx.addIssue({
            code: z.ZodIssueCode.custom,
            path: ["STRIPE_API_HOST"],
            message: "must be 127.0.0.1 or localhost when STRIPE_API_ALLOW_HTTP lets a production build use http (a local fake of Stripe's API)",
          });
        }
        if (env.STRIPE_SECRET_KEY && !/^(sk|rk)_test_/.test(env.STRIPE_SECRET_KEY)) {
          ctx.addIssue({
            code: z.ZodIssueCode.custom,
            path: ["STRIPE_SECRET_KEY"],
            message: "must be a test key (sk_test_…) when STRIPE_API_ALLOW_HTTP lets a production build use http",
          });
        }
      }
    }
    if (env.NODE_ENV === "production" && !env.SESSION_SECRET) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["SESSION_SECRET"],
        message: "is required in production (at least 32 random characters)",
      });
    }
  });

export type Env = z.infer<typeof envSchema> & { SESSION_SECRET: string; COOKIE_SECURE: boolean };

export class EnvError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid environment:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "EnvError";
  }
}

// A fixed development secret keeps dev sessions across restarts; production refuses to start without its own.
const DEV_SESSION_SECRET = "tulay-development-only-secret-do-not-use-in-production";

export function parseEnv(source: Record<string, string | undefined>): Env {
  // Empty strings mean "unset": shells and .env files often export VAR= for optional values.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    throw new EnvError(
      result.error.issues.map((issue) => `${issue.path.join(".") || "environment"} ${issue.message}`),
    );
  }
  const env = result.data;
  return {
    ...env,
    SESSION_SECRET: env.SESSION_SECRET ?? DEV_SESSION_SECRET,
    COOKIE_SECURE: env.COOKIE_SECURE ?? env.NODE_ENV === "production",
  };
}

let cached: Env | undefined;

export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** True when Supabase Auth and Storage are configured (the production adapters). */
export function usesSupabase(env: Env = getEnv()): boolean {
  return Boolean(env.SUPABASE_URL && env.SUPABASE_ANON_KEY && env.SUPABASE_SERVICE_ROLE_KEY);
}

/** True when card gifts go through Stripe (a secret key and a webhook signing secret are set). */
export function usesStripe(env: Env = getEnv()): boolean {
  return Boolean(env.STRIPE_SECRET_KEY && env.STRIPE_WEBHOOK_SECRET?.length);
}

/** The only configuration the browser sees. */
export function publicEnv() {
  const env = getEnv();
  return { NODE_ENV: env.NODE_ENV, APP_URL: env.APP_URL ?? null };
}
