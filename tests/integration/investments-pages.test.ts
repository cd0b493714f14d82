/**
 * The investment pages' loaders and actions as a browser calls them: an officer's opportunity with
 * a document (checked by its bytes), the public list and page with its document, a member's
 * expression of interest refused beside the field when the range is out of order, the guide with a
 * step linked to the LGU's permit type (another LGU's type refused), the board's plain-form move,
 * the CSV, and another LGU's investment officer turned away from the leads, the CSV and a lead.
 */
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { setAdapters } from "../../app/adapters/index.server";
import { createLocalStorage } from "../../app/adapters/storage/local.server";
import { getEnv } from "../../app/config/env.server";
import { setDbClient } from "../../app/db/client.server";
import { setupTestDatabase } from "../support/db";
import { addLguRole, createLgu, createUser } from "../support/factories";
import { capturingEmail, samplePdf, tempUploadsDir } from "../support/org-factories";
import { answer, context, post, postMultipart, routeCalls, url } from "../support/route-calls";

const db = setupTestDatabase();
const { signedIn } = routeCalls(db);
const storage = createLocalStorage({ root: tempUploadsDir(), secret: getEnv().SESSION_SECRET });
const get = (path: string, cookie = "") => new Request(url(path), { headers: cookie ? { Cookie: cookie } : {} });
const owner = (query: ReturnType<typeof sql>) => db().client.asService((tx) => tx.execute(query)).then((rows) => [...rows] as Record<string, unknown>[]);

type Person = Awaited<ReturnType<typeof signedIn>>;
let officer: Person, member: Person, outsider: Person;
let lgu: { id: string; slug: string };
let otherLgu: { id: string; slug: string };

beforeAll(async () => {
  setDbClient(db().client);
  setAdapters({ storage, email: capturingEmail().port });
  officer = await signedIn("invest.officer@example.org");
  member = await signedIn("invest.member@example.org");
  outsider = await signedIn("other.officer@example.org");
  const admin = await createUser(db().url);
  lgu = await createLgu(db().url, { createdBy: admin.id, verificationStatus: "verified", name: "Naga City" });
  otherLgu = await createLgu(db().url, { createdBy: admin.id, verificationStatus: "verified" });
  await addLguRole(db().url, lgu.id, officer.id, "investment_officer");
  await addLguRole(db().url, otherLgu.id, outsider.id, "investment_officer");
});

const opportunityFields = {
  textLanguage: "en",
  title: "Pili sweets export partnership",
  summary: "Buy and sell pili sweets abroad.",
  description: "",
  sector: "nostalgia_trade",
  kind: "supplier_trade",
  location: "Naga City Food Terminal",
  currency: "PHP",
  ticketMin: "100,000",
  ticketMax: "1,000,000",
  timeline: "within_6_months",
  incentivesNote: "",
  contactOffice: "Investment office",
  contactEmail: "",
};

describe("investment pages", () => {
  let opportunityId: string;
  let slug: string;
  let leadId: string;

  it("an officer publishes an opportunity (a range out of order refused first) and attaches a PDF, refusing a renamed file", async () => {
    const page = await import("../../app/routes/manage.$lgu.investments.new");
    const path = `/manage/${lgu.slug}/investments/new`;
    const params = { lgu: lgu.slug };
    const bad = await answer(() => page.action({ request: post(path, officer.cookie, { ...opportunityFields, ticketMin: "5,000,000", intent: "publish" }), params, context }));
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ reply: { error: { ticketMax: ["invest:errors.amountRange"] } } });
    expect(await owner(sql`select count(*)::int as n from investment_opportunities`)).toEqual([{ n: 0 }]);
    const made = await answer(() => page.action({ request: post(path, officer.cookie, { ...opportunityFields, intent: "publish" }), params, context }));
    expect(made.status).toBe(302);
    opportunityId = made.headers.get("Location")!.split("/").pop()!;
    [{ slug } = { slug: "" }] = (await owner(sql`select slug from investment_opportunities where id = ${opportunityId}`)) as { slug: string }[];

    const edit = await import("../../app/routes/manage.$lgu.investments.$id");
    const editPath = `/manage/${lgu.slug}/investments/${opportunityId}`;
    const fake = await answer(() =>
      edit.action({ request: postMultipart(editPath, officer.cookie, {}, { document: { name: "plan.pdf", bytes: new TextEncoder().encode("MZ not a pdf"), type: "application/pdf" } }), params: { lgu: lgu.slug, id: opportunityId }, context }),
    );
    expect(fake.status).toBe(400);
    expect(await fake.json()).toMatchObject({ reply: { error: { document: ["services:documents.type_not_allowed"] } } });
    const real = await answer(() =>
      edit.action({ request: postMultipart(editPath, officer.cookie, {}, { document: { name: "plan.pdf", bytes: samplePdf(), type: "application/pdf" } }), params: { lgu: lgu.slug, id: opportunityId }, context }),
    );
    expect(real.status).toBe(302);
    const other = await answer(() => edit.loader({ request: get(editPath, outsider.cookie), params: { lgu: lgu.slug, id: opportunityId }, context }));
    expect(other.status).toBe(403);
  });

  it("the public sees it, with its document; a signed-in member's range out of order is refused beside the field", async () => {
    const list = await import("../../app/routes/invest._index");
    const found = (await (await answer(() => list.loader({ request: get("/invest?q=pili"), params: {}, context }))).json()) as { total: number; opportunities: { slug: string; min: string }[] };
    expect(found).toMatchObject({ total: 1, opportunities: [{ slug, min: "₱100,000.00" }] });
    const page = await import("../../app/routes/invest.$slug");
    const shown = (await (await answer(() => page.loader({ request: get(`/invest/${slug}`), params: { slug }, context }))).json()) as { documents: { id: string }[]; signedIn: boolean };
    expect(shown.signedIn).toBe(false);
    const download = await import("../../app/routes/invest.$slug_.documents.$id");
    const file = await answer(() => download.loader({ request: get(`/invest/${slug}/documents/${shown.documents[0]!.id}`), params: { slug, id: shown.documents[0]!.id }, context }));
    expect([file.status, file.headers.get("Content-Type"), file.headers.get("Content-Disposition")]).toEqual([200, "application/pdf", 'attachment; filename="plan.pdf"']);

    const fields = { amountMin: "500,000", amountMax: "200,000", timeline: "six_to_12_months", role: "investor", message: "I would like to export pili sweets to Rome.", consent: "on", phone: "+39 06 555 0101" };
    const anonymous = await answer(() => page.action({ request: post(`/invest/${slug}`, "", fields), params: { slug }, context }));
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toMatch(/^\/login/);
    const bad = await answer(() => page.action({ request: post(`/invest/${slug}`, member.cookie, fields), params: { slug }, context }));
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ reply: { error: { amountMax: ["invest:errors.amountRange"] } } });
    const sent = await answer(() => page.action({ request: post(`/invest/${slug}`, member.cookie, { ...fields, amountMin: "200,000", amountMax: "500,000" }), params: { slug }, context }));
    expect(sent.status).toBe(302);
    leadId = sent.headers.get("Location")!.split("/").pop()!;
    expect(await owner(sql`select amount_min_minor, amount_max_minor, currency from investment_interests where id = ${leadId}`)).toEqual([
      { amount_min_minor: "20000000", amount_max_minor: "50000000", currency: "PHP" },
    ]);
  });

  it("keeps another LGU's investment officer out of the leads, the CSV and the lead; the LGU's own officer moves it on the board", async () => {
    const leads = await import("../../app/routes/manage.$lgu.investments.leads._index");
    const csv = await import("../../app/routes/manage.$lgu.investments.leads[.]csv");
    const lead = await import("../../app/routes/manage.$lgu.investments.leads.$id");
    const params = { lgu: lgu.slug };
    for (const run of [
      () => leads.loader({ request: get(`/manage/${lgu.slug}/investments/leads`, outsider.cookie), params, context }),
      () => csv.loader({ request: get(`/manage/${lgu.slug}/investments/leads.csv`, outsider.cookie), params, context }),
      () => lead.loader({ request: get(`/manage/${lgu.slug}/investments/leads/${leadId}`, outsider.cookie), params: { ...params, id: leadId }, context }),
      () => leads.action({ request: post(`/manage/${lgu.slug}/investments/leads`, outsider.cookie, { lead: leadId, stage: "contacted" }), params, context }),
    ]) {
      expect((await answer(run)).status).toBe(403);
    }
    // Their own LGU's page does not show it either.
    const own = (await (await answer(() => leads.loader({ request: get(`/manage/${otherLgu.slug}/investments/leads`, outsider.cookie), params: { lgu: otherLgu.slug }, context }))).json()) as { leads: unknown[] };
    expect(own.leads).toEqual([]);
    expect(await owner(sql`select stage from investment_interests where id = ${leadId}`)).toEqual([{ stage: "new" }]);

    const moved = await answer(() => leads.action({ request: post(`/manage/${lgu.slug}/investments/leads`, officer.cookie, { lead: leadId, stage: "contacted", back: "?view=board" }), params, context }));
    expect([moved.status, moved.headers.get("Location")]).toEqual([302, `/manage/${lgu.slug}/investments/leads?view=board`]);
    const registered = await answer(() => leads.action({ request: post(`/manage/${lgu.slug}/investments/leads`, officer.cookie, { lead: leadId, stage: "registered" }), params, context }));
    expect(registered.status).toBe(409);
    expect(await registered.json()).toMatchObject({ reply: { error: { "": ["invest:errors.notCommitted"] }, form: leadId } });
    const exported = await answer(() => csv.loader({ request: get(`/manage/${lgu.slug}/investments/leads.csv`, officer.cookie), params, context }));
    expect(await exported.text()).toContain("invest.member@example.org");
  });

  it("the guide links a step to the LGU's own permit type, not another LGU's, and shows it while the type is offered", async () => {
    const [own] = await owner(sql`insert into permit_types (lgu_id, slug, name, fee_schedule, currency, processing_days)
      values (${lgu.id}, 'new-business', '{"en":"New business permit"}', '{"kind":"fixed","currency":"PHP","amountMinor":1000}', 'PHP', 5) returning id`);
    const [foreign] = await owner(sql`insert into permit_types (lgu_id, slug, name, fee_schedule, currency, processing_days)
      values (${otherLgu.id}, 'new-business', '{"en":"Elsewhere permit"}', '{"kind":"fixed","currency":"PHP","amountMinor":1000}', 'PHP', 5) returning id`);
    const editor = await import("../../app/routes/manage.$lgu.investments.guide");
    const path = `/manage/${lgu.slug}/investments/guide`;
    const params = { lgu: lgu.slug };
    const step = { textLanguage: "en", title: "Apply for the business permit", body: "Online, with the DTI registration.", intent: "add" };
    const refused = await answer(() => editor.action({ request: post(path, officer.cookie, { ...step, permitType: foreign!.id as string }), params, context }));
    expect(refused.status).toBe(403);
    expect(await owner(sql`select count(*)::int as n from investment_guide_steps`)).toEqual([{ n: 0 }]);
    const added = await answer(() => editor.action({ request: post(path, officer.cookie, { ...step, permitType: own!.id as string }), params, context }));
    expect(added.status).toBe(302);
    const guide = await import("../../app/routes/lgus.$slug_.invest");
    const shown = (await (await answer(() => guide.loader({ request: get(`/lgus/${lgu.slug}/invest`), params: { slug: lgu.slug }, context }))).json()) as {
      steps: { permit: { slug: string } | null }[];
      opportunities: { slug: string }[];
    };
    expect(shown.steps).toEqual([expect.objectContaining({ permit: expect.objectContaining({ slug: "new-business" }) })]);
    expect(shown.opportunities.map((o) => o.slug)).toEqual([slug]);
    await owner(sql`update permit_types set active = false where id = ${own!.id as string}`);
    const later = (await (await answer(() => guide.loader({ request: get(`/lgus/${lgu.slug}/invest`), params: { slug: lgu.slug }, context }))).json()) as { steps: { permit: unknown }[] };
    expect(later.steps).toEqual([expect.objectContaining({ permit: null })]);
  });
});
