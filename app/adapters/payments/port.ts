/**
 * The payments port: card payments through a provider (Stripe in production and in tests, against
 * a local fake of its HTTP API). Offline channels (bank transfer, remittance centre, cash at the
 * treasury) need no provider: a treasurer confirms them. The demo sandbox is a separate, clearly
 * labelled page that records through the same ledger path (app/modules/contributions).
 *
 * Money moves into the ledger only from webhooks (verified, stored once, handled idempotently),
 * never from a redirect back to the portal, so a crash between the charge and our handler loses
 * nothing: the provider retries.
 */
export interface CheckoutRequest {
  contributionId: string;
  reference: string;
  /** One-time gift (payment) or monthly gift (subscription). */
  monthly: boolean;
  amountMinor: number;
  currency: string;
  /** Shown on the provider's page. */
  description: string;
  donorEmail: string | null;
  /** The LGU's connected account when it can take charges; null: the platform's account. */
  connectedAccountId: string | null;
  successUrl: string;
  cancelUrl: string;
}

/**
 * A one-time payment for a service (property tax, a permit's fee) through the provider's hosted
 * checkout. `metadata` travels on the session and its payment, so the webhook finds what was paid.
 */
export interface PaymentCheckoutRequest {
  /** The same key for the same payment: a retried request opens one session. */
  idempotencyKey: string;
  amountMinor: number;
  currency: string;
  description: string;
  payerEmail: string | null;
  connectedAccountId: string | null;
  successUrl: string;
  cancelUrl: string;
  metadata: Record<string, string>;
}

/**
 * A webhook event whose signature checked out, as the provider sent it (`data.object` is the
 * provider's object in the API version of the endpoint that delivered it).
 */
export interface ProviderEvent {
  id: string;
  type: string;
  /** The connected account the event happened on (Connect); null: the platform's own account. */
  account: string | null;
  /** Unix seconds. */
  created: number;
  livemode: boolean;
  data: { object: Record<string, unknown> };
}

/** A refund as the provider holds it now. */
export interface ProviderRefund {
  id: string;
  amountMinor: number;
  currency: string;
  /** Stripe's: pending, requires_action, succeeded, failed, canceled. */
  status: string;
  paymentIntentId: string | null;
  chargeId: string | null;
  metadata: Record<string, string>;
}

/** A connected account's state as the provider holds it now. */
export interface ProviderAccount {
  id: string;
  /** The LGU it was created for (metadata set at creation), if any. */
  lguId: string | null;
  chargesEnabled: boolean;
  payoutsEnabled: boolean;
  detailsSubmitted: boolean;
}

/** The signature of a webhook request is missing, malformed, stale or made with another secret. */
export class WebhookSignatureError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WebhookSignatureError";
  }
}

export interface PaymentsPort {
  readonly name: "stripe";
  /** Starts a hosted checkout; returns where to send the donor and the session's id. */
  createCheckout(request: CheckoutRequest): Promise<{ url: string; sessionId: string }>;
  /** Starts a hosted checkout for a one-time service payment (see PaymentCheckoutRequest). */
  createPaymentCheckout(request: PaymentCheckoutRequest): Promise<{ url: string; sessionId: string }>;
  /**
   * Refunds part or all of a card gift; the ledger changes when the provider's webhook arrives.
   * `contributionId` is written on the refund so its webhook finds the gift even when the payment
   * is not linked to it (a monthly gift's invoice).
   */
  refund(input: {
    paymentIntentId: string;
    amountMinor: number;
    connectedAccountId: string | null;
    idempotencyKey: string;
    contributionId?: string;
  }): Promise<{ refundId: string }>;
  /** A link where an LGU's admin sets up (or finishes setting up) its own account. */
  onboardingLink(input: {
    lguId: string;
    existingAccountId: string | null;
    returnUrl: string;
    refreshUrl: string;
    /** ISO 3166-1 alpha-2 country of the LGU, for a new account (the provider's default otherwise). */
    country?: string | null;
  }): Promise<{ url: string; accountId: string }>;
  /** Checks a webhook request's signature over its exact bytes; throws WebhookSignatureError. */
  verifyWebhook(payload: Uint8Array, signatureHeader: string | null): ProviderEvent;
  /** Every refund of a charge, now (webhook payloads of recent API versions leave them out). */
  refundsOfCharge(input: { chargeId: string; connectedAccountId: string | null }): Promise<ProviderRefund[]>;
  /** A connected account's current state (events about it may arrive in any order). */
  account(accountId: string): Promise<ProviderAccount>;
  /**
   * The invoice (and its subscription) a payment paid, or null for a payment of no invoice: how a
   * monthly gift's charge, which carries none of our ids, is traced back to its subscription.
   */
  invoiceOfPayment(input: { paymentIntentId: string; connectedAccountId: string | null }): Promise<{ invoiceId: string; subscriptionId: string | null } | null>;
}
