/**
 * The one way the app reaches Postgres. Every request's queries run through `withRls`, inside a
 * transaction that carries the caller's JWT claims and role, so row-level security — not only app
 * code — decides what each caller sees (docs/decisions/0003-rls-through-withrls.md).
 * `asService` runs as service_role (RLS bypassed) and is for webhooks, jobs and admin tasks only.
 */
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

/**
 * The postgres.js client as drizzle should use it: with its statements prepared. Drizzle sends every
 * query through `unsafe(query, params)`, which postgres.js runs unprepared unless told otherwise
 * (drizzle-orm issue 6096), and an unprepared statement with parameters costs two round trips
 * (Parse/Describe, then Bind/Execute) and stops postgres.js from sending the statements issued
 * after it in the same round trip. Prepared (named, per connection), it costs one after its first
 * use, and statements issued together travel together. Transactions and savepoints hand drizzle new
 * clients, which get the same treatment.
 */
function preparing<T extends postgres.Sql | postgres.TransactionSql>(client: T): T {
  return new Proxy(client, {
    get(target, property) {
      if (property === "unsafe") {
        const unsafe = target.unsafe as (...args: unknown[]) => unknown;
        return (...args: unknown[]) => {
          const [query, parameters, options] = args;
          return Array.isArray(parameters) && parameters.length > 0
            ? unsafe(query, parameters, { prepare: true, ...(options as object | undefined) })
            : unsafe(...args);
        };
      }
      if (property === "begin" || property === "savepoint") {
        const open = Reflect.get(target, property) as (...args: unknown[]) => Promise<unknown>;
        return (...args: unknown[]) => {
          const fn = args.pop() as (inner: postgres.TransactionSql) => unknown;
          return open(...args, (inner: postgres.TransactionSql) => fn(preparing(inner)));
        };
      }
      return Reflect.get(target, property);
    },
  });
}

/** The postgres.js client of a drizzle transaction (the statements sent on its connection). */
function transactionClient(tx: Tx): postgres.TransactionSql {
  const client = (tx as unknown as { session?: { client?: postgres.TransactionSql } }).session?.client;
  if (typeof client !== "function") throw new Error("withRls: drizzle's transaction no longer exposes its postgres.js client");
  return client;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function createDbClient(url: string, options: { max?: number } = {}): DbClient {
  const client = postgres(url, { max: options.max ?? 10, onnotice: () => {}, idle_timeout: 30 });
  const db = drizzle(preparing(client), { schema });

  async function inRole<T>(role: "anon" | "authenticated" | "service_role", claims: object, fn: (tx: Tx) => Promise<T>) {
    return db.transaction(async (tx) => {
      // The claims and the role in one statement (`set_config('role', …)` is `set role`). `true` =
      // local to this transaction: they end with it, so a pooled connection never carries one
      // request's identity into the next.
      //
      // It is not waited for on its own: it goes to the server in the same round trip as fn's first
      // query, which saves a round trip per request. That is safe because postgres.js sends a
      // transaction's statements over its one connection in the order they were issued, and the
      // server runs them in that order: the settings are in force before any statement of fn, and if
      // they failed the transaction is aborted, so every later statement fails too. The tick below
      // lets postgres.js hand the statement to the connection (it does so one microtask after it is
      // started) before fn runs. tests/integration/rls.test.ts checks that fn's first statements run
      // as the role.
      const settings = transactionClient(tx)`
        select set_config('request.jwt.claims', ${JSON.stringify(claims)}, true), set_config('role', ${role}, true)`.execute();
      await Promise.resolve();
      const result = await fn(tx);
      // Reports a failure of the settings if fn did not already fail on it.
      await settings;
      return result;
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
