/**
 * POST /webhooks/stripe end to end: real signatures, the real route, the real ledger, and the
 * fake Stripe API playing what happens at Stripe. Every handler, with events duplicated and
 * reordered; forged and missing signatures; replays; events about unknown gifts or from the wrong
 * account; a refund larger than the gift. After each test the projects' totals equal the ledger.
 */
import { afterEach, beforeAll, describe, expect, it, onTestFinished, vi } from "vitest";
import { setAdapters } from "../../app/adapters/index.server";
import { monthlyGiftEndedAt } from "../../app/modules/contributions/stripe-webhooks.server";
import { loader } from "../../app/routes/webhooks.stripe";
import { logger } from "../../app/utils/logger.server";
import { setupTestDatabase } from "../support/db";
import { createLgu, createUser } from "../support/factories";
import { createProject } from "../support/project-factories";
import { context, url } from "../support/route-calls";
import { stripeHarness } from "../support/stripe-harness";

const db = setupTestDatabase();
const stripe = stripeHarness(db);
const fake = () => stripe.fake();

let projectId: string;
let lguId: string;
let otherLguId: string;

beforeAll(async () => {
  const admin = await createUser(db().url);
  const lgu = await createLgu(db().url, { createdBy: admin.id, verificationStatus: "verified" });
  lguId = lgu.id;
  otherLguId = (await createLgu(db().url, { createdBy: admin.id, verificationStatus: "verified" })).id;
  projectId = (await createProject(db().url, lgu.id, { status: "fundraising", goalMinor: 10_000_000, currency: "PHP" })).id;
});

afterEach(async () => {
  expect(await stripe.drift()).toEqual([]);
});

const eventCount = async () => Number((await stripe.sql()`select count(*)::int as n from stripe_events`)[0]!.n);

describe("the webhook endpoint", () => {
  it("answers GET and other methods with 405", async () => {
    const got = loader();
    expect(got.status).toBe(405);
    expect(got.headers.get("Allow")).toBe("POST");
    const { action } = await import("../../app/routes/webhooks.stripe");
    const put = await action({ request: new Request(url("/webhooks/stripe"), { method: "PUT", body: "{}" }), params: {}, context });
    expect(put.status).toBe(405);
  });

  it("refuses a forged or missing signature with a 400, logs it and stores nothing", async () => {
    const gift = await stripe.give(projectId);
    const [completed] = fake().payCheckout(gift.sessionId).events;
    const warn = vi.spyOn(logger(), "warn");
    const before = await eventCount();
    const body = JSON.stringify(completed);
    expect((await stripe.deliver(completed!, { signature: fake().signature(body, { secret: "whsec_forgedByAnAttacker" }) })).status).toBe(400);
    expect((await stripe.deliver(completed!, { signature: null })).status).toBe(400);
    // Signed, then changed on the way: the signature no longer matches.
    const tampered = body.replace(`"amount_total":10000`, `"amount_total":99999999`);
    expect(tampered).not.toBe(body);
    expect((await stripe.deliver(completed!, { body: tampered, signature: fake().signature(body) })).status).toBe(400);
    expect(await eventCount()).toBe(before);
    expect(await stripe.ledger(gift.contributionId)).toEqual([]);
    expect(warn).toHaveBeenCalledWith(expect.objectContaining({ reason: expect.any(String) }), "stripe webhook refused: bad signature");
    expect(warn).toHaveBeenCalledTimes(3);
  });

  it("answers 404 when Stripe is not configured", async () => {
    setAdapters({ payments: null });
    try {
      const response = await stripe.deliver(fake().event("payment_intent.succeeded", { id: "pi_x" }));
      expect(response.status).toBe(404);
    } finally {
      setAdapters({ payments: stripe.payments() });
    }
  });

  it("stores an event of a type it does not handle, once, as processed", async () => {
    const event = fake().event("customer.created", { id: "cus_123", object: "customer" });
    expect(await stripe.deliverOk(event)).toEqual({ received: true, duplicate: false });
    expect(await stripe.stored(event.id)).toMatchObject({ type: "customer.created", attempts: 1, last_error: null, processed_at: expect.any(Date) });
  });
});

describe("one-time gifts", () => {
  it("a paid checkout records the gift once, under its payment intent, and links Stripe's ids", async () => {
    const gift = await stripe.give(projectId, { amountMinor: 250_000 });
    const before = await stripe.funding(projectId);
    const paid = fake().payCheckout(gift.sessionId);
    for (const event of paid.events) await stripe.deliverOk(event); // completed, payment_intent.succeeded, charge.succeeded
    expect(await stripe.ledger(gift.contributionId)).toEqual([{ type: "received", amountMinor: 250_000, externalId: paid.paymentIntentId, source: "stripe" }]);
    expect(await stripe.contribution(gift.contributionId)).toMatchObject({
      status: "confirmed",
      stripe_checkout_session_id: gift.sessionId,
      stripe_payment_intent_id: paid.paymentIntentId,
      stripe_subscription_id: null,
    });
    const after = await stripe.funding(projectId);
    expect(after.raised - before.raised).toBe(250_000);
    expect(after.gifts - before.gifts).toBe(1);
    for (const event of paid.events) expect(await stripe.stored(event.id)).toMatchObject({ attempts: 1, last_error: null, processed_at: expect.any(Date) });
  });

  it("payment_intent.succeeded before checkout.session.completed: the same single receipt", async () => {
    const gift = await stripe.give(projectId, { amountMinor: 7_500 });
    const [completed, succeeded] = fake().payCheckout(gift.sessionId).events;
    await stripe.deliverOk(succeeded!);
    expect(await stripe.ledger(gift.contributionId)).toHaveLength(1);
    expect((await stripe.contribution(gift.contributionId)).status).toBe("confirmed");
    await stripe.deliverOk(completed!);
    expect(await stripe.ledger(gift.contributionId)).toEqual([{ type: "received", amountMinor: 7_500, externalId: succeeded!.data.object.id, source: "stripe" }]);
    expect((await stripe.contribution(gift.contributionId)).stripe_checkout_session_id).toBe(gift.sessionId);
  });

  it("a replayed event is answered 200 and changes nothing", async () => {
    const gift = await stripe.give(projectId, { amountMinor: 3_000 });
    const [completed] = fake().payCheckout(gift.sessionId).events;
    expect(await stripe.deliverOk(completed!)).toEqual({ received: true, duplicate: false });
    const funding = await stripe.funding(projectId);
    const debug = vi.spyOn(logger(), "debug");
    expect(await stripe.deliverOk(completed!)).toEqual({ received: true, duplicate: true });
    expect(await stripe.deliverOk(completed!)).toEqual({ received: true, duplicate: true });
    expect(await stripe.funding(projectId)).toEqual(funding);
    expect(await stripe.ledger(gift.contributionId)).toHaveLength(1);
    expect(await stripe.stored(completed!.id)).toMatchObject({ attempts: 1 });
    expect(debug).toHaveBeenCalledWith(expect.objectContaining({ stripeEvent: completed!.id }), "stripe event already processed");
  });

  it("an event for an unknown session is stored, logged and marked processed with the reason; the ledger is unchanged", async () => {
    const gift = await stripe.give(projectId);
    const [completed] = fake().payCheckout(gift.sessionId).events;
    const warn = vi.spyOn(logger(), "warn");
    const before = await stripe.funding(projectId);
    for (const contributionId of ["5d9b2c1e-0000-4000-8000-000000000000", "not-a-uuid'; drop table contributions; --"]) {
      const session = { ...completed!.data.object, id: `cs_test_unknown${contributionId.length}`, client_reference_id: contributionId, metadata: { contribution_id: contributionId } };
      const event = fake().event("checkout.session.completed", session);
      expect((await stripe.deliver(event)).status).toBe(200);
      expect(await stripe.stored(event.id)).toMatchObject({ processed_at: expect.any(Date), attempts: 1, last_error: expect.stringMatching(/^no contribution for checkout session cs_test_unknown/) });
    }
    expect(await stripe.funding(projectId)).toEqual(before);
    expect(warn).toHaveBeenCalledWith(expect.objectContaining({ reason: expect.stringMatching(/^no contribution/) }), "stripe event changed nothing");
  });

  it("a declined card marks a pending gift failed and never touches the ledger; a later success still counts", async () => {
    const gift = await stripe.give(projectId, { amountMinor: 4_000 });
    const declined = fake().declineCheckout(gift.sessionId);
    await stripe.deliverOk(declined.events[0]!);
    await stripe.deliverOk(declined.events[0]!);
    expect(await stripe.contribution(gift.contributionId)).toMatchObject({ status: "failed", stripe_payment_intent_id: declined.paymentIntentId });
    expect(await stripe.ledger(gift.contributionId)).toEqual([]);

    // The donor tries another card in the same checkout: it succeeds; the failure arriving late changes nothing.
    const intent = fake().get<Record<string, unknown>>(declined.paymentIntentId);
    const succeeded = fake().event("payment_intent.succeeded", { ...intent, status: "succeeded", amount_received: 4_000 });
    await stripe.deliverOk(succeeded);
    await stripe.deliverOk(fake().event("payment_intent.payment_failed", intent));
    expect((await stripe.contribution(gift.contributionId)).status).toBe("confirmed");
    expect(await stripe.ledger(gift.contributionId)).toEqual([{ type: "received", amountMinor: 4_000, externalId: declined.paymentIntentId, source: "stripe" }]);
  });

  it("money in another currency, or an event linking a second payment to a gift, is refused with the reason", async () => {
    const gift = await stripe.give(projectId, { amountMinor: 1_000 });
    const [, succeeded] = fake().payCheckout(gift.sessionId).events;
    const inDollars = fake().event("payment_intent.succeeded", { ...succeeded!.data.object, currency: "usd" });
    await stripe.deliverOk(inDollars);
    expect((await stripe.stored(inDollars.id))!.last_error).toMatch(/is in PHP, this money is in USD/);
    await stripe.deliverOk(succeeded!);
    const another = fake().event("payment_intent.succeeded", { ...succeeded!.data.object, id: "pi_someOtherPayment" });
    await stripe.deliverOk(another);
    expect((await stripe.stored(another.id))!.last_error).toMatch(/is linked to payment intent pi_.*, not pi_someOtherPayment/);
    expect(await stripe.ledger(gift.contributionId)).toHaveLength(1);
  });
});

describe("refunds", () => {
  async function paidGift(amountMinor: number, connectedAccountId: string | null = null) {
    const gift = await stripe.give(projectId, { amountMinor, connectedAccountId });
    const paid = fake().payCheckout(gift.sessionId);
    return { gift, paid };
  }

  it("partial refunds add up exactly once, however often charge.refunded is delivered (refunds fetched from Stripe)", async () => {
    const { gift, paid } = await paidGift(10_000);
    for (const event of paid.events) await stripe.deliverOk(event);
    const refund = (amountMinor: number, key: string) =>
      stripe.payments().refund({ paymentIntentId: paid.paymentIntentId!, amountMinor, connectedAccountId: null, idempotencyKey: key, contributionId: gift.contributionId });
    const first = await refund(2_500, `r1-${gift.contributionId}`);
    const afterFirst = fake().chargeRefundedEvent(paid.chargeId!);
    const second = await refund(1_000, `r2-${gift.contributionId}`);
    const afterSecond = fake().chargeRefundedEvent(paid.chargeId!);
    const before = await stripe.funding(projectId);
    // Twice each, and the later one first.
    for (const event of [afterSecond, afterFirst, afterSecond, afterFirst]) await stripe.deliverOk(event);
    expect(await stripe.ledger(gift.contributionId)).toEqual([
      { type: "received", amountMinor: 10_000, externalId: paid.paymentIntentId, source: "stripe" },
      { type: "refunded", amountMinor: 2_500, externalId: first.refundId, source: "stripe" },
      { type: "refunded", amountMinor: 1_000, externalId: second.refundId, source: "stripe" },
    ]);
    const after = await stripe.funding(projectId);
    expect(after.refunded - before.refunded).toBe(3_500);
    expect((await stripe.contribution(gift.contributionId)).status).toBe("confirmed");
    expect(fake().requests.filter((r) => r.method === "GET" && r.path === "/v1/refunds" && r.query.charge === paid.chargeId)).toHaveLength(2); // the duplicates were not fetched again
  });

  it("uses the refunds a charge carries (older API versions) and marks a fully refunded gift refunded", async () => {
    fake().settings.embedRefundsInCharge = true;
    onTestFinished(() => void (fake().settings.embedRefundsInCharge = false));
    const { gift, paid } = await paidGift(6_000);
    await stripe.deliverOk(paid.events[0]!);
    const { refundId } = await stripe.payments().refund({ paymentIntentId: paid.paymentIntentId!, amountMinor: 6_000, connectedAccountId: null, idempotencyKey: `full-${gift.contributionId}` });
    const event = fake().chargeRefundedEvent(paid.chargeId!);
    expect((event.data.object as { refunds: { data: unknown[] } }).refunds.data).toHaveLength(1);
    const fetchesBefore = fake().requests.filter((r) => r.method === "GET").length;
    await stripe.deliverOk(event);
    expect(fake().requests.filter((r) => r.method === "GET").length).toBe(fetchesBefore);
    expect((await stripe.ledger(gift.contributionId)).at(-1)).toEqual({ type: "refunded", amountMinor: 6_000, externalId: refundId, source: "stripe" });
    expect((await stripe.contribution(gift.contributionId)).status).toBe("refunded");
  });

  it("charge.refunded before any payment event: the payment is received first, once, then the refund", async () => {
    const { gift, paid } = await paidGift(8_000);
    const { refundId } = await stripe.payments().refund({ paymentIntentId: paid.paymentIntentId!, amountMinor: 3_000, connectedAccountId: null, idempotencyKey: `early-${gift.contributionId}` });
    await stripe.deliverOk(fake().chargeRefundedEvent(paid.chargeId!));
    for (const event of paid.events.reverse()) await stripe.deliverOk(event);
    expect(await stripe.ledger(gift.contributionId)).toEqual([
      { type: "received", amountMinor: 8_000, externalId: paid.paymentIntentId, source: "stripe" },
      { type: "refunded", amountMinor: 3_000, externalId: refundId, source: "stripe" },
    ]);
  });

  it("a refund larger than the gift is logged and stored as last_error; the ledger is unchanged", async () => {
    const { gift, paid } = await paidGift(2_000);
    for (const event of paid.events) await stripe.deliverOk(event);
    // Stripe itself would refuse this; a payload claiming it anyway must not move the ledger.
    const charge = fake().get<Record<string, unknown>>(paid.chargeId!);
    const tooLarge = { id: "re_tooLarge", object: "refund", amount: 2_001, currency: "php", status: "succeeded", charge: paid.chargeId, payment_intent: paid.paymentIntentId, metadata: {} };
    const event = fake().event("charge.refunded", { ...charge, amount_refunded: 2_001, refunds: { object: "list", data: [tooLarge], has_more: false } });
    const warn = vi.spyOn(logger(), "warn");
    const before = await stripe.funding(projectId);
    expect((await stripe.deliver(event)).status).toBe(200);
    expect(await stripe.stored(event.id)).toMatchObject({ processed_at: expect.any(Date), last_error: expect.stringMatching(/re_tooLarge.*ledger refused: ledger_refund_too_large/) });
    expect(await stripe.funding(projectId)).toEqual(before);
    expect(await stripe.ledger(gift.contributionId)).toHaveLength(1);
    expect(warn).toHaveBeenCalledWith(expect.objectContaining({ reason: expect.stringMatching(/ledger_refund_too_large/) }), "stripe event changed nothing");
  });

  it("a refund that fails after it was recorded gives the money back to the gift, once", async () => {
    const { gift, paid } = await paidGift(5_000);
    for (const event of paid.events) await stripe.deliverOk(event);
    const { refundId } = await stripe.payments().refund({ paymentIntentId: paid.paymentIntentId!, amountMinor: 5_000, connectedAccountId: null, idempotencyKey: `fails-${gift.contributionId}` });
    await stripe.deliverOk(fake().chargeRefundedEvent(paid.chargeId!));
    expect((await stripe.contribution(gift.contributionId)).status).toBe("refunded");
    const failed = fake().updateRefund(refundId, "failed");
    await stripe.deliverOk(failed);
    await stripe.deliverOk(fake().event("charge.refund.updated", failed.data.object)); // redelivered under a new event id
    expect(await stripe.ledger(gift.contributionId)).toEqual([
      { type: "received", amountMinor: 5_000, externalId: paid.paymentIntentId, source: "stripe" },
      { type: "refunded", amountMinor: 5_000, externalId: refundId, source: "stripe" },
      { type: "received", amountMinor: 5_000, externalId: `${refundId}:reversed`, source: "stripe" },
    ]);
    expect((await stripe.contribution(gift.contributionId)).status).toBe("confirmed");
  });

  it("when Stripe cannot be asked for the refunds, the event is stored unprocessed with the error, answered 500, and a retry applies it", async () => {
    const { gift, paid } = await paidGift(9_000);
    for (const event of paid.events) await stripe.deliverOk(event);
    await stripe.payments().refund({ paymentIntentId: paid.paymentIntentId!, amountMinor: 900, connectedAccountId: null, idempotencyKey: `retry-${gift.contributionId}` });
    const event = fake().chargeRefundedEvent(paid.chargeId!);
    fake().failNext(/^\/v1\/refunds$/, 3, "GET"); // the SDK's first try and both of its retries
    const error = vi.spyOn(logger(), "error");
    expect((await stripe.deliver(event)).status).toBe(500);
    expect(await stripe.stored(event.id)).toMatchObject({ processed_at: null, attempts: 1, last_error: expect.stringMatching(/StripeAPIError/) });
    expect(error).toHaveBeenCalledWith(expect.objectContaining({ stripeEvent: event.id }), "stripe event failed; Stripe will retry");
    expect(await stripe.ledger(gift.contributionId)).toHaveLength(1);
    expect(await stripe.deliverOk(event)).toEqual({ received: true, duplicate: false });
    expect(await stripe.stored(event.id)).toMatchObject({ processed_at: expect.any(Date), attempts: 2, last_error: null });
    expect((await stripe.ledger(gift.contributionId)).map((m) => m.type)).toEqual(["received", "refunded"]);
  });
});

describe("connected accounts (money to the LGU's own account)", () => {
  it("a gift made on an LGU's account is recorded from that account's events, and its refunds fetched there", async () => {
    const accountId = "acct_1LguUnoOwnAccount";
    const gift = await stripe.give(projectId, { amountMinor: 12_000, connectedAccountId: accountId });
    const paid = fake().payCheckout(gift.sessionId);
    expect(paid.events.every((e) => e.account === accountId)).toBe(true);
    for (const event of paid.events) await stripe.deliverOk(event);
    expect(await stripe.stored(paid.events[0]!.id)).toMatchObject({ account: accountId });
    await stripe.payments().refund({ paymentIntentId: paid.paymentIntentId!, amountMinor: 2_000, connectedAccountId: accountId, idempotencyKey: `c-${gift.contributionId}` });
    await stripe.deliverOk(fake().chargeRefundedEvent(paid.chargeId!));
    expect(fake().requests.find((r) => r.method === "GET" && r.path === "/v1/refunds" && r.query.charge === paid.chargeId)?.account).toBe(accountId);
    expect((await stripe.ledger(gift.contributionId)).map((m) => [m.type, m.amountMinor])).toEqual([
      ["received", 12_000],
      ["refunded", 2_000],
    ]);
  });

  it("an event from another account naming a gift is refused, and so is a platform event naming a connected gift", async () => {
    const platformGift = await stripe.give(projectId, { amountMinor: 1_500 });
    const [, succeeded] = fake().payCheckout(platformGift.sessionId).events;
    const fromElsewhere = fake().event("payment_intent.succeeded", succeeded!.data.object, "acct_1SomeoneElses");
    await stripe.deliverOk(fromElsewhere);
    expect((await stripe.stored(fromElsewhere.id))!.last_error).toMatch(/was made on the platform account, but this event is from acct_1SomeoneElses/);

    const connectedGift = await stripe.give(projectId, { amountMinor: 1_500, connectedAccountId: "acct_1LguUnoOwnAccount" });
    const [, connectedSucceeded] = fake().payCheckout(connectedGift.sessionId).events;
    const asPlatform = fake().event("payment_intent.succeeded", connectedSucceeded!.data.object, null);
    await stripe.deliverOk(asPlatform);
    expect((await stripe.stored(asPlatform.id))!.last_error).toMatch(/was made on acct_1LguUnoOwnAccount, but this event is from the platform account/);
    expect(await stripe.ledger(platformGift.contributionId)).toEqual([]);
    expect(await stripe.ledger(connectedGift.contributionId)).toEqual([]);
  });
});

describe("monthly gifts", () => {
  it("each month's invoice is received once, under the invoice id, in any order and however often delivered", async () => {
    const gift = await stripe.give(projectId, { monthly: true, amountMinor: 1_000 });
    const first = fake().payCheckout(gift.sessionId);
    // Stripe's order here: subscription created, payment_intent.succeeded (no metadata of ours), invoice.paid, then the session.
    for (const event of first.events) await stripe.deliverOk(event);
    const unmatched = first.events.find((e) => e.type === "payment_intent.succeeded")!;
    expect((await stripe.stored(unmatched.id))!.last_error).toMatch(/^no contribution for payment intent/);
    const second = fake().renewSubscription(first.subscriptionId!);
    const third = fake().renewSubscription(first.subscriptionId!);
    const invoicePaid = (events: { type: string }[]) => events.find((e) => e.type === "invoice.paid")!;
    for (const event of [invoicePaid(third.events), invoicePaid(second.events), invoicePaid(third.events), invoicePaid(first.events)]) await stripe.deliverOk(event);
    expect((await stripe.ledger(gift.contributionId)).map((m) => [m.type, m.amountMinor, m.externalId])).toEqual([
      ["received", 1_000, first.invoiceId],
      ["received", 1_000, third.invoiceId],
      ["received", 1_000, second.invoiceId],
    ]);
    expect(await stripe.contribution(gift.contributionId)).toMatchObject({ status: "confirmed", stripe_subscription_id: first.subscriptionId, stripe_payment_intent_id: null });
  });

  it("finds the gift by its subscription when an invoice carries none of our metadata", async () => {
    const gift = await stripe.give(projectId, { monthly: true, amountMinor: 2_000 });
    const first = fake().payCheckout(gift.sessionId);
    await stripe.deliverOk(first.events.find((e) => e.type === "checkout.session.completed")!);
    const renewal = fake().renewSubscription(first.subscriptionId!);
    const invoice = renewal.events.find((e) => e.type === "invoice.paid")!.data.object as Record<string, unknown>;
    const bare = fake().event("invoice.paid", {
      ...invoice,
      parent: { type: "subscription_details", quote_details: null, subscription_details: { subscription: first.subscriptionId, metadata: {} } },
      lines: { object: "list", data: [], has_more: false },
    });
    await stripe.deliverOk(bare);
    expect((await stripe.ledger(gift.contributionId)).map((m) => m.externalId)).toEqual([renewal.invoiceId]);
  });

  it("reads the subscription from an invoice in an older API version's shape", async () => {
    const gift = await stripe.give(projectId, { monthly: true, amountMinor: 2_500 });
    const first = fake().payCheckout(gift.sessionId);
    const invoice = first.events.find((e) => e.type === "invoice.paid")!.data.object as Record<string, unknown>;
    const legacy = fake().event("invoice.paid", { ...invoice, parent: null, lines: { object: "list", data: [] }, subscription: first.subscriptionId, subscription_details: { metadata: { contribution_id: gift.contributionId } } });
    await stripe.deliverOk(legacy);
    expect(await stripe.ledger(gift.contributionId)).toEqual([{ type: "received", amountMinor: 2_500, externalId: first.invoiceId, source: "stripe" }]);
    expect((await stripe.contribution(gift.contributionId)).stripe_subscription_id).toBe(first.subscriptionId);
  });

  it("an ended subscription keeps what the gift received and its status; a gift that never received anything is failed", async () => {
    const gift = await stripe.give(projectId, { monthly: true, amountMinor: 1_200 });
    const first = fake().payCheckout(gift.sessionId);
    for (const event of first.events) await stripe.deliverOk(event);
    expect(await monthlyGiftEndedAt(gift.contributionId)).toBeNull();
    const [deleted] = fake().cancelSubscription(first.subscriptionId!).events;
    await stripe.deliverOk(deleted!);
    await stripe.deliverOk(deleted!);
    expect((await stripe.contribution(gift.contributionId)).status).toBe("confirmed");
    expect(await stripe.ledger(gift.contributionId)).toHaveLength(1);
    expect(await monthlyGiftEndedAt(gift.contributionId)).toEqual(new Date(deleted!.created * 1000));

    // Cancelled before its first payment (the deletion may even come before the session's completion).
    const unpaid = await stripe.give(projectId, { monthly: true, amountMinor: 1_200 });
    const paid = fake().payCheckout(unpaid.sessionId);
    const [ended] = fake().cancelSubscription(paid.subscriptionId!).events;
    await stripe.deliverOk(ended!);
    await stripe.deliverOk(paid.events.find((e) => e.type === "checkout.session.completed")!);
    expect(await stripe.contribution(unpaid.contributionId)).toMatchObject({ status: "failed", stripe_subscription_id: paid.subscriptionId });
    expect(await monthlyGiftEndedAt(unpaid.contributionId)).toEqual(new Date(ended!.created * 1000));
  });

  it("a refund of one month, asked for by the portal, is found by the contribution id on the refund", async () => {
    const gift = await stripe.give(projectId, { monthly: true, amountMinor: 3_000 });
    const first = fake().payCheckout(gift.sessionId);
    for (const event of first.events) await stripe.deliverOk(event);
    const month = fake().get<{ payment_intent: string }>(first.chargeId!);
    const { refundId } = await stripe.payments().refund({ paymentIntentId: month.payment_intent, amountMinor: 3_000, connectedAccountId: null, idempotencyKey: `m-${gift.contributionId}`, contributionId: gift.contributionId });
    const refunded = fake().chargeRefundedEvent(first.chargeId!);
    expect((refunded.data.object as { metadata: object }).metadata).toEqual({});
    await stripe.deliverOk(refunded);
    await stripe.deliverOk(refunded);
    expect((await stripe.ledger(gift.contributionId)).map((m) => [m.type, m.amountMinor, m.externalId])).toEqual([
      ["received", 3_000, first.invoiceId],
      ["refunded", 3_000, refundId],
    ]);
    expect((await stripe.contribution(gift.contributionId)).status).toBe("refunded");
  });

  it("a month refunded in Stripe's dashboard (no ids of ours anywhere) is traced through its invoice to the subscription", async () => {
    const gift = await stripe.give(projectId, { monthly: true, amountMinor: 3_500 });
    const first = fake().payCheckout(gift.sessionId);
    for (const event of first.events) await stripe.deliverOk(event);
    const second = fake().renewSubscription(first.subscriptionId!);
    for (const event of second.events) await stripe.deliverOk(event);
    const month = fake().get<{ payment_intent: string }>(second.chargeId!);
    // The dashboard's refund: no contribution id on it.
    const { refundId } = await stripe.payments().refund({ paymentIntentId: month.payment_intent, amountMinor: 1_000, connectedAccountId: null, idempotencyKey: `dash-${gift.contributionId}` });
    const refunded = fake().chargeRefundedEvent(second.chargeId!);
    expect((refunded.data.object as { metadata: object }).metadata).toEqual({});
    await stripe.deliverOk(refunded);
    await stripe.deliverOk(refunded);
    expect((await stripe.ledger(gift.contributionId)).map((m) => [m.type, m.amountMinor, m.externalId])).toEqual([
      ["received", 3_500, first.invoiceId],
      ["received", 3_500, second.invoiceId],
      ["refunded", 1_000, refundId],
    ]);
    expect(await stripe.stored(refunded.id)).toMatchObject({ last_error: null });
    expect(fake().requests.filter((r) => r.path === "/v1/invoice_payments").length).toBeGreaterThanOrEqual(1);
  });

  it("a month's refund that overtakes that month's invoice.paid is answered 500 and applied on Stripe's retry", async () => {
    const gift = await stripe.give(projectId, { monthly: true, amountMinor: 4_000 });
    const first = fake().payCheckout(gift.sessionId);
    const month = fake().get<{ payment_intent: string }>(first.chargeId!);
    await stripe.payments().refund({ paymentIntentId: month.payment_intent, amountMinor: 4_000, connectedAccountId: null, idempotencyKey: `early-m-${gift.contributionId}`, contributionId: gift.contributionId });
    const refunded = fake().chargeRefundedEvent(first.chargeId!);
    expect((await stripe.deliver(refunded)).status).toBe(500);
    expect(await stripe.stored(refunded.id)).toMatchObject({ processed_at: null, attempts: 1, last_error: expect.stringMatching(/^RetryLater: refund re_.* is more than monthly gift/) });
    expect(await stripe.ledger(gift.contributionId)).toEqual([]);
    for (const event of first.events) await stripe.deliverOk(event);
    expect(await stripe.deliverOk(refunded)).toEqual({ received: true, duplicate: false });
    expect((await stripe.ledger(gift.contributionId)).map((m) => m.type)).toEqual(["received", "refunded"]);
    expect(await stripe.stored(refunded.id)).toMatchObject({ processed_at: expect.any(Date), attempts: 2, last_error: null });
  });

  it("an invoice naming a one-time gift is refused", async () => {
    const monthly = await stripe.give(projectId, { monthly: true, amountMinor: 1_000 });
    const oneTime = await stripe.give(projectId, { amountMinor: 1_000 });
    const first = fake().payCheckout(monthly.sessionId);
    const invoice = first.events.find((e) => e.type === "invoice.paid")!.data.object as Record<string, unknown>;
    const wrong = fake().event("invoice.paid", { ...invoice, id: "in_wrongGift", parent: { type: "subscription_details", subscription_details: { subscription: "sub_x", metadata: { contribution_id: oneTime.contributionId } } } });
    await stripe.deliverOk(wrong);
    expect((await stripe.stored(wrong.id))!.last_error).toMatch(/is not a monthly gift/);
    expect(await stripe.ledger(oneTime.contributionId)).toEqual([]);
  });
});

describe("LGU accounts (account.updated)", () => {
  const lguAccount = async (id: string) =>
    (await stripe.sql()<{ stripe_account_id: string; charges_enabled: boolean; payouts_enabled: boolean; details_submitted: boolean }[]>`
      select stripe_account_id, charges_enabled, payouts_enabled, details_submitted from lgu_payment_accounts where lgu_id = ${id}`)[0] ?? null;

  it("records the account for the LGU named at creation, then follows its current state whatever the order of events", async () => {
    const { accountId } = await stripe.payments().onboardingLink({ lguId, existingAccountId: null, returnUrl: "http://portal.test/r", refreshUrl: "http://portal.test/f" });
    const submitted = fake().updateAccount(accountId, { details_submitted: true });
    const enabled = fake().updateAccount(accountId, { charges_enabled: true, payouts_enabled: true });
    // The newer event first: the older one, arriving late, does not turn charges off again.
    await stripe.deliverOk(enabled);
    expect(await lguAccount(lguId)).toEqual({ stripe_account_id: accountId, charges_enabled: true, payouts_enabled: true, details_submitted: true });
    await stripe.deliverOk(submitted);
    await stripe.deliverOk(enabled);
    expect(await lguAccount(lguId)).toEqual({ stripe_account_id: accountId, charges_enabled: true, payouts_enabled: true, details_submitted: true });
    // Stripe pauses payouts: followed.
    await stripe.deliverOk(fake().updateAccount(accountId, { payouts_enabled: false }));
    expect(await lguAccount(lguId)).toMatchObject({ charges_enabled: true, payouts_enabled: false });
  });

  it("an account for no known LGU, or a second account for an LGU that has one, is noted and changes nothing", async () => {
    const stray = await stripe.payments().onboardingLink({ lguId: "7e1d1a2b-0000-4000-8000-00000000beef", existingAccountId: null, returnUrl: "http://portal.test/r", refreshUrl: "http://portal.test/f" });
    const strayEvent = fake().updateAccount(stray.accountId, { details_submitted: true });
    await stripe.deliverOk(strayEvent);
    expect((await stripe.stored(strayEvent.id))!.last_error).toMatch(/^no LGU 7e1d1a2b-0000-4000-8000-00000000beef/);

    const first = await stripe.payments().onboardingLink({ lguId: otherLguId, existingAccountId: null, returnUrl: "http://portal.test/r", refreshUrl: "http://portal.test/f" });
    await stripe.deliverOk(fake().updateAccount(first.accountId, { details_submitted: true }));
    fake().requests.length = 0;
    const second = await stripe.payments().onboardingLink({ lguId: otherLguId, existingAccountId: null, returnUrl: "http://portal.test/r", refreshUrl: "http://portal.test/f" });
    expect(second.accountId).toBe(first.accountId); // same day, same idempotency key: Stripe answers with the same account
    expect(fake().requests.find((r) => r.path === "/v1/accounts")?.headers["idempotent-replayed"]).toBeUndefined();
    expect(await lguAccount(otherLguId)).toMatchObject({ stripe_account_id: first.accountId, details_submitted: true });
  });
});
