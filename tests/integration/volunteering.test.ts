/**
 * Volunteering against the real database: offers to a skill need and to an LGU, the LGU's accept
 * (with dates, within the people asked for), decline (with a reason), done (with hours), thanks
 * from both sides, withdrawing; every refusal named and nothing changed; who sees which offer;
 * the project's public hours and thank-yous (names only where the profile shows them); the
 * emails to both sides; and the pages (the open needs, the offer form, the LGU's queue).
 */
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { setAdapters } from "../../app/adapters/index.server";
import { setDbClient, type JwtClaims } from "../../app/db/client.server";
import { actOnOffer, lguOffers, myOffers, offerHelp, openNeeds, projectVolunteering, withdrawOffer, leaveTestimonial, type OfferInput } from "../../app/modules/volunteering/offers.server";
import * as needPage from "../../app/routes/volunteer.needs.$id";
import * as volunteerPage from "../../app/routes/volunteer._index";
import * as officePage from "../../app/routes/manage.$lgu.volunteers";
import { setupTestDatabase } from "../support/db";
import { addLguRole, createLgu, createUser } from "../support/factories";
import { capturingEmail } from "../support/org-factories";
import { createProject } from "../support/project-factories";
import { answer, context, post, routeCalls, url } from "../support/route-calls";

const db = setupTestDatabase();
const mail = capturingEmail();
const calls = routeCalls(db);
type User = Awaited<ReturnType<typeof createUser>>;
let editor: User, admin: User, treasurer: User, otherEditor: User, ana: User, ben: User, cruz: User;
let lgu: { id: string; slug: string }, unverified: { id: string };
let project: { id: string; slug: string };
let need: string, remoteNeed: string, closedNeed: string;
const SITE = "http://portal.test";

const owner = <T extends Record<string, unknown>>(query: ReturnType<typeof sql>) => db().client.asService((tx) => tx.execute<T>(query)).then((rows) => [...rows]);
const offer = (who: User, fields: Partial<OfferInput>) =>
  offerHelp(who.claims, { needId: need, lguId: null, skill: null, mode: "on_site", availableFrom: null, availableUntil: null, message: "Civil engineer, 12 years on reservoirs.", ...fields }, SITE);
const statusOf = async (id: string) => (await owner<{ status: string }>(sql`select status from volunteer_offers where id = ${id}`))[0]?.status;
const fulfilled = async (id: string) => (await owner<{ fulfilled: number }>(sql`select fulfilled from project_needs where id = ${id}`))[0]!.fulfilled;
const addNeed = async (fields: string) =>
  (await owner<{ id: string }>(sql.raw(`insert into project_needs (project_id, kind, description, skill, ${fields.split("|")[0]}) values ('${project.id}', 'skill', '{"en":"Need"}', 'engineering', ${fields.split("|")[1]}) returning id`)))[0]!.id;

beforeAll(async () => {
  setDbClient(db().client);
  setAdapters({ email: mail.port });
  const url_ = db().url;
  [editor, admin, treasurer, otherEditor, ana, ben, cruz] = (await Promise.all(
    ["editor", "admin", "treasurer", "other", "Ana Cruz", "Ben Reyes", "Cruz Santos"].map((name) => createUser(url_, { displayName: name })),
  )) as User[] as [User, User, User, User, User, User, User];
  lgu = await createLgu(url_, { createdBy: admin.id, verificationStatus: "verified", name: "Naga City" });
  unverified = await createLgu(url_, { verificationStatus: "unverified" });
  await addLguRole(url_, lgu.id, editor.id, "editor");
  await addLguRole(url_, lgu.id, treasurer.id, "treasurer");
  const other = await createLgu(url_, { createdBy: otherEditor.id, verificationStatus: "verified" });
  await addLguRole(url_, other.id, otherEditor.id, "editor");
  await owner(sql`update profiles set preferred_locale = 'fil', basics_visibility = 'public' where id = ${ana.id}`);
  const created = await createProject(url_, lgu.id, { status: "fundraising", createdBy: editor.id });
  project = { id: created.id, slug: created.slug };
  need = await addNeed("quantity, mode, starts_on, ends_on, expert_mission|1, 'on_site', '2099-03-01', '2099-04-15', true");
  remoteNeed = await addNeed("quantity, mode|3, 'remote'");
  closedNeed = await addNeed("quantity, mode, closed_at|2, 'either', now()");
});

describe("offering help", () => {
  it("takes an offer to an open need, once per person, where the way of working fits", async () => {
    const id = await offer(ana, {});
    expect(await statusOf(id)).toBe("offered");
    await expect(offer(ana, { mode: "either" })).rejects.toMatchObject({ messageKey: "volunteer:errors.alreadyOffered" });
    await expect(offer(ben, { mode: "remote" })).rejects.toMatchObject({ field: "mode", messageKey: "volunteer:errors.modeMismatch" });
    await expect(offer(ben, { needId: closedNeed })).rejects.toMatchObject({ messageKey: "volunteer:errors.needClosed" });
    await expect(offer(ben, { message: "short" })).rejects.toMatchObject({ field: "message" });
    await expect(offer(ben, { availableFrom: "2099-05-01", availableUntil: "2099-04-01" })).rejects.toMatchObject({ field: "availableUntil" });
    await expect(offer(ben, { needId: crypto.randomUUID() })).rejects.toMatchObject({ messageKey: "volunteer:errors.needNotFound" });
    expect(await owner(sql`select count(*)::int as n from volunteer_offers where volunteer_id = ${ben.id}`)).toEqual([{ n: 0 }]);
    await offer(ben, { mode: "either" });
    // The LGU's editors and admin were told, in their language.
    expect(mail.sent.filter((m) => m.template === "volunteer-offered").map((m) => m.to).sort()).toEqual(expect.arrayContaining([editor.email, admin.email]));
    expect(mail.sent.some((m) => m.to === treasurer.email)).toBe(false);
  });

  it("takes a general offer to a verified LGU with a skill, and refuses an unverified LGU or no skill", async () => {
    const general = { needId: null, lguId: lgu.id, skill: "teaching", mode: "remote" as const };
    const id = await offer(cruz, general);
    expect(await owner(sql`select lgu_id, project_id, skill from volunteer_offers where id = ${id}`)).toEqual([{ lgu_id: lgu.id, project_id: null, skill: "teaching" }]);
    await expect(offer(cruz, general)).rejects.toMatchObject({ messageKey: "volunteer:errors.alreadyOffered" });
    await expect(offer(cruz, { ...general, lguId: unverified.id })).rejects.toMatchObject({ messageKey: "volunteer:errors.lguNotFound" });
    await expect(offer(cruz, { ...general, skill: null })).rejects.toMatchObject({ field: "skill" });
  });

  it("refuses the public, and lets nobody write offers directly", async () => {
    await expect(
      db().client.withRls(null, (tx) => tx.execute(sql`select public.offer_volunteer_help(${need}::uuid, null, null, 'on_site', null, null, 'I would like to help here')`)),
    ).rejects.toMatchObject({ cause: { code: "42501" } });
    await expect(
      db().client.withRls(cruz.claims, (tx) =>
        tx.execute(sql`insert into volunteer_offers (lgu_id, volunteer_id, skill, mode, message, status, scheduled_from, scheduled_until, hours) values (${lgu.id}, ${cruz.id}, 'x', 'remote', 'forged offer here', 'done', '2026-01-01', '2026-01-02', 999)`),
      ),
    ).rejects.toMatchObject({ cause: { code: "42501" } });
  });
});

describe("the LGU's answer", () => {
  const offerOf = async (who: User) => (await owner<{ id: string }>(sql`select id from volunteer_offers where volunteer_id = ${who.id} and need_id = ${need}`))[0]!.id;

  it("accepts within the people asked for, declines with a reason, marks done with hours; staff of another LGU may not", async () => {
    const anas = await offerOf(ana);
    const bens = await offerOf(ben);
    const accept = { intent: "accept" as const, scheduledFrom: "2099-03-02", scheduledUntil: "2099-03-20", note: "Bring boots." };
    await expect(actOnOffer(otherEditor.claims, anas, accept, SITE)).rejects.toMatchObject({ messageKey: "volunteer:errors.notStaff" });
    await expect(actOnOffer(treasurer.claims, anas, accept, SITE)).rejects.toMatchObject({ messageKey: "volunteer:errors.notStaff" });
    await expect(actOnOffer(editor.claims, anas, { ...accept, scheduledUntil: "2099-03-01" }, SITE)).rejects.toMatchObject({ field: "scheduledFrom" });
    await expect(actOnOffer(editor.claims, anas, { ...accept, scheduledFrom: "2020-01-01" }, SITE)).rejects.toMatchObject({ field: "scheduledFrom" });
    expect(await statusOf(anas)).toBe("offered");
    await actOnOffer(editor.claims, anas, accept, SITE);
    expect([await statusOf(anas), await fulfilled(need)]).toEqual(["accepted", 1]);
    // The need asked for one person: a second acceptance is refused, a new offer too.
    await expect(actOnOffer(editor.claims, bens, accept, SITE)).rejects.toMatchObject({ messageKey: "volunteer:errors.needFull" });
    await expect(offer(cruz, { mode: "either" })).rejects.toMatchObject({ messageKey: "volunteer:errors.needFull" });
    await expect(actOnOffer(editor.claims, bens, { intent: "decline", note: " " }, SITE)).rejects.toMatchObject({ field: "note" });
    await actOnOffer(admin.claims, bens, { intent: "decline", note: "We found someone nearer; thank you!" }, SITE);
    expect(await statusOf(bens)).toBe("declined");
    // The volunteer is told in their language (Ana reads Filipino).
    const accepted = mail.sent.find((m) => m.to === ana.email && m.template === "volunteer-accept");
    expect(accepted?.subject).toBe("Tinanggap ng Naga City ang inyong alok ng tulong");
    expect(accepted?.text).toContain("Bring boots.");

    await expect(actOnOffer(editor.claims, anas, { intent: "complete", hours: "0" }, SITE)).rejects.toMatchObject({ field: "hours" });
    await expect(actOnOffer(editor.claims, anas, { intent: "complete", hours: "7.55" }, SITE)).rejects.toMatchObject({ field: "hours" });
    await expect(actOnOffer(editor.claims, bens, { intent: "complete", hours: "3" }, SITE)).rejects.toMatchObject({ messageKey: "volunteer:errors.offerNotAccepted" });
    await actOnOffer(editor.claims, anas, { intent: "complete", hours: "7.5" }, SITE);
    expect(await owner(sql`select status, hours::text from volunteer_offers where id = ${anas}`)).toEqual([{ status: "done", hours: "7.5" }]);
    // Audited in the staff's names.
    const audit = await owner<{ actor_id: string | null }>(sql`select actor_id from audit_log where subject_table = 'volunteer_offers' and subject_id = ${anas} order by id`);
    expect(audit.map((a) => a.actor_id)).toEqual([ana.id, editor.id, editor.id]);
  });

  it("shows the project's hours and both sides' thank-yous publicly, with the volunteer's name only if their profile is public", async () => {
    const anas = await offerOf(ana);
    const bens = await offerOf(ben);
    await expect(leaveTestimonial(ben.claims, bens, "I hoped to help")).rejects.toMatchObject({ messageKey: "volunteer:errors.offerNotDone" });
    await expect(leaveTestimonial(ben.claims, anas, "Not my offer at all")).rejects.toMatchObject({ messageKey: "volunteer:errors.notYours" });
    await expect(leaveTestimonial(ana.claims, anas, "no")).rejects.toMatchObject({ field: "body" });
    await leaveTestimonial(ana.claims, anas, "Proud to help my hometown's water system.");
    await actOnOffer(editor.claims, anas, { intent: "thank", body: "Ana caught a design flaw in the reservoir. Salamat!" }, SITE);
    const seen = await projectVolunteering(null, project.id);
    expect([seen.hours, seen.people]).toEqual([7.5, 1]);
    expect(seen.testimonials.map((t) => [t.side, t.body, t.volunteer_name])).toEqual(
      expect.arrayContaining([
        ["volunteer", "Proud to help my hometown's water system.", "Ana Cruz"],
        ["lgu", "Ana caught a design flaw in the reservoir. Salamat!", "Ana Cruz"],
      ]),
    );
    await owner(sql`update profiles set basics_visibility = 'private' where id = ${ana.id}`);
    expect((await projectVolunteering(null, project.id)).testimonials.every((t) => t.volunteer_name === null)).toBe(true);
    await owner(sql`update profiles set basics_visibility = 'public' where id = ${ana.id}`);
  });

  it("lets only the volunteer withdraw, while the offer is open", async () => {
    const cruzs = await offer(cruz, { needId: remoteNeed, mode: "remote" });
    await expect(withdrawOffer(ben.claims, cruzs)).rejects.toMatchObject({ messageKey: "volunteer:errors.notYours" });
    await withdrawOffer(cruz.claims, cruzs);
    await expect(withdrawOffer(cruz.claims, cruzs)).rejects.toMatchObject({ messageKey: "volunteer:errors.offerNotOpen" });
    // Withdrawn, the person may offer again.
    expect(await statusOf(await offer(cruz, { needId: remoteNeed, mode: "remote" }))).toBe("offered");
  });

  it("shows each offer to its volunteer and to the LGU's editors and admins only", async () => {
    const seenBy = async (claims: JwtClaims | null) =>
      (await db().client.withRls(claims, (tx) => tx.execute<{ id: string }>(sql`select id from volunteer_offers where lgu_id = ${lgu.id}`))).length;
    const total = (await owner(sql`select id from volunteer_offers where lgu_id = ${lgu.id}`)).length;
    expect(await seenBy(editor.claims)).toBe(total);
    expect(await seenBy(admin.claims)).toBe(total);
    expect(await seenBy(treasurer.claims)).toBe(0);
    expect(await seenBy(otherEditor.claims)).toBe(0);
    expect(await seenBy(ben.claims)).toBe(1);
    await expect(db().client.withRls(null, (tx) => tx.execute(sql`select id from volunteer_offers`))).rejects.toMatchObject({ cause: { code: "42501" } });
    expect((await myOffers(ana.claims, 1)).rows.map((r) => r.status)).toEqual(["done"]);
    const queue = await lguOffers(editor.claims, lgu.id, "offered", 1);
    expect(queue.rows.map((r) => [r.volunteerName, r.volunteerEmail])).toEqual(expect.arrayContaining([["Cruz Santos", cruz.email]]));
    expect((await lguOffers(otherEditor.claims, lgu.id, "offered", 1)).rows).toEqual([]);
  });
});

describe("the volunteering pages", () => {
  it("lists open needs with filters, and shows a need with its offer form; closed and full needs are not offered", async () => {
    const listed = async (query = "") => {
      const page = await answer(() => volunteerPage.loader({ request: new Request(url(`/volunteer${query}`)), params: {}, context }));
      return ((await page.json()) as { needs: { id: string }[] }).needs.map((n) => n.id);
    };
    const all = await listed();
    expect(all).toContain(remoteNeed);
    expect(all).not.toContain(need); // full
    expect(all).not.toContain(closedNeed);
    expect(await listed("?mode=on_site")).not.toContain(remoteNeed);
    expect(await listed("?skill=teaching")).not.toContain(remoteNeed);
    expect((await openNeeds(null, { missions: true, page: 1 })).rows.map((r) => r.id)).not.toContain(remoteNeed);

    const person = await calls.signedIn(`volunteer-${Date.now()}@example.test`);
    const path = `/volunteer/needs/${remoteNeed}`;
    const shown = (await (await answer(() => needPage.loader({ request: new Request(url(path), { headers: { Cookie: person.cookie } }), params: { id: remoteNeed }, context }))).json()) as {
      need: { open: boolean; mode: string };
    };
    expect(shown.need).toMatchObject({ open: true, mode: "remote" });
    const send = (fields: Record<string, string>) => answer(() => needPage.action({ request: post(path, person.cookie, fields), params: { id: remoteNeed }, context }));
    const noConsent = await send({ mode: "remote", message: "I test water for a living in Dubai." });
    expect(noConsent.status).toBe(400);
    expect(await noConsent.json()).toMatchObject({ reply: { error: { consent: ["volunteer:validation.consent"] } } });
    const sent = await send({ mode: "remote", message: "I test water for a living in Dubai.", consent: "on" });
    expect([sent.status, sent.headers.get("Location")]).toEqual([302, "/me/volunteering"]);
    const again = await send({ mode: "remote", message: "I test water for a living in Dubai.", consent: "on" });
    expect(again.status).toBe(409);
    // Not signed in: to the sign-in page.
    const anonymous = await answer(() => needPage.action({ request: post(path, "", { mode: "remote" }), params: { id: remoteNeed }, context }));
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
  });

  it("gives the LGU's queue to its editors only, and answers a refused step beside its form", async () => {
    const staff = await calls.signedIn(`staff-${Date.now()}@example.test`);
    await addLguRole(db().url, lgu.id, staff.id, "editor");
    const path = `/manage/${lgu.slug}/volunteers`;
    const page = await answer(() => officePage.loader({ request: new Request(url(path), { headers: { Cookie: staff.cookie } }), params: { lgu: lgu.slug }, context }));
    const data = (await page.json()) as { offers: { id: string; volunteer: string }[] };
    expect(data.offers.length).toBeGreaterThan(0);
    const target = data.offers[0]!.id;
    const refused = await answer(() => officePage.action({ request: post(path, staff.cookie, { intent: "decline", offer: target, note: "" }), params: { lgu: lgu.slug }, context }));
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ reply: { form: `decline-${target}`, error: { note: ["volunteer:validation.reason"] } } });
    const stranger = await calls.signedIn(`stranger-${Date.now()}@example.test`);
    const denied = await answer(() => officePage.loader({ request: new Request(url(path), { headers: { Cookie: stranger.cookie } }), params: { lgu: lgu.slug }, context }));
    expect(denied.status).toBe(403);
  });
});
