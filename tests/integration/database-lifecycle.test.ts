import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { describe, expect, it } from "vitest";
import { DatabaseStartError, startEmbeddedPostgres } from "../../app/db/embedded-postgres.server";
import { migrateDatabase } from "../../app/db/migrate.server";
import { demoProjects } from "../../app/db/seed-projects.server";
import { demoLgus, demoMembers, demoPlaces, seedDemo } from "../../app/db/seed.server";
import { setupTestDatabase } from "../support/db";

const db = setupTestDatabase();

describe("migrations", () => {
  it("are already applied on the template clone, and running them again changes nothing", async () => {
    const result = await migrateDatabase(db().url);
    expect(result).toEqual({ fresh: false, supabase: false });
    const [{ n } = { n: 0 }] = await db().client.sql<{ n: number }[]>`select count(*)::int as n from drizzle.__drizzle_migrations`;
    expect(n).toBeGreaterThanOrEqual(1);
  });

  it("the bootstrap created Supabase's roles and auth functions", async () => {
    const roles = await db().client.sql<{ rolname: string; rolbypassrls: boolean }[]>`
      select rolname, rolbypassrls from pg_roles where rolname in ('anon', 'authenticated', 'service_role') order by rolname`;
    expect(roles).toEqual([
      { rolname: "anon", rolbypassrls: false },
      { rolname: "authenticated", rolbypassrls: false },
      { rolname: "service_role", rolbypassrls: true },
    ]);
    const fns = await db().client.sql<{ proname: string }[]>`
      select proname from pg_proc p join pg_namespace n on n.oid = p.pronamespace where n.nspname = 'auth' order by proname`;
    expect(fns.map((f) => f.proname)).toEqual(["jwt", "role", "uid"]);
  });
});

describe("demo seed", () => {
  it("loads the demo data and is idempotent", async () => {
    const count = async () => {
      const [row] = await db().client.sql<{ places: number; lgus: number; profiles: number; users: number; projects: number; lines: number; spending: number }[]>`
        select (select count(*)::int from places) as places, (select count(*)::int from lgus) as lgus,
               (select count(*)::int from profiles) as profiles, (select count(*)::int from auth.users) as users,
               (select count(*)::int from projects) as projects, (select count(*)::int from project_budget_lines) as lines,
               (select count(*)::int from spending_reports) as spending`;
      return row;
    };
    await seedDemo(db().url);
    const first = await count();
    expect(first).toEqual({
      places: demoPlaces.length,
      lgus: demoLgus.length,
      profiles: demoMembers.length,
      users: demoMembers.length,
      projects: demoProjects.length,
      lines: demoProjects.reduce((n, p) => n + p.budget.length, 0),
      spending: demoProjects.reduce((n, p) => n + (p.spending?.length ?? 0), 0),
    });
    await seedDemo(db().url);
    expect(await count()).toEqual(first);
  });

  it("keeps every place in its parent's country", async () => {
    await seedDemo(db().url);
    const mismatched = await db().client.sql`
      select c.name from places c join places p on p.id = c.parent_id where c.country_code <> p.country_code`;
    expect(mismatched).toHaveLength(0);
  });
});

describe("embedded PostgreSQL start-up failures are explained", () => {
  it("a data folder from another PostgreSQL version", async () => {
    const dir = path.join(mkdtempSync(path.join(os.tmpdir(), "tulay-pgver-")), "pg");
    mkdirSync(dir);
    writeFileSync(path.join(dir, "PG_VERSION"), "15\n");
    const error = await startEmbeddedPostgres({ dataDir: dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseStartError);
    expect((error as Error).message).toMatch(/made by PostgreSQL 15.*PostgreSQL 17/);
  });

  it("a port that is already taken", async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const dir = path.join(mkdtempSync(path.join(os.tmpdir(), "tulay-pgport-")), "pg");
      const error = await startEmbeddedPostgres({ dataDir: dir, port }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DatabaseStartError);
      expect((error as Error).message).toContain(`Port ${port}`);
    } finally {
      blocker.close();
    }
  });

  it("the template database really is PostgreSQL 17", async () => {
    const sql = postgres(db().url, { max: 1 });
    const [row] = await sql<{ v: string }[]>`select current_setting('server_version') as v`;
    await sql.end();
    expect(row?.v).toMatch(/^17\./);
  });
});

describe("updated_at", () => {
  it("is set by the database on every update", async () => {
    await seedDemo(db().url);
    const { client } = db();
    await client.sql`update lgus set updated_at = '2020-01-01' where slug = 'naga-city'`;
    const [row] = await client.sql<{ updated_at: string }[]>`select updated_at::text from lgus where slug = 'naga-city'`;
    expect(new Date(row!.updated_at).getTime()).toBeGreaterThan(new Date("2025-01-01").getTime());
  });
});
