/**
 * Paying a permit's fee by card: a Checkout Session for the assessed fee (the real Stripe adapter
 * against the fake Stripe API), recorded once from the signed webhooks, by the same database
 * function as the treasury's; money for an application no longer waiting for it is kept on the
 * event for a refund, not recorded.
 */
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { startPermitCardPayment } from "../../app/modules/permits/card.server";
import { setupTestDatabase } from "../support/db";
import { addLguRole, createLgu, createUser } from "../support/factories";
import { stripeHarness } from "../support/stripe-harness";

const db = setupTestDatabase();
const stripe = stripeHarness(db);
type User = Awaited<ReturnType<typeof createUser>>;
let officer: User, treasurer: User, applicant: User, stranger: User;
let lgu: { id: string; slug: string };
let typeId: string;

const as = (user: User, query: ReturnType<typeof sql>) => db().client.withRls(user.claims, (tx) => tx.execute(query));

beforeAll(async () => {
  [officer, treasurer, applicant, stranger] = (await Promise.all(Array.from({ length: 4 }, () => createUser(db().url)))) as [User, User, User, User];
  lgu = await createLgu(db().url, { verificationStatus: "verified", name: "Naga City" });
  await addLguRole(db().url, lgu.id, officer.id, "permits_officer");
  await addLguRole(db().url, lgu.id, treasurer.id, "treasurer");
  const [type] = (await as(officer, sql`insert into permit_types (lgu_id, slug, name, fee_schedule, currency, processing_days)
      values (${lgu.id}, 'card', '{"en":"Card permit"}', '{"kind":"fixed","currency":"PHP","amountMinor":150000}', 'PHP', 5) returning id`)) as unknown as [{ id: string }];
  typeId = type.id;
});

/** An application approved with a fee of `feeMinor`. */
async function approved(feeMinor: number) {
  const [row] = (await as(applicant, sql`insert into permit_applications (lgu_id, permit_type_id, applicant_id, business_name, line_of_business, address, owner_name, owner_phone, currency)
      values (${lgu.id}, ${typeId}, ${applicant.id}, 'Card shop', 'Retail', 'Purok 1, Sabang', 'Ana Cruz', '09171234567', 'PHP') returning id`)) as unknown as [{ id: string }];
  await as(applicant, sql`select public.submit_permit_application(${row.id})`);
  await as(officer, sql`select public.assess_permit_fee(${row.id}, ${feeMinor})`);
  await as(officer, sql`select public.approve_permit_application(${row.id})`);
  return row.id;
}

const paymentsOf = async (id: string) =>
  [...(await db().client.asService((tx) => tx.execute(sql`select amount_minor::int as amount, channel, source, external_id from service_payments where subject_id = ${id}`)))];
const statusOf = async (id: string) => (await db().client.sql`select status from permit_applications where id = ${id}`)[0]!.status;

describe("paying a permit fee by card", () => {
  it("opens Checkout for the applicant only and records the fee once, from the webhooks", async () => {
    const id = await approved(150_000);
    await expect(startPermitCardPayment(stranger.claims, id, "http://portal.test")).rejects.toMatchObject({ messageKey: "permits:errors.notYours" });
    const url = await startPermitCardPayment(applicant.claims, id, "http://portal.test");
    const sessionId = url.split("/").pop()!;
    expect(stripe.fake().get(sessionId)).toMatchObject({ amount_total: 150_000, currency: "php", metadata: { permit_application_id: id }, success_url: `http://portal.test/me/permits/${id}?from=checkout` });
    expect(await paymentsOf(id)).toEqual([]);
    const paid = stripe.fake().payCheckout(sessionId);
    for (const event of paid.events) await stripe.deliverOk(event);
    for (const event of paid.events) expect(await stripe.deliverOk(event)).toMatchObject({ duplicate: true });
    expect(await paymentsOf(id)).toEqual([{ amount: 150_000, channel: "card", source: "stripe", external_id: paid.paymentIntentId }]);
    expect(await statusOf(id)).toBe("paid");
    await expect(startPermitCardPayment(applicant.claims, id, "http://portal.test")).rejects.toMatchObject({ messageKey: "permits:errors.wrongStatus" });
  });

  it("keeps a card payment for an application paid meanwhile at the treasury on its event, for a refund", async () => {
    const id = await approved(80_000);
    const url = await startPermitCardPayment(applicant.claims, id, "http://portal.test");
    await as(treasurer, sql`select public.record_permit_fee_payment(${id}, 80000, 'cash', 'treasurer', 'counter-1')`);
    const paid = stripe.fake().payCheckout(url.split("/").pop()!);
    for (const event of paid.events) await stripe.deliverOk(event);
    expect((await paymentsOf(id)).map((p) => p.source)).toEqual(["treasurer"]);
    const notes = await Promise.all(paid.events.map((e) => stripe.stored(e.id)));
    expect(notes.map((n) => n?.last_error).filter(Boolean).join(" ")).toMatch(/is paid; payment pi_.* needs a refund/);
  });
});
