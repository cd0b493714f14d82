import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { lgus, places, profiles } from "../../app/db/schema";
import { seedDemo } from "../../app/db/seed.server";
import { setupTestDatabase } from "../support/db";
import { createUser, databaseError } from "../support/factories";

const db = setupTestDatabase();

describe("row-level security everywhere", () => {
  it("every table in public has RLS enabled and at least one policy", async () => {
    const rows = await db().client.sql<{ table: string; rls: boolean; policies: number }[]>`
      select c.relname as table, c.relrowsecurity as rls,
             (select count(*)::int from pg_policies p where p.schemaname = 'public' and p.tablename = c.relname) as policies
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind in ('r', 'p')
      order by c.relname`;
    expect(rows.map((r) => r.table)).toEqual(expect.arrayContaining(["lgus", "places", "profiles"]));
    const offenders = rows.filter((r) => !r.rls || r.policies === 0).map((r) => r.table);
    expect(offenders, `tables without RLS or without a policy: ${offenders.join(", ")}`).toEqual([]);
  });

  it("detects a table that lacks RLS (the check above is not vacuous)", async () => {
    const { client } = db();
    await client.sql`create table public.rls_probe (id int)`;
    try {
      const [row] = await client.sql<{ rls: boolean }[]>`select relrowsecurity as rls from pg_class where relname = 'rls_probe'`;
      expect(row?.rls).toBe(false);
    } finally {
      await client.sql`drop table public.rls_probe`;
    }
  });
});

describe("withRls", () => {
  it("exposes the caller's id through auth.uid() and the role through auth.role()", async () => {
    const user = await createUser(db().url);
    const seen = await db().client.withRls(user.claims, async (tx) => {
      const [row] = await tx.execute<{ uid: string; role: string; current: string }>(
        sql`select auth.uid()::text as uid, auth.role() as role, current_user as current`,
      );
      return row;
    });
    expect(seen).toEqual({ uid: user.id, role: "authenticated", current: "authenticated" });

    const anon = await db().client.withRls(null, async (tx) => {
      const [row] = await tx.execute<{ uid: string | null; current: string }>(sql`select auth.uid() as uid, current_user as current`);
      return row;
    });
    expect(anon).toEqual({ uid: null, current: "anon" });
  });

  it("runs every statement of the callback as the caller, also those sent at once with the settings", async () => {
    // The claims and role travel in the same round trip as the callback's first statements (withRls
    // does not wait for them): statements issued at once, raw or through drizzle, on a fresh
    // connection (statements not yet prepared) and again on a used one, all run as the caller.
    const { createDbClient } = await import("../../app/db/client.server");
    const single = createDbClient(db().url, { max: 1 });
    try {
      const user = await createUser(db().url);
      for (let round = 0; round < 2; round++) {
        const seen = await single.withRls(user.claims, (tx) =>
          Promise.all([
            tx.execute<{ current: string; uid: string }>(sql`select current_user as current, auth.uid()::text as uid`),
            tx.select({ id: profiles.id }).from(profiles).where(eq(profiles.id, user.id)),
            tx.execute<{ current: string }>(sql`select current_user as current where ${user.id}::uuid is not null`),
          ]),
        );
        expect(seen[0][0]).toEqual({ current: "authenticated", uid: user.id });
        expect(seen[1]).toEqual([{ id: user.id }]);
        expect(seen[2][0]).toEqual({ current: "authenticated" });
        const anon = await single.withRls(null, (tx) =>
          Promise.all([tx.execute<{ current: string }>(sql`select current_user as current`), tx.select({ id: profiles.id }).from(profiles)]),
        );
        expect(anon[0][0]).toEqual({ current: "anon" });
        expect(anon[1]).toEqual([]);
      }
    } finally {
      await single.close();
    }
  });

  it("keeps savepoints working, and a failed savepoint does not end the caller's role", async () => {
    const user = await createUser(db().url);
    const seen = await db().client.withRls(user.claims, async (tx) => {
      await expect(tx.transaction(async (savepoint) => savepoint.execute(sql`select 1 / ${0}::int`))).rejects.toThrow();
      const inner = await tx.transaction((savepoint) => savepoint.execute<{ current: string }>(sql`select current_user as current where ${1}::int = 1`));
      const [after] = await tx.execute<{ current: string }>(sql`select current_user as current`);
      return { inner: inner[0]?.current, after: after?.current };
    });
    expect(seen).toEqual({ inner: "authenticated", after: "authenticated" });
  });

  it("does not leak claims or role to the next transaction on the same connection", async () => {
    const { createDbClient } = await import("../../app/db/client.server");
    const single = createDbClient(db().url, { max: 1 });
    try {
      const user = await createUser(db().url);
      await single.withRls(user.claims, async () => undefined);
      const [after] = await single.sql<{ uid: string | null; current: string }[]>`select auth.uid() as uid, current_user as current`;
      expect(after?.uid).toBeNull();
      expect(after?.current).toBe("postgres");
    } finally {
      await single.close();
    }
  });

  it("rolls back everything when the callback throws", async () => {
    await expect(
      db().client.asService(async (tx) => {
        await tx.insert(places).values({ kind: "country", name: "Rollbackistan", countryCode: "RB" });
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    const rows = await db().client.db.select().from(places).where(eq(places.name, "Rollbackistan"));
    expect(rows).toHaveLength(0);
  });

  it("refuses claims without a user id", async () => {
    expect(await databaseError(
      db().client.withRls({ sub: "not-a-uuid", role: "authenticated" }, async () => 1),
    )).toMatch(/uuid/);
  });
});

describe("policies, tested with the wrong user", () => {
  beforeAll(async () => {
    await seedDemo(db().url);
  });

  it("places are public", async () => {
    const rows = await db().client.withRls(null, (tx) => tx.select().from(places));
    expect(rows.length).toBeGreaterThanOrEqual(19);
  });

  it("the public sees verified LGUs only; service_role sees all", async () => {
    const publicSlugs = (await db().client.withRls(null, (tx) => tx.select({ slug: lgus.slug }).from(lgus))).map((r) => r.slug);
    expect(publicSlugs).toContain("naga-city");
    expect(publicSlugs).not.toContain("diourbel");
    const user = await createUser(db().url);
    const memberSlugs = (await db().client.withRls(user.claims, (tx) => tx.select({ slug: lgus.slug }).from(lgus))).map((r) => r.slug);
    expect(memberSlugs).not.toContain("diourbel");
    const all = (await db().client.asService((tx) => tx.select({ slug: lgus.slug }).from(lgus))).map((r) => r.slug);
    expect(all).toContain("diourbel");
  });

  it("anonymous and signed-in callers cannot write LGUs or places", async () => {
    const [naga] = await db().client.asService((tx) => tx.select().from(lgus).where(eq(lgus.slug, "naga-city")));
    expect(await databaseError(
      db().client.withRls(null, (tx) => tx.insert(lgus).values({ placeId: naga!.placeId, name: "Fake", slug: "fake" })),
    )).toMatch(/row-level security/);
    const user = await createUser(db().url);
    const updated = await db().client.withRls(user.claims, (tx) =>
      tx.update(lgus).set({ name: "Hijacked" }).where(eq(lgus.slug, "naga-city")).returning(),
    );
    expect(updated).toHaveLength(0);
    expect(await databaseError(
      db().client.withRls(user.claims, (tx) => tx.insert(places).values({ kind: "country", name: "Nowhere", countryCode: "NW" })),
    )).toMatch(/row-level security/);
  });

  it("a member reads and updates only their own profile", async () => {
    const alice = await createUser(db().url, { displayName: "Alice" });
    const bob = await createUser(db().url, { displayName: "Bob" });

    const aliceSees = await db().client.withRls(alice.claims, (tx) => tx.select({ id: profiles.id }).from(profiles));
    expect(aliceSees.map((p) => p.id)).toEqual([alice.id]);

    const changedBob = await db().client.withRls(alice.claims, (tx) =>
      tx.update(profiles).set({ displayName: "Owned" }).where(eq(profiles.id, bob.id)).returning(),
    );
    expect(changedBob).toHaveLength(0);
    const [bobRow] = await db().client.asService((tx) => tx.select().from(profiles).where(eq(profiles.id, bob.id)));
    expect(bobRow?.displayName).toBe("Bob");

    const changedOwn = await db().client.withRls(alice.claims, (tx) =>
      tx.update(profiles).set({ city: "Dubai" }).where(eq(profiles.id, alice.id)).returning(),
    );
    expect(changedOwn).toHaveLength(1);

    // Moving one's own profile onto someone else's id is refused by WITH CHECK.
    expect(
      await databaseError(
        db().client.withRls(alice.claims, (tx) => tx.update(profiles).set({ id: bob.id }).where(eq(profiles.id, alice.id))),
      ),
    ).toMatch(/row-level security|duplicate key/);
  });

  it("nobody can create a profile for someone else, and the public sees no profiles", async () => {
    const alice = await createUser(db().url);
    const stranger = crypto.randomUUID();
    await db().client.asService((tx) =>
      tx.execute(sql`insert into auth.users (id, email) values (${stranger}::uuid, ${`${stranger}@example.test`})`),
    );
    expect(
      await databaseError(
        db().client.withRls(alice.claims, (tx) => tx.insert(profiles).values({ id: stranger, displayName: "Impostor" })),
      ),
    ).toMatch(/row-level security/);
    const anonSees = await db().client.withRls(null, (tx) => tx.select().from(profiles));
    expect(anonSees).toHaveLength(0);
  });

  it("signed-in members cannot read auth.users", async () => {
    const alice = await createUser(db().url);
    expect(await databaseError(db().client.withRls(alice.claims, (tx) => tx.execute(sql`select email from auth.users`)))).toMatch(
      /permission denied/,
    );
  });
});
