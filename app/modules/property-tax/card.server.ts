/**
 * Paying property tax by card through the payments port (Stripe Checkout): the session carries the
 * assessment's id in its metadata; the payment is recorded only when Stripe's webhook says it was
 * paid (contributions/stripe-webhooks hands such events here), once, under the payment intent's id.
 */
import { eq, sql } from "drizzle-orm";
import { getPaymentsPort } from "~/adapters/index.server";
import type { ProviderEvent } from "~/adapters/payments/port";
import { asService, type JwtClaims, type Tx } from "~/db/client.server";
import { lguPaymentAccounts } from "~/db/schema";
import { FormProblem } from "~/modules/organisations/errors.server";
import { assessmentToPay, lguToday } from "./payments.server";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Opens a Checkout Session for the amount due today; returns where to send the payer. */
export async function startCardPayment(
  claims: JwtClaims & { email?: string },
  lgu: { id: string; slug: string; name: string },
  assessmentId: string,
  siteUrl: string,
): Promise<string> {
  const payments = getPaymentsPort();
  if (!payments) throw new FormProblem("", "tax:errors.cardsOff", 403);
  const assessment = await assessmentToPay(lgu.id, assessmentId);
  if (!assessment) throw new FormProblem("", "tax:errors.notFound", 404);
  if (assessment.receiptNumber) throw new FormProblem("", "tax:errors.alreadyPaid", 409);
  const [account] = await asService((tx) =>
    tx.select({ id: lguPaymentAccounts.stripeAccountId, ready: lguPaymentAccounts.chargesEnabled }).from(lguPaymentAccounts).where(eq(lguPaymentAccounts.lguId, lgu.id)),
  );
  const back = `${siteUrl}/lgus/${lgu.slug}/property-tax/pay/${assessment.id}`;
  const checkout = await payments.createPaymentCheckout({
    // One session per assessment, amount and day: a resubmitted form reuses it.
    idempotencyKey: `rpt-${assessment.id}-${assessment.totalMinor}-${lguToday()}`,
    amountMinor: assessment.totalMinor,
    currency: assessment.currency,
    description: `${lgu.name}: real property tax ${assessment.taxDeclarationNumber} (${assessment.dueDate})`,
    payerEmail: typeof claims.email === "string" ? claims.email : null,
    connectedAccountId: account?.ready ? account.id : null,
    successUrl: `${back}?from=checkout`,
    cancelUrl: back,
    metadata: { rpt_assessment_id: assessment.id, payer_id: claims.sub },
  });
  return checkout.url;
}

/** The assessment a Stripe object (a Checkout Session or a payment intent) pays, if any. */
export function taxPaymentOf(object: Record<string, unknown>): { assessmentId: string; payerId: string | null } | null {
  const metadata = (object.metadata ?? {}) as Record<string, unknown>;
  const assessmentId = metadata.rpt_assessment_id;
  if (typeof assessmentId !== "string" || !UUID.test(assessmentId)) return null;
  const payerId = typeof metadata.payer_id === "string" && UUID.test(metadata.payer_id) ? metadata.payer_id : null;
  return { assessmentId, payerId };
}

const idOf = (value: unknown): string | null =>
  typeof value === "string" ? value : value && typeof value === "object" && typeof (value as { id?: unknown }).id === "string" ? (value as { id: string }).id : null;

/**
 * Records a paid Checkout Session or payment intent of a tax payment, in the webhook's transaction.
 * Returns null when recorded (or already recorded), else why not (kept on the stored event).
 */
export async function applyTaxCardPayment(tx: Tx, event: ProviderEvent): Promise<string | null> {
  const object = event.data.object;
  const paid = taxPaymentOf(object);
  if (!paid) return "no tax assessment in the metadata";
  const isSession = object.object === "checkout.session";
  if (isSession && object.payment_status !== "paid") return null;
  const paymentIntentId = isSession ? idOf(object.payment_intent) : idOf(object);
  const amount = Number(isSession ? object.amount_total : (object.amount_received ?? object.amount));
  if (!paymentIntentId || !Number.isSafeInteger(amount) || amount <= 0) return `tax payment ${String(object.id)} names no payment intent or amount`;
  // Checked first, under the assessment's lock, so the recording below cannot be refused: a refusal
  // would abort the webhook's transaction, and this money must be kept on the event for a refund.
  const [assessment] = await tx.execute<{ currency: string; tax_due_minor: string; paid_by: string | null; same: boolean }>(sql`
    select a.currency, a.tax_due_minor,
           (select p.external_id from public.service_payments p where p.subject = 'property_tax' and p.subject_id = a.id limit 1) as paid_by,
           exists (select 1 from public.service_payments p where p.source = 'stripe' and p.external_id = ${paymentIntentId}) as same
    from public.rpt_assessments a where a.id = ${paid.assessmentId} for update`);
  if (!assessment) return `no tax assessment ${paid.assessmentId}`;
  if (assessment.same) return null;
  if (String(object.currency ?? "").toUpperCase() !== assessment.currency) return `tax payment in ${String(object.currency)}, assessment in ${assessment.currency}; payment ${paymentIntentId} needs a refund`;
  if (assessment.paid_by) return `tax assessment ${paid.assessmentId}: already_paid (${assessment.paid_by}); payment ${paymentIntentId} needs a refund`;
  if (amount < Number(assessment.tax_due_minor)) return `tax assessment ${paid.assessmentId}: amount_too_small; payment ${paymentIntentId} needs a refund`;
  await tx.execute(sql`select public.record_property_tax_payment(${paid.assessmentId}, ${paid.payerId}, ${amount}, 'card', 'stripe', ${paymentIntentId})`);
  return null;
}
