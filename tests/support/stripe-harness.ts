/**
 * What the Stripe webhook tests share: the fake Stripe API with the real adapter pointed at it and
 * set as the app's payments port, a gift started the way the give page starts one (a pending card
 * contribution, a Checkout Session, the session and account stored on it), signed deliveries to
 * the real route, and reads of the ledger, the project's totals and the stored events.
 */
import { afterAll, beforeAll } from "vitest";
import { setAdapters } from "../../app/adapters/index.server";
import type { PaymentsPort } from "../../app/adapters/payments/port";
import { createStripePayments } from "../../app/adapters/payments/stripe.server";
import { setDbClient } from "../../app/db/client.server";
import { openContribution } from "../../app/modules/contributions/ledger.server";
import { action } from "../../app/routes/webhooks.stripe";
import type { TestDatabase } from "./db";
import { startFakeStripe, type FakeStripe } from "./fake-stripe";
import { context, url } from "./route-calls";

export interface StartedGift {
  contributionId: string;
  reference: string;
  sessionId: string;
}

export function stripeHarness(db: () => TestDatabase) {
  let fake: FakeStripe | undefined;
  let payments: PaymentsPort | undefined;

  beforeAll(async () => {
    setDbClient(db().client);
    fake = await startFakeStripe();
    payments = createStripePayments(fake.adapterOptions());
    setAdapters({ payments });
  });
  afterAll(async () => {
    setAdapters({ payments: undefined });
    await fake?.close();
  });

  const sql = () => db().client.sql;
  const theFake = () => fake!;

  /** POSTs an event to /webhooks/stripe as Stripe would: the JSON body and its signature. */
  async function deliver(event: object, options: { signature?: string | null; body?: string } = {}): Promise<Response> {
    const body = options.body ?? JSON.stringify(event);
    const signature = options.signature === undefined ? theFake().signature(body) : options.signature;
    const request = new Request(url("/webhooks/stripe"), {
      method: "POST",
      headers: { "Content-Type": "application/json; charset=utf-8", "User-Agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)", ...(signature ? { "Stripe-Signature": signature } : {}) },
      body,
    });
    return (await action({ request, params: {}, context })) as Response;
  }

  /** Delivers and expects a 200. */
  async function deliverOk(event: object) {
    const response = await deliver(event);
    if (response.status !== 200) throw new Error(`webhook answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as { received: boolean; duplicate: boolean };
  }

  /** What the give page does for a card gift: a pending contribution, a Checkout Session, its ids stored. */
  async function give(
    projectId: string,
    options: { monthly?: boolean; amountMinor?: number; currency?: string; connectedAccountId?: string | null; donorId?: string | null } = {},
  ): Promise<StartedGift> {
    const amountMinor = options.amountMinor ?? 10_000;
    const currency = options.currency ?? "PHP";
    const opened = await openContribution({
      projectId,
      donorId: options.donorId ?? null,
      kind: options.monthly ? "monthly" : "one_time",
      channel: "card",
      amountMinor,
      currency,
      anonymous: false,
    });
    const { sessionId } = await payments!.createCheckout({
      contributionId: opened.id,
      reference: opened.reference,
      monthly: options.monthly ?? false,
      amountMinor,
      currency,
      description: `Test gift (${opened.reference})`,
      donorEmail: null,
      connectedAccountId: options.connectedAccountId ?? null,
      successUrl: `http://portal.test/me/gifts/${opened.reference}`,
      cancelUrl: "http://portal.test/projects/x/give",
    });
    await sql()`update contributions set stripe_checkout_session_id = ${sessionId}, stripe_account_id = ${options.connectedAccountId ?? null} where id = ${opened.id}`;
    return { contributionId: opened.id, reference: opened.reference, sessionId };
  }

  async function ledger(contributionId: string) {
    const rows = await sql()<{ type: string; amount_minor: string; external_id: string; source: string }[]>`
      select type, amount_minor, external_id, source from contribution_events where contribution_id = ${contributionId} order by id`;
    return rows.map((r) => ({ type: r.type, amountMinor: Number(r.amount_minor), externalId: r.external_id, source: r.source }));
  }

  async function funding(projectId: string) {
    const [row] = await sql()<{ received_minor: string; refunded_minor: string; raised_minor: string; gifts: number }[]>`
      select received_minor, refunded_minor, raised_minor, gifts from project_funding where project_id = ${projectId}`;
    return { received: Number(row!.received_minor), refunded: Number(row!.refunded_minor), raised: Number(row!.raised_minor), gifts: row!.gifts };
  }

  const drift = () => sql()`select * from app_private.project_funding_drift()`;

  async function contribution(id: string) {
    const [row] = await sql()<
      {
        status: string;
        stripe_checkout_session_id: string | null;
        stripe_payment_intent_id: string | null;
        stripe_subscription_id: string | null;
        stripe_account_id: string | null;
      }[]
    >`select status, stripe_checkout_session_id, stripe_payment_intent_id, stripe_subscription_id, stripe_account_id from contributions where id = ${id}`;
    return row!;
  }

  async function stored(eventId: string) {
    const [row] = await sql()<{ type: string; account: string | null; processed_at: string | null; attempts: number; last_error: string | null; payload: { id: string } }[]>`
      select type, account, processed_at, attempts, last_error, payload from stripe_events where id = ${eventId}`;
    return row ? { ...row, processed_at: row.processed_at === null ? null : new Date(row.processed_at) } : null;
  }

  return { fake: theFake, payments: () => payments!, deliver, deliverOk, give, ledger, funding, drift, contribution, stored, sql };
}
