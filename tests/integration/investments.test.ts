/**
 * Investments through the modules the pages call, against the real database: publishing an
 * opportunity (and refusing a ticket range out of order), the public list and its search, a member's
 * expression of interest (refused on a closed opportunity, out of order, or twice), the lead
 * pipeline (stages and their rules, the case opened past "contacted", assignment, next actions,
 * overdue markers and the once-a-day reminder, history and audit), the case's permit application
 * (same LGU only), the CSV with contacts only where consented, another LGU's officer reading or
 * moving leads: refused, nothing changed; and the LGU's replies emailed to the member.
 */
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { setAdapters } from "../../app/adapters/index.server";
import { setDbClient } from "../../app/db/client.server";
import { exportAccount } from "../../app/modules/auth/account.server";
import { expressInterest, myInterest, myInterests, savePreferences, writeMessage } from "../../app/modules/investments/interests.server";
import { listOpportunities, opportunityBySlug, saveOpportunity, setOpportunityStatus } from "../../app/modules/investments/opportunities.server";
import { actOnLead, leadsCsv, leadsOf, leadView } from "../../app/modules/investments/pipeline.server";
import { sendLeadReminders } from "../../app/modules/investments/reminders.server";
import { interestFormSchema, opportunityFormSchema, type OpportunityFormInput } from "../../app/modules/investments/schema";
import { setupTestDatabase } from "../support/db";
import { addLguRole, createLgu, createUser } from "../support/factories";
import { capturingEmail } from "../support/org-factories";

const db = setupTestDatabase();
const mail = capturingEmail();
const SITE = "http://portal.test";
type User = Awaited<ReturnType<typeof createUser>>;
let officer: User, admin: User, otherOfficer: User, investor: User, quiet: User, editor: User;
let lgu: { id: string; slug: string; placeId: string };
let otherLgu: { id: string; slug: string; placeId: string };
const owner = (query: ReturnType<typeof sql>) => db().client.asService((tx) => tx.execute(query)).then((rows) => [...rows] as Record<string, unknown>[]);

const form = (overrides: Partial<OpportunityFormInput> = {}): OpportunityFormInput => ({
  textLanguage: "en",
  title: "Pili nut processing cooperative",
  summary: "Join farmers who turn pili nuts into export sweets.",
  description: null,
  sector: "cooperative",
  kind: "cooperative_membership",
  location: "Barangay Carolina",
  ticketMin: "",
  ticketMax: "",
  ticketMinMinor: 50_000_000,
  ticketMaxMinor: 500_000_000,
  currency: "PHP",
  timeline: "six_to_12_months",
  incentives: ["fee_waiver", "training"],
  incentivesNote: null,
  contactOffice: "Naga City Investment and Promotions Office",
  contactEmail: undefined,
  ...overrides,
});

const interest = (overrides: Record<string, unknown> = {}) => {
  const parsed = interestFormSchema.safeParse({
    currency: "PHP",
    amountMin: "200,000",
    amountMax: "500,000",
    timeline: "six_to_12_months",
    role: "investor",
    message: "I run a food shop in Milan and would like to import pili sweets.",
    consent: "on",
    phone: "+39 333 123 4567",
    ...overrides,
  });
  if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
  return parsed.data;
};

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => ({ key: (error as { messageKey?: string }).messageKey, field: (error as { field?: string }).field, status: (error as { status?: number }).status }),
  );

beforeAll(async () => {
  setDbClient(db().client);
  setAdapters({ email: mail.port });
  const url = db().url;
  [officer, admin, otherOfficer, investor, quiet, editor] = (await Promise.all(
    ["Ivan Officer", "Ana Admin", "Olga Other", "Rosa Investor", "Quinn Quiet", "Eddie Editor"].map((displayName) => createUser(url, { displayName })),
  )) as [User, User, User, User, User, User];
  lgu = await createLgu(url, { createdBy: admin.id, verificationStatus: "verified", name: "City Government of Naga" });
  otherLgu = await createLgu(url, { createdBy: otherOfficer.id, verificationStatus: "verified" });
  await addLguRole(url, lgu.id, officer.id, "investment_officer");
  await addLguRole(url, lgu.id, editor.id, "editor");
  await addLguRole(url, otherLgu.id, otherOfficer.id, "investment_officer");
  await db().client.sql`update profiles set country_of_residence = 'IT' where id = ${investor.id}`;
});

describe("opportunities", () => {
  it("refuses a ticket range whose smallest amount is above the largest, in the form and in the database, saving nothing", async () => {
    const parsed = opportunityFormSchema.safeParse({
      textLanguage: "en", title: "Pili nut processing cooperative", sector: "cooperative", kind: "cooperative_membership", currency: "PHP",
      timeline: "six_to_12_months", contactOffice: "Investment office", ticketMin: "5,000,000", ticketMax: "500,000", incentives: ["land"],
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues).toEqual([expect.objectContaining({ path: ["ticketMax"], message: "invest:errors.amountRange" })]);
    expect(await refusal(saveOpportunity(officer.claims, lgu.id, null, form({ ticketMinMinor: 500_000_000, ticketMaxMinor: 1_000 })))).toEqual({
      key: "invest:errors.amountRange",
      field: "ticketMax",
      status: 400,
    });
    expect(await owner(sql`select count(*)::int as n from investment_opportunities`)).toEqual([{ n: 0 }]);
  });

  it("lets only the LGU's investment staff write, publishes with a date, and shows published ones to the public", async () => {
    expect(await refusal(saveOpportunity(editor.claims, lgu.id, null, form()))).toMatchObject({ key: "invest:errors.notStaff", status: 403 });
    expect(await refusal(saveOpportunity(otherOfficer.claims, lgu.id, null, form()))).toMatchObject({ key: "invest:errors.notStaff", status: 403 });
    const draft = await saveOpportunity(officer.claims, lgu.id, null, form());
    expect(draft.slug).toMatch(/^pili-nut-processing-cooperative-[0-9a-f]{6}$/);
    expect(await opportunityBySlug(null, draft.slug, "en")).toBeNull();
    await setOpportunityStatus(officer.claims, lgu.id, draft.id, "open");
    const page = await opportunityBySlug(null, draft.slug, "en");
    expect(page).toMatchObject({ status: "open", interestSectors: ["livelihood", "agriculture"], titleText: { text: "Pili nut processing cooperative", lang: "en" } });
    expect(page!.publishedAt).toBeInstanceOf(Date);
    // A translation is added without losing the English.
    await saveOpportunity(officer.claims, lgu.id, draft.id, form({ textLanguage: "es", title: "Cooperativa de procesamiento de pili", summary: null }));
    expect((await opportunityBySlug(null, draft.slug, "es"))!.titleText).toEqual({ text: "Cooperativa de procesamiento de pili", lang: "es" });
    expect((await opportunityBySlug(null, draft.slug, "en"))!.titleText).toEqual({ text: "Pili nut processing cooperative", lang: "en" });
    // Never back to draft once published.
    expect(await owner(sql`select count(*)::int as n from audit_log where subject_table = 'investment_opportunities' and actor_id = ${officer.id}`)).toEqual([{ n: 3 }]);
  });

  it("lists open opportunities with accent-insensitive search, filters and pages", async () => {
    const agro = await saveOpportunity(officer.claims, lgu.id, null, form({ title: "Café agro-tourism farm in Pacol", sector: "agro_tourism", kind: "joint_venture" }), true);
    const list = (filters: Parameters<typeof listOpportunities>[1]) => db().client.withRls(null, (tx) => listOpportunities(tx, filters, "en"));
    expect((await list({ page: 1 })).total).toBe(2);
    const cafe = await list({ q: "cafe PACOL", page: 1 });
    expect(cafe.opportunities.map((o) => o.slug)).toEqual([agro.slug]);
    expect((await list({ sector: "cooperative", page: 1 })).opportunities).toHaveLength(1);
    expect((await list({ kind: "franchise", page: 1 })).total).toBe(0);
    expect((await list({ lgu: lgu.slug, status: "closed", page: 1 })).total).toBe(0);
    expect((await list({ q: "100%_", page: 1 })).total).toBe(0);
  });
});

describe("expressions of interest and the pipeline", () => {
  let opportunity: { id: string; slug: string };
  let lead: string;

  beforeAll(async () => {
    opportunity = await saveOpportunity(officer.claims, lgu.id, null, form({ title: "Nostalgia food export hub", sector: "nostalgia_trade", kind: "supplier_trade" }), true);
  });

  it("refuses an amount range out of order and a closed opportunity, with clear messages, recording nothing", async () => {
    const parsed = interestFormSchema.safeParse({ currency: "PHP", amountMin: "900,000", amountMax: "100", timeline: "over_2_years", role: "mentor", message: "Long enough message here." });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((i) => [i.path.join("."), i.message])).toEqual([["amountMax", "invest:errors.amountRange"]]);
    expect(await refusal(expressInterest(investor.claims, opportunity.id, { ...interest(), amountMinMinor: 90_000_000, amountMaxMinor: 10 }))).toEqual({
      key: "invest:errors.amountRange",
      field: "amountMax",
      status: 400,
    });
    const closed = await saveOpportunity(officer.claims, lgu.id, null, form({ title: "Closed market stall lease", kind: "land_lease", sector: "real_estate" }), true);
    await setOpportunityStatus(officer.claims, lgu.id, closed.id, "closed");
    expect(await refusal(expressInterest(investor.claims, closed.id, interest()))).toEqual({ key: "invest:errors.opportunityClosed", field: "", status: 409 });
    expect(await owner(sql`select count(*)::int as n from investment_interests`)).toEqual([{ n: 0 }]);
  });

  it("records the expression once; the member sees it; a second one is refused", async () => {
    lead = await expressInterest(investor.claims, opportunity.id, interest());
    expect(await refusal(expressInterest(investor.claims, opportunity.id, interest()))).toMatchObject({ key: "invest:errors.alreadyInterested", status: 409 });
    const mine = await myInterests(investor.claims, "en");
    expect(mine).toEqual([expect.objectContaining({ id: lead, stage: "new", slug: opportunity.slug, replies: 0 })]);
    expect(await myInterests(quiet.claims, "en")).toEqual([]);
    expect(await myInterest(quiet.claims, lead, "en")).toBeNull();
    const row = (await owner(sql`select display_name, country_of_residence, amount_min_minor, amount_max_minor, currency from investment_interests where id = ${lead}`))[0];
    expect(row).toEqual({ display_name: "Rosa Investor", country_of_residence: "IT", amount_min_minor: "20000000", amount_max_minor: "50000000", currency: "PHP" });
  });

  it("keeps another LGU's officer out: reading or moving the lead is refused and changes nothing", async () => {
    expect((await leadsOf(otherOfficer.claims, lgu.id, {}, "en")).leads).toEqual([]);
    expect(await leadView(otherOfficer.claims, lgu.id, lead, "en")).toBeNull();
    expect(await leadView(otherOfficer.claims, otherLgu.id, lead, "en")).toBeNull();
    expect(await refusal(actOnLead(otherOfficer.claims, lgu.id, lead, { intent: "move", stage: "contacted", note: null }, SITE))).toEqual({
      key: "invest:errors.notStaff",
      field: "",
      status: 403,
    });
    expect(await refusal(actOnLead(editor.claims, lgu.id, lead, { intent: "note", note: "Sneaky note" }, SITE))).toMatchObject({ key: "invest:errors.notStaff", status: 403 });
    expect(await owner(sql`select stage from investment_interests where id = ${lead}`)).toEqual([{ stage: "new" }]);
    expect(await owner(sql`select count(*)::int as n from investment_lead_events where interest_id = ${lead}`)).toEqual([{ n: 0 }]);
  });

  it("moves the lead along the pipeline by its rules; the case opens past contacted, once", async () => {
    const act = (action: Parameters<typeof actOnLead>[3]) => actOnLead(officer.claims, lgu.id, lead, action, SITE);
    expect(await refusal(act({ intent: "move", stage: "registered", note: null }))).toMatchObject({ key: "invest:errors.notCommitted", field: "stage" });
    expect(await refusal(act({ intent: "move", stage: "declined", note: null }))).toMatchObject({ key: "invest:errors.reasonRequired", field: "note" });
    await act({ intent: "move", stage: "contacted", note: "Called her on WhatsApp" });
    expect(await owner(sql`select count(*)::int as n from investment_cases where interest_id = ${lead}`)).toEqual([{ n: 0 }]);
    expect(await refusal(act({ intent: "move", stage: "contacted", note: null }))).toMatchObject({ key: "invest:errors.sameStage" });
    await act({ intent: "move", stage: "meeting", note: null });
    await act({ intent: "move", stage: "due_diligence", note: null });
    expect(await owner(sql`select phase from investment_cases where interest_id = ${lead}`)).toEqual([{ phase: "idea" }]);
    await act({ intent: "reply", body: "Thank you Rosa, can we call on Monday?" });
    await act({ intent: "note", note: "Serious: has a shop in Milan." });
    const view = await leadView(officer.claims, lgu.id, lead, "en");
    expect(view!.events.map((e) => [e.kind, e.fromStage, e.toStage])).toEqual([
      ["note", null, null],
      ["stage", "meeting", "due_diligence"],
      ["case", null, null],
      ["stage", "contacted", "meeting"],
      ["stage", "new", "contacted"],
    ]);
    expect(view!.contact).toEqual({ email: investor.email, phone: "+39 333 123 4567" });
    expect(view!.caseFile).toMatchObject({ phase: "idea", tasks: [], documents: [], permit: null });
    // The investor sees the reply and the case's phase, not the internal note.
    const mine = await myInterest(investor.claims, lead, "en");
    expect(mine!.messages.map((m) => [m.fromStaff, m.body])).toEqual([[true, "Thank you Rosa, can we call on Monday?"]]);
    expect(mine!.case).toEqual({ phase: "idea", applicationId: null, reference: null, applicationStatus: null });
    // Every staff action is in the audit log, by the officer.
    const audited = await owner(sql`select subject_table, count(*)::int as n from audit_log where actor_id = ${officer.id} and subject_table like 'investment_%'
      and subject_table <> 'investment_opportunities' group by subject_table order by subject_table`);
    expect(audited).toEqual([
      { subject_table: "investment_cases", n: 1 },
      { subject_table: "investment_interests", n: 3 },
      { subject_table: "investment_lead_events", n: 5 },
      { subject_table: "investment_messages", n: 1 },
    ]);
  });

  it("assigns, plans, marks overdue and reminds the assigned officer once a day", async () => {
    expect(await refusal(actOnLead(officer.claims, lgu.id, lead, { intent: "assign", officer: otherOfficer.id }, SITE))).toMatchObject({ key: "invest:errors.notAnOfficer", field: "officer" });
    await actOnLead(officer.claims, lgu.id, lead, { intent: "assign", officer: officer.id }, SITE);
    expect(await refusal(actOnLead(officer.claims, lgu.id, lead, { intent: "plan", nextAction: "Send the business plan template", nextActionOn: "2020-01-01" }, SITE))).toMatchObject({
      key: "invest:errors.planInPast",
      field: "nextActionOn",
    });
    expect(await refusal(actOnLead(officer.claims, lgu.id, lead, { intent: "plan", nextAction: "Call", nextActionOn: undefined }, SITE))).toMatchObject({ key: "invest:errors.planIncomplete" });
    const today = new Date().toISOString().slice(0, 10);
    await actOnLead(officer.claims, lgu.id, lead, { intent: "plan", nextAction: "Send the business plan template", nextActionOn: today }, SITE);
    expect((await leadsOf(officer.claims, lgu.id, { overdue: true }, "en")).leads).toEqual([]);
    expect(await sendLeadReminders("https://tulay.test")).toBe(0);
    // Time passes: the date is now behind us.
    await owner(sql`update investment_interests set next_action_on = next_action_on - 3 where id = ${lead}`);
    const { leads } = await leadsOf(officer.claims, lgu.id, { overdue: true, assigned: "me" }, "en");
    expect(leads.map((l) => [l.id, l.overdue, l.assigneeName])).toEqual([[lead, true, "Ivan Officer"]]);
    mail.sent.length = 0;
    expect(await sendLeadReminders("https://tulay.test")).toBe(1);
    expect(mail.sent).toEqual([
      expect.objectContaining({ to: officer.email, template: "investment-lead-overdue", subject: "Overdue: Send the business plan template (Rosa Investor)" }),
    ]);
    expect(mail.sent[0]!.text).toContain(`https://tulay.test/manage/${lgu.slug}/investments/leads/${lead}`);
    // Not again today, but again tomorrow.
    expect(await sendLeadReminders("https://tulay.test")).toBe(0);
    const tomorrow = new Date(Date.now() + 24 * 3600 * 1000);
    expect(await sendLeadReminders("https://tulay.test", tomorrow)).toBe(1);
    expect(mail.sent).toHaveLength(2);
  });

  it("links a permit application of the same LGU only; the investor sees it when it is theirs", async () => {
    const [type] = await owner(sql`insert into permit_types (lgu_id, slug, name, fee_schedule, currency, processing_days) values
      (${lgu.id}, 'new-business', '{"en":"New business"}', '{"kind":"fixed","currency":"PHP","amountMinor":1000}', 'PHP', 5) returning id`);
    const [otherType] = await owner(sql`insert into permit_types (lgu_id, slug, name, fee_schedule, currency, processing_days) values
      (${otherLgu.id}, 'new-business', '{"en":"New business"}', '{"kind":"fixed","currency":"PHP","amountMinor":1000}', 'PHP', 5) returning id`);
    const application = (lguId: string, typeId: unknown, reference: string) =>
      owner(sql`insert into permit_applications (lgu_id, permit_type_id, applicant_id, reference, status, business_name, line_of_business, address, owner_name, owner_phone, currency, submitted_at)
        values (${lguId}, ${typeId as string}, ${investor.id}, ${reference}, 'submitted', 'Pili Sweets Export', 'Food processing', 'Barangay Carolina, Naga City', 'Rosa Investor', '+39 333 123 4567', 'PHP', now()) returning id`);
    await application(otherLgu.id, otherType!.id, "OTHER-BP-2026-000001");
    const [own] = await application(lgu.id, type!.id, "NAGA-BP-2026-000007");
    expect(await refusal(actOnLead(officer.claims, lgu.id, lead, { intent: "linkPermit", reference: "OTHER-BP-2026-000001" }, SITE))).toEqual({
      key: "invest:errors.permitOtherLgu",
      field: "reference",
      status: 400,
    });
    expect(await refusal(actOnLead(officer.claims, lgu.id, lead, { intent: "linkPermit", reference: "NAGA-BP-2026-999999" }, SITE))).toMatchObject({ key: "invest:errors.permitNotFound" });
    expect(await owner(sql`select permit_application_id, phase from investment_cases where interest_id = ${lead}`)).toEqual([{ permit_application_id: null, phase: "idea" }]);
    await actOnLead(officer.claims, lgu.id, lead, { intent: "linkPermit", reference: "naga-bp-2026-000007 " }, SITE);
    expect(await owner(sql`select permit_application_id, phase from investment_cases where interest_id = ${lead}`)).toEqual([{ permit_application_id: own!.id, phase: "formalisation" }]);
    const view = await leadView(officer.claims, lgu.id, lead, "en");
    // The investment officer holds no permits role: the reference comes from the case's history.
    expect(view!.caseFile!.permit).toEqual({ id: own!.id, reference: "NAGA-BP-2026-000007", status: null, businessName: null, byInvestor: null });
    const adminView = await leadView(admin.claims, lgu.id, lead, "en");
    expect(adminView!.caseFile!.permit).toMatchObject({ reference: "NAGA-BP-2026-000007", status: "submitted", byInvestor: true });
    expect((await myInterest(investor.claims, lead, "en"))!.case).toEqual({ phase: "formalisation", applicationId: own!.id, reference: "NAGA-BP-2026-000007", applicationStatus: "submitted" });
  });

  it("adds and ticks tasks, then commits and registers; a registered lead is done", async () => {
    await actOnLead(officer.claims, lgu.id, lead, { intent: "task", title: "Review the business plan", dueOn: undefined }, SITE);
    const view = await leadView(officer.claims, lgu.id, lead, "en");
    const task = view!.caseFile!.tasks[0]!;
    expect(task).toMatchObject({ title: "Review the business plan", phase: "formalisation", doneAt: null });
    await actOnLead(officer.claims, lgu.id, lead, { intent: "taskDone", task: task.id }, SITE);
    expect(await refusal(actOnLead(officer.claims, lgu.id, lead, { intent: "taskDone", task: task.id }, SITE))).toMatchObject({ key: "invest:errors.taskDone" });
    await actOnLead(officer.claims, lgu.id, lead, { intent: "move", stage: "committed", note: null }, SITE);
    await actOnLead(officer.claims, lgu.id, lead, { intent: "move", stage: "registered", note: "Pili Sweets Export registered" }, SITE);
    expect(await owner(sql`select i.stage, i.next_action, c.phase from investment_interests i join investment_cases c on c.interest_id = i.id where i.id = ${lead}`)).toEqual([
      { stage: "registered", next_action: null, phase: "creation" },
    ]);
    expect(await refusal(actOnLead(officer.claims, lgu.id, lead, { intent: "move", stage: "declined", note: "Changed my mind" }, SITE))).toMatchObject({ key: "invest:errors.leadDone" });
    expect(await sendLeadReminders("https://tulay.test", new Date(Date.now() + 5 * 24 * 3600 * 1000))).toBe(0);
  });

  it("exports the leads as CSV with contact details only where the investor consented", async () => {
    const silent = await expressInterest(quiet.claims, opportunity.id, interest({ consent: undefined, phone: "+39 02 555 0000", role: "mentor", message: "I can mentor on export logistics." }));
    const csv = await leadsCsv(officer.claims, lgu.id, "en");
    const lines = csv.trim().split("\r\n");
    expect(lines).toHaveLength(3);
    const byId = (id: string) => lines.find((l) => l.startsWith(id))!;
    // The phone starts with +: defused for spreadsheets (files/csv).
    expect(byId(lead)).toContain(`,${investor.email},"'+39 333 123 4567"`);
    expect(byId(lead)).toContain(",200000.00,500000.00,PHP,");
    expect(byId(silent)).toMatch(/,,$/);
    expect(csv).not.toContain("555 0000");
    expect(csv).not.toContain(quiet.email);
    expect(await owner(sql`select phone from investment_interest_contacts where interest_id = ${silent}`)).toEqual([{ phone: null }]);
  });
});

describe("an investor's own data", () => {
  it("is in their data export, and leaves with their account: the LGU keeps the lead without name, country or phone", async () => {
    const leaving = await createUser(db().url, { displayName: "Lea Leaving" });
    await db().client.sql`update profiles set country_of_residence = 'DE' where id = ${leaving.id}`;
    const opportunity = await saveOpportunity(officer.claims, lgu.id, null, form({ title: "Farm-to-table restaurant franchise", kind: "franchise", sector: "services" }), true);
    const lead = await expressInterest(leaving.claims, opportunity.id, interest({ phone: "+49 30 555 0100" }));
    await actOnLead(officer.claims, lgu.id, lead, { intent: "reply", body: "Welcome, Lea!" }, SITE);
    const exported = await exportAccount({ user: { id: leaving.id, email: leaving.email, emailConfirmed: true }, claims: leaving.claims });
    expect(exported.investmentInterests).toEqual([
      expect.objectContaining({ id: lead, opportunity: opportunity.slug, phone: "+49 30 555 0100", consent_to_contact: true, messages: [expect.objectContaining({ fromStaff: true, body: "Welcome, Lea!" })] }),
    ]);
    // The account goes (as the auth port deletes it): the lead stays, anonymous.
    await owner(sql`delete from auth.users where id = ${leaving.id}`);
    expect(await owner(sql`select member_id, display_name, country_of_residence, consent_to_contact from investment_interests where id = ${lead}`)).toEqual([
      { member_id: null, display_name: "Former member", country_of_residence: null, consent_to_contact: false },
    ]);
    expect(await owner(sql`select count(*)::int as n from investment_interest_contacts where interest_id = ${lead}`)).toEqual([{ n: 0 }]);
    const view = await leadView(officer.claims, lgu.id, lead, "en");
    expect(view).toMatchObject({ displayName: "Former member", contact: null });
  });
});

describe("the LGU's reply to an expression of interest", () => {
  let lead: string;
  let member: User;
  beforeAll(async () => {
    member = await createUser(db().url, { displayName: "Marie Lyon" });
    await owner(sql`update profiles set preferred_locale = 'fr' where id = ${member.id}`);
    const opportunity = await saveOpportunity(officer.claims, lgu.id, null, form({ title: "Cottages on the farm", kind: "joint_venture", sector: "agro_tourism" }), true);
    lead = await expressInterest(member.claims, opportunity.id, interest({ consent: undefined, phone: undefined }));
  });

  it("is emailed to the member in their language with a link to answer, even without consent to share contacts; the member's own messages and refused replies email nobody", async () => {
    const before = mail.sent.length;
    expect(await refusal(actOnLead(otherOfficer.claims, lgu.id, lead, { intent: "reply", body: "Not my lead" }, SITE))).toMatchObject({ key: "invest:errors.notYours", status: 403 });
    await writeMessage(member.claims, lead, "Any news about the cottages?");
    expect(mail.sent.length).toBe(before);
    await actOnLead(officer.claims, lgu.id, lead, { intent: "reply", body: "Yes: the site visit is on 3 March." }, SITE);
    const sent = mail.sent.slice(before);
    expect(sent).toEqual([
      {
        to: member.email,
        subject: "City Government of Naga a répondu au sujet de « Cottages on the farm »",
        template: "investment-reply",
        text: expect.stringContaining("Yes: the site visit is on 3 March."),
      },
    ]);
    expect(sent[0]!.text).toContain(`${SITE}/me/invest/${lead}`);
    expect(await owner(sql`select count(*)::int as n from investment_messages where interest_id = ${lead} and from_staff`)).toEqual([{ n: 1 }]);
  });

  it("is not kept when the email cannot be sent, so the officer can send it again", async () => {
    setAdapters({ email: { name: "outbox", send: () => Promise.reject(new Error("SMTP is down")) } });
    try {
      await expect(actOnLead(officer.claims, lgu.id, lead, { intent: "reply", body: "Lost reply" }, SITE)).rejects.toThrow("SMTP is down");
    } finally {
      setAdapters({ email: mail.port });
    }
    expect(await owner(sql`select count(*)::int as n from investment_messages where body = 'Lost reply'`)).toEqual([{ n: 0 }]);
  });
});

describe("opportunities for you", () => {
  it("ranks by sector interests, hometown, ticket size and language, with the reasons, leaving out what does not match", async () => {
    const { opportunitiesFor, RANKING_WEIGHTS } = await import("../../app/modules/investments/matching.server");
    const url = db().url;
    const member = await createUser(url, { displayName: "Marco" });
    const farTown = await createLgu(url, { createdBy: admin.id, verificationStatus: "verified" });
    await addLguRole(url, farTown.id, officer.id, "investment_officer");
    await owner(sql`update profiles set sectors = '{tourism}', languages = '{it}', preferred_locale = 'es' where id = ${member.id}`);
    await owner(sql`insert into profile_hometowns (profile_id, place_id) values (${member.id}, ${lgu.placeId})`);
    await owner(sql`insert into exchange_rates (currency, usd_per_unit) values ('PHP', 0.0172), ('EUR', 1.08) on conflict (currency) do update set usd_per_unit = excluded.usd_per_unit`);
    await savePreferences(member.claims, { currency: "EUR", ticketMinMinor: 1_000_000, ticketMaxMinor: 5_000_000 }); // €10,000 – €50,000
    // Hometown + tourism + ticket (₱1M–₱5M ≈ $17k–$86k overlaps €10k–€50k ≈ $10.8k–$54k) + Spanish title.
    const best = await saveOpportunity(officer.claims, lgu.id, null, form({ title: "Mount Isarog agro-tourism lodge", sector: "agro_tourism", ticketMinMinor: 100_000_000, ticketMaxMinor: 500_000_000 }), true);
    await saveOpportunity(officer.claims, lgu.id, best.id, form({ textLanguage: "es", title: "Albergue agroturístico del monte Isarog", sector: "agro_tourism", ticketMinMinor: 100_000_000, ticketMaxMinor: 500_000_000 }));
    // Far away, tourism, but far too big a ticket (₱500M ≈ $8.6M).
    const far = await saveOpportunity(officer.claims, farTown.id, null, form({ title: "Beach resort partnership", sector: "health_tourism", ticketMinMinor: 50_000_000_000, ticketMaxMinor: 90_000_000_000 }), true);
    // Nothing in common (technology, far, huge): left out.
    await saveOpportunity(officer.claims, farTown.id, null, form({ title: "Data centre", sector: "technology", ticketMinMinor: 50_000_000_000, ticketMaxMinor: 90_000_000_000 }), true);
    const ranked = await opportunitiesFor(member.claims, "en", 20);
    // The hometown's other opportunities (cooperative, nostalgia trade) match by hometown and ticket only.
    expect(ranked[0]).toEqual({
      slug: best.slug,
      title: { text: "Mount Isarog agro-tourism lodge", lang: "en" },
      lguName: "City Government of Naga",
      sector: "agro_tourism",
      score: RANKING_WEIGHTS.sector + RANKING_WEIGHTS.hometown + RANKING_WEIGHTS.ticket + RANKING_WEIGHTS.language,
      reasons: [{ code: "sector", sectors: ["tourism"] }, { code: "hometown", place: expect.any(String) }, { code: "ticket" }, { code: "language", language: "es" }],
    });
    const farRanked = ranked.find((r) => r.slug === far.slug);
    expect(farRanked).toMatchObject({ score: RANKING_WEIGHTS.sector, reasons: [{ code: "sector", sectors: ["tourism"] }] });
    expect(ranked.map((r) => r.title?.text)).not.toContain("Data centre");
    // Scores never increase down the list; the same call gives the same order.
    expect(ranked.map((r) => r.score)).toEqual([...ranked.map((r) => r.score)].sort((a, b) => b - a));
    expect((await opportunitiesFor(member.claims, "en", 20)).map((r) => r.slug)).toEqual(ranked.map((r) => r.slug));
    // Once the member has expressed interest, it is no longer suggested.
    await expressInterest(member.claims, best.id, interest());
    expect((await opportunitiesFor(member.claims, "en", 20)).map((r) => r.slug)).not.toContain(best.slug);
  });

  it("names the home province when the LGU is the province of the member's hometown", async () => {
    const { opportunitiesFor, RANKING_WEIGHTS } = await import("../../app/modules/investments/matching.server");
    const url = db().url;
    const member = await createUser(url, { displayName: "Lina" });
    // A town inside the other LGU's place (as a city is inside its province).
    const [town] = await owner(sql`insert into places (parent_id, kind, name, country_code) values (${otherLgu.placeId}, 'municipality', 'Little Town', 'TL') returning id`);
    await owner(sql`insert into profile_hometowns (profile_id, place_id) values (${member.id}, ${town!.id as string})`);
    const provincial = await saveOpportunity(otherOfficer.claims, otherLgu.id, null, form({ title: "Provincial solar farm", sector: "renewable_energy", ticketMinMinor: 50_000_000_000, ticketMaxMinor: 90_000_000_000 }), true);
    const ranked = await opportunitiesFor(member.claims, "fil");
    expect(ranked.find((r) => r.slug === provincial.slug)).toMatchObject({ score: RANKING_WEIGHTS.home_province, reasons: [{ code: "home_province", place: "Little Town" }] });
  });
});
