/**
 * The payments port on Stripe, through its official SDK: Checkout Sessions for one-time gifts
 * (mode "payment") and monthly gifts (mode "subscription", a monthly price made inline), created
 * on the LGU's connected account when it has one (Connect direct charges: the money is the LGU's,
 * never the platform's), refunds, Express accounts and their onboarding links, and webhook
 * signatures. `host`/`port`/`protocol` point the SDK at a local fake of Stripe's API in tests.
 *
 * Amounts are integer minor units, as Stripe wants them; currencies are lower-cased for Stripe.
 * Every call that creates something carries an idempotency key, so the SDK's own retries (and
 * ours) never make two sessions, refunds or accounts.
 */
import Stripe from "stripe";
import {
  WebhookSignatureError,
  type CheckoutRequest,
  type PaymentCheckoutRequest,
  type PaymentsPort,
  type ProviderAccount,
  type ProviderEvent,
  type ProviderRefund,
} from "./port";

export interface StripePaymentsOptions {
  secretKey: string;
  /** One or more endpoint signing secrets (the platform's endpoint and the Connect one differ). */
  webhookSecrets: string[];
  host?: string;
  port?: number;
  protocol?: "http" | "https";
  /** Request timeout in milliseconds. */
  timeoutMs?: number;
}

const idOf = (value: string | { id: string } | null | undefined) => (typeof value === "string" ? value : (value?.id ?? null));

export function createStripePayments(options: StripePaymentsOptions): PaymentsPort {
  const stripe = new Stripe(options.secretKey, {
    ...(options.host ? { host: options.host } : {}),
    ...(options.port ? { port: options.port } : {}),
    ...(options.protocol ? { protocol: options.protocol } : {}),
    timeout: options.timeoutMs ?? 20_000,
    maxNetworkRetries: 2,
    telemetry: false,
    appInfo: { name: "Tulay" },
  });
  const connected = (accountId: string | null) => (accountId ? { stripeAccount: accountId } : {});

  async function createCheckout(request: CheckoutRequest) {
    if (!Number.isSafeInteger(request.amountMinor) || request.amountMinor <= 0) {
      throw new RangeError(`createCheckout: amountMinor must be a positive integer, got ${request.amountMinor}`);
    }
    const currency = request.currency.toLowerCase();
    const metadata = { contribution_id: request.contributionId, reference: request.reference };
    const product = { name: request.description };
    const common = {
      client_reference_id: request.contributionId,
      success_url: request.successUrl,
      cancel_url: request.cancelUrl,
      metadata,
      ...(request.donorEmail ? { customer_email: request.donorEmail } : {}),
    } satisfies Stripe.Checkout.SessionCreateParams;
    const params: Stripe.Checkout.SessionCreateParams = request.monthly
      ? {
          ...common,
          mode: "subscription",
          line_items: [
            { quantity: 1, price_data: { currency, unit_amount: request.amountMinor, recurring: { interval: "month" }, product_data: product } },
          ],
          subscription_data: { metadata, description: request.description },
        }
      : {
          ...common,
          mode: "payment",
          submit_type: "donate",
          line_items: [{ quantity: 1, price_data: { currency, unit_amount: request.amountMinor, product_data: product } }],
          payment_intent_data: { metadata, description: request.description },
        };
    const session = await stripe.checkout.sessions.create(params, {
      // One session per contribution, however often the request is retried.
      idempotencyKey: `checkout-${request.contributionId}`,
      ...connected(request.connectedAccountId),
    });
    if (!session.url) throw new Error(`Stripe returned checkout session ${session.id} without a URL`);
    return { url: session.url, sessionId: session.id };
  }

  async function createPaymentCheckout(request: PaymentCheckoutRequest) {
    if (!Number.isSafeInteger(request.amountMinor) || request.amountMinor <= 0) {
      throw new RangeError(`createPaymentCheckout: amountMinor must be a positive integer, got ${request.amountMinor}`);
    }
    const session = await stripe.checkout.sessions.create(
      {
        mode: "payment",
        success_url: request.successUrl,
        cancel_url: request.cancelUrl,
        metadata: request.metadata,
        ...(request.payerEmail ? { customer_email: request.payerEmail } : {}),
        line_items: [{ quantity: 1, price_data: { currency: request.currency.toLowerCase(), unit_amount: request.amountMinor, product_data: { name: request.description } } }],
        payment_intent_data: { metadata: request.metadata, description: request.description },
      },
      { idempotencyKey: request.idempotencyKey, ...connected(request.connectedAccountId) },
    );
    if (!session.url) throw new Error(`Stripe returned checkout session ${session.id} without a URL`);
    return { url: session.url, sessionId: session.id };
  }

  async function refund(input: Parameters<PaymentsPort["refund"]>[0]) {
    if (!Number.isSafeInteger(input.amountMinor) || input.amountMinor <= 0) {
      throw new RangeError(`refund: amountMinor must be a positive integer, got ${input.amountMinor}`);
    }
    const created = await stripe.refunds.create(
      {
        payment_intent: input.paymentIntentId,
        amount: input.amountMinor,
        ...(input.contributionId ? { metadata: { contribution_id: input.contributionId } } : {}),
      },
      { idempotencyKey: input.idempotencyKey, ...connected(input.connectedAccountId) },
    );
    return { refundId: created.id };
  }

  async function onboardingLink(input: Parameters<PaymentsPort["onboardingLink"]>[0]) {
    let accountId = input.existingAccountId;
    if (!accountId) {
      const account = await stripe.accounts.create(
        {
          type: "express",
          ...(input.country ? { country: input.country } : {}),
          capabilities: { card_payments: { requested: true }, transfers: { requested: true } },
          // account.updated events find the LGU by this (webhooks/stripe).
          metadata: { lgu_id: input.lguId },
        },
        // Two clicks on "set up payments" must not make two accounts; after a day a new one may be made.
        { idempotencyKey: `lgu-account-${input.lguId}-${new Date().toISOString().slice(0, 10)}` },
      );
      accountId = account.id;
    }
    const link = await stripe.accountLinks.create({
      account: accountId,
      type: "account_onboarding",
      return_url: input.returnUrl,
      refresh_url: input.refreshUrl,
    });
    return { url: link.url, accountId };
  }

  function verifyWebhook(payload: Uint8Array, signatureHeader: string | null): ProviderEvent {
    if (!signatureHeader) throw new WebhookSignatureError("no Stripe-Signature header");
    let lastError: unknown;
    for (const secret of options.webhookSecrets) {
      try {
        const event = stripe.webhooks.constructEvent(Buffer.from(payload), signatureHeader, secret);
        const raw = event as unknown as { account?: string | null; data: { object: Record<string, unknown> } };
        return {
          ...(event as unknown as Record<string, unknown>),
          id: event.id,
          type: event.type,
          account: raw.account ?? null,
          created: event.created,
          livemode: event.livemode,
          data: raw.data,
        };
      } catch (error) {
        lastError = error;
      }
    }
    throw new WebhookSignatureError(lastError instanceof Error ? lastError.message : "the signature does not match");
  }

  async function refundsOfCharge(input: { chargeId: string; connectedAccountId: string | null }): Promise<ProviderRefund[]> {
    const refunds: ProviderRefund[] = [];
    for await (const refund of stripe.refunds.list({ charge: input.chargeId, limit: 100 }, connected(input.connectedAccountId))) {
      refunds.push({
        id: refund.id,
        amountMinor: refund.amount,
        currency: refund.currency,
        status: refund.status ?? "pending",
        paymentIntentId: idOf(refund.payment_intent),
        chargeId: idOf(refund.charge),
        metadata: { ...(refund.metadata ?? {}) },
      });
    }
    return refunds;
  }

  async function account(accountId: string): Promise<ProviderAccount> {
    const found = await stripe.accounts.retrieve(accountId);
    return {
      id: found.id,
      lguId: found.metadata?.lgu_id ?? null,
      chargesEnabled: found.charges_enabled === true,
      payoutsEnabled: found.payouts_enabled === true,
      detailsSubmitted: found.details_submitted === true,
    };
  }

  async function invoiceOfPayment(input: { paymentIntentId: string; connectedAccountId: string | null }) {
    const found = await stripe.invoicePayments.list(
      { payment: { type: "payment_intent", payment_intent: input.paymentIntentId }, limit: 1, expand: ["data.invoice"] },
      connected(input.connectedAccountId),
    );
    const invoice = found.data[0]?.invoice;
    if (!invoice) return null;
    if (typeof invoice === "string") return { invoiceId: invoice, subscriptionId: null };
    if ("deleted" in invoice && invoice.deleted) return { invoiceId: invoice.id, subscriptionId: null };
    const paid = invoice as Stripe.Invoice & { subscription?: string | { id: string } | null };
    const subscription = paid.parent?.subscription_details?.subscription ?? paid.subscription ?? null;
    return { invoiceId: paid.id ?? "", subscriptionId: typeof subscription === "string" ? subscription : (subscription?.id ?? null) };
  }

  return { name: "stripe", createCheckout, createPaymentCheckout, refund, onboardingLink, verifyWebhook, refundsOfCharge, account, invoiceOfPayment };
}
