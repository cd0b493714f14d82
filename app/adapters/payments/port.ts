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

export interface PaymentsPort {
  readonly name: "stripe";
  /** Starts a hosted checkout; returns where to send the donor and the session's id. */
  createCheckout(request: CheckoutRequest): Promise<{ url: string; sessionId: string }>;
  /** Refunds part or all of a card gift; the ledger changes when the provider's webhook arrives. */
  refund(input: { paymentIntentId: string; amountMinor: number; connectedAccountId: string | null; idempotencyKey: string }): Promise<{ refundId: string }>;
  /** A link where an LGU's admin sets up (or finishes setting up) its own account. */
  onboardingLink(input: { lguId: string; existingAccountId: string | null; returnUrl: string; refreshUrl: string }): Promise<{ url: string; accountId: string }>;
}
