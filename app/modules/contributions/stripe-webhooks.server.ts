/**
 * Stripe's webhook events, once the route has verified their signature: each is stored once in
 * stripe_events (its id is the key), handed to its handler, and marked processed; or, when
 * handling failed in a way a later attempt may fix (the database or Stripe's API was unreachable),
 * left unprocessed with the error and the attempt counted, so Stripe's retries try again.
 *
 * Money enters and leaves the ledger only here, through recordMovement with source "stripe" and an
 * external id that names the movement at Stripe: the payment intent (a one-time gift, whichever of
 * checkout.session.completed, payment_intent.succeeded or charge.refunded brings it first), the
 * invoice (each month of a monthly gift), the refund. Stripe delivers at least once and in no
 * particular order, so every handler is idempotent and none assumes another ran before it.
 *
 * An event that cannot apply (no such contribution, another account's payment, another currency,
 * a refund larger than what the gift holds) changes nothing, is logged, and is marked processed
 * with last_error saying why: retrying it would never help. The one refusal that order can cause
 * and no event can repair at once, a month's refund overtaking that month's invoice.paid, is left
 * unprocessed instead, so Stripe's retry applies it.
 */
import { and, eq, sql } from "drizzle-orm";
import type Stripe from "stripe";
import type { PaymentsPort, ProviderAccount, ProviderEvent, ProviderRefund } from "~/adapters/payments/port";
import { asService, type Tx } from "~/db/client.server";
import { contributionEvents, contributions, lguPaymentAccounts, lgus, stripeEvents } from "~/db/schema";
import { logger } from "~/utils/logger.server";
import { LedgerRefusal, recordMovement } from "./ledger.server";
import { applyPermitCardPayment, permitPaymentOf } from "~/modules/permits/card.server";
import { applyTaxCardPayment, taxPaymentOf } from "~/modules/property-tax/card.server";

export type IngestOutcome =
  /** Handled now; `note` says why it changed nothing when it could not apply. */
  | { status: "processed"; note: string | null }
  /** Already processed earlier: nothing changed. */
  | { status: "duplicate" }
  /** Stored, not processed; Stripe should retry. */
  | { status: "failed"; error: string };

/** What a handler needs from Stripe's API, read before the transaction so no lock waits on the network. */
interface Fetched {
  refunds?: ProviderRefund[];
  account?: ProviderAccount;
  /** The invoice a charge without our ids paid (a month of a monthly gift), and its subscription. */
  invoice?: { invoiceId: string; subscriptionId: string | null } | null;
}

/** The event cannot apply yet (what it depends on has not arrived): stored unprocessed, retried. */
class RetryLater extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RetryLater";
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const idOf = (value: unknown): string | null =>
  typeof value === "string" ? value : value && typeof value === "object" && typeof (value as { id?: unknown }).id === "string" ? (value as { id: string }).id : null;
const metadataId = (metadata: unknown): string | null => {
  const value = metadata && typeof metadata === "object" ? (metadata as Record<string, unknown>).contribution_id : null;
  return typeof value === "string" ? value : null;
};

// ---------------------------------------------------------------------------------------------
// Finding the gift an event is about

interface Gift {
  id: string;
  kind: (typeof contributions.kind.enumValues)[number];
  status: (typeof contributions.status.enumValues)[number];
  currency: string;
  stripeCheckoutSessionId: string | null;
  stripePaymentIntentId: string | null;
  stripeSubscriptionId: string | null;
  stripeAccountId: string | null;
}

/** The ids an event names its gift by: ours in the metadata, and Stripe's linked to a gift. */
interface Keys {
  contributionId?: string | null;
  sessionId?: string | null;
  paymentIntentId?: string | null;
  subscriptionId?: string | null;
}

/**
 * The statement that finds the gift: by the contribution id we put in the metadata (a malformed
 * one is ignored, never cast), else by the checkout session, the payment intent, the subscription
 * already linked to it, in that order.
 */
function giftLookup(keys: Keys) {
  const contributionId = keys.contributionId && UUID.test(keys.contributionId) ? keys.contributionId : null;
  const { sessionId = null, paymentIntentId = null, subscriptionId = null } = keys;
  if (!contributionId && !sessionId && !paymentIntentId && !subscriptionId) return sql`select null::uuid as id where false`;
  return sql`
    select c.id, c.kind, c.status, c.currency, c.stripe_checkout_session_id, c.stripe_payment_intent_id,
           c.stripe_subscription_id, c.stripe_account_id
    from public.contributions c
    where c.id = ${contributionId}::uuid or c.stripe_checkout_session_id = ${sessionId}
       or c.stripe_payment_intent_id = ${paymentIntentId} or c.stripe_subscription_id = ${subscriptionId}
    order by coalesce(c.id = ${contributionId}::uuid, false) desc, coalesce(c.stripe_checkout_session_id = ${sessionId}, false) desc,
             coalesce(c.stripe_payment_intent_id = ${paymentIntentId}, false) desc, c.created_at
    limit 1`;
}

type GiftRow = {
  id: string | null;
  kind: Gift["kind"];
  status: Gift["status"];
  currency: string;
  stripe_checkout_session_id: string | null;
  stripe_payment_intent_id: string | null;
  stripe_subscription_id: string | null;
  stripe_account_id: string | null;
};

const giftOf = (row: GiftRow | undefined): Gift | null =>
  row?.id
    ? {
        id: row.id,
        kind: row.kind,
        status: row.status,
        currency: row.currency,
        stripeCheckoutSessionId: row.stripe_checkout_session_id,
        stripePaymentIntentId: row.stripe_payment_intent_id,
        stripeSubscriptionId: row.stripe_subscription_id,
        stripeAccountId: row.stripe_account_id,
      }
    : null;

/**
 * A payment made on a connected account is the LGU's: an event about it must come from that
 * account, and a platform payment's from the platform (a connected account cannot move money on
 * another LGU's gift by naming it in its own metadata).
 */
function wrongAccount(gift: Gift, event: ProviderEvent): string | null {
  const expected = gift.stripeAccountId ?? null;
  if ((event.account ?? null) === expected) return null;
  return `contribution ${gift.id} was made on ${expected ?? "the platform account"}, but this event is from ${event.account ?? "the platform account"}`;
}

function wrongCurrency(gift: Gift, currency: unknown): string | null {
  if (typeof currency === "string" && currency.toUpperCase() === gift.currency) return null;
  return `contribution ${gift.id} is in ${gift.currency}, this money is in ${String(currency).toUpperCase()}`;
}

const LINKS = {
  sessionId: { field: "stripeCheckoutSessionId", label: "checkout session" },
  paymentIntentId: { field: "stripePaymentIntentId", label: "payment intent" },
  subscriptionId: { field: "stripeSubscriptionId", label: "subscription" },
} as const;

/**
 * Writes the Stripe ids an event reveals onto the gift, once. A gift already linked to another
 * session, payment or subscription, or a session or payment already linked to another gift (their
 * unique indexes), is a conflict: nothing is linked and the reason is returned.
 */
async function link(tx: Tx, gift: Gift, ids: Keys): Promise<string | null> {
  const set: { sessionId?: string; paymentIntentId?: string; subscriptionId?: string } = {};
  for (const key of Object.keys(LINKS) as (keyof typeof LINKS)[]) {
    const id = ids[key];
    if (!id) continue;
    const current = gift[LINKS[key].field];
    if (current && current !== id) return `contribution ${gift.id} is linked to ${LINKS[key].label} ${current}, not ${id}`;
    if (!current) set[key] = id;
  }
  if (Object.keys(set).length === 0) return null;
  const session = set.sessionId ?? null;
  const payment = set.paymentIntentId ?? null;
  const updated = await tx.execute(sql`
    update public.contributions c
       set stripe_checkout_session_id = coalesce(c.stripe_checkout_session_id, ${session}),
           stripe_payment_intent_id = coalesce(c.stripe_payment_intent_id, ${payment}),
           stripe_subscription_id = coalesce(c.stripe_subscription_id, ${set.subscriptionId ?? null})
     where c.id = ${gift.id}
       and not exists (select 1 from public.contributions o where o.id <> c.id
                         and (o.stripe_checkout_session_id = ${session} or o.stripe_payment_intent_id = ${payment}))
    returning c.id`);
  if (updated.length === 0) {
    const [other] = await tx.execute<{ id: string }>(sql`
      select o.id from public.contributions o
      where o.id <> ${gift.id} and (o.stripe_checkout_session_id = ${session} or o.stripe_payment_intent_id = ${payment}) limit 1`);
    return `${payment ? `payment intent ${payment}` : `checkout session ${session}`} belongs to contribution ${other?.id ?? "?"}, not ${gift.id}`;
  }
  if (set.sessionId) gift.stripeCheckoutSessionId = set.sessionId;
  if (set.paymentIntentId) gift.stripePaymentIntentId = set.paymentIntentId;
  if (set.subscriptionId) gift.stripeSubscriptionId = set.subscriptionId;
  return null;
}

const unknown = (what: string) => `no contribution for ${what}`;

async function receive(tx: Tx, gift: Gift, amountMinor: unknown, externalId: string, event: ProviderEvent) {
  if (typeof amountMinor !== "number" || !Number.isSafeInteger(amountMinor) || amountMinor <= 0) return;
  await recordMovement(
    { contributionId: gift.id, type: "received", amountMinor, source: "stripe", externalId, occurredAt: new Date(event.created * 1000) },
    tx,
  );
}

async function markFailedIfPending(tx: Tx, gift: Gift) {
  await tx.update(contributions).set({ status: "failed" }).where(and(eq(contributions.id, gift.id), eq(contributions.status, "pending")));
}

// ---------------------------------------------------------------------------------------------
// Handlers: each says which gift its event names (keys), and applies the event to it.

interface Handler {
  keys?: (event: ProviderEvent, fetched: Fetched) => Keys;
  /** Returns null when the event applied, or why it could not. */
  apply: (tx: Tx, event: ProviderEvent, fetched: Fetched, gift: Gift | null) => Promise<string | null>;
}

const sessionOf = (event: ProviderEvent) => event.data.object as unknown as Stripe.Checkout.Session;
const intentOf = (event: ProviderEvent) => event.data.object as unknown as Stripe.PaymentIntent;
const sessionKeys = (event: ProviderEvent): Keys => {
  const session = sessionOf(event);
  return { contributionId: metadataId(session.metadata) ?? session.client_reference_id, sessionId: session.id };
};
const intentKeys = (event: ProviderEvent): Keys => {
  const intent = intentOf(event);
  return { contributionId: metadataId(intent.metadata), paymentIntentId: intent.id };
};

/** A finished Checkout: links the session's payment or subscription; a paid one-time gift is received. */
const checkoutCompleted: Handler = {
  keys: sessionKeys,
  async apply(tx, event, _fetched, gift) {
    const session = sessionOf(event);
    // A property tax payment, not a gift (property-tax/card.server).
    if (!gift && taxPaymentOf(event.data.object)) return applyTaxCardPayment(tx, event);
    if (!gift && permitPaymentOf(event.data.object)) return applyPermitCardPayment(tx, event);
    if (!gift) return unknown(`checkout session ${session.id}`);
    const problem = wrongAccount(gift, event);
    if (problem) return problem;
    const paymentIntentId = idOf(session.payment_intent);
    const conflict = await link(tx, gift, { sessionId: session.id, paymentIntentId, subscriptionId: idOf(session.subscription) });
    if (conflict) return conflict;
    // Monthly gifts are received per invoice (invoice.paid); a delayed payment method is received
    // when it settles (checkout.session.async_payment_succeeded, or payment_intent.succeeded).
    if (session.mode !== "payment" || session.payment_status !== "paid") return null;
    if (!paymentIntentId) return `checkout session ${session.id} is paid but names no payment intent`;
    const currency = wrongCurrency(gift, session.currency);
    if (currency) return currency;
    await receive(tx, gift, session.amount_total, paymentIntentId, event);
    return null;
  },
};

const checkoutPaymentFailed: Handler = {
  keys: sessionKeys,
  async apply(tx, event, _fetched, gift) {
    if (!gift) return unknown(`checkout session ${sessionOf(event).id}`);
    const problem = wrongAccount(gift, event);
    if (problem) return problem;
    await markFailedIfPending(tx, gift);
    return null;
  },
};

/** A one-time gift's payment succeeded: received, under the payment intent's id. */
const paymentSucceeded: Handler = {
  keys: intentKeys,
  async apply(tx, event, _fetched, gift) {
    const intent = intentOf(event);
    if (!gift && taxPaymentOf(event.data.object)) return applyTaxCardPayment(tx, event);
    if (!gift && permitPaymentOf(event.data.object)) return applyPermitCardPayment(tx, event);
    if (!gift) return unknown(`payment intent ${intent.id}`);
    const problem = wrongAccount(gift, event) ?? (await link(tx, gift, { paymentIntentId: intent.id }));
    if (problem) return problem;
    if (gift.kind === "monthly") return null; // counted per invoice
    const currency = wrongCurrency(gift, intent.currency);
    if (currency) return currency;
    await receive(tx, gift, intent.amount_received, intent.id, event);
    return null;
  },
};

/** A declined card: a gift still waiting for money is marked failed. The ledger is not touched. */
const paymentFailed: Handler = {
  keys: intentKeys,
  async apply(tx, event, _fetched, gift) {
    const intent = intentOf(event);
    if (!gift && taxPaymentOf(event.data.object)) return applyTaxCardPayment(tx, event);
    if (!gift && permitPaymentOf(event.data.object)) return applyPermitCardPayment(tx, event);
    if (!gift) return unknown(`payment intent ${intent.id}`);
    const problem = wrongAccount(gift, event) ?? (await link(tx, gift, { paymentIntentId: intent.id }));
    if (problem) return problem;
    await markFailedIfPending(tx, gift);
    return null;
  },
};

function refundOf(refund: Stripe.Refund): ProviderRefund {
  return {
    id: refund.id,
    amountMinor: refund.amount,
    currency: refund.currency,
    status: refund.status ?? "pending",
    paymentIntentId: idOf(refund.payment_intent),
    chargeId: idOf(refund.charge),
    metadata: { ...(refund.metadata ?? {}) },
  };
}

/**
 * One refund, once, under its own id. A refund that failed or was cancelled after we recorded it
 * gives the money back to the gift (a receipt under "<refund id>:reversed"). Each refund has its
 * own savepoint, so one refused refund leaves the others of the same charge recorded.
 */
async function applyRefund(tx: Tx, gift: Gift, refund: ProviderRefund, event: ProviderEvent): Promise<string | null> {
  const currency = wrongCurrency(gift, refund.currency);
  if (currency) return `refund ${refund.id}: ${currency}`;
  if (!Number.isSafeInteger(refund.amountMinor) || refund.amountMinor <= 0) return null;
  const occurredAt = new Date(event.created * 1000);
  try {
    if (refund.status === "failed" || refund.status === "canceled") {
      const [recorded] = await tx
        .select({ id: contributionEvents.id })
        .from(contributionEvents)
        .where(and(eq(contributionEvents.source, "stripe"), eq(contributionEvents.externalId, refund.id)));
      if (recorded) {
        await tx.transaction((sp) =>
          recordMovement({ contributionId: gift.id, type: "received", amountMinor: refund.amountMinor, source: "stripe", externalId: `${refund.id}:reversed`, occurredAt }, sp),
        );
      }
      return null;
    }
    await tx.transaction((sp) =>
      recordMovement({ contributionId: gift.id, type: "refunded", amountMinor: refund.amountMinor, source: "stripe", externalId: refund.id, occurredAt }, sp),
    );
    return null;
  } catch (error) {
    if (!(error instanceof LedgerRefusal)) throw error;
    // A month's refund may overtake that month's invoice.paid, and its charge does not name the
    // invoice (whose id the receipt is recorded under): try again later rather than lose it.
    if (gift.kind === "monthly" && error.reason === "ledger_refund_too_large") {
      throw new RetryLater(`refund ${refund.id} of ${refund.amountMinor} is more than monthly gift ${gift.id} has received so far`);
    }
    return `refund ${refund.id} of ${refund.amountMinor}: ${error.message}`;
  }
}

const chargeOf = (event: ProviderEvent) => event.data.object as unknown as Stripe.Charge;
const refundsOf = (charge: Stripe.Charge, fetched: Fetched) =>
  Array.isArray(charge.refunds?.data) ? charge.refunds.data.map(refundOf) : (fetched.refunds ?? []);

/**
 * A charge was refunded (in part or in full): each of its refunds is recorded once. The payment
 * it undoes is received first when its own events have not arrived yet (same external id, so it
 * still counts once), so the refund never finds an empty gift because of delivery order.
 */
const chargeRefunded: Handler = {
  keys(event, fetched) {
    const charge = chargeOf(event);
    // A monthly gift's charge (an invoice's) carries none of our metadata; a refund the portal
    // asked for carries the contribution id (PaymentsPort.refund); one made in Stripe's dashboard
    // is traced through the invoice its payment paid to the subscription (prefetch).
    const contributionId = metadataId(charge.metadata) ?? refundsOf(charge, fetched).map((r) => metadataId(r.metadata)).find(Boolean) ?? null;
    return { contributionId, paymentIntentId: idOf(charge.payment_intent), subscriptionId: fetched.invoice?.subscriptionId ?? null };
  },
  async apply(tx, event, fetched, gift) {
    const charge = chargeOf(event);
    if (!gift) return unknown(`charge ${charge.id}`);
    const problem = wrongAccount(gift, event);
    if (problem) return problem;
    const paymentIntentId = idOf(charge.payment_intent);
    if (gift.kind === "one_time" && paymentIntentId && charge.paid && charge.status === "succeeded") {
      const conflict = await link(tx, gift, { paymentIntentId });
      if (conflict) return conflict;
      const currency = wrongCurrency(gift, charge.currency);
      if (currency) return currency;
      await receive(tx, gift, charge.amount_captured ?? charge.amount, paymentIntentId, event);
    }
    const notes: string[] = [];
    for (const refund of refundsOf(charge, fetched)) {
      const note = await applyRefund(tx, gift, refund, event);
      if (note) notes.push(note);
    }
    return notes.length ? notes.join("; ") : null;
  },
};

/** A refund changed (a pending one succeeded, or failed): the same once-per-refund rules. */
const refundUpdated: Handler = {
  keys(event) {
    const refund = refundOf(event.data.object as unknown as Stripe.Refund);
    return { contributionId: refund.metadata.contribution_id ?? null, paymentIntentId: refund.paymentIntentId };
  },
  async apply(tx, event, _fetched, gift) {
    const refund = refundOf(event.data.object as unknown as Stripe.Refund);
    if (!gift) return unknown(`refund ${refund.id}`);
    const problem = wrongAccount(gift, event);
    if (problem) return problem;
    return applyRefund(tx, gift, refund, event);
  },
};

/** An invoice as webhook payloads carry it in both current (parent.*) and older API versions. */
type InvoicePayload = Stripe.Invoice & {
  subscription?: string | { id: string } | null;
  subscription_details?: { metadata?: Record<string, string> | null } | null;
};
const invoiceOf = (event: ProviderEvent) => event.data.object as unknown as InvoicePayload;
const subscriptionOfInvoice = (invoice: InvoicePayload) => idOf(invoice.parent?.subscription_details?.subscription) ?? idOf(invoice.subscription);

/** A month of a monthly gift was paid: received, under the invoice's id. */
const invoicePaid: Handler = {
  keys(event) {
    const invoice = invoiceOf(event);
    const contributionId =
      metadataId(invoice.parent?.subscription_details?.metadata) ??
      metadataId(invoice.subscription_details?.metadata) ??
      (invoice.lines?.data ?? []).map((line) => metadataId(line.metadata)).find(Boolean) ??
      null;
    return { contributionId, subscriptionId: subscriptionOfInvoice(invoice) };
  },
  async apply(tx, event, _fetched, gift) {
    const invoice = invoiceOf(event);
    const subscriptionId = subscriptionOfInvoice(invoice);
    if (!gift) return unknown(`invoice ${invoice.id} (subscription ${subscriptionId ?? "none"})`);
    const problem = wrongAccount(gift, event);
    if (problem) return problem;
    if (gift.kind !== "monthly") return `contribution ${gift.id} is not a monthly gift; invoice ${invoice.id} not recorded`;
    const conflict = await link(tx, gift, { subscriptionId });
    if (conflict) return conflict;
    const currency = wrongCurrency(gift, invoice.currency);
    if (currency) return currency;
    if (!invoice.id) return "invoice without an id";
    await receive(tx, gift, invoice.amount_paid, invoice.id, event);
    return null;
  },
};

/**
 * A monthly gift ended (the donor or Stripe cancelled it). Its status stays what its ledger says
 * (what it received is still given); no further invoices are expected. The ending is this stored
 * event (see monthlyGiftEndedAt). A gift that never received anything is marked failed.
 */
const subscriptionDeleted: Handler = {
  keys(event) {
    const subscription = event.data.object as unknown as Stripe.Subscription;
    return { contributionId: metadataId(subscription.metadata), subscriptionId: subscription.id };
  },
  async apply(tx, event, _fetched, gift) {
    const subscription = event.data.object as unknown as Stripe.Subscription;
    if (!gift) return unknown(`subscription ${subscription.id}`);
    const problem = wrongAccount(gift, event) ?? (await link(tx, gift, { subscriptionId: subscription.id }));
    if (problem) return problem;
    await markFailedIfPending(tx, gift);
    return null;
  },
};

/**
 * An LGU's connected account changed: its current state (read from Stripe, since these events may
 * arrive in any order) is written on the LGU's row, found by account id, or made for the LGU
 * named in the account's metadata when onboarding's own write has not happened yet.
 */
const accountUpdated: Handler = {
  async apply(tx, _event, fetched) {
    const account = fetched.account;
    if (!account) throw new Error("account.updated without the account's state");
    const flags = { chargesEnabled: account.chargesEnabled, payoutsEnabled: account.payoutsEnabled, detailsSubmitted: account.detailsSubmitted, updatedAt: new Date() };
    const updated = await tx.update(lguPaymentAccounts).set(flags).where(eq(lguPaymentAccounts.stripeAccountId, account.id)).returning({ lguId: lguPaymentAccounts.lguId });
    if (updated.length) return null;
    if (!account.lguId || !UUID.test(account.lguId)) return `no LGU for account ${account.id} (no lgu_id in its metadata)`;
    const [lgu] = await tx.select({ id: lgus.id }).from(lgus).where(eq(lgus.id, account.lguId));
    if (!lgu) return `no LGU ${account.lguId} for account ${account.id}`;
    const written = await tx
      .insert(lguPaymentAccounts)
      .values({ lguId: lgu.id, stripeAccountId: account.id, ...flags })
      .onConflictDoUpdate({ target: lguPaymentAccounts.lguId, set: flags, setWhere: sql`${lguPaymentAccounts.stripeAccountId} = ${account.id}` })
      .returning({ lguId: lguPaymentAccounts.lguId });
    if (written.length) return null;
    const [current] = await tx.select({ id: lguPaymentAccounts.stripeAccountId }).from(lguPaymentAccounts).where(eq(lguPaymentAccounts.lguId, lgu.id));
    return `LGU ${lgu.id} already has account ${current?.id ?? "?"}; account ${account.id} not recorded`;
  },
};

const HANDLERS: Record<string, Handler> = {
  "checkout.session.completed": checkoutCompleted,
  "checkout.session.async_payment_succeeded": checkoutCompleted,
  "checkout.session.async_payment_failed": checkoutPaymentFailed,
  "payment_intent.succeeded": paymentSucceeded,
  "payment_intent.payment_failed": paymentFailed,
  "charge.refunded": chargeRefunded,
  "charge.refund.updated": refundUpdated,
  "invoice.paid": invoicePaid,
  "customer.subscription.deleted": subscriptionDeleted,
  "account.updated": accountUpdated,
};

/** The event types the webhook endpoint should be subscribed to. */
export const HANDLED_EVENT_TYPES = Object.keys(HANDLERS);

/** A charge whose refunds carry none of our ids either (a refund made in Stripe's dashboard). */
const refundedOutsideThePortal = (charge: Stripe.Charge, refunds: ProviderRefund[]) =>
  !metadataId(charge.metadata) && !refunds.some((r) => metadataId(r.metadata)) && Boolean(idOf(charge.payment_intent));

/**
 * Whether the handler needs Stripe's current state: a charge whose refunds the payload leaves out,
 * or which names none of our ids (to find its invoice), an account.
 */
function needsFetch(event: ProviderEvent): boolean {
  if (event.type === "account.updated") return true;
  if (event.type !== "charge.refunded") return false;
  const charge = chargeOf(event);
  return !Array.isArray(charge.refunds?.data) || refundedOutsideThePortal(charge, charge.refunds.data.map(refundOf));
}

async function prefetch(event: ProviderEvent, payments: PaymentsPort): Promise<Fetched> {
  if (event.type === "charge.refunded") {
    const charge = chargeOf(event);
    // Recent API versions leave the refunds out of the charge; ask Stripe for them.
    const refunds = Array.isArray(charge.refunds?.data)
      ? charge.refunds.data.map(refundOf)
      : await payments.refundsOfCharge({ chargeId: charge.id, connectedAccountId: event.account });
    const invoice = refundedOutsideThePortal(charge, refunds)
      ? await payments.invoiceOfPayment({ paymentIntentId: idOf(charge.payment_intent)!, connectedAccountId: event.account })
      : undefined;
    return { refunds, invoice };
  }
  if (event.type === "account.updated") {
    const id = idOf(event.data.object);
    if (!id) throw new Error("account.updated without an account id");
    return { account: await payments.account(id) };
  }
  return {};
}

/** For last_error: Stripe's errors name their kind in `type` (StripeAPIError, StripeConnectionError…). */
const describe = (error: unknown) => {
  if (!(error instanceof Error)) return String(error).slice(0, 1000);
  const type = (error as Error & { type?: unknown }).type;
  const kind = typeof type === "string" ? type : error.name;
  return `${kind}: ${error.message}`.slice(0, 1000);
};

/** The handling failed: the transaction is gone; the event is stored (or kept) with why, in its own. */
async function storeFailure(event: ProviderEvent, lastError: string, processed: boolean) {
  await asService((tx) =>
    tx.execute(sql`
      insert into public.stripe_events as e (id, type, account, payload, processed_at, attempts, last_error)
      values (${event.id}, ${event.type}, ${event.account ?? null}, ${JSON.stringify(event)}::jsonb,
              ${processed ? sql`now()` : sql`null`}, 1, ${lastError})
      on conflict (id) do update
        set attempts = e.attempts + 1, last_error = excluded.last_error, processed_at = coalesce(e.processed_at, excluded.processed_at)`),
  );
}

/**
 * Stores a verified event once and applies it, in one transaction of few round trips (this is
 * the hot path of every gift): the event is inserted already marked processed together with the
 * lookup of its gift; the handler's writes follow; a note (why it changed nothing) is one more
 * update. If the handler fails, the transaction rolls back and the event is stored in a second
 * one with the error and the attempt (unprocessed: Stripe retries), or, for a refusal of the
 * ledger that no retry can change, processed with the refusal as last_error.
 */
export async function ingestStripeEvent(event: ProviderEvent, payments: PaymentsPort): Promise<IngestOutcome> {
  const about = { stripeEvent: event.id, type: event.type, account: event.account ?? undefined };
  const handler = HANDLERS[event.type];
  let fetched: Fetched = {};
  if (handler && needsFetch(event)) {
    // A redelivery of an event already applied needs nothing from Stripe.
    const [stored] = await asService((tx) => tx.select({ processedAt: stripeEvents.processedAt }).from(stripeEvents).where(eq(stripeEvents.id, event.id)));
    if (stored?.processedAt) {
      logger().debug(about, "stripe event already processed");
      return { status: "duplicate" };
    }
    try {
      fetched = await prefetch(event, payments);
    } catch (error) {
      const message = describe(error);
      await storeFailure(event, message, false);
      logger().error({ ...about, err: message }, "stripe event failed; Stripe will retry");
      return { status: "failed", error: message };
    }
  }

  let outcome: IngestOutcome;
  try {
    outcome = await asService(async (tx): Promise<IngestOutcome> => {
      const [row] = await tx.execute<GiftRow & { inserted: boolean; processed: boolean | null }>(sql`
        with stored as (
          insert into public.stripe_events (id, type, account, payload, processed_at, attempts)
          values (${event.id}, ${event.type}, ${event.account ?? null}, ${JSON.stringify(event)}::jsonb, now(), 1)
          on conflict (id) do nothing
          returning id
        )
        select exists (select 1 from stored) as inserted,
               (select e.processed_at is not null from public.stripe_events e where e.id = ${event.id}) as processed,
               g.*
        from (select 1) one left join lateral (${giftLookup(handler?.keys?.(event, fetched) ?? {})}) g on true`);
      const inserted = row?.inserted === true;
      // Stored before, and that attempt went through: nothing to do. (An earlier failed attempt
      // left it unprocessed: this one is the retry.)
      if (!inserted && row?.processed) return { status: "duplicate" };
      const note = handler ? await handler.apply(tx, event, fetched, giftOf(row)) : null;
      if (!inserted) {
        await tx.execute(sql`
          update public.stripe_events set processed_at = now(), attempts = attempts + 1, last_error = ${note} where id = ${event.id}`);
      } else if (note) {
        await tx.execute(sql`update public.stripe_events set last_error = ${note} where id = ${event.id}`);
      }
      return { status: "processed", note };
    });
  } catch (error) {
    if (error instanceof LedgerRefusal) {
      await storeFailure(event, error.message, true);
      outcome = { status: "processed", note: error.message };
    } else {
      const message = describe(error);
      await storeFailure(event, message, false);
      outcome = { status: "failed", error: message };
    }
  }

  const log = logger();
  if (outcome.status === "processed" && outcome.note) log.warn({ ...about, reason: outcome.note }, "stripe event changed nothing");
  else if (outcome.status === "failed") log.error({ ...about, err: outcome.error }, "stripe event failed; Stripe will retry");
  // Redeliveries are routine (Stripe delivers at least once); the request log already shows them.
  else if (outcome.status === "duplicate") log.debug(about, "stripe event already processed");
  else log.debug(about, handler ? "stripe event processed" : "stripe event stored (no handler for its type)");
  return outcome;
}

/** When a monthly gift's subscription ended (its customer.subscription.deleted event), or null. */
export async function monthlyGiftEndedAt(contributionId: string): Promise<Date | null> {
  return asService(async (tx) => {
    const [row] = await tx.execute<{ ended_at: Date | string | null }>(sql`
      select min(to_timestamp((e.payload->>'created')::bigint)) as ended_at
      from public.contributions c
      join public.stripe_events e
        on e.type = 'customer.subscription.deleted' and e.processed_at is not null and e.last_error is null
       and e.payload->'data'->'object'->>'id' = c.stripe_subscription_id
      where c.id = ${contributionId}`);
    return row?.ended_at ? new Date(row.ended_at) : null;
  });
}
