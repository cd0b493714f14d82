/**
 * Paying property tax by card: a Checkout Session for the amount due today (through the real
 * Stripe adapter, against the fake Stripe API), and the payment recorded once from the signed
 * webhook (the session's completion and its payment intent name the same payment), with the
 * receipt; a payment for an assessment paid in the meantime is kept on the event, not recorded.
 */
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { setAdapters } from "../../app/adapters/index.server";
import { createLocalStorage } from "../../app/adapters/storage/local.server";
import { getEnv } from "../../app/config/env.server";
import { startCardPayment } from "../../app/modules/property-tax/card.server";
import { startImport } from "../../app/modules/property-tax/imports.server";
import { paySandbox } from "../../app/modules/property-tax/payments.server";
import { setupTestDatabase } from "../support/db";
import { addLguRole, createLgu, createUser } from "../support/factories";
import { tempUploadsDir } from "../support/org-factories";
import { stripeHarness } from "../support/stripe-harness";

const db = setupTestDatabase();
const stripe = stripeHarness(db);
type User = Awaited<ReturnType<typeof createUser>>;
let treasurer: User, payer: User;
let lgu: { id: string; slug: string };

const HEADER = "tax_declaration_number,property_location,owner_name,assessed_value,tax_due,due_date,penalties";

beforeAll(async () => {
  setAdapters({ storage: createLocalStorage({ root: tempUploadsDir(), secret: getEnv().SESSION_SECRET }) });
  [treasurer, payer] = (await Promise.all([createUser(db().url), createUser(db().url)])) as [User, User];
  lgu = await createLgu(db().url, { verificationStatus: "verified", name: "Naga City" });
  await addLguRole(db().url, lgu.id, treasurer.id, "treasurer");
  const file = new TextEncoder().encode(`${HEADER}\nCARD-1,Purok 1,"Cruz, Ana",1000,2500.00,2099-01-31,\nCARD-2,Purok 2,"Cruz, Ben",1000,100.00,2099-01-31,\n`);
  const { run } = await startImport(treasurer.claims, lgu.id, { name: "a.csv", bytes: file }, "PHP");
  await run;
});

const assessmentId = async (number: string) => (await stripe.sql()<{ id: string }[]>`select id from rpt_assessments where tax_declaration_number = ${number}`)[0]!.id;
const paymentsOf = (id: string) => db().client.asService((tx) => tx.execute(sql`select amount_minor::int as amount, channel, source, external_id, payer_id from service_payments where subject_id = ${id}`));

describe("paying property tax by card", () => {
  it("records the payment once, from the webhook, with the amount due", async () => {
    const id = await assessmentId("CARD-1");
    const url = await startCardPayment({ ...payer.claims }, { id: lgu.id, slug: lgu.slug, name: "Naga City" }, id, "http://portal.test");
    const sessionId = url.split("/").pop()!;
    const session = stripe.fake().get<{ amount_total: number; currency: string; metadata: Record<string, string>; success_url: string }>(sessionId);
    expect(session).toMatchObject({ amount_total: 250000, currency: "php", metadata: { rpt_assessment_id: id, payer_id: payer.id } });
    expect(session.success_url).toBe(`http://portal.test/lgus/${lgu.slug}/property-tax/pay/${id}?from=checkout`);
    expect(await paymentsOf(id)).toEqual([]);
    const paid = stripe.fake().payCheckout(sessionId);
    for (const event of paid.events) await stripe.deliverOk(event);
    // Delivered again: still one payment.
    for (const event of paid.events) expect(await stripe.deliverOk(event)).toMatchObject({ duplicate: true });
    expect([...(await paymentsOf(id))]).toEqual([{ amount: 250000, channel: "card", source: "stripe", external_id: paid.paymentIntentId, payer_id: payer.id }]);
    expect((await stripe.stored(paid.events[0]!.id))?.processed_at).not.toBeNull();
    // Paid: no new checkout.
    await expect(startCardPayment({ ...payer.claims }, { id: lgu.id, slug: lgu.slug, name: "Naga City" }, id, "http://portal.test")).rejects.toMatchObject({ messageKey: "tax:errors.alreadyPaid" });
  });

  it("keeps a card payment for an assessment paid meanwhile on its event, for a refund, and records nothing", async () => {
    const id = await assessmentId("CARD-2");
    const url = await startCardPayment({ ...payer.claims }, { id: lgu.id, slug: lgu.slug, name: "Naga City" }, id, "http://portal.test");
    await paySandbox(payer.claims, lgu.id, id);
    const paid = stripe.fake().payCheckout(url.split("/").pop()!);
    for (const event of paid.events) await stripe.deliverOk(event);
    expect((await paymentsOf(id)).map((p) => p.source)).toEqual(["sandbox"]);
    expect((await stripe.stored(paid.events[0]!.id))?.last_error).toMatch(/already_paid .*; payment .* needs a refund/);
  });
});
