/**
 * Real property tax end to end through the real database: a treasurer's CSV import (through the
 * upload route, the stored file and the import run) with its rejected-rows report and its CSV,
 * bad files that import nothing, 100,000 rows, re-imports that change nothing; the public lookup
 * (wrong number and wrong name answer alike; rate-limited); paying once through the sandbox with
 * its receipt; the LGU's payments and their CSV; property forms; and RLS for every new table.
 */
import { sql, type SQL } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { setAdapters } from "../../app/adapters/index.server";
import { createLocalStorage } from "../../app/adapters/storage/local.server";
import { getEnv } from "../../app/config/env.server";
import { setDbClient } from "../../app/db/client.server";
import { i18nServer } from "../../app/i18n/i18next.server";
import { runTaxImport, startImport, importReport, getImport, rejectedReportCsv } from "../../app/modules/property-tax/imports.server";
import { assessmentColumns } from "../../app/modules/property-tax/csv-import.server";
import { lastNameKey, lookupKeys } from "../../app/modules/property-tax/names";
import { assessmentFileColumns } from "../../app/modules/property-tax/schema";
import { lookUpAssessments, lookupLimits, paySandbox, taxReceipt } from "../../app/modules/property-tax/payments.server";
import { addPropertyForm, listPropertyForms } from "../../app/modules/property-tax/forms.server";
import { AppError } from "../../app/utils/errors";
import * as importPage from "../../app/routes/manage.$lgu.property-tax.imports.$id";
import * as rejectedCsv from "../../app/routes/manage.$lgu.property-tax.imports.$id.rejected[.]csv";
import * as manageTax from "../../app/routes/manage.$lgu.property-tax._index";
import * as paymentsCsv from "../../app/routes/manage.$lgu.property-tax.payments[.]csv";
import * as lookupRoute from "../../app/routes/lgus.$slug_.property-tax._index";
import * as receiptPdfRoute from "../../app/routes/lgus.$slug_.property-tax.receipts.$number[.]pdf";
import * as servicesPage from "../../app/routes/services.property-tax";
import { setupTestDatabase } from "../support/db";
import { addLguRole, createLgu, createUser } from "../support/factories";
import { pngBytes, samplePdf, tempUploadsDir } from "../support/org-factories";
import { refusalOf } from "../support/project-factories";
import { answer, context, post, postMultipart, routeCalls, url } from "../support/route-calls";

const db = setupTestDatabase();
const calls = routeCalls(db);
type User = Awaited<ReturnType<typeof createUser>>;
const as = (user: User | null, query: SQL) => db().client.withRls(user?.claims ?? null, (tx) => tx.execute(query)).then((rows) => [...rows] as Record<string, unknown>[]);
const owner = (query: SQL) => db().client.asService((tx) => tx.execute(query)).then((rows) => [...rows] as Record<string, unknown>[]);

const HEADER = "tax_declaration_number,property_location,owner_name,assessed_value,tax_due,due_date,penalties";
const csv = (...rows: string[]) => new TextEncoder().encode([HEADER, ...rows].join("\n") + "\n");

let treasurer: User, editor: User, stranger: User, otherTreasurer: User;
let treasurerWeb: { id: string; cookie: string };
let payerWeb: { id: string; cookie: string };
let lgu: { id: string; slug: string };
let otherLgu: { id: string; slug: string };

beforeAll(async () => {
  setDbClient(db().client);
  setAdapters({ storage: createLocalStorage({ root: tempUploadsDir(), secret: getEnv().SESSION_SECRET }) });
  const url_ = db().url;
  [treasurer, editor, stranger, otherTreasurer] = (await Promise.all(Array.from({ length: 4 }, () => createUser(url_)))) as [User, User, User, User];
  lgu = await createLgu(url_, { verificationStatus: "verified", name: "Naga City" });
  otherLgu = await createLgu(url_, { verificationStatus: "verified" });
  await addLguRole(url_, lgu.id, treasurer.id, "treasurer");
  await addLguRole(url_, lgu.id, editor.id, "editor");
  await addLguRole(url_, otherLgu.id, otherTreasurer.id, "treasurer");
  treasurerWeb = await calls.signedIn(`treasurer-${Date.now()}@example.test`);
  await addLguRole(url_, lgu.id, treasurerWeb.id, "treasurer");
  payerWeb = await calls.signedIn(`payer-${Date.now()}@example.test`);
});

async function imported(bytes: Uint8Array, who: User = treasurer, name = "assessments.csv", lguId = lgu.id) {
  const { id, run } = await startImport(who.claims, lguId, { name, bytes }, "PHP");
  await run;
  const row = await getImport(who.claims, lguId, id);
  return { row: row!, report: (await importReport(row!))! };
}

describe("importing assessments", () => {
  it("imports a file through the upload page, reports the rejected rows with reasons, and offers them as CSV", async () => {
    const file = csv(
      "TD-001,Purok 1 Sabang,\"Dela Cruz, Juan\",100000.00,1200.00,2026-03-31,",
      "TD-002,Purok 2 Sabang,Maria Peña,200000,2400.50,2026-03-31,10",
      "TD-003,Purok 3 Sabang,Pedro Santos,-5,100,2026-03-31,",
      "TD-001,Purok 1 Sabang,Someone Else,1,1,2026-03-31,",
      "TD-004,Purok 4,Ana Reyes,1000,abc,2026-02-30,",
    );
    const response = await answer(() =>
      manageTax.action({ request: postMultipart(`/manage/${lgu.slug}/property-tax`, treasurerWeb.cookie, { currency: "PHP" }, { file: { name: "q1.csv", bytes: file, type: "text/csv" } }), params: { lgu: lgu.slug }, context }),
    );
    expect(response.status).toBe(302);
    const importId = response.headers.get("Location")!.split("/").pop()!;
    // The import runs in the background; the page reloads itself (meta refresh) until it is done.
    let page: Response;
    for (let i = 0; ; i++) {
      page = await answer(() => importPage.loader({ request: new Request(url(`/manage/${lgu.slug}/property-tax/imports/${importId}`), { headers: { Cookie: treasurerWeb.cookie } }), params: { lgu: lgu.slug, id: importId }, context }));
      const data = (await page.clone().json()) as { running: boolean };
      if (!data.running || i > 100) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const data = (await page.json()) as { import: { status: string; inserted: string; rejected: string }; rejected: { row: number; column: string; code: string }[] };
    expect(data.import).toMatchObject({ status: "done", inserted: "2", rejected: "3" });
    expect(data.rejected.map((r) => [r.row, r.column, r.code])).toEqual([
      [3, "assessed_value", "money.negative"],
      [4, "tax_declaration_number", "csv.duplicate_tax_declaration"],
      [5, "tax_due", "money.invalid"],
      [5, "due_date", "date.invalid"],
    ]);
    const stored = await owner(sql`select tax_declaration_number, owner_last_name_key, tax_due_minor::int, imported_penalties_minor::int, import_id from rpt_assessments where lgu_id = ${lgu.id} order by 1`);
    expect(stored).toEqual([
      { tax_declaration_number: "TD-001", owner_last_name_key: "delacruz", tax_due_minor: 120000, imported_penalties_minor: 0, import_id: importId },
      { tax_declaration_number: "TD-002", owner_last_name_key: "pena", tax_due_minor: 240050, imported_penalties_minor: 1000, import_id: importId },
    ]);
    const report = await answer(() =>
      rejectedCsv.loader({ request: new Request(url(`/manage/${lgu.slug}/property-tax/imports/${importId}/rejected.csv`), { headers: { Cookie: treasurerWeb.cookie } }), params: { lgu: lgu.slug, id: importId }, context }),
    );
    expect(report.headers.get("Content-Type")).toMatch(/text\/csv/);
    const text = await report.text();
    expect(text).toContain("3,4,assessed_value,");
    expect(text).toContain("This tax declaration number already appears in row 1 of the file.");
    expect(text).toContain("The amount cannot be negative.");
    // Another LGU's treasurer cannot open it.
    const refused = await answer(() => importPage.loader({ request: new Request(url(`/manage/${otherLgu.slug}/property-tax/imports/${importId}`), { headers: { Cookie: treasurerWeb.cookie } }), params: { lgu: otherLgu.slug, id: importId }, context }));
    expect([403, 404]).toContain(refused.status);
    // The upload and its end are in the audit log.
    const audit = await owner(sql`select action from audit_log where subject_table = 'rpt_imports' and subject_id = ${importId} order by occurred_at`);
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(["rpt_imports.insert", "rpt_imports.update"]));
  });

  it("refuses bad files whole, with a clear reason, and imports nothing from them", async () => {
    const before = await owner(sql`select count(*)::int as n from rpt_assessments`);
    const wrongColumns = await imported(new TextEncoder().encode("td,location,owner\nX,Y,Z\n"));
    expect(wrongColumns.row.status).toBe("failed");
    expect(wrongColumns.report.fatal.map((f) => f.code)).toEqual(["csv.column_missing", "csv.column_unknown"]);
    const latin1 = Uint8Array.from([...Buffer.from(`${HEADER}\nTD-9,Purok,Pe`, "latin1"), 0xf1, ...Buffer.from("a Juan,1,1,2026-01-31,\n", "latin1")]);
    const encoding = await imported(latin1);
    expect(encoding.row.status).toBe("failed");
    expect(encoding.report.fatal.map((f) => f.code)).toEqual(["csv.encoding_not_utf8"]);
    const utf16 = await imported(new Uint8Array(Buffer.from(`\ufeff${HEADER}\nTD-9,P,Juan,1,1,2026-01-31,\n`, "utf16le")));
    expect(utf16.report.fatal.map((f) => f.code)).toEqual(["csv.encoding_not_utf8"]);
    // Valid rows before a broken quote are rolled back: all or nothing.
    const broken = await imported(csv("TD-100,P,Juan Cruz,1,1,2026-01-31,", 'TD-101,"P,Juan,1,1,2026-01-31,'));
    expect(broken.row.status).toBe("failed");
    expect(broken.row.insertedRows).toBe(0);
    expect(await owner(sql`select count(*)::int as n from rpt_assessments`)).toEqual(before);
    const t = await i18nServer.getFixedT("en", ["tax", "services"]);
    expect(rejectedReportCsv(wrongColumns.report, (k, o) => t(k, o) as string)).toContain("Columns missing from the header row: tax_declaration_number, property_location");
    // Only treasurers and admins may start one.
    await expect(startImport(editor.claims, lgu.id, { name: "x.csv", bytes: csv("TD-1,P,O,1,1,2026-01-31,") }, "PHP")).rejects.toMatchObject({ messageKey: "tax:errors.notTreasurer" });
    await expect(startImport(otherTreasurer.claims, lgu.id, { name: "x.csv", bytes: csv("TD-1,P,O,1,1,2026-01-31,") }, "PHP")).rejects.toBeInstanceOf(AppError);
  });

  it("imports 100,000 rows, and importing the same file again changes nothing", async () => {
    const rows: string[] = [];
    for (let i = 0; i < 100_000; i++) rows.push(`BIG-${String(i).padStart(6, "0")},"Lot ${i}, Barangay ${i % 27}",Owner${i % 977} Family${i % 131},${1000 + i}.00,${(i % 5000) + 1}.25,2026-06-30,${i % 3 === 0 ? "12.50" : ""}`);
    const file = csv(...rows);
    const started = performance.now();
    const first = await imported(file, treasurer, "big.csv");
    const seconds = (performance.now() - started) / 1000;
    console.info(`property tax import: 100,000 rows (${(file.byteLength / 1e6).toFixed(1)} MB) in ${seconds.toFixed(1)} s`);
    expect(first.row).toMatchObject({ status: "done", rowsRead: 100_000, validRows: 100_000, insertedRows: 100_000, updatedRows: 0, rejectedRows: 0 });
    expect(await owner(sql`select count(*)::int as n from rpt_assessments where tax_declaration_number like 'BIG-%'`)).toEqual([{ n: 100_000 }]);
    expect(seconds).toBeLessThan(90);
    const again = await imported(file, treasurer, "big.csv");
    expect(again.row).toMatchObject({ status: "done", insertedRows: 0, updatedRows: 0, validRows: 100_000 });
    expect(await owner(sql`select count(*)::int as n from rpt_assessments where tax_declaration_number like 'BIG-%'`)).toEqual([{ n: 100_000 }]);
    // A corrected row updates in place.
    const fixed = await imported(csv("BIG-000001,\"Lot 1, Barangay 1\",Owner1 Family1,1001.00,999.00,2026-06-30,"));
    expect(fixed.row).toMatchObject({ insertedRows: 0, updatedRows: 1 });
    expect(await owner(sql`select tax_due_minor::int from rpt_assessments where tax_declaration_number = 'BIG-000001'`)).toEqual([{ tax_due_minor: 99900 }]);
  }, 240_000);

  it("leaves a finished import alone when its job runs again", async () => {
    const { row } = await imported(csv("TD-500,P,Rerun Person,1,1,2026-01-31,"));
    await runTaxImport(row.id);
    expect((await getImport(treasurer.claims, lgu.id, row.id))!.finishedAt).toEqual(row.finishedAt);
  });
});

describe("looking an assessment up and paying it", () => {
  it("folds last names for the lookup", () => {
    expect(assessmentFileColumns).toEqual(assessmentColumns);
    expect(lastNameKey("Dela Cruz, Juan")).toBe("delacruz");
    expect(lastNameKey("Maria Peña")).toBe("pena");
    expect(lookupKeys(" dela  CRUZ ")).toEqual(["delacruz", "cruz"]);
  });

  it("answers a wrong number and a wrong name alike, and shows the amount with its penalty", async () => {
    const ip = "203.0.113.10";
    const found = await lookUpAssessments(null, lgu.id, { taxDeclarationNumber: "td-001", lastName: "Dela Cruz" }, ip);
    expect(found.status).toBe("found");
    const [assessment] = found.status === "found" ? found.assessments : [];
    // Due 2026-03-31: the penalty runs 2% a month from April.
    expect(assessment).toMatchObject({ taxDeclarationNumber: "TD-001", taxDueMinor: 120000, receiptNumber: null });
    expect(assessment!.totalMinor).toBe(120000 + assessment!.penaltyMinor);
    expect(await lookUpAssessments(null, lgu.id, { taxDeclarationNumber: "TD-001", lastName: "Santos" }, ip)).toEqual({ status: "not_found" });
    expect(await lookUpAssessments(null, lgu.id, { taxDeclarationNumber: "TD-999", lastName: "Dela Cruz" }, ip)).toEqual({ status: "not_found" });
    expect(await lookUpAssessments(null, otherLgu.id, { taxDeclarationNumber: "TD-001", lastName: "Dela Cruz" }, ip)).toEqual({ status: "not_found" });
    // The same through the page: the same 404 and message for both.
    const wrongName = await answer(() => lookupRoute.action({ request: post(`/lgus/${lgu.slug}/property-tax`, "", { taxDeclarationNumber: "TD-001", lastName: "Santos" }), params: { slug: lgu.slug }, context: { ...context, clientIp: ip } }));
    const wrongNumber = await answer(() => lookupRoute.action({ request: post(`/lgus/${lgu.slug}/property-tax`, "", { taxDeclarationNumber: "TD-998", lastName: "Dela Cruz" }), params: { slug: lgu.slug }, context: { ...context, clientIp: ip } }));
    expect(wrongName.status).toBe(404);
    expect(wrongNumber.status).toBe(404);
    const a = (await wrongName.json()) as { reply: { error: unknown } };
    const b = (await wrongNumber.json()) as { reply: { error: unknown } };
    expect(a.reply.error).toEqual(b.reply.error);
    // A blank form is a 400 with the messages beside the fields.
    const blank = await answer(() => lookupRoute.action({ request: post(`/lgus/${lgu.slug}/property-tax`, "", {}), params: { slug: lgu.slug }, context: { ...context, clientIp: ip } }));
    expect(blank.status).toBe(400);
    expect(((await blank.json()) as { reply: { error: Record<string, string[]> } }).reply.error).toMatchObject({ taxDeclarationNumber: ["tax:validation.declaration"], lastName: ["tax:validation.lastName"] });
  });

  it("limits guessing names for one number, from any address", async () => {
    const results = [];
    for (let i = 0; i < lookupLimits.perDeclaration.max + 1; i++) {
      results.push((await lookUpAssessments(null, lgu.id, { taxDeclarationNumber: "TD-002", lastName: `Guess${"x".repeat(i)}` }, `198.51.100.${i}`)).status);
    }
    expect(results.slice(0, -1).every((s) => s === "not_found")).toBe(true);
    expect(results.at(-1)).toBe("rate_limited");
    // Even the right name is refused now: the limit does not tell a right guess from a wrong one.
    expect((await lookUpAssessments(null, lgu.id, { taxDeclarationNumber: "TD-002", lastName: "Peña" }, "198.51.100.200")).status).toBe("rate_limited");
    const page = await answer(() => lookupRoute.action({ request: post(`/lgus/${lgu.slug}/property-tax`, "", { taxDeclarationNumber: "TD-002", lastName: "Pena" }), params: { slug: lgu.slug }, context: { ...context, clientIp: "198.51.100.201" } }));
    expect(page.status).toBe(429);
  });

  it("records a sandbox payment once, with a receipt only the payer and the LGU's staff can read", async () => {
    const [assessment] = await owner(sql`select id from rpt_assessments where lgu_id = ${lgu.id} and tax_declaration_number = 'TD-001'`);
    const claims = { sub: payerWeb.id, role: "authenticated" as const };
    const receipt = await paySandbox(claims, lgu.id, assessment!.id as string);
    expect(receipt).toMatch(new RegExp(`^${lgu.slug.toUpperCase()}-OR-\\d{4}-\\d{6}$`));
    expect(await paySandbox(claims, lgu.id, assessment!.id as string)).toBe(receipt);
    const payments = await owner(sql`select subject, amount_minor, payer_id, channel from service_payments where subject_id = ${assessment!.id}`);
    expect(payments).toHaveLength(1);
    expect(payments[0]).toMatchObject({ subject: "property_tax", payer_id: payerWeb.id, channel: "sandbox" });
    expect(Number(payments[0]!.amount_minor)).toBeGreaterThanOrEqual(120000);
    // A second payment by another way is refused; nothing is added.
    expect(await refusalOf(owner(sql`select public.record_property_tax_payment(${assessment!.id}, null, 120000, 'card', 'stripe', 'pi_other')`))).toMatchObject({ hint: "already_paid" });
    // Nobody but the server records payments.
    expect(await refusalOf(as(stranger, sql`select public.record_property_tax_payment(${assessment!.id}, ${stranger.id}, 1, 'sandbox', 'sandbox', 'x')`))).toMatchObject({ code: "42501" });
    expect(await refusalOf(as(null, sql`select public.record_property_tax_payment(${assessment!.id}, null, 1, 'sandbox', 'sandbox', 'y')`))).toMatchObject({ code: "42501" });
    // The lookup now says it is paid.
    const again = await lookUpAssessments(null, lgu.id, { taxDeclarationNumber: "TD-001", lastName: "dela cruz" }, "203.0.113.99");
    expect(again.status === "found" && again.assessments[0]!.receiptNumber).toBe(receipt);
    // The receipt: the payer and the treasurer, not a stranger.
    expect(await taxReceipt(stranger.claims, receipt)).toBeNull();
    expect((await taxReceipt(treasurer.claims, receipt))?.assessment?.taxDeclarationNumber).toBe("TD-001");
    const pdf = await answer(() => receiptPdfRoute.loader({ request: new Request(url(`/lgus/${lgu.slug}/property-tax/receipts/${receipt}.pdf`), { headers: { Cookie: payerWeb.cookie } }), params: { slug: lgu.slug, number: receipt }, context }));
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("Content-Type")).toBe("application/pdf");
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe("%PDF-");
    const strangerWeb = await calls.signedIn(`stranger-${Date.now()}@example.test`);
    const refused = await answer(() => receiptPdfRoute.loader({ request: new Request(url(`/lgus/${lgu.slug}/property-tax/receipts/${receipt}.pdf`), { headers: { Cookie: strangerWeb.cookie } }), params: { slug: lgu.slug, number: receipt }, context }));
    expect(refused.status).toBe(404);
  });

  it("exports the LGU's payments as formula-safe CSV for its treasurers only", async () => {
    await imported(csv('TD-777,Purok 7,"=HYPERLINK(""http://evil.test""), Mark",1000,500,2030-01-31,'));
    const [assessment] = await owner(sql`select id from rpt_assessments where tax_declaration_number = 'TD-777'`);
    await paySandbox({ sub: payerWeb.id, role: "authenticated" }, lgu.id, assessment!.id as string);
    const response = await answer(() => paymentsCsv.loader({ request: new Request(url(`/manage/${lgu.slug}/property-tax/payments.csv`), { headers: { Cookie: treasurerWeb.cookie } }), params: { lgu: lgu.slug }, context }));
    const text = await response.text();
    expect(text.split("\n")[0]).toContain("receipt_number");
    expect(text).toContain("TD-777");
    expect(text).toContain("500.00,PHP");
    expect(text).toContain(`'=HYPERLINK`);
    expect(text).not.toMatch(/(^|,)"?=HYPERLINK/m);
    const payerTry = await answer(() => paymentsCsv.loader({ request: new Request(url(`/manage/${lgu.slug}/property-tax/payments.csv`), { headers: { Cookie: payerWeb.cookie } }), params: { lgu: lgu.slug }, context }));
    expect([403, 404]).toContain(payerTry.status);
  });
});

describe("the public pages", () => {
  it("lists the LGUs whose tax can be looked up at /services/property-tax, and the LGU's page lists its published forms", async () => {
    const list = await answer(() => servicesPage.loader({ request: new Request(url("/services/property-tax")), params: {}, context }));
    const slugs = ((await list.json()) as { lgus: { slug: string }[]; pages: number }).lgus.map((l) => l.slug);
    expect(slugs.length).toBeGreaterThan(0);
    const page = await answer(() => lookupRoute.loader({ request: new Request(url(`/lgus/${lgu.slug}/property-tax`)), params: { slug: lgu.slug }, context }));
    expect(page.status).toBe(200);
    const unknown = await answer(() => lookupRoute.loader({ request: new Request(url("/lgus/no-such-town/property-tax")), params: { slug: "no-such-town" }, context }));
    expect(unknown.status).toBe(404);
  });
});

describe("property forms", () => {
  it("takes PDFs only (by content), and shows the public only the published ones", async () => {
    const disguised = { name: "form.pdf", bytes: new Uint8Array(pngBytes()) };
    await expect(addPropertyForm(treasurer.claims, lgu.id, { title: { en: "Sworn declaration" }, file: disguised })).rejects.toMatchObject({ field: "file" });
    await expect(addPropertyForm(treasurer.claims, lgu.id, { title: { en: "Too big" }, file: { name: "big.pdf", bytes: new Uint8Array(11 * 1024 * 1024).fill(0x25) } })).rejects.toMatchObject({ messageKey: "services:documents.too_large" });
    await expect(addPropertyForm(editor.claims, lgu.id, { title: { en: "Editor's" }, file: { name: "f.pdf", bytes: new Uint8Array(samplePdf()) } })).rejects.toMatchObject({ messageKey: "tax:errors.notTreasurer" });
    await addPropertyForm(treasurer.claims, lgu.id, { title: { en: "Sworn declaration of property value" }, file: { name: "sworn.pdf", bytes: new Uint8Array(samplePdf()) } });
    await addPropertyForm(treasurer.claims, lgu.id, { title: { en: "Draft form" }, file: { name: "draft.pdf", bytes: new Uint8Array(samplePdf()) } });
    await as(treasurer, sql`update property_forms set published = false where title->>'en' = 'Draft form'`);
    expect((await listPropertyForms(null, lgu.id)).map((f) => f.title.en)).toEqual(["Sworn declaration of property value"]);
    expect((await listPropertyForms(treasurer.claims, lgu.id, false)).map((f) => f.title.en).sort()).toEqual(["Draft form", "Sworn declaration of property value"]);
  });
});

describe("row-level security of the property tax tables", () => {
  it("lets only the LGU's treasurers and admins read or write assessments and imports", async () => {
    for (const who of [null, stranger, editor, otherTreasurer]) {
      // The anonymous role has no privilege on them at all; the others see no row.
      const none = (query: SQL) => as(who, query).catch((error: { cause?: { code?: string } }) => (error.cause?.code === "42501" ? [] : Promise.reject(error)));
      expect(await none(sql`select id from rpt_assessments where lgu_id = ${lgu.id} limit 1`)).toEqual([]);
      expect(await none(sql`select id from rpt_imports where lgu_id = ${lgu.id} limit 1`)).toEqual([]);
      expect(await refusalOf(as(who, sql`insert into rpt_assessments (lgu_id, tax_declaration_number, property_location, owner_name, owner_last_name_key, assessed_value_minor, tax_due_minor, due_date, currency)
        values (${lgu.id}, 'HACK-1', 'P', 'O', 'o', 1, 1, '2026-01-31', 'PHP')`))).toMatchObject({ code: "42501" });
      expect(await refusalOf(as(who, sql`insert into rpt_imports (lgu_id, created_by, file_name, storage_key, currency, total_bytes)
        values (${lgu.id}, ${who?.id ?? null}, 'x.csv', ${`rpt-imports/${lgu.id}/x.csv`}, 'PHP', 1)`))).toMatchObject({ code: "42501" });
    }
    // Updates and deletes by others change nothing (RLS hides the rows; deletes are not granted).
    expect(await as(otherTreasurer, sql`update rpt_assessments set tax_due_minor = 1 where lgu_id = ${lgu.id} returning id`)).toEqual([]);
    expect(await refusalOf(as(treasurer, sql`delete from rpt_assessments where lgu_id = ${lgu.id}`))).toMatchObject({ code: "42501" });
    expect(await refusalOf(as(treasurer, sql`update rpt_imports set status = 'done' where lgu_id = ${lgu.id}`))).toMatchObject({ code: "42501" });
    expect((await as(treasurer, sql`select count(*)::int as n from rpt_assessments where lgu_id = ${lgu.id}`))[0]!.n).toBeGreaterThan(0);
  });

  it("lets the public read published forms of verified LGUs only, and only treasurers change them", async () => {
    const hidden = await owner(sql`select id from property_forms where lgu_id = ${lgu.id} and not published`);
    expect(hidden).toHaveLength(1);
    for (const who of [null, stranger, editor, otherTreasurer]) {
      expect(await as(who, sql`select id from property_forms where id = ${hidden[0]!.id}`)).toEqual([]);
      expect((await as(who, sql`select id from property_forms where lgu_id = ${lgu.id} and published`)).length).toBe(1);
      expect(await as(who, sql`update property_forms set published = true where lgu_id = ${lgu.id} returning id`).catch(() => [])).toEqual([]);
      expect(await as(who, sql`delete from property_forms where lgu_id = ${lgu.id} returning id`).catch(() => [])).toEqual([]);
    }
    // An unverified LGU's forms are not public.
    const unverified = await createLgu(db().url, { createdBy: otherTreasurer.id });
    await owner(sql`insert into property_forms (lgu_id, title, storage_key, content_type, size_bytes, file_name) values (${unverified.id}, '{"en":"x"}', ${`property-forms/${unverified.id}/a/x.pdf`}, 'application/pdf', 10, 'x.pdf')`);
    expect(await as(null, sql`select id from property_forms where lgu_id = ${unverified.id}`)).toEqual([]);
  });
});
