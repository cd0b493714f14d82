import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "../../app/config/env.server";

const problems = (source: Record<string, string>) => {
  try {
    parseEnv(source);
  } catch (error) {
    if (error instanceof EnvError) return error.problems;
    throw error;
  }
  return [];
};

describe("environment", () => {
  it("has working defaults for the embedded demo", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({ NODE_ENV: "development", PORT: 3000, HOST: "127.0.0.1", EMBEDDED_PG_DIR: ".data/postgres", COOKIE_SECURE: false });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.SESSION_SECRET.length).toBeGreaterThanOrEqual(32);
  });

  it("names a malformed variable", () => {
    expect(problems({ PORT: "eighty" })).toEqual([expect.stringMatching(/^PORT /)]);
    expect(problems({ DATABASE_URL: "mysql://x@y/z" })).toEqual([expect.stringMatching(/^DATABASE_URL .*postgres:\/\//)]);
    expect(problems({ SEED_DEMO: "maybe" })).toEqual([expect.stringMatching(/^SEED_DEMO /)]);
    expect(problems({ LOG_LEVEL: "loud" })).toEqual([expect.stringMatching(/^LOG_LEVEL /)]);
  });

  it("requires a real session secret in production, and makes cookies secure there", () => {
    expect(problems({ NODE_ENV: "production" })).toEqual([expect.stringMatching(/^SESSION_SECRET is required in production/)]);
    expect(problems({ NODE_ENV: "production", SESSION_SECRET: "short" })).toEqual([expect.stringMatching(/^SESSION_SECRET must be at least 32/)]);
    const env = parseEnv({ NODE_ENV: "production", SESSION_SECRET: "x".repeat(40) });
    expect(env.COOKIE_SECURE).toBe(true);
  });

  it("treats empty values as unset", () => {
    expect(parseEnv({ DATABASE_URL: "", PORT: "" }).PORT).toBe(3000);
  });

  it("takes Stripe's keys together, with a message naming what is missing or malformed", () => {
    expect(parseEnv({}).STRIPE_SECRET_KEY).toBeUndefined();
    expect(problems({ STRIPE_SECRET_KEY: "sk_test_51Habcdefgh" })).toEqual([expect.stringMatching(/^STRIPE_WEBHOOK_SECRET is required when the other Stripe variable is set/)]);
    expect(problems({ STRIPE_WEBHOOK_SECRET: "whsec_abcdefghij" })).toEqual([expect.stringMatching(/^STRIPE_SECRET_KEY is required when the other Stripe variable is set/)]);
    expect(problems({ STRIPE_SECRET_KEY: "pk_test_51Habcdefgh", STRIPE_WEBHOOK_SECRET: "whsec_abcdefghij" })).toEqual([expect.stringMatching(/^STRIPE_SECRET_KEY must be a Stripe secret or restricted key/)]);
    expect(problems({ STRIPE_SECRET_KEY: "sk_test_51Habcdefgh", STRIPE_WEBHOOK_SECRET: "secret" })).toEqual([expect.stringMatching(/^STRIPE_WEBHOOK_SECRET must be the webhook endpoint's signing secret/)]);
    const env = parseEnv({ STRIPE_SECRET_KEY: "sk_test_51Habcdefgh", STRIPE_WEBHOOK_SECRET: "whsec_platform123, whsec_connect4567" });
    expect(env.STRIPE_WEBHOOK_SECRET).toEqual(["whsec_platform123", "whsec_connect4567"]);
  });

  it("points Stripe's SDK at another host only as told, and never over http in production", () => {
    const env = parseEnv({ STRIPE_API_HOST: "127.0.0.1", STRIPE_API_PORT: "12111", STRIPE_API_PROTOCOL: "http" });
    expect(env).toMatchObject({ STRIPE_API_HOST: "127.0.0.1", STRIPE_API_PORT: 12111, STRIPE_API_PROTOCOL: "http" });
    expect(problems({ STRIPE_API_HOST: "http://127.0.0.1:12111" })).toEqual([expect.stringMatching(/^STRIPE_API_HOST must be a host name/)]);
    expect(problems({ STRIPE_API_PORT: "twelve" })).toEqual([expect.stringMatching(/^STRIPE_API_PORT must be a number/)]);
    expect(problems({ STRIPE_API_PROTOCOL: "ftp" })).toEqual([expect.stringMatching(/^STRIPE_API_PROTOCOL must be http or https/)]);
    expect(problems({ NODE_ENV: "production", SESSION_SECRET: "x".repeat(40), STRIPE_API_PROTOCOL: "http" })).toEqual([
      expect.stringMatching(/^STRIPE_API_PROTOCOL must be https in production/),
    ]);
  });

  it("lets a production build use http to Stripe's API only with the tests' explicit opt-in, on this machine, with a test key", () => {
    const production = { NODE_ENV: "production", SESSION_SECRET: "x".repeat(40), STRIPE_SECRET_KEY: "sk_test_51Habcdefgh", STRIPE_WEBHOOK_SECRET: "whsec_abcdefghij" };
    const fake = { ...production, STRIPE_API_HOST: "127.0.0.1", STRIPE_API_PORT: "12111", STRIPE_API_PROTOCOL: "http" };
    expect(problems({ ...fake, STRIPE_API_ALLOW_HTTP: "false" })).toEqual([expect.stringMatching(/^STRIPE_API_PROTOCOL must be https in production .*STRIPE_API_ALLOW_HTTP=true/)]);
    expect(parseEnv({ ...fake, STRIPE_API_ALLOW_HTTP: "true" })).toMatchObject({ STRIPE_API_PROTOCOL: "http", STRIPE_API_ALLOW_HTTP: true });
    expect(problems({ ...fake, STRIPE_API_HOST: "stripe.example.org", STRIPE_API_ALLOW_HTTP: "true" })).toEqual([expect.stringMatching(/^STRIPE_API_HOST must be 127\.0\.0\.1 or localhost/)]);
    expect(problems({ ...production, STRIPE_API_PROTOCOL: "http", STRIPE_API_ALLOW_HTTP: "true" })).toEqual([expect.stringMatching(/^STRIPE_API_HOST must be 127\.0\.0\.1 or localhost/)]);
    expect(problems({ ...fake, STRIPE_SECRET_KEY: "sk_live_51Habcdefgh", STRIPE_API_ALLOW_HTTP: "true" })).toEqual([expect.stringMatching(/^STRIPE_SECRET_KEY must be a test key/)]);
    expect(problems({ ...fake, STRIPE_API_ALLOW_HTTP: "maybe" })).toEqual([expect.stringMatching(/^STRIPE_API_ALLOW_HTTP must be one of/)]);
  });

  it("reports every problem at once", () => {
    const found = problems({ PORT: "0", DATABASE_URL: "nope" });
    expect(found.some((p) => p.startsWith("PORT "))).toBe(true);
    expect(found.some((p) => p.startsWith("DATABASE_URL "))).toBe(true);
  });
});
