/**
 * People for an LGU's investment opportunity (the matching engine's LGU side) and the invitations,
 * against the real database. Every expected score is written as the sum of the weights whose
 * signals hold. Only members who allowed investment invitations appear — not those who made their
 * engagement public without it — their name only where their basics are public; the caller and
 * members already in touch are left out. Invitations: by the opportunity's LGU's investment staff
 * only, for a published opportunity, to a consenting member, once; emailed in the member's language
 * (a failed email keeps nothing); audited; seen by the member on /me/invest. Refusals change
 * nothing. And the pages: the opt-in on the profile, the list and invite form on the opportunity's
 * page, /me/invest.
 */
import { sql } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { setAdapters } from "../../app/adapters/index.server";
import { setDbClient } from "../../app/db/client.server";
import { exportAccount } from "../../app/modules/auth/account.server";
import { expressInterest } from "../../app/modules/investments/interests.server";
import { inviteInvestor, myInvitations } from "../../app/modules/investments/invitations.server";
import { interestFormSchema } from "../../app/modules/investments/schema";
import { peopleForOpportunity } from "../../app/modules/matching/engine.server";
import { MATCH_WEIGHTS as W } from "../../app/modules/matching/weights";
import { setupTestDatabase } from "../support/db";
import { addLguRole, createLgu, createUser } from "../support/factories";
import { capturingEmail } from "../support/org-factories";
import { answer, context, post, routeCalls, url } from "../support/route-calls";

const db = setupTestDatabase();
const { signedIn } = routeCalls(db);
const mail = capturingEmail();
const SITE = "http://portal.test";
type User = Awaited<ReturnType<typeof createUser>>;
let rosa: User, near: User, shy: User, lead: User, blank: User, officer: User, admin: User, editor: User, otherOfficer: User;
let naga: { id: string; slug: string }, far: { id: string; slug: string };
let opportunity: string, draft: string, closed: string, farOpportunity: string;
let provinceName: string;

const owner = <T extends Record<string, unknown>>(query: ReturnType<typeof sql>) => db().client.asService((tx) => tx.execute<T>(query)).then((rows) => [...rows]);
const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: { messageKey?: string; status?: number; message?: string }) => ({ key: error.messageKey ?? error.message, status: error.status }),
  );
const invitationsNow = () => owner<{ n: number }>(sql`select count(*)::int as n from investment_invitations`).then((r) => r[0]!.n);
const auditedNow = () => owner<{ n: number }>(sql`select count(*)::int as n from audit_log where subject_table = 'investment_invitations'`).then((r) => r[0]!.n);

async function insertOpportunity(lguId: string, slug: string, status: "draft" | "open" | "closed", title: Record<string, string>) {
  const [row] = await owner<{ id: string }>(sql`
    insert into investment_opportunities (lgu_id, slug, title, sector, interest_sectors, kind, ticket_min_minor, ticket_max_minor, currency, timeline, contact_office, status, published_at)
    values (${lguId}, ${slug}, ${JSON.stringify(title)}::jsonb, 'agro_tourism', '{tourism,agriculture}', 'joint_venture', 100000000, 500000000, 'PHP', 'one_to_2_years',
            'Investment office', ${status}::investment_opportunity_status, ${status === "draft" ? null : sql`now()`}) returning id`);
  return row!.id;
}

beforeAll(async () => {
  setDbClient(db().client);
  setAdapters({ email: mail.port });
  const url = db().url;
  [rosa, near, shy, lead, blank, officer, admin, editor, otherOfficer] = (await Promise.all(
    ["Rosa Cruz", "Near Person", "Shy Person", "Lead Person", "Blank Person", "Ivan Officer", "Ana Admin", "Eddie Editor", "Olga Elsewhere"].map((n) => createUser(url, { displayName: n })),
  )) as User[] as [User, User, User, User, User, User, User, User, User];

  // A province with a city in it: the city's LGU; the province is "around" it.
  provinceName = `Camarines ${crypto.randomUUID().slice(0, 4)}`;
  const [country] = await owner<{ id: string }>(sql`insert into places (kind, name, country_code) values ('country', 'Testland', 'TL') on conflict do nothing returning id`);
  const countryId = country?.id ?? (await owner<{ id: string }>(sql`select id from places where parent_id is null and name = 'Testland'`))[0]!.id;
  const [province] = await owner<{ id: string }>(sql`insert into places (parent_id, kind, name, country_code) values (${countryId}, 'province', ${provinceName}, 'TL') returning id`);
  const [city] = await owner<{ id: string }>(sql`insert into places (parent_id, kind, name, country_code) values (${province!.id}, 'city', 'Naga', 'TL') returning id`);
  naga = await createLgu(url, { verificationStatus: "verified", name: "Naga City", placeId: city!.id, createdBy: admin.id });
  far = await createLgu(url, { verificationStatus: "verified", name: "Far Town" });
  await addLguRole(url, naga.id, officer.id, "investment_officer");
  await addLguRole(url, naga.id, editor.id, "editor");
  await addLguRole(url, far.id, otherOfficer.id, "investment_officer");
  await owner(sql`insert into exchange_rates (currency, usd_per_unit) values ('PHP', 0.018), ('EUR', 1.08)
                  on conflict (currency) do update set usd_per_unit = excluded.usd_per_unit`);

  opportunity = await insertOpportunity(naga.id, "naga-farm-stay", "open", { en: "Farm stay on Mount Isarog", fil: "Farm stay sa Bundok Isarog" });
  draft = await insertOpportunity(naga.id, "naga-draft", "draft", { en: "Not yet published" });
  closed = await insertOpportunity(naga.id, "naga-closed", "closed", { en: "Closed already" });
  farOpportunity = await insertOpportunity(far.id, "far-orchard", "open", { en: "Far orchard" });

  // Rosa: allows invitations, public basics, from Naga, cares about tourism and agriculture, wants to
  // invest, EUR 20,000–50,000 (about USD 21,600–54,000: overlaps PHP 1–5 million, about USD 18,000–90,000), reads Filipino.
  await owner(sql`update profiles set investment_invitations_since = now(), basics_visibility = 'public', country_of_residence = 'IT',
                  sectors = '{agriculture,tourism}', willingness = '{invest,mentor}', preferred_locale = 'fil', languages = '{it}' where id = ${rosa.id}`);
  await owner(sql`insert into profile_hometowns (profile_id, place_id) values (${rosa.id}, ${city!.id})`);
  await owner(sql`insert into investment_preferences (member_id, ticket_min_minor, ticket_max_minor, currency) values (${rosa.id}, 2000000, 5000000, 'EUR')`);
  // Near: allows invitations, private basics, from the province around the city, a ticket far too small, Spanish.
  await owner(sql`update profiles set investment_invitations_since = now(), basics_visibility = 'private', country_of_residence = 'ES', preferred_locale = 'es' where id = ${near.id}`);
  await owner(sql`insert into profile_hometowns (profile_id, place_id) values (${near.id}, ${province!.id})`);
  await owner(sql`insert into investment_preferences (member_id, ticket_min_minor, ticket_max_minor, currency) values (${near.id}, 1000, 2000, 'PHP')`);
  // Shy: everything public and a perfect fit, but never allowed investment invitations.
  await owner(sql`update profiles set basics_visibility = 'public', engagement_visibility = 'public', sectors = '{tourism}', willingness = '{invest}',
                  preferred_locale = 'en' where id = ${shy.id}`);
  await owner(sql`insert into profile_hometowns (profile_id, place_id) values (${shy.id}, ${city!.id})`);
  // Lead: allows invitations, from Naga, but already expressed interest in the opportunity.
  await owner(sql`update profiles set investment_invitations_since = now(), willingness = '{invest}' where id = ${lead.id}`);
  await owner(sql`insert into profile_hometowns (profile_id, place_id) values (${lead.id}, ${city!.id})`);
  // Blank: allows invitations but nothing of theirs fits (no hometown, sector, language, ticket or willingness).
  await owner(sql`update profiles set investment_invitations_since = now() where id = ${blank.id}`);
  // The officer allows invitations too and comes from Naga: never offered to themself.
  await owner(sql`update profiles set investment_invitations_since = now(), willingness = '{invest}' where id = ${officer.id}`);
  await owner(sql`insert into profile_hometowns (profile_id, place_id) values (${officer.id}, ${city!.id})`);

  const parsed = interestFormSchema.safeParse({ currency: "PHP", amountMin: "1,000,000", amountMax: "2,000,000", timeline: "six_to_12_months", role: "investor", message: "I would like to build cottages on the farm." });
  if (!parsed.success) throw new Error("interest form");
  await expressInterest(lead.claims, opportunity, parsed.data);
});

afterEach(() => setAdapters({ email: mail.port }));

describe("people for an investment opportunity", () => {
  it("ranks only members who allowed invitations, by the weights of the signals that hold, with the reasons and names only where public", async () => {
    const people = await peopleForOpportunity(officer.claims, naga.id, opportunity, "en");
    // Never the shy member (public, but no consent), the lead (already in touch), the blank member (nothing fits) or the officer.
    expect(people!.map((p) => p.profileId)).toEqual([rosa.id, near.id]);
    expect(people![0]).toMatchObject({ name: "Rosa Cruz", country: "IT", invited: false, score: W.hometown + W.sector + W.willingness + W.ticket + W.language });
    expect(people![0]!.reasons).toEqual([
      { code: "from_hometown", place: "Naga" },
      { code: "cares_about", sector: "agriculture" },
      { code: "willing_to_invest" },
      { code: "ticket_fits" },
      { code: "reads", language: "fil" },
    ]);
    expect(people![1]).toMatchObject({ name: null, country: null, score: W.homeProvince });
    expect(people![1]!.reasons).toEqual([{ code: "from_near_hometown", place: provinceName }]);
    // The LGU's admin sees the same; the officer appears for them (they allowed it, and fit).
    const forAdmin = await peopleForOpportunity(admin.claims, naga.id, opportunity, "en");
    expect(forAdmin!.map((p) => p.profileId)).toEqual([rosa.id, officer.id, near.id]);
    expect(forAdmin![1]).toMatchObject({ name: null, score: W.hometown + W.willingness });
  });

  it("is refused to anyone but the opportunity's LGU's investment staff, and is nothing for another LGU's or an unknown opportunity", async () => {
    expect(await refusal(peopleForOpportunity(otherOfficer.claims, naga.id, opportunity, "en"))).toEqual({ key: "invest:errors.notStaff", status: 403 });
    expect(await refusal(peopleForOpportunity(editor.claims, naga.id, opportunity, "en"))).toEqual({ key: "invest:errors.notStaff", status: 403 });
    expect(await refusal(peopleForOpportunity(rosa.claims, naga.id, opportunity, "en"))).toEqual({ key: "invest:errors.notStaff", status: 403 });
    expect(await peopleForOpportunity(otherOfficer.claims, far.id, opportunity, "en")).toBeNull();
    expect(await peopleForOpportunity(officer.claims, naga.id, farOpportunity, "en")).toBeNull();
    expect(await peopleForOpportunity(officer.claims, naga.id, crypto.randomUUID(), "en")).toBeNull();
    expect(await peopleForOpportunity(officer.claims, naga.id, "not-a-uuid", "en")).toBeNull();
  });

  it("the database function checks the role itself, whatever the caller passes", async () => {
    const call = (who: User, lguId: string, id: string) =>
      db().client.withRls(who.claims, (tx) => tx.execute(sql`select * from public.people_for_investment_opportunity(${lguId}::uuid, ${id}::uuid, '{}'::jsonb, '{}'::jsonb, 20)`));
    await expect(call(otherOfficer, naga.id, opportunity)).rejects.toMatchObject({ cause: { code: "42501" } });
    // Their own LGU with Naga's opportunity: not theirs.
    await expect(call(otherOfficer, far.id, opportunity)).rejects.toMatchObject({ cause: { code: "P0002" } });
    await expect(db().client.withRls(null, (tx) => tx.execute(sql`select * from public.people_for_investment_opportunity(${naga.id}::uuid, ${opportunity}::uuid, '{}'::jsonb, '{}'::jsonb, 20)`))).rejects.toThrow();
    await expect(db().client.withRls(officer.claims, (tx) => tx.execute(sql`select * from app_private.investment_invitees(${opportunity}::uuid, '{}'::jsonb)`))).rejects.toThrow();
  });
});

describe("inviting a member to an opportunity", () => {
  it("refuses bad input with its message and changes nothing", async () => {
    const cases: [User, string, string, { key: string; status: number }][] = [
      [officer, crypto.randomUUID(), rosa.id, { key: "invest:errors.opportunityNotFound", status: 404 }],
      [officer, "not-a-uuid", rosa.id, { key: "invest:errors.opportunityNotFound", status: 404 }],
      [officer, farOpportunity, rosa.id, { key: "invest:errors.notStaff", status: 403 }],
      [otherOfficer, opportunity, rosa.id, { key: "invest:errors.notStaff", status: 403 }],
      [editor, opportunity, rosa.id, { key: "invest:errors.notStaff", status: 403 }],
      [rosa, opportunity, near.id, { key: "invest:errors.notStaff", status: 403 }],
      [officer, draft, rosa.id, { key: "invest:errors.opportunityNotOpen", status: 409 }],
      [officer, closed, rosa.id, { key: "invest:errors.opportunityClosed", status: 409 }],
      [officer, opportunity, shy.id, { key: "invest:errors.notInvitable", status: 409 }],
      [officer, opportunity, officer.id, { key: "invest:errors.notInvitable", status: 409 }],
      [officer, opportunity, crypto.randomUUID(), { key: "invest:errors.notInvitable", status: 409 }],
      [officer, opportunity, "nobody", { key: "invest:errors.notInvitable", status: 409 }],
      [officer, opportunity, lead.id, { key: "invest:errors.alreadyALead", status: 409 }],
    ];
    for (const [who, id, person, expected] of cases) {
      expect(await refusal(inviteInvestor(who.claims, id, person, SITE)), `${who.email} ${id} ${person}`).toEqual(expected);
    }
    expect([await invitationsNow(), await auditedNow(), mail.sent.length]).toEqual([0, 0, 0]);
  });

  it("invites once, emails the member in their language without showing the LGU the address, audits it; the member sees it", async () => {
    await inviteInvestor(officer.claims, opportunity, rosa.id, SITE);
    expect(await refusal(inviteInvestor(admin.claims, opportunity, rosa.id, SITE))).toEqual({ key: "invest:errors.alreadyInvited", status: 409 });
    expect([await invitationsNow(), await auditedNow()]).toEqual([1, 1]);
    const sent = mail.sent.filter((m) => m.template === "investment-invited");
    expect(sent.map((m) => m.to)).toEqual([rosa.email]);
    expect(sent[0]!.subject).toBe("Inaanyayahan ka ng Naga City sa isang oportunidad sa pamumuhunan");
    expect(sent[0]!.text).toContain("“Farm stay sa Bundok Isarog”");
    expect(sent[0]!.text).toContain(`${SITE}/invest/naga-farm-stay`);
    expect(sent[0]!.text).toContain(`${SITE}/me/profile#investment-invitations`);
    const [audit] = await owner<{ actor_id: string; lgu_id: string }>(sql`select actor_id, lgu_id from audit_log where subject_table = 'investment_invitations'`);
    expect(audit).toEqual({ actor_id: officer.id, lgu_id: naga.id });
    // The list marks her invited; nothing in it is an address.
    const people = await peopleForOpportunity(officer.claims, naga.id, opportunity, "en");
    expect(people![0]).toMatchObject({ profileId: rosa.id, invited: true });
    expect(JSON.stringify(people)).not.toContain("@");
    // Rosa sees her invitation; the others see none.
    expect(await myInvitations(rosa.claims, "en")).toEqual([expect.objectContaining({ slug: "naga-farm-stay", lguName: "Naga City", status: "open", title: { text: "Farm stay on Mount Isarog", lang: "en" } })]);
    expect(await myInvitations(near.claims, "en")).toEqual([]);
    // Both the consent and the invitation are in her data export.
    const exported = await exportAccount({ user: { id: rosa.id, email: rosa.email, emailConfirmed: true }, claims: rosa.claims });
    expect(exported.profile?.investmentInvitationsSince).toBeInstanceOf(Date);
    expect(exported.investmentInvitations).toEqual([expect.objectContaining({ opportunity: "naga-farm-stay", lgu: "Naga City" })]);
  });

  it("keeps no invitation when the email cannot be sent, so it can be sent again", async () => {
    setAdapters({
      email: {
        name: "outbox",
        async send() {
          throw new Error("SMTP is down");
        },
      },
    });
    await expect(inviteInvestor(officer.claims, opportunity, near.id, SITE)).rejects.toThrow("SMTP is down");
    expect(await owner(sql`select count(*)::int as n from investment_invitations where profile_id = ${near.id}`)).toEqual([{ n: 0 }]);
    setAdapters({ email: mail.port });
    await inviteInvestor(officer.claims, opportunity, near.id, SITE);
    const [email] = mail.sent.filter((m) => m.to === near.email);
    expect(email!.subject).toBe("Naga City te invita a una oportunidad de inversión");
  });

  it("withdrawing consent takes the member off the list and out of reach at once", async () => {
    await owner(sql`update profiles set investment_invitations_since = null where id = ${rosa.id}`);
    try {
      expect((await peopleForOpportunity(officer.claims, naga.id, opportunity, "en"))!.map((p) => p.profileId)).toEqual([near.id]);
      const other = await insertOpportunity(naga.id, "naga-second", "open", { en: "Second" });
      expect(await refusal(inviteInvestor(officer.claims, other, rosa.id, SITE))).toEqual({ key: "invest:errors.notInvitable", status: 409 });
    } finally {
      await owner(sql`update profiles set investment_invitations_since = now() where id = ${rosa.id}`);
    }
  });
});

describe("the pages", () => {
  const get = (path: string, cookie: string) => new Request(url(path), { headers: { Cookie: cookie } });
  type Person = Awaited<ReturnType<typeof signedIn>>;
  let member: Person, staff: Person;

  beforeAll(async () => {
    member = await signedIn("paolo.invites@example.org");
    staff = await signedIn("naga.invites@example.org");
    await addLguRole(db().url, naga.id, staff.id, "investment_officer");
  });

  it("a member allows investment invitations on their profile (off by default), keeps the date on a re-save, and withdraws", async () => {
    const page = await import("../../app/routes/me.profile");
    const since = () => owner<{ since: Date | null }>(sql`select investment_invitations_since as since from profiles where id = ${member.id}`).then((r) => r[0]!.since);
    expect(await since()).toBeNull();
    const save = (fields: Record<string, string>) => answer(() => page.action({ request: post("/me/profile", member.cookie, { displayName: "Paolo", ...fields }), params: {}, context }));
    expect((await save({ investmentInvitations: "on" })).status).toBe(302);
    const first = await since();
    expect(first).not.toBeNull();
    expect((await save({ investmentInvitations: "on", city: "Dubai" })).status).toBe(302);
    expect(await since()).toEqual(first);
    expect((await save({})).status).toBe(302);
    expect(await since()).toBeNull();
    await save({ investmentInvitations: "on" });
  });

  it("the officer sees the people to invite on the opportunity's page and invites one; a refusal comes back beside the person, nothing changed", async () => {
    // Paolo (who allowed invitations above) comes from Naga and cares about tourism.
    await owner(sql`insert into profile_hometowns (profile_id, place_id) select ${member.id}, l.place_id from lgus l where l.id = ${naga.id}`);
    await owner(sql`update profiles set sectors = '{tourism}' where id = ${member.id}`);
    const page = await import("../../app/routes/manage.$lgu.investments.$id");
    const path = `/manage/${naga.slug}/investments/${opportunity}`;
    const params = { lgu: naga.slug, id: opportunity };
    const data = (await (await answer(() => page.loader({ request: get(`${path}?lng=en`, staff.cookie), params, context }))).json()) as {
      people: { profileId: string; name: string | null; country: string | null; invited: boolean; reasons: { code: string }[] }[];
    };
    expect(data.people.map((p) => [p.profileId, p.invited])).toEqual([
      [rosa.id, true],
      [member.id, false],
      [officer.id, false],
      [near.id, true],
    ]);
    expect(data.people[0]!.country).toBe("Italy");
    const before = await invitationsNow();
    const refused = await answer(() => page.action({ request: post(path, staff.cookie, { intent: "invite", person: shy.id }), params, context }));
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ reply: { error: { "": ["invest:errors.notInvitable"] }, form: `invite-${shy.id}` } });
    const twice = await answer(() => page.action({ request: post(path, staff.cookie, { intent: "invite", person: rosa.id }), params, context }));
    expect(twice.status).toBe(409);
    expect(await invitationsNow()).toBe(before);
    const invited = await answer(() => page.action({ request: post(path, staff.cookie, { intent: "invite", person: member.id }), params, context }));
    expect([invited.status, invited.headers.get("Location")]).toEqual([302, `${path}#people-title`]);
    expect(await invitationsNow()).toBe(before + 1);
    expect(mail.sent.at(-1)).toMatchObject({ to: "paolo.invites@example.org", template: "investment-invited" });

    // The member sees it on /me/invest, with the consent's state and where to change it.
    const mine = await import("../../app/routes/me.invest._index");
    const shown = (await (await answer(() => mine.loader({ request: get("/me/invest", member.cookie), params: {}, context }))).json()) as {
      invitations: { slug: string; lguName: string; open: boolean }[];
      invitationsAllowed: boolean;
    };
    expect(shown).toMatchObject({ invitationsAllowed: true, invitations: [{ slug: "naga-farm-stay", lguName: "Naga City", open: true }] });
  });

  it("a draft's page lists nobody, and another LGU's officer cannot invite from it", async () => {
    const page = await import("../../app/routes/manage.$lgu.investments.$id");
    const data = (await (await answer(() => page.loader({ request: get(`/manage/${naga.slug}/investments/${draft}`, staff.cookie), params: { lgu: naga.slug, id: draft }, context }))).json()) as {
      people: unknown[];
    };
    expect(data.people).toEqual([]);
    const outsider = await signedIn("far.invites@example.org");
    await addLguRole(db().url, far.id, outsider.id, "investment_officer");
    const before = await invitationsNow();
    const refused = await answer(() => page.action({ request: post(`/manage/${naga.slug}/investments/${opportunity}`, outsider.cookie, { intent: "invite", person: near.id }), params: { lgu: naga.slug, id: opportunity }, context }));
    expect(refused.status).toBe(403);
    expect(await invitationsNow()).toBe(before);
  });
});
