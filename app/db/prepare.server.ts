/**
 * Start-up of the database, the same for the server and the scripts: use DATABASE_URL when set,
 * otherwise start the embedded PostgreSQL; then migrate, and seed the demo data on a new database.
 */
import path from "node:path";
import type { Env } from "~/config/env.server";
import { startEmbeddedPostgres } from "./embedded-postgres.server";
import { migrateDatabase } from "./migrate.server";
import { projectRoot } from "./paths.server";
import { seedDemo } from "./seed.server";

export interface PreparedDatabase {
  url: string;
  embedded: boolean;
  seeded: boolean;
  stop: () => Promise<void>;
}

type Log = (message: string, extra?: Record<string, unknown>) => void;

export async function prepareDatabase(env: Env, log: Log): Promise<PreparedDatabase> {
  let url = env.DATABASE_URL;
  let stop = async () => {};
  const embedded = !url;
  if (!url) {
    const dataDir = path.resolve(projectRoot(), env.EMBEDDED_PG_DIR);
    log("starting the embedded PostgreSQL", { dataDir });
    const pg = await startEmbeddedPostgres({ dataDir, port: env.EMBEDDED_PG_PORT });
    url = pg.url;
    stop = pg.stop;
    log("embedded PostgreSQL is ready", { port: pg.port, created: pg.created });
  }
  try {
    const migrated = await migrateDatabase(url);
    log("database migrated", { fresh: migrated.fresh, supabase: migrated.supabase });
    // Seed a new database by default on the embedded default; SEED_DEMO forces it on or off.
    const shouldSeed = env.SEED_DEMO ?? (embedded && migrated.fresh);
    if (shouldSeed) {
      const counts = await seedDemo(url, { accounts: embedded });
      log("demo data loaded", counts);
    }
    return { url, embedded, seeded: shouldSeed, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
