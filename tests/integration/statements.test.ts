/**
 * Yearly statements: a donor's own movements of money in a calendar year (gifts with their
 * receipts, refunds), totals per currency that add up, in every language, downloadable by the
 * donor only from /me.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { setDbClient } from "../../app/db/client.server";
import { openContribution, recordMovement } from "../../app/modules/contributions/ledger.server";
import { statementPdf, statementYears, yearlyStatement } from "../../app/modules/contributions/statements.server";
import { setupTestDatabase } from "../support/db";
import { addLguRole, createLgu, createUser } from "../support/factories";
import { createProject } from "../support/project-factories";
import { answer, context, routeCalls, url } from "../support/route-calls";

const db = setupTestDatabase();
const { signedIn } = routeCalls(db);
type User = Awaited<ReturnType<typeof createUser>>;
let donor: Awaited<ReturnType<typeof signedIn>> & { claims: { sub: string; role: "authenticated"; email: string } };
let other: User;
let treasurer: User;
let phpProject: string;
let usdProject: string;
const thisYear = new Date().getUTCFullYear();
const lastYear = thisYear - 1;

async function give(projectId: string, donorId: string, amountMinor: number, currency: string, occurredAt: Date) {
  const opened = await openContribution({ projectId, donorId, kind: "one_time", channel: "sandbox", amountMinor, currency, anonymous: false });
  await recordMovement({ contributionId: opened.id, type: "received", amountMinor, source: "sandbox", externalId: `sandbox-${opened.id}`, occurredAt });
  return opened.id;
}

beforeAll(async () => {
  setDbClient(db().client);
  const admin = await createUser(db().url);
  const account = await signedIn("statement.donor@example.org");
  donor = { ...account, claims: { sub: account.id, role: "authenticated", email: "statement.donor@example.org" } };
  other = await createUser(db().url);
  treasurer = await createUser(db().url);
  await db().client.sql`update profiles set display_name = 'Lorna Reyes' where id = ${donor.id}`;
  const lgu = await createLgu(db().url, { createdBy: admin.id, verificationStatus: "verified", name: "Naga City" });
  await addLguRole(db().url, lgu.id, treasurer.id, "treasurer");
  phpProject = (await createProject(db().url, lgu.id, { status: "fundraising", currency: "PHP", title: { en: "Clean water", ar: "مياه نظيفة" } })).id;
  usdProject = (await createProject(db().url, lgu.id, { status: "fundraising", currency: "USD", title: { en: "School roofs" } })).id;
  await give(phpProject, donor.id, 50_000, "PHP", new Date(`${lastYear}-12-31T23:00:00Z`));
  const refunded = await give(phpProject, donor.id, 20_000, "PHP", new Date(`${thisYear}-01-01T00:30:00Z`));
  await recordMovement({ contributionId: refunded, type: "refunded", amountMinor: 5_000, source: "treasurer", externalId: `r-${refunded}`, occurredAt: new Date(`${thisYear}-02-01T10:00:00Z`) });
  await give(usdProject, donor.id, 2_500, "USD", new Date(`${thisYear}-01-15T10:00:00Z`));
  // Someone else's gift in the same project, in the same year.
  await give(phpProject, other.id, 99_900, "PHP", new Date(`${thisYear}-01-10T10:00:00Z`));
});

describe("yearly statements", () => {
  it("list the years in which the donor's money moved, newest first, and no one else's", async () => {
    expect(await statementYears(donor.claims)).toEqual([thisYear, lastYear]);
    expect(await statementYears(treasurer.claims)).toEqual([]);
  });

  it("hold the donor's own movements of the year (UTC) with their receipts, and totals per currency that add up", async () => {
    const statement = await yearlyStatement(donor.claims, thisYear, { name: "Lorna Reyes", email: "statement.donor@example.org" });
    expect(statement.entries.map((e) => [e.type, e.amountMinor, e.currency, e.lguName, e.projectTitle.en])).toEqual([
      ["received", 20_000, "PHP", "Naga City", "Clean water"],
      ["received", 2_500, "USD", "Naga City", "School roofs"],
      ["refunded", 5_000, "PHP", "Naga City", "Clean water"],
    ]);
    // Gifts carry the LGU's receipt number; refunds have none.
    expect(statement.entries.map((e) => (e.receiptNumber ? /^[A-Z0-9-]+-\d{4}-\d{6}$/.test(e.receiptNumber) : null))).toEqual([true, true, null]);
    expect(statement.entries[0]!.receiptNumber).toContain(`-${thisYear}-`);
    expect(statement.totals).toEqual([
      { currency: "PHP", receivedMinor: 20_000, refundedMinor: 5_000, netMinor: 15_000 },
      { currency: "USD", receivedMinor: 2_500, refundedMinor: 0, netMinor: 2_500 },
    ]);
    const previous = await yearlyStatement(donor.claims, lastYear, { name: null, email: "x@example.org" });
    expect(previous.totals).toEqual([{ currency: "PHP", receivedMinor: 50_000, refundedMinor: 0, netMinor: 50_000 }]);
    // The treasurer sees every gift to the LGU, but their statement has only their own: none.
    expect((await yearlyStatement(treasurer.claims, thisYear, { name: null, email: "t@example.org" })).entries).toEqual([]);
  });

  it("print as PDF in every language; the Arabic one embeds the Arabic font", async () => {
    const statement = await yearlyStatement(donor.claims, thisYear, { name: "Lorna Reyes", email: "statement.donor@example.org" });
    for (const language of ["en", "fil", "es", "fr", "ar"]) {
      const pdf = await statementPdf(statement, language, new Date());
      expect(pdf.subarray(0, 5).toString(), language).toBe("%PDF-");
      expect(pdf.byteLength, language).toBeGreaterThan(2_000);
    }
    expect((await statementPdf(statement, "ar", new Date())).toString("latin1")).toContain("NotoNaskhArabic");
    const empty = await statementPdf({ ...statement, entries: [], totals: [] }, "en", new Date());
    expect(empty.subarray(0, 5).toString()).toBe("%PDF-");
  });

  it("download from /me/statements/:year.pdf for the signed-in donor; other years and shapes are 404; /me links them", async () => {
    const page = await import("../../app/routes/me.statements.$year[.]pdf");
    const get = (year: string, cookie = donor.cookie) =>
      answer(() => page.loader({ request: new Request(url(`/me/statements/${year}.pdf`), { headers: { Cookie: cookie } }), params: { year }, context }));
    const mine = await get(String(thisYear));
    expect([mine.status, mine.headers.get("Content-Type"), mine.headers.get("Cache-Control")]).toEqual([200, "application/pdf", "private, no-store"]);
    for (const year of ["1999", String(thisYear + 1), "20x6", "02026"]) expect((await get(year)).status, year).toBe(404);
    const anonymous = await get(String(thisYear), "");
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toMatch(/^\/login/);

    const me = await import("../../app/routes/me._index");
    const home = await answer(() => me.loader({ request: new Request(url("/me"), { headers: { Cookie: donor.cookie } }), params: {}, context }));
    expect(((await home.json()) as { years: number[] }).years).toEqual([thisYear, lastYear]);
  });
});
