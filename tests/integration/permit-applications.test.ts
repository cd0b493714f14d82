/**
 * Permit applications through the pages: an LGU's offered permits, starting an application
 * (validation), uploading documents (a renamed file refused by its bytes, an oversize one refused,
 * nothing stored), submitting, the public status lookup with its second factor and rate limit,
 * downloading documents (the applicant yes, anyone else no) and verifying an issued permit.
 */
import { readdirSync } from "node:fs";
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
const uploads = tempUploadsDir();
const storage = createLocalStorage({ root: uploads, secret: getEnv().SESSION_SECRET });
const mail = capturingEmail();
const { signedIn } = routeCalls(db);
type Person = Awaited<ReturnType<typeof signedIn>>;

let applicant: Person;
let stranger: Person;
let officer: Awaited<ReturnType<typeof createUser>>;
let lgu: { id: string; slug: string };
let typeId: string;
let requirementId: string;

const get = (path: string, cookie = "") => new Request(url(path), { headers: cookie ? { Cookie: cookie } : {} });
const files = () => readdirSync(uploads, { recursive: true }).filter((f) => String(f).endsWith(".pdf") || String(f).endsWith(".png")).length;

beforeAll(async () => {
  setDbClient(db().client);
  setAdapters({ storage, email: mail.port });
  applicant = await signedIn("permit.applicant@example.org");
  stranger = await signedIn("permit.stranger@example.org");
  officer = await createUser(db().url);
  const admin = await createUser(db().url);
  lgu = await createLgu(db().url, { createdBy: admin.id, verificationStatus: "verified", name: "Naga City" });
  await addLguRole(db().url, lgu.id, officer.id, "permits_officer");
  const asOfficer = (query: ReturnType<typeof sql>) => db().client.withRls(officer.claims, (tx) => tx.execute(query));
  const [type] = (await asOfficer(sql`insert into permit_types (lgu_id, slug, name, fee_schedule, currency, processing_days)
      values (${lgu.id}, 'new-business', '{"en":"New business permit","fil":"Permit para sa bagong negosyo"}',
              '{"kind":"fixed","currency":"PHP","amountMinor":150000}', 'PHP', 5) returning id`)) as unknown as [{ id: string }];
  typeId = type.id;
  const [requirement] = (await asOfficer(sql`insert into permit_requirements (permit_type_id, label, mandatory) values (${typeId}, '{"en":"DTI business name registration"}', true) returning id`)) as unknown as [{ id: string }];
  requirementId = requirement.id;
});

const details = { businessName: "Sari-sari ni Nena", lineOfBusiness: "Retail store", address: "Purok 3, Barangay Sabang", ownerName: "Nena Cruz", ownerPhone: "+63 917 555 0142", declared: "50,000" };

describe("permit applications through the pages", () => {
  let applicationId: string;
  let reference: string;

  it("lists the LGU's permits with their fee and documents", async () => {
    const page = await import("../../app/routes/lgus.$slug_.permits._index");
    const data = (await (await answer(() => page.loader({ request: get(`/lgus/${lgu.slug}/permits`), params: { slug: lgu.slug }, context }))).json()) as {
      types: { slug: string; fee: { kind: string; amount: string }; requirements: { mandatory: boolean }[] }[];
    };
    expect(data.types).toEqual([expect.objectContaining({ slug: "new-business", fee: { kind: "fixed", amount: "₱1,500.00" }, requirements: [expect.objectContaining({ mandatory: true })] })]);
    const missing = await answer(() => page.loader({ request: get("/lgus/nowhere/permits"), params: { slug: "nowhere" }, context }));
    expect(missing.status).toBe(404);
  });

  it("starts an application for a signed-in person; bad details are refused beside their fields", async () => {
    const page = await import("../../app/routes/lgus.$slug_.permits.$type.apply");
    const params = { slug: lgu.slug, type: "new-business" };
    const path = `/lgus/${lgu.slug}/permits/new-business/apply`;
    const anonymous = await answer(() => page.loader({ request: get(path), params, context }));
    expect(anonymous.status).toBe(302);
    const bad = await answer(() => page.action({ request: post(path, applicant.cookie, { ...details, ownerPhone: "call me", declared: "-5", businessName: "" }), params, context }));
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({
      reply: { error: { businessName: ["permits:validation.businessName"], ownerPhone: ["permits:validation.ownerPhone"], declared: ["services:money.negative"] } },
    });
    expect(await db().client.sql`select count(*)::int as n from permit_applications`).toEqual([{ n: 0 }]);
    const ok = await answer(() => page.action({ request: post(path, applicant.cookie, details), params, context }));
    expect(ok.status).toBe(302);
    applicationId = ok.headers.get("Location")!.split("/").at(-1)!;
    expect(await db().client.sql`select status, declared_minor, applicant_id from permit_applications where id = ${applicationId}`).toEqual([
      { status: "draft", declared_minor: "5000000", applicant_id: applicant.id },
    ]);
  });

  it("takes documents checked by their bytes and size, stores nothing refused, and submits once they are in", async () => {
    const page = await import("../../app/routes/me.permits.$id");
    const params = { id: applicationId };
    const path = `/me/permits/${applicationId}`;
    const upload = (name: string, bytes: Uint8Array) =>
      answer(() => page.action({ request: postMultipart(path, applicant.cookie, { intent: "upload", requirementId }, { document: { name, bytes, type: "application/pdf" } }), params, context }));
    const submit = () => answer(() => page.action({ request: post(path, applicant.cookie, { intent: "submit" }), params, context }));

    expect(await (await submit()).json()).toMatchObject({ reply: { form: "submit", error: { "": ["permits:errors.documentsMissing"] } } });
    const before = files();
    const disguised = await upload("dti.pdf", new TextEncoder().encode("MZ this is a program, renamed"));
    expect(await disguised.json()).toMatchObject({ reply: { error: { [`document-${requirementId}`]: ["services:documents.type_not_allowed"] } } });
    const huge = new Uint8Array(10 * 1024 * 1024 + 10);
    huge.set(samplePdf());
    const tooLarge = await upload("big.pdf", huge);
    expect(tooLarge.status).toBe(400);
    expect(await tooLarge.json()).toMatchObject({ reply: { error: { "": ["services:documents.too_large"] } } });
    expect(files()).toBe(before);
    expect((await upload("dti.pdf", samplePdf())).status).toBe(302);
    expect(files()).toBe(before + 1);

    // Someone else cannot see, change or upload to it.
    expect((await answer(() => page.loader({ request: get(path, stranger.cookie), params, context }))).status).toBe(404);
    expect((await answer(() => page.action({ request: post(path, stranger.cookie, { intent: "submit" }), params, context }))).status).toBe(404);

    const submitted = await submit();
    expect(submitted.status).toBe(302);
    [{ reference }] = (await db().client.sql`select reference from permit_applications where id = ${applicationId}`) as unknown as [{ reference: string }];
    expect(reference).toBe(`${lgu.slug.toUpperCase()}-BP-${new Date().getUTCFullYear()}-000001`);
    const view = (await (await answer(() => page.loader({ request: get(path, applicant.cookie), params, context }))).json()) as {
      status: string; editable: boolean; estimatedFee: string; requirements: { document: { id: string } | null }[]; history: { to: string }[];
    };
    expect([view.status, view.editable, view.estimatedFee, view.history.map((h) => h.to)]).toEqual(["submitted", false, "₱1,500.00", ["submitted"]]);
    // Submitted: the details can no longer be changed.
    const late = await answer(() => page.action({ request: post(path, applicant.cookie, { intent: "details", ...details, businessName: "Changed" }), params, context }));
    expect(await late.json()).toMatchObject({ reply: { form: "details", error: { "": ["permits:errors.wrongStatus"] } } });

    // The document downloads for its applicant, not for anyone else.
    const download = await import("../../app/routes/me.permits.$id.documents.$document");
    const documentId = view.requirements[0]!.document!.id;
    const fetch = (cookie: string) => answer(() => download.loader({ request: get(`${path}/documents/${documentId}`, cookie), params: { id: applicationId, document: documentId }, context }));
    const mine = await fetch(applicant.cookie);
    expect([mine.status, mine.headers.get("Content-Type"), mine.headers.get("Content-Disposition")]).toEqual([200, "application/pdf", 'attachment; filename="dti.pdf"']);
    expect((await fetch(stranger.cookie)).status).toBe(404);
  });

  it("answers the public status lookup only with the right second factor, and limits guessing", async () => {
    const page = await import("../../app/routes/permits.status");
    const ask = (fields: Record<string, string>, ip: string) =>
      answer(() => page.action({ request: post("/permits/status", "", fields), params: {}, context: { ...context, clientIp: ip } }));
    const found = await ask({ reference: reference.toLowerCase(), secondFactor: "sari-sari ni nena" }, "198.51.100.1");
    expect(await found.json()).toMatchObject({ found: { reference, status: "submitted" } });
    expect((await (await ask({ reference, secondFactor: "0142" }, "198.51.100.1")).json()) as object).toMatchObject({ found: { status: "submitted" } });
    // Wrong factor and unknown reference: the same answer.
    const wrong = await ask({ reference, secondFactor: "9999" }, "198.51.100.1");
    const unknown = await ask({ reference: reference.replace(/\d$/, "9"), secondFactor: "0142" }, "198.51.100.1");
    expect([wrong.status, unknown.status]).toEqual([404, 404]);
    const bodies = (await Promise.all([wrong.json(), unknown.json()])) as { reply: { error: object }; found: null }[];
    expect(bodies.map((b) => [b.reply.error, b.found])).toEqual([
      [{ "": ["permits:status.notFound"] }, null],
      [{ "": ["permits:status.notFound"] }, null],
    ]);
    // Guessing one reference from many addresses is cut off too.
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await ask({ reference, secondFactor: `${1000 + i}` }, `203.0.113.${i}`)).status);
    expect(statuses.slice(0, 6).every((s) => s === 404)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });

  it("verifies an issued permit by its token; anything else is 404", async () => {
    const asOfficer = (query: ReturnType<typeof sql>) => db().client.withRls(officer.claims, (tx) => tx.execute(query));
    await asOfficer(sql`select public.assess_permit_fee(${applicationId}, 0)`);
    await asOfficer(sql`select public.approve_permit_application(${applicationId})`);
    await asOfficer(sql`select public.issue_permit(${applicationId}, current_date)`);
    const [{ token }] = (await db().client.sql`select verification_token as token from permits`) as unknown as [{ token: string }];
    const page = await import("../../app/routes/permits.verify.$token");
    const data = (await (await answer(() => page.loader({ request: get(`/permits/verify/${token}`), params: { token }, context }))).json()) as { state: string; businessName: string };
    expect(data).toMatchObject({ state: "valid", businessName: "Sari-sari ni Nena" });
    for (const bad of ["0".repeat(64), "nope"]) expect((await answer(() => page.loader({ request: get(`/permits/verify/${bad}`), params: { token: bad }, context }))).status).toBe(404);
  });
});

describe("the permits office's pages", () => {
  it("list the queue with counts and age, act on an application, and hand the permit PDF to its holder and staff only", async () => {
    const officerPerson = await signedIn("permit.officer@example.org");
    const treasurerPerson = await signedIn("permit.treasurer@example.org");
    await addLguRole(db().url, lgu.id, officerPerson.id, "permits_officer");
    await addLguRole(db().url, lgu.id, treasurerPerson.id, "treasurer");
    // A fresh application, submitted.
    const apply = await import("../../app/routes/lgus.$slug_.permits.$type.apply");
    const started = await answer(() =>
      apply.action({ request: post(`/lgus/${lgu.slug}/permits/new-business/apply`, applicant.cookie, { ...details, businessName: "Karinderya ni Nena", declared: "0" }), params: { slug: lgu.slug, type: "new-business" }, context }),
    );
    const id = started.headers.get("Location")!.split("/").at(-1)!;
    const mine = await import("../../app/routes/me.permits.$id");
    await answer(() => mine.action({ request: postMultipart(`/me/permits/${id}`, applicant.cookie, { intent: "upload", requirementId }, { document: { name: "dti.pdf", bytes: samplePdf(), type: "application/pdf" } }), params: { id }, context }));
    expect((await answer(() => mine.action({ request: post(`/me/permits/${id}`, applicant.cookie, { intent: "submit" }), params: { id }, context }))).status).toBe(302);

    const queue = await import("../../app/routes/manage.$lgu.permits._index");
    const listed = (await (await answer(() => queue.loader({ request: get(`/manage/${lgu.slug}/permits`, officerPerson.cookie), params: { lgu: lgu.slug }, context }))).json()) as {
      counts: Record<string, number>; rows: { id: string; ageDays: number }[];
    };
    expect(listed.counts).toMatchObject({ submitted: 1, issued: 1 });
    expect(listed.rows).toEqual([expect.objectContaining({ id, ageDays: 0 })]);
    // Not for the applicant, who is no staff of the LGU.
    expect((await answer(() => queue.loader({ request: get(`/manage/${lgu.slug}/permits`, applicant.cookie), params: { lgu: lgu.slug }, context }))).status).toBe(403);

    const page = await import("../../app/routes/manage.$lgu.permits.$id");
    const params = { lgu: lgu.slug, id };
    const act = (cookie: string, fields: Record<string, string>) => answer(() => page.action({ request: post(`/manage/${lgu.slug}/permits/${id}`, cookie, fields), params, context }));
    const view = async (cookie: string) =>
      (await (await answer(() => page.loader({ request: get(`/manage/${lgu.slug}/permits/${id}`, cookie), params, context }))).json()) as {
        status: string; suggestedFee: string; can: Record<string, boolean>; paymentKey: string; requirements: { document: unknown }[];
      };
    const first = await view(officerPerson.cookie);
    expect([first.status, first.suggestedFee, first.can.assess, first.can.recordPayment]).toEqual(["submitted", "1500.00", true, false]);
    // The treasurer sees the application but neither its documents nor the officer's actions.
    const asTreasurer = await view(treasurerPerson.cookie);
    expect([asTreasurer.can.assess, asTreasurer.requirements[0]!.document]).toEqual([false, null]);
    expect(await (await act(treasurerPerson.cookie, { intent: "assess", fee: "500" })).json()).toMatchObject({ reply: { form: "assess", error: { "": ["permits:errors.notOfficer"] } } });

    expect(await (await act(officerPerson.cookie, { intent: "requestInfo", note: "ok" })).json()).toMatchObject({ reply: { form: "requestInfo", error: { note: ["permits:errors.noteRequired"] } } });
    expect(await (await act(officerPerson.cookie, { intent: "assess", fee: "-1" })).json()).toMatchObject({ reply: { error: { fee: ["services:money.negative"] } } });
    mail.sent.length = 0;
    expect((await act(officerPerson.cookie, { intent: "assess", fee: "1500" })).status).toBe(302);
    expect((await act(officerPerson.cookie, { intent: "approve" })).status).toBe(302);
    // The applicant is told (assessing alone sends nothing): approved, with the fee and a link.
    expect(mail.sent.map((m) => [m.to, m.subject])).toEqual([["permit.applicant@example.org", expect.stringMatching(/is approved$/)]]);
    expect(mail.sent[0]!.text).toContain("₱1,500.00");
    expect(mail.sent[0]!.text).toContain(`/me/permits/${id}`);
    const approved = await view(treasurerPerson.cookie);
    expect([approved.status, approved.can.recordPayment]).toEqual(["approved", true]);
    expect(await (await act(treasurerPerson.cookie, { intent: "recordPayment", key: approved.paymentKey, amount: "400" })).json()).toMatchObject({ reply: { error: { amount: ["permits:errors.amountNotFee"] } } });
    expect((await act(treasurerPerson.cookie, { intent: "recordPayment", key: approved.paymentKey, amount: "1500" })).status).toBe(302);
    expect((await act(treasurerPerson.cookie, { intent: "recordPayment", key: approved.paymentKey, amount: "1500" })).status).toBe(302); // the same form again: the same receipt, recorded once
    expect(await db().client.sql`select count(*)::int as n from service_payments where subject_id = ${id}`).toEqual([{ n: 1 }]);
    expect(await (await act(officerPerson.cookie, { intent: "issue", validFrom: "not a date" })).json()).toMatchObject({ reply: { error: { validFrom: ["permits:errors.validFromInvalid"] } } });
    expect((await act(officerPerson.cookie, { intent: "issue", validFrom: new Date().toISOString().slice(0, 10) })).status).toBe(302);

    const [{ number }] = (await db().client.sql`select number from permits p where p.application_id = ${id}`) as unknown as [{ number: string }];
    const pdfRoute = await import("../../app/routes/permits.$number[.]pdf");
    const pdf = (cookie: string) => answer(() => pdfRoute.loader({ request: get(`/permits/${number}.pdf`, cookie), params: { number }, context }));
    for (const who of [applicant, officerPerson, treasurerPerson]) {
      const response = await pdf(who.cookie);
      expect([response.status, response.headers.get("Content-Type")]).toEqual([200, "application/pdf"]);
    }
    expect((await pdf(stranger.cookie)).status).toBe(404);

    // The holder renews from it: a new draft with the details copied, pointing at the permit.
    const renew = await answer(() => mine.action({ request: post(`/me/permits/${id}`, applicant.cookie, { intent: "renew" }), params: { id }, context }));
    expect(renew.status).toBe(302);
    const renewalId = renew.headers.get("Location")!.split("/").at(-1)!;
    expect(await db().client.sql`select a.status, a.business_name, a.declared_minor, a.renewal_of = p.id as renews from permit_applications a, permits p
                                   where a.id = ${renewalId} and p.application_id = ${id}`).toEqual([{ status: "draft", business_name: "Karinderya ni Nena", declared_minor: "0", renews: true }]);
    // A draft is not renewable.
    const notIssued = await answer(() => mine.action({ request: post(`/me/permits/${renewalId}`, applicant.cookie, { intent: "renew" }), params: { id: renewalId }, context }));
    expect(await notIssued.json()).toMatchObject({ reply: { form: "renew", error: { "": ["permits:errors.notRenewable"] } } });
  });
});

describe("permit types, as the permits office defines them", () => {
  it("are added with a fixed or bracketed fee and their documents; bad schedules and taken names are refused; switching one off hides it", async () => {
    const officerPerson = await signedIn("types.officer@example.org");
    const editorPerson = await signedIn("types.editor@example.org");
    await addLguRole(db().url, lgu.id, officerPerson.id, "permits_officer");
    await addLguRole(db().url, lgu.id, editorPerson.id, "editor");
    const page = await import("../../app/routes/manage.$lgu.permits.types");
    const params = { lgu: lgu.slug };
    const path = `/manage/${lgu.slug}/permits/types`;
    const act = (cookie: string, fields: Record<string, string>) => answer(() => page.action({ request: post(path, cookie, fields), params, context }));
    const base = { intent: "create", nameEn: "Special events permit", currency: "PHP", processingDays: "3", validityMonths: "1", required: "Barangay clearance\nEvent plan", optional: "Insurance" };

    expect((await act(editorPerson.cookie, { ...base, slug: "events", feeKind: "fixed", fixedAmount: "300" })).status).toBe(403);
    const gap = await act(officerPerson.cookie, { ...base, slug: "events", feeKind: "bracketed", figure: "gross_sales", brackets: "0; 100000; 100\n200000; ; 500" });
    expect(await gap.json()).toMatchObject({ reply: { error: { brackets: ["services:fees.brackets_gap"] } } });
    const noDocs = await act(officerPerson.cookie, { ...base, slug: "events", feeKind: "fixed", fixedAmount: "300", required: " \n " });
    expect(await noDocs.json()).toMatchObject({ reply: { error: { required: ["permits:types.validation.required"] } } });
    const descriptions = { descriptionEn: "For concerts and fairs.", descriptionAr: "للحفلات والمعارض.", descriptionFil: "Para sa mga konsiyerto at perya." };
    expect((await act(officerPerson.cookie, { ...base, ...descriptions, slug: "events", feeKind: "bracketed", figure: "gross_sales", brackets: "0; 100000; 100\n100000; ; 500; 0.5" })).status).toBe(302);
    const taken = await act(officerPerson.cookie, { ...base, slug: "events", feeKind: "fixed", fixedAmount: "300" });
    expect(await taken.json()).toMatchObject({ reply: { error: { slug: ["permits:types.validation.slugTaken"] } } });

    const [events] = (await db().client.sql`select id, fee_schedule, processing_days from permit_types where lgu_id = ${lgu.id} and slug = 'events'`) as unknown as [{ id: string; fee_schedule: { brackets: object[] }; processing_days: number }];
    expect(events.fee_schedule.brackets).toEqual([
      { fromMinor: 0, toMinor: 10_000_000, fixedMinor: 10_000 },
      { fromMinor: 10_000_000, toMinor: null, fixedMinor: 50_000, rateBasisPoints: 50 },
    ]);
    expect(await db().client.sql`select label->>'en' as label, mandatory from permit_requirements where permit_type_id = ${events.id} order by position`).toEqual([
      { label: "Barangay clearance", mandatory: true },
      { label: "Event plan", mandatory: true },
      { label: "Insurance", mandatory: false },
    ]);
    const publicList = await import("../../app/routes/lgus.$slug_.permits._index");
    const offered = async () =>
      ((await (await answer(() => publicList.loader({ request: get(`/lgus/${lgu.slug}/permits`), params: { slug: lgu.slug }, context }))).json()) as { types: { slug: string }[] }).types.map((t) => t.slug);
    expect(await offered()).toContain("events");
    // The description is shown in the reader's language, or in English when it has none in theirs.
    const describedIn = async (lng: string) =>
      ((await (await answer(() => publicList.loader({ request: get(`/lgus/${lgu.slug}/permits?lng=${lng}`), params: { slug: lgu.slug }, context }))).json()) as {
        types: { slug: string; description: { text: string; lang: string } | null }[];
      }).types.find((t) => t.slug === "events")?.description;
    expect(await describedIn("ar")).toEqual({ text: "للحفلات والمعارض.", lang: "ar" });
    expect(await describedIn("fil")).toEqual({ text: "Para sa mga konsiyerto at perya.", lang: "fil" });
    expect(await describedIn("es")).toEqual({ text: "For concerts and fairs.", lang: "en" });
    expect((await act(officerPerson.cookie, { intent: "deactivate", id: events.id })).status).toBe(302);
    expect(await offered()).not.toContain("events");
    expect(await db().client.sql`select count(*)::int as n from audit_log where subject_table = 'permit_types' and subject_id = ${events.id}`).toEqual([{ n: 2 }]);
  });
});

describe("paying a permit fee through the demo sandbox", () => {
  it("records the fee once, as the applicant's, by the same database function as the treasury", async () => {
    const officerPerson = await signedIn("sandbox.officer@example.org");
    await addLguRole(db().url, lgu.id, officerPerson.id, "permits_officer");
    const apply = await import("../../app/routes/lgus.$slug_.permits.$type.apply");
    const started = await answer(() =>
      apply.action({ request: post(`/lgus/${lgu.slug}/permits/new-business/apply`, applicant.cookie, { ...details, businessName: "Panaderia ni Nena" }), params: { slug: lgu.slug, type: "new-business" }, context }),
    );
    const id = started.headers.get("Location")!.split("/").at(-1)!;
    const mine = await import("../../app/routes/me.permits.$id");
    const act = (cookie: string, fields: Record<string, string>) => answer(() => mine.action({ request: post(`/me/permits/${id}`, cookie, fields), params: { id }, context }));
    await answer(() => mine.action({ request: postMultipart(`/me/permits/${id}`, applicant.cookie, { intent: "upload", requirementId }, { document: { name: "dti.pdf", bytes: samplePdf(), type: "application/pdf" } }), params: { id }, context }));
    await act(applicant.cookie, { intent: "submit" });
    // Not before approval.
    expect(await (await act(applicant.cookie, { intent: "paySandbox" })).json()).toMatchObject({ reply: { form: "pay", error: { "": ["permits:errors.wrongStatus"] } } });
    const asOfficer = (query: ReturnType<typeof sql>) => db().client.withRls({ sub: officerPerson.id, role: "authenticated" }, (tx) => tx.execute(query));
    await asOfficer(sql`select public.assess_permit_fee(${id}, 150000)`);
    await asOfficer(sql`select public.approve_permit_application(${id})`);
    const view = (await (await answer(() => mine.loader({ request: get(`/me/permits/${id}`, applicant.cookie), params: { id }, context }))).json()) as { sandbox: boolean };
    expect(view.sandbox).toBe(true);
    expect((await act(stranger.cookie, { intent: "paySandbox" })).status).toBe(404);
    expect((await act(applicant.cookie, { intent: "paySandbox" })).status).toBe(302);
    expect(await (await act(applicant.cookie, { intent: "paySandbox" })).json()).toMatchObject({ reply: { error: { "": ["permits:errors.wrongStatus"] } } });
    expect(await db().client.sql`select amount_minor, channel, source, payer_id from service_payments where subject_id = ${id}`).toEqual([
      { amount_minor: "150000", channel: "sandbox", source: "sandbox", payer_id: applicant.id },
    ]);
    expect(await db().client.sql`select status from permit_applications where id = ${id}`).toEqual([{ status: "paid" }]);
  });
});

describe("changing a permit type", () => {
  it("changes names, fee and time, adds documents and drops unused ones; a document applications uploaded stays", async () => {
    const officerPerson = await signedIn("types.changer@example.org");
    await addLguRole(db().url, lgu.id, officerPerson.id, "permits_officer");
    const page = await import("../../app/routes/manage.$lgu.permits.types");
    const params = { lgu: lgu.slug };
    const path = `/manage/${lgu.slug}/permits/types`;
    const loaded = (await (await answer(() => page.loader({ request: get(path, officerPerson.cookie), params, context }))).json()) as {
      types: { id: string; slug: string; values: Record<string, string>; requirements: { id: string; used: boolean }[] }[];
    };
    const type = loaded.types.find((t) => t.slug === "new-business")!;
    expect(type.values).toMatchObject({ nameEn: "New business permit", nameFil: "Permit para sa bagong negosyo", feeKind: "fixed", fixedAmount: "1500.00", processingDays: "5" });
    expect(type.requirements).toEqual([expect.objectContaining({ id: requirementId, used: true })]);
    const update = (fields: Record<string, string>, remove: string[] = []) => {
      const body = new URLSearchParams({ intent: "update", ...type.values, ...fields });
      for (const id of remove) body.append("remove", id);
      return answer(() => page.action({ request: new Request(url(path), { method: "POST", headers: { Cookie: officerPerson.cookie, "Content-Type": "application/x-www-form-urlencoded" }, body }), params, context }));
    };
    // The uploaded-to document cannot go; nothing changes.
    const refused = await update({ processingDays: "9" }, [requirementId]);
    expect(await refused.json()).toMatchObject({ reply: { form: `update-${type.id}`, error: { remove: ["permits:types.validation.requirementUsed"] } } });
    expect(await db().client.sql`select processing_days from permit_types where id = ${type.id}`).toEqual([{ processing_days: 5 }]);
    // Bad brackets are refused beside the field.
    expect(await (await update({ feeKind: "bracketed", figure: "capital", brackets: "5; 10; 1" })).json()).toMatchObject({ reply: { error: { brackets: ["services:fees.bracket_first_not_zero"] } } });
    expect((await update({ nameEn: "New business permit (2027)", processingDays: "4", fixedAmount: "1750", required: "Fire safety certificate" })).status).toBe(302);
    const [row] = (await db().client.sql`select name->>'en' as name, name->>'fil' as fil, processing_days, fee_schedule->>'amountMinor' as fee, currency, slug from permit_types where id = ${type.id}`) as unknown as [Record<string, unknown>];
    expect(row).toEqual({ name: "New business permit (2027)", fil: "Permit para sa bagong negosyo", processing_days: 4, fee: "175000", currency: "PHP", slug: "new-business" });
    const requirements = await db().client.sql`select id, label->>'en' as label, mandatory from permit_requirements where permit_type_id = ${type.id} order by position`;
    expect(requirements.map((r) => [r.label, r.mandatory])).toEqual([["DTI business name registration", true], ["Fire safety certificate", true]]);
    // The new one, unused, can be dropped.
    expect((await update({ processingDays: "4", fixedAmount: "1750" }, [requirements[1]!.id as string])).status).toBe(302);
    expect(await db().client.sql`select count(*)::int as n from permit_requirements where permit_type_id = ${type.id}`).toEqual([{ n: 1 }]);
  });
});
