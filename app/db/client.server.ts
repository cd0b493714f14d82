/**
 * The one way the app reaches Postgres. Every request's queries run through `withRls`, inside a
 * transaction that carries the caller's JWT claims and role, so row-level security — not only app
 * code — decides what each caller sees (docs/decisions/0003-rls-through-withrls.md).
 * `asService` runs as service_role (RLS bypassed) and is for webhooks, jobs and admin tasks only.
 */
import { sql } from "drizzle-orm";
import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "./schema";

export type Database = PostgresJsDatabase<typeof schema>;
export type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];

/** The claims Supabase Auth puts in a JWT, as far as our policies read them. */
export interface JwtClaims {
  sub: string;
  role: "authenticated";
  email?: string;
  [claim: string]: unknown;
}

export interface DbClient {
  db: Database;
  sql: postgres.Sql;
  withRls<T>(claims: JwtClaims | null, fn: (tx: Tx) => Promise<T>): Promise<T>;
  asService<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function createDbClient(url: string, options: { max?: number } = {}): DbClient {
  const client = postgres(url, { max: options.max ?? 10, onnotice: () => {}, idle_timeout: 30 });
  const db = drizzle(client, { schema });

  async function inRole<T>(role: "anon" | "authenticated" | "service_role", claims: object, fn: (tx: Tx) => Promise<T>) {
    return db.transaction(async (tx) => {
      // `true` = local to this transaction: claims and role end with it, so a pooled connection
      // never carries one request's identity into the next.
      await tx.execute(sql`select set_config('request.jwt.claims', ${JSON.stringify(claims)}, true)`);
      await tx.execute(sql.raw(`set local role ${role}`));
      return fn(tx);
    });
  }

  return {
    db,
    sql: client,
    async withRls(claims, fn) {
      if (!claims) return inRole("anon", { role: "anon" }, fn);
      if (!UUID.test(claims.sub)) throw new Error("withRls: claims.sub must be a user id (uuid)");
      return inRole("authenticated", { ...claims, role: "authenticated" }, fn);
    },
    asService(fn) {
      return inRole("service_role", { role: "service_role" }, fn);
    },
    async ping() {
      const rows = await client`select 1 as ok`;
      return rows[0]?.ok === 1;
    },
    close: () => client.end({ timeout: 5 }),
  };
}

// One client per process (kept on globalThis so `remix dev` rebuilds do not leak pools).
const globalForDb = globalThis as typeof globalThis & { __tulayDb?: DbClient };

export function setDbClient(client: DbClient) {
  globalForDb.__tulayDb = client;
}

export function getDbClient(): DbClient {
  if (!globalForDb.__tulayDb) {
    throw new Error("The database client is not set up: the server entry must call setDbClient() at start-up.");
  }
  return globalForDb.__tulayDb;
}

export const withRls: DbClient["withRls"] = (claims, fn) => getDbClient().withRls(claims, fn);
export const asService: DbClient["asService"] = (fn) => getDbClient().asService(fn);
