/**
 * Brings a database up to date: the Supabase stand-in (bootstrap.sql) where the database is not
 * Supabase, then the drizzle migrations from supabase/migrations. Safe to run on every start.
 */
import { readFile } from "node:fs/promises";
import { drizzle } from "drizzle-orm/postgres-js";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { bootstrapFile, migrationsFolder } from "./paths.server";

export interface MigrateResult {
  /** No migration had ever been applied: a new database, which gets the demo seed by default. */
  fresh: boolean;
  supabase: boolean;
}

export async function isSupabase(sql: postgres.Sql): Promise<boolean> {
  const rows = await sql`select exists (select 1 from pg_roles where rolname = 'supabase_admin') as supabase`;
  return Boolean(rows[0]?.supabase);
}

export async function migrateDatabase(url: string): Promise<MigrateResult> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [{ applied } = { applied: false }] = await sql<{ applied: boolean }[]>`
      select exists (select 1 from information_schema.tables
        where table_schema = 'drizzle' and table_name = '__drizzle_migrations') as applied`;
    const supabase = await isSupabase(sql);
    if (!supabase) {
      await sql.unsafe(await readFile(bootstrapFile(), "utf8"));
    }
    await migrate(drizzle(sql), { migrationsFolder: migrationsFolder() });
    return { fresh: !applied, supabase };
  } finally {
    await sql.end({ timeout: 5 });
  }
}
