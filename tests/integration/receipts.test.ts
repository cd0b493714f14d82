/**
 * Receipts: issued by the database with every money received (numbered per LGU and year, without
 * gaps), readable by the donor and the LGU's treasurers only, printed as PDF in any of the five
 * languages (Arabic right to left, with its own font), and emailed once.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { setAdapters } from "../../app/adapters/index.server";
import { setDbClient } from "../../app/db/client.server";
import { recordMovement, openContribution } from "../../app/modules/contributions/ledger.server";
import { sendReceiptEmails } from "../../app/modules/contributions/receipt-emails.server";
import { readableReceipt, receiptPdf } from "../../app/modules/contributions/receipts.server";
import { setupTestDatabase } from "../support/db";
import { addLguRole, createLgu, createUser } from "../support/factories";
import { capturingEmail } from "../support/org-factories";
import { createProject } from "../support/project-factories";
import { answer, context, routeCalls, url } from "../support/route-calls";

const db = setupTestDatabase();
const mail = capturingEmail();
const { signedIn } = routeCalls(db);
type User = Awaited<ReturnType<typeof createUser>>;
let donor: User;
let treasurer: User;
let stranger: User;
let lgu: { id: string; slug: string };
let projectId: string;

beforeAll(async () => {
  setDbClient(db().client);
  setAdapters({ email: mail.port });
  const admin = await createUser(db().url);
  donor = await createUser(db().url);
  treasurer = await createUser(db().url);
  stranger = await createUser(db().url);
  await db().client.sql`update profiles set display_name = 'Lorna Reyes' where id = ${donor.id}`;
  lgu = await createLgu(db().url, { createdBy: admin.id, verificationStatus: "verified" });
  await addLguRole(db().url, lgu.id, treasurer.id, "treasurer");
  projectId = (await createProject(db().url, lgu.id, { status: "fundraising", goalMinor: 1_000_000, currency: "PHP", title: { en: "Clean water", ar: "مياه نظيفة" } })).id;
});

async function giveAndReceive(amountMinor: number, donorId: string | null = donor.id) {
  const opened = await openContribution({ projectId, donorId, kind: "one_time", channel: "sandbox", amountMinor, currency: "PHP", anonymous: false });
  await recordMovement({ contributionId: opened.id, type: "received", amountMinor, source: "sandbox", externalId: `sandbox-${opened.id}` });
  return opened;
}

describe("receipts", () => {
  it("are issued with each money received, numbered per LGU and year without gaps; refunds issue none", async () => {
    const first = await giveAndReceive(10_000);
    const second = await giveAndReceive(20_000);
    await recordMovement({ contributionId: second.id, type: "refunded", amountMinor: 5_000, source: "treasurer", externalId: `r-${second.id}` });
    const rows = await db().client.sql<{ number: string; amount_minor: string; contribution_id: string }[]>`
      select number, amount_minor, contribution_id from receipts where lgu_id = ${lgu.id} order by sequence`;
    const year = new Date().getUTCFullYear();
    const prefix = `${lgu.slug.toUpperCase()}-${year}-`;
    expect(rows.map((r) => [r.number, r.amount_minor, r.contribution_id])).toEqual([
      [`${prefix}000001`, "10000", first.id],
      [`${prefix}000002`, "20000", second.id],
    ]);
  });

  it("are read by the donor and the LGU's treasurer only, and print in every language", async () => {
    const gift = await giveAndReceive(123_450);
    const [{ number }] = (await db().client.sql`select number from receipts where contribution_id = ${gift.id}`) as unknown as [{ number: string }];
    expect(await readableReceipt(stranger.claims, number)).toBeNull();
    expect(await readableReceipt(treasurer.claims, number)).toMatchObject({ number, amountMinor: 123_450, donorName: "Lorna Reyes" });
    const receipt = (await readableReceipt(donor.claims, number))!;
    for (const language of ["en", "fil", "es", "fr", "ar"]) {
      const pdf = await receiptPdf(receipt, language, "https://tulay.test");
      expect(pdf.subarray(0, 5).toString(), language).toBe("%PDF-");
      expect(pdf.byteLength, language).toBeGreaterThan(2_000);
    }
    // The Arabic one embeds the Arabic font.
    expect((await receiptPdf(receipt, "ar", "https://tulay.test")).toString("latin1")).toContain("NotoNaskhArabic");
  });

  it("nobody writes a receipt or its counter through the API, not even the LGU's treasurer", async () => {
    const gift = await giveAndReceive(1_000);
    const { sql } = await import("drizzle-orm");
    const { refusalOf } = await import("../support/project-factories");
    const as = (user: User, query: ReturnType<typeof sql>) => db().client.withRls(user.claims, (tx) => tx.execute(query));
    for (const query of [
      sql`update receipts set amount_minor = 1 where contribution_id = ${gift.id}`,
      sql`delete from receipts where contribution_id = ${gift.id}`,
      sql`update receipt_counters set last = 0`,
    ]) {
      expect(await refusalOf(as(treasurer, query))).toMatchObject({ code: "42501" });
    }
    expect(await as(treasurer, sql`select * from receipt_counters`)).toHaveLength(0);
    expect(await db().client.sql`select amount_minor from receipts where contribution_id = ${gift.id}`).toEqual([{ amount_minor: "1000" }]);
  });

  it("the download route answers the donor with a PDF and anyone else with a 404", async () => {
    const page = await import("../../app/routes/receipts.$number[.]pdf");
    const owner = await signedIn("receipt.owner@example.org");
    const other = await signedIn("receipt.other@example.org");
    const gift = await giveAndReceive(5_000, owner.id);
    const [{ number }] = (await db().client.sql`select number from receipts where contribution_id = ${gift.id}`) as unknown as [{ number: string }];
    const get = (cookie: string) => answer(() => page.loader({ request: new Request(url(`/receipts/${number}.pdf`), { headers: { Cookie: cookie } }), params: { number }, context }));
    const mine = await get(owner.cookie);
    expect([mine.status, mine.headers.get("Content-Type")]).toEqual([200, "application/pdf"]);
    expect((await get(other.cookie)).status).toBe(404);
  });

  it("are emailed to the donor once", async () => {
    mail.sent.length = 0;
    const gift = await giveAndReceive(7_000);
    const sent = await sendReceiptEmails("https://tulay.test");
    expect(sent).toBeGreaterThanOrEqual(1);
    const [{ number }] = (await db().client.sql`select number from receipts where contribution_id = ${gift.id}`) as unknown as [{ number: string }];
    expect(mail.sent.filter((m) => m.text.includes(`https://tulay.test/receipts/${number}.pdf`))).toHaveLength(1);
    expect(await sendReceiptEmails("https://tulay.test")).toBe(0);
  });
});
