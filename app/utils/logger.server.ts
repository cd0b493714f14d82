/**
 * The application's logger for work that is not a request log line (server/app.ts logs each
 * request): webhooks, jobs, background failures. JSON lines on stdout at LOG_LEVEL, like the
 * request log; no personal data in what is logged.
 */
import { pino, type Logger } from "pino";
import { getEnv } from "~/config/env.server";

const globalForLogger = globalThis as typeof globalThis & { __tulayLogger?: Logger };

export function logger(): Logger {
  globalForLogger.__tulayLogger ??= pino({ name: "tulay", level: getEnv().LOG_LEVEL });
  return globalForLogger.__tulayLogger;
}
