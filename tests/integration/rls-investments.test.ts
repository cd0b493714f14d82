/**
 * Row-level security for investments, as a matrix: for every table the investments schema added,
 * every kind of caller and every operation, allowed or refused as designed. Open opportunities of
 * verified LGUs are public; drafts, leads, their history, cases, tasks and case documents belong to
 * the LGU's admins and investment officers (not its editors or permits officers, not another LGU's
 * investment officer, not platform admins for leads); the investor sees their own expression, its
 * messages and their case; contact details are readable by the investor alone (the LGU reads them
 * only through investment_lead_contacts, tested below with the wrong users). Invitations to
 * opportunities: the invited member and the LGU's investment staff read them, nobody writes them
 * directly; the people to invite and the invitation itself are refused to everyone else.
 * A refusal is asserted precisely, and the target rows are read back by the database owner to prove
 * nothing changed. Allowed writes are rolled back, so every case meets the same world.
 */
import { sql, type SQL } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { JwtClaims } from "../../app/db/client.server";
import { setupTestDatabase } from "../support/db";
import { addLguRole, createLgu, createUser, makePlatformAdmin } from "../support/factories";
import { refusalOf } from "../support/project-factories";
import { DENIED, matrixProbe, matrixRunner, RLS, type MatrixBlock } from "../support/rls-matrix";

const db = setupTestDatabase();

type User = Awaited<ReturnType<typeof createUser>>;

const ACTORS = [
  "anonymous",
  "the investor",
  "another member",
  "LGU admin",
  "LGU investment officer",
  "LGU editor",
  "LGU permits officer",
  "investment officer of another LGU",
  "platform admin",
] as const;
type Actor = (typeof ACTORS)[number];

interface World {
  users: Record<Exclude<Actor, "anonymous">, User>;
  town: { id: string };
  otherTown: { id: string };
  draft: string;
  open: string;
  lead: string;
  caseId: string;
  task: string;
  caseDocument: string;
  step: string;
}
let w: World;

const claimsOf = (actor: Actor): JwtClaims | null => (actor === "anonymous" ? null : w.users[actor].claims);
const probe = matrixProbe(db, (actor) => claimsOf(actor as Actor));
const { asOwner } = probe;
const matrix = matrixRunner(ACTORS, probe);
type Block = MatrixBlock<Actor>;
const as = (actor: Exclude<Actor, "anonymous">, query: SQL) => db().client.withRls(w.users[actor].claims, (tx) => tx.execute(query));

const opportunityValues = (lguId: string, slug: string, status: string, createdBy: SQL | string) =>
  sql`insert into investment_opportunities (lgu_id, slug, title, sector, kind, ticket_min_minor, ticket_max_minor, currency, timeline, contact_office, status, created_by)
      values (${lguId}, ${slug}, '{"en":"Matrix agro-tourism farm"}', 'agro_tourism', 'joint_venture', 100000000, 500000000, 'PHP', 'one_to_2_years', 'Investment office', ${status}, ${createdBy})`;

beforeAll(async () => {
  const url = db().url;
  const user = (displayName: string) => createUser(url, { displayName });
  const users: World["users"] = {
    "the investor": await user("Rosa"),
    "another member": await user("Mario"),
    "LGU admin": await user("Ana"),
    "LGU investment officer": await user("Ivan"),
    "LGU editor": await user("Eddie"),
    "LGU permits officer": await user("Pedro"),
    "investment officer of another LGU": await user("Olga"),
    "platform admin": await user("Pia"),
  };
  const town = await createLgu(url, { createdBy: users["LGU admin"].id, verificationStatus: "verified" });
  await addLguRole(url, town.id, users["LGU investment officer"].id, "investment_officer");
  await addLguRole(url, town.id, users["LGU editor"].id, "editor");
  await addLguRole(url, town.id, users["LGU permits officer"].id, "permits_officer");
  const otherTown = await createLgu(url, { verificationStatus: "verified" });
  await addLguRole(url, otherTown.id, users["investment officer of another LGU"].id, "investment_officer");
  await makePlatformAdmin(url, users["platform admin"].id);
  const officer = users["LGU investment officer"].id;

  const [draft] = await asOwner(sql`${opportunityValues(town.id, "matrix-draft", "draft", officer)} returning id`);
  const [open] = await asOwner(sql`${opportunityValues(town.id, "matrix-open", "open", officer)} returning id`);
  w = { users, town, otherTown, draft: draft!.id as string, open: open!.id as string, lead: "", caseId: "", task: "", caseDocument: "", step: "" };
  // The investor writes through the function, the officer moves the lead to a meeting (which opens the case).
  const [lead] = await as("the investor", sql`select public.express_investment_interest(${w.open}::uuid, 20000000, 50000000, 'six_to_12_months', 'investor',
    'I would like to invest in the farm with my family.', true, '+39 333 123 4567') as id`);
  w.lead = lead!.id as string;
  await as("LGU investment officer", sql`select public.move_investment_lead(${w.lead}::uuid, 'contacted', null)`);
  await as("LGU investment officer", sql`select public.move_investment_lead(${w.lead}::uuid, 'meeting', 'Video call booked')`);
  await as("LGU investment officer", sql`select public.write_investment_message(${w.lead}::uuid, 'Thank you, we will call you on Monday.')`);
  const [found] = await asOwner(sql`select id from investment_cases where interest_id = ${w.lead}`);
  w.caseId = found!.id as string;
  const [task] = await asOwner(sql`insert into investment_case_tasks (case_id, lgu_id, phase, title, created_by) values (${w.caseId}, ${town.id}, 'idea', 'Send the site plan', ${officer}) returning id`);
  w.task = task!.id as string;
  const [doc] = await asOwner(sql`insert into investment_case_documents (case_id, lgu_id, storage_key, file_name, content_type, size_bytes, uploaded_by)
    values (${w.caseId}, ${town.id}, ${`investment-cases/${w.caseId}/plan.pdf`}, 'plan.pdf', 'application/pdf', 1000, ${officer}) returning id`);
  w.caseDocument = doc!.id as string;
  const [step] = await asOwner(sql`insert into investment_guide_steps (lgu_id, position, title) values (${town.id}, 0, '{"en":"Register the business name"}') returning id`);
  w.step = step!.id as string;
  await asOwner(sql`insert into investment_preferences (member_id, ticket_min_minor, ticket_max_minor, currency) values (${users["the investor"].id}, 1000000, 5000000, 'EUR')`);
  // An invitation to the investor (written as the owner: the table is what is tested here), and
  // another member who allows investment invitations, from the LGU's own place.
  await asOwner(sql`insert into investment_invitations (opportunity_id, profile_id, lgu_id, invited_by) values (${w.open}, ${users["the investor"].id}, ${town.id}, ${officer})`);
  await asOwner(sql`update profiles set investment_invitations_since = now(), willingness = '{invest}' where id = ${users["another member"].id}`);
});

describe("investment opportunities", () => {
  const ops = (target: () => string, slug: string): Pick<Block, "ops" | "snapshot"> => ({
    ops: {
      select: () => sql`select 1 from investment_opportunities where id = ${target()}`,
      insert: () => opportunityValues(w.town.id, slug, "draft", sql`auth.uid()`),
      update: () => sql`update investment_opportunities set summary = '{"en":"Edited in the matrix"}' where id = ${target()}`,
      delete: () => sql`delete from investment_opportunities where id = ${target()}`,
    },
    snapshot: () => sql`select to_jsonb(o) as row from investment_opportunities o where o.id = ${target()} or o.slug = ${slug} order by o.slug`,
  });

  matrix({
    title: "investment_opportunities: a draft of the LGU",
    ...ops(() => w.draft, "matrix-new-1"),
    rows: [
      // actor                              select insert update delete
      ["anonymous",                         0,     RLS,   0,     DENIED],
      ["the investor",                      0,     RLS,   0,     DENIED],
      ["another member",                    0,     RLS,   0,     DENIED],
      ["LGU admin",                         1,     1,     1,     DENIED],
      ["LGU investment officer",            1,     1,     1,     DENIED],
      ["LGU editor",                        0,     RLS,   0,     DENIED],
      ["LGU permits officer",               0,     RLS,   0,     DENIED],
      ["investment officer of another LGU", 0,     RLS,   0,     DENIED],
      ["platform admin",                    1,     RLS,   0,     DENIED],
    ],
  });

  matrix({
    title: "investment_opportunities: an open opportunity of the verified LGU",
    ...ops(() => w.open, "matrix-new-2"),
    rows: [
      // actor                              select insert update delete
      ["anonymous",                         1,     RLS,   0,     DENIED],
      ["the investor",                      1,     RLS,   0,     DENIED],
      ["another member",                    1,     RLS,   0,     DENIED],
      ["LGU admin",                         1,     1,     1,     DENIED],
      ["LGU investment officer",            1,     1,     1,     DENIED],
      ["LGU editor",                        1,     RLS,   0,     DENIED],
      ["LGU permits officer",               1,     RLS,   0,     DENIED],
      ["investment officer of another LGU", 1,     RLS,   0,     DENIED],
      ["platform admin",                    1,     RLS,   0,     DENIED],
    ],
  });
});

describe("investment guide steps", () => {
  matrix({
    title: "investment_guide_steps: a step of the verified LGU's guide",
    ops: {
      select: () => sql`select 1 from investment_guide_steps where id = ${w.step}`,
      insert: () => sql`insert into investment_guide_steps (lgu_id, position, title) values (${w.town.id}, 9, '{"en":"Matrix step"}')`,
      update: () => sql`update investment_guide_steps set body = '{"en":"Edited"}' where id = ${w.step}`,
      delete: () => sql`delete from investment_guide_steps where id = ${w.step}`,
    },
    snapshot: () => sql`select to_jsonb(s) as row from investment_guide_steps s where s.lgu_id = ${w.town.id} order by s.position`,
    rows: [
      // actor                              select insert update delete
      ["anonymous",                         1,     RLS,   0,     0],
      ["the investor",                      1,     RLS,   0,     0],
      ["another member",                    1,     RLS,   0,     0],
      ["LGU admin",                         1,     1,     1,     1],
      ["LGU investment officer",            1,     1,     1,     1],
      ["LGU editor",                        1,     RLS,   0,     0],
      ["LGU permits officer",               1,     RLS,   0,     0],
      ["investment officer of another LGU", 1,     RLS,   0,     0],
      ["platform admin",                    1,     RLS,   0,     0],
    ],
  });
});

describe("leads and what hangs off them", () => {
  matrix({
    title: "investment_interests: the investor's expression of interest (a lead)",
    ops: {
      select: () => sql`select 1 from investment_interests where id = ${w.lead}`,
      insert: () => sql`insert into investment_interests (opportunity_id, lgu_id, member_id, display_name, amount_min_minor, amount_max_minor, currency, timeline, role, message, consent_to_contact)
                        values (${w.draft}, ${w.town.id}, auth.uid(), 'X', 1, 2, 'PHP', 'over_2_years', 'mentor', 'A forged lead by direct insert', true)`,
      update: () => sql`update investment_interests set stage = 'committed' where id = ${w.lead}`,
      delete: () => sql`delete from investment_interests where id = ${w.lead}`,
    },
    snapshot: () => sql`select to_jsonb(i) as row from investment_interests i where i.lgu_id = ${w.town.id} order by i.created_at`,
    rows: [
      // actor                              select insert  update  delete
      ["anonymous",                         0,     DENIED, DENIED, DENIED],
      ["the investor",                      1,     DENIED, DENIED, DENIED],
      ["another member",                    0,     DENIED, DENIED, DENIED],
      ["LGU admin",                         1,     DENIED, DENIED, DENIED],
      ["LGU investment officer",            1,     DENIED, DENIED, DENIED],
      ["LGU editor",                        0,     DENIED, DENIED, DENIED],
      ["LGU permits officer",               0,     DENIED, DENIED, DENIED],
      ["investment officer of another LGU", 0,     DENIED, DENIED, DENIED],
      ["platform admin",                    0,     DENIED, DENIED, DENIED],
    ],
  });

  matrix({
    title: "investment_interest_contacts: the investor's phone (read by the investor alone)",
    ops: {
      select: () => sql`select 1 from investment_interest_contacts where interest_id = ${w.lead}`,
      insert: () => sql`insert into investment_interest_contacts (interest_id, phone) values (${w.lead}, '+63 900 000 0000')`,
      update: () => sql`update investment_interest_contacts set phone = '+63 900 000 0000' where interest_id = ${w.lead}`,
      delete: () => sql`delete from investment_interest_contacts where interest_id = ${w.lead}`,
    },
    snapshot: () => sql`select to_jsonb(c) as row from investment_interest_contacts c where c.interest_id = ${w.lead}`,
    rows: [
      // actor                              select insert  update  delete
      ["anonymous",                         0,     DENIED, DENIED, DENIED],
      ["the investor",                      1,     DENIED, DENIED, DENIED],
      ["another member",                    0,     DENIED, DENIED, DENIED],
      ["LGU admin",                         0,     DENIED, DENIED, DENIED],
      ["LGU investment officer",            0,     DENIED, DENIED, DENIED],
      ["LGU editor",                        0,     DENIED, DENIED, DENIED],
      ["LGU permits officer",               0,     DENIED, DENIED, DENIED],
      ["investment officer of another LGU", 0,     DENIED, DENIED, DENIED],
      ["platform admin",                    0,     DENIED, DENIED, DENIED],
    ],
  });

  matrix({
    title: "investment_lead_events: the lead's internal history",
    ops: {
      select: () => sql`select 1 from investment_lead_events where interest_id = ${w.lead}`,
      insert: () => sql`insert into investment_lead_events (interest_id, lgu_id, kind, note) values (${w.lead}, ${w.town.id}, 'note', 'forged')`,
      update: () => sql`update investment_lead_events set note = 'changed' where interest_id = ${w.lead}`,
      delete: () => sql`delete from investment_lead_events where interest_id = ${w.lead}`,
    },
    snapshot: () => sql`select to_jsonb(e) as row from investment_lead_events e where e.interest_id = ${w.lead} order by e.id`,
    rows: [
      // actor                              select insert  update  delete
      ["anonymous",                         0,     DENIED, DENIED, DENIED],
      ["the investor",                      0,     DENIED, DENIED, DENIED],
      ["another member",                    0,     DENIED, DENIED, DENIED],
      ["LGU admin",                         3,     DENIED, DENIED, DENIED],
      ["LGU investment officer",            3,     DENIED, DENIED, DENIED],
      ["LGU editor",                        0,     DENIED, DENIED, DENIED],
      ["LGU permits officer",               0,     DENIED, DENIED, DENIED],
      ["investment officer of another LGU", 0,     DENIED, DENIED, DENIED],
      ["platform admin",                    0,     DENIED, DENIED, DENIED],
    ],
  });

  matrix({
    title: "investment_messages: the replies on the expression of interest",
    ops: {
      select: () => sql`select 1 from investment_messages where interest_id = ${w.lead}`,
      insert: () => sql`insert into investment_messages (interest_id, lgu_id, from_staff, body) values (${w.lead}, ${w.town.id}, true, 'forged')`,
      update: () => sql`update investment_messages set body = 'changed' where interest_id = ${w.lead}`,
      delete: () => sql`delete from investment_messages where interest_id = ${w.lead}`,
    },
    snapshot: () => sql`select to_jsonb(m) as row from investment_messages m where m.interest_id = ${w.lead} order by m.created_at`,
    rows: [
      // actor                              select insert  update  delete
      ["anonymous",                         0,     DENIED, DENIED, DENIED],
      ["the investor",                      1,     DENIED, DENIED, DENIED],
      ["another member",                    0,     DENIED, DENIED, DENIED],
      ["LGU admin",                         1,     DENIED, DENIED, DENIED],
      ["LGU investment officer",            1,     DENIED, DENIED, DENIED],
      ["LGU editor",                        0,     DENIED, DENIED, DENIED],
      ["LGU permits officer",               0,     DENIED, DENIED, DENIED],
      ["investment officer of another LGU", 0,     DENIED, DENIED, DENIED],
      ["platform admin",                    0,     DENIED, DENIED, DENIED],
    ],
  });

  matrix({
    title: "investment_cases: the investor's case",
    ops: {
      select: () => sql`select 1 from investment_cases where id = ${w.caseId}`,
      insert: () => sql`insert into investment_cases (interest_id, lgu_id) values (${w.lead}, ${w.town.id})`,
      update: () => sql`update investment_cases set phase = 'creation' where id = ${w.caseId}`,
      delete: () => sql`delete from investment_cases where id = ${w.caseId}`,
    },
    snapshot: () => sql`select to_jsonb(c) as row from investment_cases c where c.interest_id = ${w.lead}`,
    rows: [
      // actor                              select insert  update  delete
      ["anonymous",                         0,     DENIED, DENIED, DENIED],
      ["the investor",                      1,     DENIED, DENIED, DENIED],
      ["another member",                    0,     DENIED, DENIED, DENIED],
      ["LGU admin",                         1,     DENIED, DENIED, DENIED],
      ["LGU investment officer",            1,     DENIED, DENIED, DENIED],
      ["LGU editor",                        0,     DENIED, DENIED, DENIED],
      ["LGU permits officer",               0,     DENIED, DENIED, DENIED],
      ["investment officer of another LGU", 0,     DENIED, DENIED, DENIED],
      ["platform admin",                    0,     DENIED, DENIED, DENIED],
    ],
  });

  matrix({
    title: "investment_case_tasks: a task on the case (ticked off, never deleted)",
    ops: {
      select: () => sql`select 1 from investment_case_tasks where id = ${w.task}`,
      insert: () => sql`insert into investment_case_tasks (case_id, lgu_id, phase, title, created_by) values (${w.caseId}, ${w.town.id}, 'idea', 'Matrix task', auth.uid())`,
      update: () => sql`update investment_case_tasks set done_at = now() where id = ${w.task}`,
      delete: () => sql`delete from investment_case_tasks where id = ${w.task}`,
    },
    snapshot: () => sql`select to_jsonb(t) as row from investment_case_tasks t where t.case_id = ${w.caseId} order by t.created_at`,
    rows: [
      // actor                              select insert update  delete
      ["anonymous",                         0,     RLS,   DENIED, DENIED],
      ["the investor",                      0,     RLS,   0,      DENIED],
      ["another member",                    0,     RLS,   0,      DENIED],
      ["LGU admin",                         1,     1,     1,      DENIED],
      ["LGU investment officer",            1,     1,     1,      DENIED],
      ["LGU editor",                        0,     RLS,   0,      DENIED],
      ["LGU permits officer",               0,     RLS,   0,      DENIED],
      ["investment officer of another LGU", 0,     RLS,   0,      DENIED],
      ["platform admin",                    0,     RLS,   0,      DENIED],
    ],
  });

  matrix({
    title: "investment_case_documents: a document on the case",
    ops: {
      select: () => sql`select 1 from investment_case_documents where id = ${w.caseDocument}`,
      insert: () => sql`insert into investment_case_documents (case_id, lgu_id, storage_key, file_name, content_type, size_bytes, uploaded_by)
                        values (${w.caseId}, ${w.town.id}, ${`investment-cases/${w.caseId}/matrix.pdf`}, 'm.pdf', 'application/pdf', 10, auth.uid())`,
      update: () => sql`update investment_case_documents set file_name = 'renamed.pdf' where id = ${w.caseDocument}`,
      delete: () => sql`delete from investment_case_documents where id = ${w.caseDocument}`,
    },
    snapshot: () => sql`select to_jsonb(d) as row from investment_case_documents d where d.case_id = ${w.caseId} order by d.storage_key`,
    rows: [
      // actor                              select insert update  delete
      ["anonymous",                         0,     RLS,   DENIED, DENIED],
      ["the investor",                      0,     RLS,   DENIED, DENIED],
      ["another member",                    0,     RLS,   DENIED, DENIED],
      ["LGU admin",                         1,     1,     DENIED, DENIED],
      ["LGU investment officer",            1,     1,     DENIED, DENIED],
      ["LGU editor",                        0,     RLS,   DENIED, DENIED],
      ["LGU permits officer",               0,     RLS,   DENIED, DENIED],
      ["investment officer of another LGU", 0,     RLS,   DENIED, DENIED],
      ["platform admin",                    0,     RLS,   DENIED, DENIED],
    ],
  });

  matrix({
    title: "investment_preferences: the investor's ticket size (their own)",
    ops: {
      select: () => sql`select 1 from investment_preferences where member_id = ${w.users["the investor"].id}`,
      insert: () => sql`insert into investment_preferences (member_id, ticket_min_minor, ticket_max_minor, currency) values (${w.users["the investor"].id}, 1, 2, 'EUR')`,
      update: () => sql`update investment_preferences set ticket_max_minor = 9000000 where member_id = ${w.users["the investor"].id}`,
      delete: () => sql`delete from investment_preferences where member_id = ${w.users["the investor"].id}`,
    },
    snapshot: () => sql`select to_jsonb(p) as row from investment_preferences p where p.member_id = ${w.users["the investor"].id}`,
    // The investor's own insert meets their existing row (one per member): refused by the key.
    rows: [
      // actor                              select insert  update delete
      ["anonymous",                         DENIED, DENIED, DENIED, DENIED],
      ["the investor",                      1,     'duplicate key value violates unique constraint "investment_preferences_pkey"', 1, 1],
      ["another member",                    0,     RLS,    0,     0],
      ["LGU admin",                         0,     RLS,    0,     0],
      ["LGU investment officer",            0,     RLS,    0,     0],
      ["LGU editor",                        0,     RLS,    0,     0],
      ["LGU permits officer",               0,     RLS,    0,     0],
      ["investment officer of another LGU", 0,     RLS,    0,     0],
      ["platform admin",                    0,     RLS,    0,     0],
    ],
  });
});

describe("invitations to opportunities", () => {
  matrix({
    title: "investment_invitations: the LGU's invitation to a member (written only by invite_investor)",
    ops: {
      select: () => sql`select 1 from investment_invitations where opportunity_id = ${w.open}`,
      insert: () => sql`insert into investment_invitations (opportunity_id, profile_id, lgu_id, invited_by) values (${w.open}, ${w.users["another member"].id}, ${w.town.id}, auth.uid())`,
      update: () => sql`update investment_invitations set created_at = now() - interval '1 year' where opportunity_id = ${w.open}`,
      delete: () => sql`delete from investment_invitations where opportunity_id = ${w.open}`,
    },
    snapshot: () => sql`select to_jsonb(i) as row from investment_invitations i where i.opportunity_id = ${w.open} order by i.profile_id`,
    rows: [
      // actor                              select  insert  update  delete
      ["anonymous",                         DENIED, DENIED, DENIED, DENIED],
      ["the investor",                      1,      DENIED, DENIED, DENIED],
      ["another member",                    0,      DENIED, DENIED, DENIED],
      ["LGU admin",                         1,      DENIED, DENIED, DENIED],
      ["LGU investment officer",            1,      DENIED, DENIED, DENIED],
      ["LGU editor",                        0,      DENIED, DENIED, DENIED],
      ["LGU permits officer",               0,      DENIED, DENIED, DENIED],
      ["investment officer of another LGU", 0,      DENIED, DENIED, DENIED],
      ["platform admin",                    0,      DENIED, DENIED, DENIED],
    ],
  });

  const people = (actor: Exclude<Actor, "anonymous">, lguId: () => string) =>
    as(actor, sql`select profile_id, display_name from public.people_for_investment_opportunity(${lguId()}::uuid, ${w.open}::uuid, '{"hometown":30,"willingness":10}'::jsonb, '{}'::jsonb, 20)`).then(
      (rows) => [...rows],
    );
  const invitations = () => asOwner(sql`select to_jsonb(i) as row from investment_invitations i order by i.profile_id`).then((rows) => JSON.stringify([...rows]));

  it.each(["LGU investment officer", "LGU admin"] as const)("%s finds only the member who allowed invitations (not the lead), without a private name", async (actor) => {
    expect(await people(actor, () => w.town.id)).toEqual([{ profile_id: w.users["another member"].id, display_name: null }]);
  });

  it.each(["the investor", "another member", "LGU editor", "LGU permits officer", "investment officer of another LGU", "platform admin"] as const)(
    "%s is refused the people to invite and cannot invite anyone; nothing changes",
    async (actor) => {
      const before = await invitations();
      expect(await refusalOf(people(actor, () => w.town.id))).toMatchObject({ code: "42501", hint: "not_investment_staff" });
      expect(await refusalOf(as(actor, sql`select public.invite_investor(${w.open}::uuid, ${w.users["another member"].id}::uuid)`))).toMatchObject({
        code: "42501",
        hint: "not_investment_staff",
      });
      expect(await invitations()).toBe(before);
    },
  );

  it("another LGU's investment officer, naming their own LGU, is told the opportunity is not theirs", async () => {
    expect(await refusalOf(people("investment officer of another LGU", () => w.otherTown.id))).toMatchObject({ code: "P0002", hint: "opportunity_not_found" });
  });

  it("anonymous callers cannot even call the functions", async () => {
    for (const query of [
      sql`select * from public.people_for_investment_opportunity(${w.town.id}::uuid, ${w.open}::uuid, '{}'::jsonb, '{}'::jsonb, 20)`,
      sql`select public.invite_investor(${w.open}::uuid, ${w.users["another member"].id}::uuid)`,
      sql`select * from app_private.investment_invitees(${w.open}::uuid, '{}'::jsonb)`,
    ]) {
      expect((await refusalOf(db().client.withRls(null, (tx) => tx.execute(query))))?.message).toMatch(/permission denied for (function|schema)/);
    }
  });
});

describe("investors' contact details reach only the LGU of the opportunity they chose to contact", () => {
  const contacts = (actor: Exclude<Actor, "anonymous">, lguId: () => string) =>
    as(actor, sql`select * from public.investment_lead_contacts(${lguId()}::uuid)`).then((rows) => [...rows]);

  it("the LGU's investment staff read the consenting investor's email and phone", async () => {
    for (const actor of ["LGU investment officer", "LGU admin"] as const) {
      expect(await contacts(actor, () => w.town.id)).toEqual([{ interest_id: w.lead, email: w.users["the investor"].email, phone: "+39 333 123 4567" }]);
    }
  });

  it.each(["the investor", "another member", "LGU editor", "LGU permits officer", "investment officer of another LGU", "platform admin"] as const)(
    "%s is refused the LGU's contacts",
    async (actor) => {
      expect(await refusalOf(contacts(actor, () => w.town.id))).toMatchObject({ code: "42501", hint: "not_investment_staff" });
    },
  );

  it("anonymous callers cannot even call the function", async () => {
    const refusal = await refusalOf(db().client.withRls(null, (tx) => tx.execute(sql`select * from public.investment_lead_contacts(${w.town.id}::uuid)`)));
    expect(refusal?.message).toMatch(/permission denied for function/);
  });

  it("another LGU's investment officer, asking for their own LGU, gets none of this lead's details", async () => {
    expect(await contacts("investment officer of another LGU", () => w.otherTown.id)).toEqual([]);
  });

  it("without consent, the LGU gets no contact details and no phone is even kept", async () => {
    const [quiet] = await as("another member", sql`select public.express_investment_interest(${w.open}::uuid, 1000000, 2000000, 'over_2_years', 'mentor',
      'I can mentor the cooperative on exports.', false, '+39 333 999 0000') as id`);
    try {
      const rows = await contacts("LGU investment officer", () => w.town.id);
      expect(rows.map((r) => r.interest_id)).toEqual([w.lead]);
      expect(await asOwner(sql`select phone from investment_interest_contacts where interest_id = ${quiet!.id as string}`)).toEqual([{ phone: null }]);
    } finally {
      await asOwner(sql`delete from investment_interests where id = ${quiet!.id as string}`);
    }
  });
});
