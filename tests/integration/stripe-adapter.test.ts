/**
 * Contract tests of the Stripe adapter (the real SDK) against the fake of Stripe's HTTP API:
 * what it sends (amounts in minor units, lower-case currency, metadata on the session and on the
 * payment intent or subscription, the connected account, idempotency keys) and what it makes of
 * the answers, errors and webhook signatures.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { WebhookSignatureError, type CheckoutRequest, type PaymentsPort } from "../../app/adapters/payments/port";
import { createStripePayments } from "../../app/adapters/payments/stripe.server";
import { startFakeStripe, type FakeStripe } from "../support/fake-stripe";

let fake: FakeStripe;
let payments: PaymentsPort;

beforeAll(async () => {
  fake = await startFakeStripe();
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  fake.reset();
  payments = createStripePayments(fake.adapterOptions());
});

const request = (overrides: Partial<CheckoutRequest> = {}): CheckoutRequest => ({
  contributionId: "6f1c1d52-3f7e-4c61-9d0a-2b6f2f0a9e11",
  reference: "TUL-7KQ2-M9XD",
  monthly: false,
  amountMinor: 250_075,
  currency: "PHP",
  description: "Clean water for Barangay Uno (TUL-7KQ2-M9XD)",
  donorEmail: "ana@example.test",
  connectedAccountId: null,
  successUrl: "https://tulay.example/me/gifts/TUL-7KQ2-M9XD?from=checkout",
  cancelUrl: "https://tulay.example/projects/clean-water/give?cancelled=1",
  ...overrides,
});

const sessionCreations = () => fake.requests.filter((r) => r.method === "POST" && r.path === "/v1/checkout/sessions");

describe("stripe adapter: checkout", () => {
  it("starts a one-time gift as a payment session with our ids on the session and its payment", async () => {
    const { url, sessionId } = await payments.createCheckout(request());
    expect(sessionId).toMatch(/^cs_test_/);
    expect(url).toBe(`https://checkout.stripe.com/c/pay/${sessionId}`);
    const [sent] = sessionCreations();
    expect(sent!.headers.authorization).toBe(`Bearer ${fake.secretKey}`);
    expect(sent!.account).toBeNull();
    expect(sent!.idempotencyKey).toBe("checkout-6f1c1d52-3f7e-4c61-9d0a-2b6f2f0a9e11");
    expect(sent!.body).toMatchObject({
      mode: "payment",
      submit_type: "donate",
      client_reference_id: "6f1c1d52-3f7e-4c61-9d0a-2b6f2f0a9e11",
      customer_email: "ana@example.test",
      success_url: "https://tulay.example/me/gifts/TUL-7KQ2-M9XD?from=checkout",
      cancel_url: "https://tulay.example/projects/clean-water/give?cancelled=1",
      metadata: { contribution_id: "6f1c1d52-3f7e-4c61-9d0a-2b6f2f0a9e11", reference: "TUL-7KQ2-M9XD" },
      line_items: [{ quantity: "1", price_data: { currency: "php", unit_amount: "250075", product_data: { name: "Clean water for Barangay Uno (TUL-7KQ2-M9XD)" } } }],
      payment_intent_data: { metadata: { contribution_id: "6f1c1d52-3f7e-4c61-9d0a-2b6f2f0a9e11", reference: "TUL-7KQ2-M9XD" } },
    });
    expect(sent!.body).not.toHaveProperty("subscription_data");

    // What Stripe then does with it: the payment intent carries our ids.
    const paid = fake.payCheckout(sessionId);
    expect(fake.get<{ metadata: object; amount: number; currency: string }>(paid.paymentIntentId!)).toMatchObject({
      amount: 250_075,
      currency: "php",
      metadata: { contribution_id: "6f1c1d52-3f7e-4c61-9d0a-2b6f2f0a9e11", reference: "TUL-7KQ2-M9XD" },
    });
  });

  it("starts a monthly gift as a subscription session with a monthly price and our ids on the subscription", async () => {
    await payments.createCheckout(request({ monthly: true, amountMinor: 1_000, currency: "USD", donorEmail: null }));
    const [sent] = sessionCreations();
    expect(sent!.body).toMatchObject({
      mode: "subscription",
      line_items: [{ quantity: "1", price_data: { currency: "usd", unit_amount: "1000", recurring: { interval: "month" } } }],
      subscription_data: { metadata: { contribution_id: "6f1c1d52-3f7e-4c61-9d0a-2b6f2f0a9e11", reference: "TUL-7KQ2-M9XD" } },
      metadata: { contribution_id: "6f1c1d52-3f7e-4c61-9d0a-2b6f2f0a9e11" },
    });
    expect(sent!.body).not.toHaveProperty("payment_intent_data");
    expect(sent!.body).not.toHaveProperty("customer_email");
    expect(sent!.body).not.toHaveProperty("submit_type");
  });

  it("creates the session on the LGU's connected account, so the money is the LGU's", async () => {
    const { sessionId } = await payments.createCheckout(request({ connectedAccountId: "acct_1LguOwnAccount" }));
    expect(sessionCreations()[0]!.account).toBe("acct_1LguOwnAccount");
    const paid = fake.payCheckout(sessionId);
    expect(paid.events.every((e) => e.account === "acct_1LguOwnAccount")).toBe(true);
    expect(fake.objects.get(paid.chargeId!)?.account).toBe("acct_1LguOwnAccount");
  });

  it("asking twice for the same contribution gives the same session (idempotency key)", async () => {
    const first = await payments.createCheckout(request());
    const second = await payments.createCheckout(request());
    expect(second.sessionId).toBe(first.sessionId);
    expect(sessionCreations()).toHaveLength(2);
    expect([...fake.objects.values()].filter((o) => o.object.object === "checkout.session")).toHaveLength(1);
  });

  it("refuses amounts that are not positive whole minor units before calling Stripe", async () => {
    await expect(payments.createCheckout(request({ amountMinor: 12.5 }))).rejects.toThrow(RangeError);
    await expect(payments.createCheckout(request({ amountMinor: 0 }))).rejects.toThrow(RangeError);
    expect(fake.requests).toHaveLength(0);
  });

  it("passes Stripe's refusals on as Stripe errors, and retries Stripe's own failures", async () => {
    await expect(payments.createCheckout(request({ currency: "PH" }))).rejects.toMatchObject({ type: "StripeInvalidRequestError", param: "line_items[0][price_data][currency]" });
    fake.reset();
    fake.failNext(/^\/v1\/checkout\/sessions$/, 1);
    const { sessionId } = await payments.createCheckout(request());
    expect(sessionId).toMatch(/^cs_test_/);
    // The SDK retried with the same idempotency key.
    expect(sessionCreations().map((r) => r.status)).toEqual([500, 200]);
    expect(new Set(sessionCreations().map((r) => r.idempotencyKey)).size).toBe(1);
  });
});

describe("stripe adapter: refunds", () => {
  it("refunds part of a payment with the caller's idempotency key and our contribution id", async () => {
    const { sessionId } = await payments.createCheckout(request({ amountMinor: 5_000 }));
    const { paymentIntentId, chargeId } = fake.payCheckout(sessionId);
    const { refundId } = await payments.refund({ paymentIntentId: paymentIntentId!, amountMinor: 1_500, connectedAccountId: null, idempotencyKey: "refund-abc", contributionId: "6f1c1d52-3f7e-4c61-9d0a-2b6f2f0a9e11" });
    const sent = fake.requests.find((r) => r.path === "/v1/refunds")!;
    expect(sent).toMatchObject({ account: null, idempotencyKey: "refund-abc", body: { payment_intent: paymentIntentId, amount: "1500", metadata: { contribution_id: "6f1c1d52-3f7e-4c61-9d0a-2b6f2f0a9e11" } } });
    expect(fake.get(refundId)).toMatchObject({ amount: 1_500, charge: chargeId, status: "succeeded" });
    // The same key again: the same refund, not a second one.
    const again = await payments.refund({ paymentIntentId: paymentIntentId!, amountMinor: 1_500, connectedAccountId: null, idempotencyKey: "refund-abc", contributionId: "6f1c1d52-3f7e-4c61-9d0a-2b6f2f0a9e11" });
    expect(again.refundId).toBe(refundId);
    expect(fake.get<{ amount_refunded: number }>(chargeId!).amount_refunded).toBe(1_500);
    expect(await payments.refundsOfCharge({ chargeId: chargeId!, connectedAccountId: null })).toEqual([
      { id: refundId, amountMinor: 1_500, currency: "php", status: "succeeded", paymentIntentId, chargeId, metadata: { contribution_id: "6f1c1d52-3f7e-4c61-9d0a-2b6f2f0a9e11" } },
    ]);
  });

  it("traces a payment to the invoice and subscription it paid (a month of a monthly gift); a one-time payment has none", async () => {
    const monthly = await payments.createCheckout(request({ monthly: true, amountMinor: 2_000, contributionId: "5a7c0f2e-6a1b-4c3d-8e9f-1a2b3c4d5e6f" }));
    const paid = fake.payCheckout(monthly.sessionId);
    const month = fake.get<{ payment_intent: string }>(paid.chargeId!);
    expect(await payments.invoiceOfPayment({ paymentIntentId: month.payment_intent, connectedAccountId: null })).toEqual({ invoiceId: paid.invoiceId, subscriptionId: paid.subscriptionId });
    const once = await payments.createCheckout(request({ amountMinor: 2_000, contributionId: "0b9d3c36-0a55-4d7e-9a9e-3f3b7a1d2c44" }));
    const { paymentIntentId } = fake.payCheckout(once.sessionId);
    expect(await payments.invoiceOfPayment({ paymentIntentId: paymentIntentId!, connectedAccountId: null })).toBeNull();
  });

  it("refunds on the connected account the payment was made on", async () => {
    const { sessionId } = await payments.createCheckout(request({ connectedAccountId: "acct_1LguOwnAccount" }));
    const { paymentIntentId, chargeId } = fake.payCheckout(sessionId);
    // On the platform's account the payment does not exist.
    await expect(payments.refund({ paymentIntentId: paymentIntentId!, amountMinor: 100, connectedAccountId: null, idempotencyKey: "k1" })).rejects.toMatchObject({ code: "resource_missing" });
    await payments.refund({ paymentIntentId: paymentIntentId!, amountMinor: 100, connectedAccountId: "acct_1LguOwnAccount", idempotencyKey: "k2" });
    expect(fake.requests.filter((r) => r.path === "/v1/refunds").map((r) => r.account)).toEqual([null, "acct_1LguOwnAccount"]);
    expect(await payments.refundsOfCharge({ chargeId: chargeId!, connectedAccountId: "acct_1LguOwnAccount" })).toHaveLength(1);
    expect(await payments.refundsOfCharge({ chargeId: chargeId!, connectedAccountId: null })).toHaveLength(0);
  });

  it("a refund larger than what is left is Stripe's refusal", async () => {
    const { sessionId } = await payments.createCheckout(request({ amountMinor: 1_000 }));
    const { paymentIntentId } = fake.payCheckout(sessionId);
    await expect(payments.refund({ paymentIntentId: paymentIntentId!, amountMinor: 1_001, connectedAccountId: null, idempotencyKey: "k" })).rejects.toMatchObject({
      type: "StripeInvalidRequestError",
      code: "amount_too_large",
    });
  });
});

describe("stripe adapter: Connect onboarding", () => {
  it("makes an Express account for the LGU (its id in the metadata) and an onboarding link", async () => {
    const { url, accountId } = await payments.onboardingLink({
      lguId: "0d5e7b8a-51a4-4d4e-bb7e-0c8e0f1f2a3b",
      existingAccountId: null,
      returnUrl: "https://tulay.example/manage/uno/payments?done=1",
      refreshUrl: "https://tulay.example/manage/uno/payments?again=1",
      country: "PH",
    });
    expect(accountId).toMatch(/^acct_/);
    expect(url).toMatch(new RegExp(`^https://connect\\.stripe\\.com/setup/e/${accountId}/`));
    const created = fake.requests.find((r) => r.path === "/v1/accounts")!;
    expect(created.body).toMatchObject({
      type: "express",
      country: "PH",
      metadata: { lgu_id: "0d5e7b8a-51a4-4d4e-bb7e-0c8e0f1f2a3b" },
      capabilities: { card_payments: { requested: "true" }, transfers: { requested: "true" } },
    });
    expect(created.idempotencyKey).toMatch(/^lgu-account-0d5e7b8a-51a4-4d4e-bb7e-0c8e0f1f2a3b-\d{4}-\d{2}-\d{2}$/);
    const link = fake.requests.find((r) => r.path === "/v1/account_links")!;
    expect(link.body).toEqual({
      account: accountId,
      type: "account_onboarding",
      return_url: "https://tulay.example/manage/uno/payments?done=1",
      refresh_url: "https://tulay.example/manage/uno/payments?again=1",
    });
    expect(await payments.account(accountId)).toEqual({ id: accountId, lguId: "0d5e7b8a-51a4-4d4e-bb7e-0c8e0f1f2a3b", chargesEnabled: false, payoutsEnabled: false, detailsSubmitted: false });
  });

  it("reuses the LGU's account when it has one", async () => {
    const first = await payments.onboardingLink({ lguId: "0d5e7b8a-51a4-4d4e-bb7e-0c8e0f1f2a3b", existingAccountId: null, returnUrl: "https://t.example/r", refreshUrl: "https://t.example/f" });
    const second = await payments.onboardingLink({ lguId: "0d5e7b8a-51a4-4d4e-bb7e-0c8e0f1f2a3b", existingAccountId: first.accountId, returnUrl: "https://t.example/r", refreshUrl: "https://t.example/f" });
    expect(second.accountId).toBe(first.accountId);
    expect(fake.requests.filter((r) => r.path === "/v1/accounts")).toHaveLength(1);
    expect(fake.requests.filter((r) => r.path === "/v1/account_links")).toHaveLength(2);
  });
});

describe("stripe adapter: webhook signatures", () => {
  const body = (event: object) => new TextEncoder().encode(JSON.stringify(event));

  it("accepts an event signed with the endpoint's secret", () => {
    const event = fake.event("payment_intent.succeeded", { id: "pi_1", object: "payment_intent" }, "acct_1LguOwnAccount");
    const payload = JSON.stringify(event);
    const verified = payments.verifyWebhook(new TextEncoder().encode(payload), fake.signature(payload));
    expect(verified).toMatchObject({ id: event.id, type: "payment_intent.succeeded", account: "acct_1LguOwnAccount", created: event.created, data: { object: { id: "pi_1" } } });
  });

  it("accepts either of several secrets (the platform's endpoint and the Connect one)", () => {
    const both = createStripePayments({ ...fake.adapterOptions(), webhookSecrets: ["whsec_platformSecret123", fake.webhookSecret] });
    const payload = JSON.stringify(fake.event("account.updated", { id: "acct_1" }));
    expect(both.verifyWebhook(new TextEncoder().encode(payload), fake.signature(payload)).account).toBeNull();
  });

  it("refuses a missing, forged, stale or tampered signature", () => {
    const event = fake.event("payment_intent.succeeded", { id: "pi_1", object: "payment_intent", amount_received: 100 });
    const payload = JSON.stringify(event);
    expect(() => payments.verifyWebhook(body(event), null)).toThrow(WebhookSignatureError);
    expect(() => payments.verifyWebhook(body(event), "t=1,v1=deadbeef")).toThrow(WebhookSignatureError);
    expect(() => payments.verifyWebhook(body(event), fake.signature(payload, { secret: "whsec_someoneElse123" }))).toThrow(WebhookSignatureError);
    expect(() => payments.verifyWebhook(body(event), fake.signature(payload, { timestamp: Math.floor(Date.now() / 1000) - 3600 }))).toThrow(WebhookSignatureError);
    const tampered = payload.replace('"amount_received":100', '"amount_received":100000');
    expect(() => payments.verifyWebhook(new TextEncoder().encode(tampered), fake.signature(payload))).toThrow(WebhookSignatureError);
  });
});
