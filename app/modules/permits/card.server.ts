/**
 * Paying a permit's fee by card through the payments port (Stripe Checkout): the session carries the
 * application's id in its metadata; the fee is recorded only when Stripe's webhook says it was paid
 * (contributions/stripe-webhooks hands such events here), once, under the payment intent's id, by
 * the same database function as the treasury's record.
 */
import { and, eq, sql } from "drizzle-orm";
import { getPaymentsPort } from "~/adapters/index.server";
import type { ProviderEvent } from "~/adapters/payments/port";
import { asService, withRls, type JwtClaims, type Tx } from "~/db/client.server";
import { lguPaymentAccounts, lgus, permitApplications } from "~/db/schema";
import { FormProblem } from "~/modules/organisations/errors.server";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Opens a Checkout Session for an approved application's fee (its applicant only); returns where to send them. */
export async function startPermitCardPayment(claims: JwtClaims & { email?: string }, applicationId: string, siteUrl: string): Promise<string> {
  const payments = getPaymentsPort();
  if (!payments) throw new FormProblem("", "permits:errors.cardsOff", 404);
  const [application] = await withRls(claims, (tx) =>
    tx
      .select({ id: permitApplications.id, status: permitApplications.status, feeMinor: permitApplications.feeMinor, currency: permitApplications.currency, reference: permitApplications.reference, lguId: permitApplications.lguId, lguName: lgus.name })
      .from(permitApplications)
      .innerJoin(lgus, eq(lgus.id, permitApplications.lguId))
      .where(and(eq(permitApplications.id, applicationId), eq(permitApplications.applicantId, claims.sub))),
  );
  if (!application) throw new FormProblem("", "permits:errors.notYours", 403);
  if (application.status !== "approved" || !application.feeMinor) throw new FormProblem("", "permits:errors.wrongStatus", 409);
  const [account] = await asService((tx) =>
    tx.select({ id: lguPaymentAccounts.stripeAccountId, ready: lguPaymentAccounts.chargesEnabled }).from(lguPaymentAccounts).where(eq(lguPaymentAccounts.lguId, application.lguId)),
  );
  const back = `${siteUrl}/me/permits/${application.id}`;
  const checkout = await payments.createPaymentCheckout({
    // One session per application and fee: a resubmitted form reuses it.
    idempotencyKey: `permit-${application.id}-${application.feeMinor}`,
    amountMinor: application.feeMinor,
    currency: application.currency,
    description: `${application.lguName}: permit fee ${application.reference ?? ""}`.trim(),
    payerEmail: typeof claims.email === "string" ? claims.email : null,
    connectedAccountId: account?.ready ? account.id : null,
    successUrl: `${back}?from=checkout`,
    cancelUrl: back,
    metadata: { permit_application_id: application.id },
  });
  return checkout.url;
}

/** The application a Stripe object (a Checkout Session or a payment intent) pays the fee of, if any. */
export function permitPaymentOf(object: Record<string, unknown>): { applicationId: string } | null {
  const metadata = (object.metadata ?? {}) as Record<string, unknown>;
  const applicationId = metadata.permit_application_id;
  return typeof applicationId === "string" && UUID.test(applicationId) ? { applicationId } : null;
}

const idOf = (value: unknown): string | null =>
  typeof value === "string" ? value : value && typeof value === "object" && typeof (value as { id?: unknown }).id === "string" ? (value as { id: string }).id : null;

/**
 * Records a paid Checkout Session or payment intent of a permit fee, in the webhook's transaction.
 * Returns null when recorded (or already recorded), else why not (kept on the stored event: money
 * that arrived for an application no longer waiting for it needs a refund).
 */
export async function applyPermitCardPayment(tx: Tx, event: ProviderEvent): Promise<string | null> {
  const object = event.data.object;
  const paid = permitPaymentOf(object);
  if (!paid) return "no permit application in the metadata";
  const isSession = object.object === "checkout.session";
  if (isSession && object.payment_status !== "paid") return null;
  const paymentIntentId = isSession ? idOf(object.payment_intent) : idOf(object);
  const amount = Number(isSession ? object.amount_total : (object.amount_received ?? object.amount));
  if (!paymentIntentId || !Number.isSafeInteger(amount) || amount <= 0) return `permit payment ${String(object.id)} names no payment intent or amount`;
  // Checked first, under the application's lock, so the recording below cannot be refused (a refusal
  // would abort the webhook's transaction and lose the note that this money needs a refund).
  const [application] = await tx.execute<{ status: string; fee_minor: string | null; currency: string; same: boolean }>(sql`
    select a.status, a.fee_minor, a.currency,
           exists (select 1 from public.service_payments p where p.source = 'stripe' and p.external_id = ${paymentIntentId}) as same
    from public.permit_applications a where a.id = ${paid.applicationId} for update`);
  if (!application) return `no permit application ${paid.applicationId}`;
  if (application.same) return null;
  if (String(object.currency ?? "").toUpperCase() !== application.currency) return `permit payment in ${String(object.currency)}, fee in ${application.currency}; payment ${paymentIntentId} needs a refund`;
  if (application.status !== "approved") return `permit application ${paid.applicationId} is ${application.status}; payment ${paymentIntentId} needs a refund`;
  if (String(amount) !== application.fee_minor) return `permit application ${paid.applicationId}: paid ${amount}, fee ${application.fee_minor}; payment ${paymentIntentId} needs a refund`;
  await tx.execute(sql`select public.record_permit_fee_payment(${paid.applicationId}::uuid, ${amount}::bigint, 'card', 'stripe', ${paymentIntentId})`);
  return null;
}
