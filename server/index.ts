/**
 * Start-up: validate the environment, bring up the database (DATABASE_URL or the embedded
 * PostgreSQL, migrated and seeded on first start), load the Remix build, listen, and shut down
 * cleanly on SIGINT/SIGTERM.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { destination, pino } from "pino";
import { EnvError, getEnv } from "../app/config/env.server";
import { createDbClient, setDbClient } from "../app/db/client.server";
import { DatabaseStartError } from "../app/db/embedded-postgres.server";
import { projectRoot } from "../app/db/paths.server";
import { prepareDatabase } from "../app/db/prepare.server";
import { createApp } from "./app";

async function main() {
  let env;
  try {
    env = getEnv();
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(`Tulay cannot start. ${error.message}`);
      process.exit(1);
    }
    throw error;
  }

  // Readable lines for a developer at a terminal. Otherwise JSON lines to stdout, written in batches:
  // one write per line cost a system call and a thread-pool hand-off (about 0.25 ms of the request's
  // CPU); the buffer goes out at 4 KB or every 250 ms, and at exit (pino flushes it).
  const logger =
    env.NODE_ENV === "development" && process.stdout.isTTY
      ? pino({ level: env.LOG_LEVEL, transport: { target: "pino-pretty" } })
      : pino({ level: env.LOG_LEVEL }, destination({ dest: 1, sync: false, minLength: 4096, periodicFlush: 250 }));

  let database;
  try {
    database = await prepareDatabase(env, (message, extra) => logger.info(extra ?? {}, message));
  } catch (error) {
    if (error instanceof DatabaseStartError) {
      logger.fatal(`Tulay cannot start: ${error.message}`);
      if (error.detail) logger.debug({ detail: error.detail }, "database output");
      process.exit(1);
    }
    logger.fatal({ err: error }, "Tulay cannot start: the database could not be prepared");
    process.exit(1);
  }

  const buildPath = path.join(projectRoot(), "build", "index.js");
  if (!existsSync(buildPath)) {
    logger.fatal(`No Remix build at ${buildPath}. Run "npm run build" first.`);
    await database.stop();
    process.exit(1);
  }

  const db = createDbClient(database.url, { max: env.DATABASE_POOL_MAX });
  setDbClient(db);
  const build = (await import(pathToFileURL(buildPath).href)) as ServerBuild;
  const app = createApp({ env, build, db, logger });

  // Scheduled work (pledge reminders) on the same database; JOBS=off leaves it to another process.
  // Imported here, after the environment was checked: its modules read settings as they load.
  const jobs =
    env.JOBS === "on"
      ? await (await import("../app/jobs/jobs.server")).startJobs(database.url, { siteUrl: () => env.APP_URL ?? `http://${env.HOST}:${env.PORT}`, logger }).catch((error: unknown) => {
          logger.error({ err: error }, "background jobs could not start; the portal runs without them");
          return null;
        })
      : null;

  const server = app.listen(env.PORT, env.HOST, () => {
    logger.info(`Tulay is listening on http://${env.HOST === "0.0.0.0" ? "localhost" : env.HOST}:${env.PORT}`);
  });
  server.on("error", async (error: NodeJS.ErrnoException) => {
    logger.fatal(
      error.code === "EADDRINUSE"
        ? `Port ${env.PORT} on ${env.HOST} is already in use. Set PORT to another port.`
        : `The web server could not start: ${error.message}`,
    );
    await db.close();
    await database.stop();
    process.exit(1);
  });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal} received, shutting down`);
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await jobs?.stop().catch(() => undefined);
    await db.close();
    await database.stop();
    logger.info("stopped");
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
}

void main();
