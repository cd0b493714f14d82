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
  })
  .superRefine((env, ctx) => {
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

/** The only configuration the browser sees. */
export function publicEnv() {
  const env = getEnv();
  return { NODE_ENV: env.NODE_ENV, APP_URL: env.APP_URL ?? null };
}
