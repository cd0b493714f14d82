/**
 * Property tax paid at the treasury: the treasurer records cash or a bank transfer for the amount
 * due today (tax plus penalty) and gets an official receipt; a form sent twice records one
 * payment; a wrong amount, a paid assessment, another LGU's assessment or someone who is not its
 * treasurer is refused and nothing is written. The payment is audited in the treasurer's name.
 */
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { setAdapters } from "../../app/adapters/index.server";
import { createLocalStorage } from "../../app/adapters/storage/local.server";
import { getEnv } from "../../app/config/env.server";
import { setDbClient } from "../../app/db/client.server";
import { assessmentsAtCounter, recordCounterPayment } from "../../app/modules/property-tax/counter.server";
import { startImport } from "../../app/modules/property-tax/imports.server";
import { setupTestDatabase } from "../support/db";
import { addLguRole, createLgu, createUser } from "../support/factories";
import { tempUploadsDir } from "../support/org-factories";
import { answer, context, post, routeCalls, url } from "../support/route-calls";
import * as counterPage from "../../app/routes/manage.$lgu.property-tax.counter";

const db = setupTestDatabase();
const calls = routeCalls(db);
type User = Awaited<ReturnType<typeof createUser>>;
let treasurer: User, officer: User, member: User, otherTreasurer: User;
let lgu: { id: string; slug: string }, other: { id: string; slug: string };

const HEADER = "tax_declaration_number,property_location,owner_name,assessed_value,tax_due,due_date,penalties";
// A fixed "today" so the penalty is a known figure: due 2026-01-31, paid 2026-04-15 → 3 months
// late at 2% a month → 6% of 2,500.00 = 150.00 (ADR 0006).
const TODAY = "2026-04-15";

beforeAll(async () => {
  setDbClient(db().client);
  setAdapters({ storage: createLocalStorage({ root: tempUploadsDir(), secret: getEnv().SESSION_SECRET }) });
  [treasurer, officer, member, otherTreasurer] = (await Promise.all([1, 2, 3, 4].map(() => createUser(db().url)))) as User[] as [User, User, User, User];
  lgu = await createLgu(db().url, { verificationStatus: "verified", name: "Naga City" });
  other = await createLgu(db().url, { verificationStatus: "verified", name: "Iriga City" });
  await addLguRole(db().url, lgu.id, treasurer.id, "treasurer");
  await addLguRole(db().url, lgu.id, officer.id, "permits_officer");
  await addLguRole(db().url, other.id, otherTreasurer.id, "treasurer");
  const file = new TextEncoder().encode(`${HEADER}\nCTR-1,Purok 1,"Cruz, Ana",1000,2500.00,2026-01-31,\nCTR-2,Purok 2,"Cruz, Ben",1000,100.00,2099-01-31,\nCTR-3,Purok 3,"Reyes, Ana",1000,240.50,2099-01-31,\n`);
  const { run } = await startImport(treasurer.claims, lgu.id, { name: "a.csv", bytes: file }, "PHP");
  await run;
});

const owner = <T extends Record<string, unknown>>(query: ReturnType<typeof sql>) => db().client.asService((tx) => tx.execute<T>(query));
const paymentsOf = (id: string) =>
  owner<{ amount: number; channel: string; source: string; payer_id: string | null; recorded_by: string }>(
    sql`select amount_minor::int as amount, channel, source, payer_id, recorded_by from service_payments where subject_id = ${id}`,
  ).then((rows) => [...rows]);

describe("property tax paid at the treasury", () => {
  it("shows the treasurer the amount due today with the penalty, and nobody else", async () => {
    const [found] = await assessmentsAtCounter(treasurer.claims, lgu.id, " ctr-1 ", TODAY);
    expect(found).toMatchObject({ taxDeclarationNumber: "CTR-1", ownerName: "Cruz, Ana", taxDueMinor: 250000, penaltyMinor: 15000, totalMinor: 265000, receiptNumber: null });
    expect(await assessmentsAtCounter(officer.claims, lgu.id, "CTR-1", TODAY)).toEqual([]);
    expect(await assessmentsAtCounter(otherTreasurer.claims, lgu.id, "CTR-1", TODAY)).toEqual([]);
    expect(await assessmentsAtCounter(treasurer.claims, lgu.id, "CTR-404", TODAY)).toEqual([]);
  });

  it("records the payment once per form, in the treasurer's name, with a receipt and an audit row", async () => {
    const [a] = await assessmentsAtCounter(treasurer.claims, lgu.id, "CTR-1", TODAY);
    const key = crypto.randomUUID();
    const input = { assessmentId: a!.id, amount: "2,650.00", channel: "cash", key };
    const receipt = await recordCounterPayment(treasurer.claims, lgu.id, input, TODAY);
    expect(receipt).toMatch(/-OR-\d{4}-\d{6}$/);
    // The same form again (a double click, a resent POST): the same receipt, still one payment.
    expect(await recordCounterPayment(treasurer.claims, lgu.id, input, TODAY)).toBe(receipt);
    expect(await paymentsOf(a!.id)).toEqual([{ amount: 265000, channel: "cash", source: "treasurer", payer_id: null, recorded_by: treasurer.id }]);
    const audit = await owner<{ actor_id: string }>(sql`select actor_id from audit_log where subject_table = 'service_payments' and lgu_id = ${lgu.id}`);
    expect([...audit]).toEqual([{ actor_id: treasurer.id }]);
    // A new form for a paid assessment: refused.
    await expect(recordCounterPayment(treasurer.claims, lgu.id, { ...input, key: crypto.randomUUID() }, TODAY)).rejects.toMatchObject({ messageKey: "tax:errors.alreadyPaid" });
    const [after] = await assessmentsAtCounter(treasurer.claims, lgu.id, "CTR-1", TODAY);
    expect(after!.receiptNumber).toBe(receipt);
  });

  it("refuses a wrong amount, a wrong channel, another LGU's assessment and someone who is not its treasurer, writing nothing", async () => {
    const [a] = await assessmentsAtCounter(treasurer.claims, lgu.id, "CTR-2", TODAY);
    const base = { assessmentId: a!.id, amount: "100.00", channel: "bank_transfer", key: crypto.randomUUID() };
    await expect(recordCounterPayment(treasurer.claims, lgu.id, { ...base, amount: "99.99" }, TODAY)).rejects.toMatchObject({ field: "amount", messageKey: "tax:counter.amountNotDue" });
    await expect(recordCounterPayment(treasurer.claims, lgu.id, { ...base, amount: "-100" }, TODAY)).rejects.toMatchObject({ field: "amount", messageKey: "services:money.negative" });
    await expect(recordCounterPayment(treasurer.claims, lgu.id, { ...base, channel: "sandbox" }, TODAY)).rejects.toMatchObject({ field: "channel" });
    await expect(recordCounterPayment(treasurer.claims, lgu.id, { ...base, key: "not-a-key" }, TODAY)).rejects.toMatchObject({ messageKey: "tax:errors.unreadable" });
    await expect(recordCounterPayment(officer.claims, lgu.id, base, TODAY)).rejects.toMatchObject({ messageKey: "tax:errors.notFound" });
    await expect(recordCounterPayment(otherTreasurer.claims, other.id, base, TODAY)).rejects.toMatchObject({ messageKey: "tax:errors.notFound" });
    expect(await paymentsOf(a!.id)).toEqual([]);
  });

  it("is refused by the database itself to the wrong person and to a card channel, whatever the server sends", async () => {
    const [a] = await assessmentsAtCounter(treasurer.claims, lgu.id, "CTR-2", TODAY);
    const call = (claims: User["claims"], channel: string) =>
      db().client.withRls(claims, (tx) => tx.execute(sql`select public.record_property_tax_counter_payment(${a!.id}::uuid, 10000, ${channel}::public.service_payment_channel, ${crypto.randomUUID()})`));
    await expect(call(otherTreasurer.claims, "cash")).rejects.toMatchObject({ cause: { code: "42501" } });
    await expect(call(officer.claims, "cash")).rejects.toMatchObject({ cause: { code: "42501" } });
    await expect(call(member.claims, "cash")).rejects.toMatchObject({ cause: { code: "42501" } });
    await expect(call(treasurer.claims, "card")).rejects.toMatchObject({ cause: { hint: "channel_invalid" } });
    await expect(db().client.withRls(null, (tx) => tx.execute(sql`select public.record_property_tax_counter_payment(${a!.id}::uuid, 10000, 'cash', ${crypto.randomUUID()})`))).rejects.toMatchObject({
      cause: { code: "42501" },
    });
    expect(await paymentsOf(a!.id)).toEqual([]);
  });
});

describe("the treasury counter page", () => {
  it("finds a declaration, refuses a wrong amount beside the field and records the right one with a toast", async () => {
    const web = await calls.signedIn(`counter-${Date.now()}@example.test`);
    await addLguRole(db().url, lgu.id, web.id, "treasurer");
    const path = `/manage/${lgu.slug}/property-tax/counter`;
    const page = await answer(() => counterPage.loader({ request: new Request(url(`${path}?declaration=ctr-3`), { headers: { Cookie: web.cookie } }), params: { lgu: lgu.slug }, context }));
    expect(page.status).toBe(200);
    const data = (await page.json()) as { assessments: { id: string; totalMajor: string; key: string; ownerName: string }[] };
    expect(data.assessments).toHaveLength(1);
    const [a] = data.assessments;
    expect(a).toMatchObject({ ownerName: "Reyes, Ana" });
    const send = (fields: Record<string, string>) => answer(() => counterPage.action({ request: post(path, web.cookie, fields), params: { lgu: lgu.slug }, context }));
    const wrong = await send({ assessment: a!.id, key: a!.key, channel: "cash", amount: "1.00" });
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({ reply: { form: a!.id, error: { amount: ["tax:counter.amountNotDue"] }, initialValue: { amount: "1.00" } } });
    expect(await paymentsOf(a!.id)).toEqual([]);
    const done = await send({ assessment: a!.id, key: a!.key, channel: "bank_transfer", amount: a!.totalMajor });
    expect(done.status).toBe(302);
    expect(done.headers.get("Location")).toBe(`/manage/${lgu.slug}/property-tax/payments`);
    expect((await paymentsOf(a!.id)).map((p) => p.channel)).toEqual(["bank_transfer"]);
    // Nobody but the LGU's treasurers and admins reaches the page.
    const stranger = await calls.signedIn(`stranger-${Date.now()}@example.test`);
    const refused = await answer(() => counterPage.loader({ request: new Request(url(path), { headers: { Cookie: stranger.cookie } }), params: { lgu: lgu.slug }, context }));
    expect(refused.status).toBe(403);
  });
});
