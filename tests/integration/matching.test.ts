/**
 * The matching engine against the real database, with hand-checked scores: every expected score is
 * written as the sum of the weights whose signals hold, so a weight change keeps the tests true and
 * a wrong signal breaks them. Person side: skill needs (exact and related skills, hometown, sector,
 * language, place, willingness), projects; LGU side: only people who show their skills publicly,
 * invitations once, by the LGU's editors, emailed in the invitee's language.
 */
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { setAdapters } from "../../app/adapters/index.server";
import { setDbClient } from "../../app/db/client.server";
import { needsFor, peopleForNeed, projectsFor } from "../../app/modules/matching/engine.server";
import { MATCH_WEIGHTS as W } from "../../app/modules/matching/weights";
import { invitePerson } from "../../app/modules/volunteering/offers.server";
import { setupTestDatabase } from "../support/db";
import { addLguRole, createLgu, createPlace, createUser } from "../support/factories";
import { capturingEmail } from "../support/org-factories";
import { createProject } from "../support/project-factories";

const db = setupTestDatabase();
const mail = capturingEmail();
type User = Awaited<ReturnType<typeof createUser>>;
let engineer: User, shy: User, nameless: User, editor: User, otherEditor: User;
let town: { id: string; slug: string; placeId: string }, elsewhere: { id: string; slug: string; placeId: string };
let related: string;
const needs: Record<string, string> = {};

const owner = <T extends Record<string, unknown>>(query: ReturnType<typeof sql>) => db().client.asService((tx) => tx.execute<T>(query)).then((rows) => [...rows]);

async function need(projectId: string, skill: string, fields: { mode?: string; language?: string; closed?: boolean; quantity?: number } = {}) {
  const [row] = await owner<{ id: string }>(sql`
    insert into project_needs (project_id, kind, description, skill, quantity, mode, language, closed_at)
    values (${projectId}, 'skill', ${JSON.stringify({ en: `Need for ${skill}` })}::jsonb, ${skill}, ${fields.quantity ?? 2}, ${fields.mode ?? "on_site"}::work_mode,
            ${fields.language ?? null}, ${fields.closed ? sql`now()` : null}) returning id`);
  return row!.id;
}

beforeAll(async () => {
  setDbClient(db().client);
  setAdapters({ email: mail.port });
  const url = db().url;
  [engineer, shy, nameless, editor, otherEditor] = (await Promise.all(["Rafael Cruz", "Shy Person", "Nameless", "Editor", "Other editor"].map((n) => createUser(url, { displayName: n })))) as [
    User,
    User,
    User,
    User,
    User,
  ];
  const townPlace = await createPlace(url, { name: "Naga" });
  town = await createLgu(url, { verificationStatus: "verified", name: "Naga City", placeId: townPlace });
  elsewhere = await createLgu(url, { verificationStatus: "verified", name: "Far Town" });
  await addLguRole(url, town.id, editor.id, "editor");
  await addLguRole(url, elsewhere.id, otherEditor.id, "editor");
  // A skill the taxonomy relates to civil engineering, whatever the data file says it is.
  const [link] = await owner<{ code: string }>(sql`select linked_code as code from skill_links where code = 'civil_engineering' and kind = 'related' order by linked_code limit 1`);
  related = link!.code;

  // The engineer: lives in the United Arab Emirates, from Naga, cares about water, speaks English, willing to volunteer; skills public.
  await owner(sql`update profiles set country_of_residence = 'AE', sectors = '{water}', languages = '{en}', preferred_locale = 'fil', willingness = '{volunteer}',
                  engagement_visibility = 'public', basics_visibility = 'public' where id = ${engineer.id}`);
  await owner(sql`insert into profile_hometowns (profile_id, place_id) values (${engineer.id}, ${town.placeId})`);
  await owner(sql`insert into member_skills (profile_id, skill_code, level, years) values (${engineer.id}, 'civil_engineering', 'expert', 12)`);
  // Same skill, but private engagement: never offered to an LGU.
  await owner(sql`insert into member_skills (profile_id, skill_code, level, years) values (${shy.id}, 'civil_engineering', 'advanced', 8)`);
  // Public skills, private name; a related skill only.
  await owner(sql`update profiles set engagement_visibility = 'public', basics_visibility = 'private' where id = ${nameless.id}`);
  await owner(sql`insert into member_skills (profile_id, skill_code, level, years) values (${nameless.id}, ${related}, 'intermediate', 3)`);

  const water = await createProject(url, town.id, { status: "fundraising", sector: "water", title: { en: "Naga water" } });
  const roads = await createProject(url, elsewhere.id, { status: "fundraising", sector: "roads", title: { es: "Caminos" } });
  needs.exact = await need(water.id, "civil_engineering", { mode: "on_site", language: "en" });
  needs.relatedRemote = await need(roads.id, related, { mode: "remote" });
  needs.hometownOther = await need(water.id, "teaching", { mode: "either" });
  needs.closed = await need(water.id, "civil_engineering", { closed: true });
  needs.unrelatedFar = await need(roads.id, "teaching", { mode: "remote" });
  // Older than the recency window, so recency does not blur the sums below.
  await owner(sql`update projects set published_at = now() - interval '90 days' where id in (${water.id}, ${roads.id})`);
});

describe("skill needs for a person", () => {
  it("ranks by the weights of the signals that hold, with each reason, and leaves out closed and unrelated needs", async () => {
    const ranked = await needsFor(engineer.claims, "en", 20);
    const byId = new Map(ranked.map((m) => [m.id, m]));
    expect(byId.has(needs.closed!)).toBe(false);
    expect(byId.has(needs.unrelatedFar!)).toBe(false);
    // Civil engineering in Naga: exact skill + hometown + water + English; on site in the Philippines' test country, not the engineer's: no place.
    expect(byId.get(needs.exact!)).toMatchObject({ score: W.skillExact + W.hometown + W.sector + W.language + W.willingness });
    expect(byId.get(needs.exact!)!.reasons.map((r) => r.code)).toEqual(["skill_exact", "hometown", "sector", "language", "willingness"]);
    expect(byId.get(needs.exact!)!.reasons[0]).toMatchObject({ code: "skill_exact", wanted: 2, mode: "on_site" });
    // A related skill far away, remote: related + place + willingness.
    expect(byId.get(needs.relatedRemote!)).toMatchObject({ score: W.skillRelated + W.place + W.willingness });
    expect(byId.get(needs.relatedRemote!)!.reasons[0]).toMatchObject({ code: "skill_related" });
    // Another skill in the hometown: hometown + water + place (either) + willingness.
    expect(byId.get(needs.hometownOther!)).toMatchObject({ score: W.hometown + W.sector + W.place + W.willingness });
    expect(ranked.map((m) => m.score)).toEqual([...ranked.map((m) => m.score)].sort((a, b) => b - a));
  });

  it("drops a need once the person offered for it", async () => {
    await owner(sql`insert into volunteer_offers (lgu_id, need_id, project_id, volunteer_id, skill, mode, message)
                    select p.lgu_id, n.id, p.id, ${engineer.id}, n.skill, 'on_site', 'I already offered for this one'
                    from project_needs n join projects p on p.id = n.project_id where n.id = ${needs.hometownOther!}`);
    expect((await needsFor(engineer.claims, "en", 20)).map((m) => m.id)).not.toContain(needs.hometownOther);
  });
});

describe("projects for a person", () => {
  it("offers hometown and sector projects with their reasons", async () => {
    const ranked = await projectsFor(engineer.claims, "en", 10);
    expect(ranked[0]).toMatchObject({ lguName: "Naga City", score: W.hometown + W.sector + W.language });
    expect(ranked[0]!.reasons.map((r) => r.code)).toEqual(["hometown", "sector", "language"]);
    expect(ranked.some((m) => m.lguName === "Far Town")).toBe(false);
  });
});

describe("people for an LGU's need", () => {
  it("lists only people who show their skills publicly, names only where public, and refuses another LGU", async () => {
    const people = await peopleForNeed(editor.claims, town.id, needs.exact!, "en");
    // The engineer (the exact skill), then the nameless member (a related skill); never the shy one.
    expect(people!.map((p) => p.profileId)).toEqual([engineer.id, nameless.id]);
    expect(people![1]).toMatchObject({ name: null, score: W.skillRelated });
    expect(people![0]).toMatchObject({ name: "Rafael Cruz", country: "AE", score: W.skillExact + W.language + W.willingness, invited: false });
    expect(people![0]!.reasons[0]).toMatchObject({ code: "has_skill", level: "expert", years: 12 });
    // The far town's remote need for the related skill: the nameless member, without a name.
    const far = await peopleForNeed(otherEditor.claims, elsewhere.id, needs.relatedRemote!, "en");
    expect(far!.find((p) => p.profileId === nameless.id)).toMatchObject({ name: null, score: W.skillExact + W.place });
    expect(far!.some((p) => p.profileId === shy.id)).toBe(false);
    // Not its need: nothing.
    expect(await peopleForNeed(otherEditor.claims, elsewhere.id, needs.exact!, "en")).toBeNull();
  });

  it("invites once, by the LGU's editors, people whose skills are public, by email in their language", async () => {
    await expect(invitePerson(otherEditor.claims, needs.exact!, engineer.id, "http://portal.test")).rejects.toMatchObject({ messageKey: "volunteer:errors.notStaff" });
    await expect(invitePerson(editor.claims, needs.exact!, shy.id, "http://portal.test")).rejects.toMatchObject({ messageKey: "volunteer:errors.notInvitable" });
    await expect(invitePerson(editor.claims, needs.closed!, engineer.id, "http://portal.test")).rejects.toMatchObject({ messageKey: "volunteer:errors.needClosed" });
    await invitePerson(editor.claims, needs.exact!, engineer.id, "http://portal.test");
    await expect(invitePerson(editor.claims, needs.exact!, engineer.id, "http://portal.test")).rejects.toMatchObject({ messageKey: "volunteer:errors.alreadyInvited" });
    const sent = mail.sent.filter((m) => m.template === "volunteer-invited");
    expect(sent.map((m) => m.to)).toEqual([engineer.email]);
    expect(sent[0]!.subject).toBe("Humihingi ng tulong ang Naga City");
    expect(sent[0]!.text).toContain(`/volunteer/needs/${needs.exact}`);
    expect((await peopleForNeed(editor.claims, town.id, needs.exact!, "en"))![0]).toMatchObject({ invited: true });
    expect(await owner(sql`select count(*)::int as n from audit_log where subject_table = 'volunteer_invitations'`)).toEqual([{ n: 1 }]);
    // The invitee sees their invitation; another member does not.
    const seen = (who: User) => db().client.withRls(who.claims, (tx) => tx.execute(sql`select 1 from volunteer_invitations`)).then((r) => r.length);
    expect([await seen(engineer), await seen(shy)]).toEqual([1, 0]);
  });
});
