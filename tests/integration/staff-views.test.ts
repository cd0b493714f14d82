import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { AuthSession } from "../../app/adapters/auth/port";
import { diasporaSummary } from "../../app/modules/insights/diaspora.server";
import { setDbClient } from "../../app/db/client.server";
import { setupTestDatabase } from "../support/db";
import { addLguRole, createLgu, createUser, databaseError } from "../support/factories";

const db = setupTestDatabase();

type Visibility = "private" | "lgu_aggregate" | "public";
async function member(placeId: string, country: string, opts: { basics?: Visibility; engagement?: Visibility; willingness?: string[] } = {}) {
  const user = await createUser(db().url);
  await db().client.sql`
    update profiles set country_of_residence = ${country}, basics_visibility = ${opts.basics ?? "lgu_aggregate"},
      engagement_visibility = ${opts.engagement ?? "private"}, willingness = ${opts.willingness ?? []}
    where id = ${user.id}`;
  await db().client.sql`insert into profile_hometowns (profile_id, place_id) values (${user.id}, ${placeId})`;
  await db().client.sql`insert into profile_sensitive (profile_id, migration_status) values (${user.id}, 'temporary_worker')`;
  return user;
}
const session = (user: { id: string; email: string; claims: AuthSession["claims"] }): AuthSession => ({
  user: { id: user.id, email: user.email, emailConfirmed: true },
  claims: user.claims,
});

describe("the diaspora summary an LGU's staff see", () => {
  let lgu: { id: string; placeId: string };
  let staff: Awaited<ReturnType<typeof createUser>>;
  beforeAll(async () => {
    setDbClient(db().client);
    staff = await createUser(db().url);
    lgu = await createLgu(db().url, { createdBy: staff.id, verificationStatus: "verified" });
    // 6 in the UAE who share as aggregates, 4 in Italy (under 5: hidden), 3 in the UAE who keep
    // everything private (not counted), 5 willing to volunteer who share engagement.
    for (let i = 0; i < 6; i++) await member(lgu.placeId, "AE", { engagement: "lgu_aggregate", willingness: i < 5 ? ["volunteer"] : ["donate"] });
    for (let i = 0; i < 4; i++) await member(lgu.placeId, "IT");
    for (let i = 0; i < 3; i++) await member(lgu.placeId, "AE", { basics: "private", engagement: "private", willingness: ["donate"] });
  });

  it("counts only shared groups, and only groups of 5 or more", async () => {
    const cells = await diasporaSummary(session(staff), lgu.id);
    expect(cells).toEqual([
      { dimension: "country", value: "AE", members: 6 },
      { dimension: "willingness", value: "volunteer", members: 5 },
    ]);
  });

  it("a hometown in a town under the LGU's place counts for the LGU", async () => {
    const [child] = await db().client.sql<{ id: string }[]>`
      insert into places (parent_id, kind, name, country_code) values (${lgu.placeId}, 'municipality', 'Barangay Uno', 'TL') returning id`;
    for (let i = 0; i < 5; i++) await member(child!.id, "JP");
    const cells = await diasporaSummary(session(staff), lgu.id);
    expect(cells).toContainEqual({ dimension: "country", value: "JP", members: 5 });
  });

  it("is refused to members who are not staff of this LGU, and to anonymous callers", async () => {
    const outsider = await createUser(db().url);
    const otherLguStaff = await createUser(db().url);
    await createLgu(db().url, { createdBy: otherLguStaff.id });
    for (const claims of [outsider.claims, otherLguStaff.claims]) {
      const error = await databaseError(
        db().client.withRls(claims, (tx) => tx.execute(sql`select * from public.lgu_diaspora_summary(${lgu.id}::uuid)`)),
      );
      expect(error).toMatch(/only staff of this LGU/);
    }
    const anon = await databaseError(db().client.withRls(null, (tx) => tx.execute(sql`select * from public.lgu_diaspora_summary(${lgu.id}::uuid)`)));
    expect(anon).toMatch(/permission denied/);
    // Any staff role may see it, not only admins.
    const editor = await createUser(db().url);
    await addLguRole(db().url, lgu.id, editor.id, "editor");
    expect((await diasporaSummary(session(editor), lgu.id)).length).toBeGreaterThan(0);
  });
});

describe("visible_display_names", () => {
  it("names colleagues and people in readable audit entries, never strangers, and nothing for anonymous callers", async () => {
    const { displayNamesOf } = await import("../../app/modules/organisations/people.server");
    const admin = await createUser(db().url, { displayName: "Admin Ana" });
    const colleague = await createUser(db().url, { displayName: "Colleague Carlo" });
    const stranger = await createUser(db().url, { displayName: "Stranger Sol" });
    const town = await createLgu(db().url, { createdBy: admin.id });
    await addLguRole(db().url, town.id, colleague.id, "treasurer");
    const names = await displayNamesOf(admin.claims, [admin.id, colleague.id, stranger.id]);
    expect([...names.entries()].sort()).toEqual([[admin.id, "Admin Ana"], [colleague.id, "Colleague Carlo"]].sort());
    // The stranger's name appears once they make their basics public.
    await db().client.sql`update profiles set basics_visibility = 'public' where id = ${stranger.id}`;
    expect((await displayNamesOf(admin.claims, [stranger.id])).get(stranger.id)).toBe("Stranger Sol");
    // The colleague sees the admin; a member of no LGU sees only themself.
    const outsider = await createUser(db().url, { displayName: "Outsider Oli" });
    expect([...(await displayNamesOf(outsider.claims, [admin.id, colleague.id, outsider.id])).values()]).toEqual(["Outsider Oli"]);
    const anon = await databaseError(db().client.withRls(null, (tx) => tx.execute(sql`select * from public.visible_display_names(array[${admin.id}]::uuid[])`)));
    expect(anon).toMatch(/permission denied/);
  });
});

describe("app_private.lgu_may_raise_funds", () => {
  it("is true only for verified LGUs, whoever asks", async () => {
    const owner = await createUser(db().url);
    const cases = await Promise.all(
      (["unverified", "pending", "verified", "rejected", "suspended"] as const).map(async (status) => ({
        status,
        lgu: await createLgu(db().url, { createdBy: owner.id, verificationStatus: status }),
      })),
    );
    for (const claims of [null, owner.claims]) {
      const answers = await db().client.withRls(claims, async (tx) => {
        const out: Record<string, boolean> = {};
        for (const c of cases) {
          const [row] = await tx.execute<{ ok: boolean }>(sql`select app_private.lgu_may_raise_funds(${c.lgu.id}::uuid) as ok`);
          out[c.status] = row!.ok;
        }
        return out;
      });
      expect(answers).toEqual({ unverified: false, pending: false, verified: true, rejected: false, suspended: false });
    }
  });
});
