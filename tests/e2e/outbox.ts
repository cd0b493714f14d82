/**
 * The e2e server runs in production mode, where the dev mailbox page is refused; tests read the
 * outbox table of the e2e database directly instead (its port is in the data folder's
 * postmaster.pid, line 4). This is the test's own window onto the outbox, not a portal feature.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";

/** The e2e database as its owner (the port is in postmaster.pid). */
export function e2eDatabaseUrl(): string {
  const pid = readFileSync(path.resolve(".data/e2e-postgres/postmaster.pid"), "utf8").split("\n");
  return `postgres://postgres:postgres@127.0.0.1:${pid[3]?.trim()}/postgres`;
}

/** Runs SQL against the e2e database as its owner (arranging data the UI cannot, e.g. reading mail). */
export async function withE2eDatabase<T>(fn: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(e2eDatabaseUrl(), { max: 1, onnotice: () => {} });
  try {
    return await fn(sql);
  } finally {
    await sql.end();
  }
}

/** The first link in the newest email to `to` whose template matches, waiting briefly for it. */
export async function latestEmailLink(to: string, template: string): Promise<string> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const rows = await withE2eDatabase(
      (sql) => sql<{ body: string }[]>`
        select body_text as body from email_outbox where to_address = ${to.toLowerCase()} and template = ${template}
        order by created_at desc limit 1`,
    );
    const link = rows[0]?.body.match(/https?:\/\/\S+/)?.[0];
    if (link) return link;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no ${template} email to ${to} in the outbox`);
}
