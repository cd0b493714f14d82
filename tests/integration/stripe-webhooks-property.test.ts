/**
 * Property: whatever Stripe sends, in whatever order, however often, one after another or at the
 * same time, a project's raised total ends equal to what succeeded minus what was refunded, each
 * gift's ledger holds exactly its own money, and the totals reconcile with the ledger.
 *
 * Each run plays a few gifts at the fake Stripe (one-time gifts paid, declined or refunded in
 * parts; monthly gifts renewed, refunded for a month, cancelled), collects every webhook event
 * that produced, adds duplicates, shuffles them, and delivers them through the real route.
 */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { setupTestDatabase } from "../support/db";
import type { FakeEvent } from "../support/fake-stripe";
import { createLgu, createUser } from "../support/factories";
import { createProject } from "../support/project-factories";
import { stripeHarness } from "../support/stripe-harness";

const db = setupTestDatabase();
const stripe = stripeHarness(db);
let lguId: string;

beforeAll(async () => {
  const admin = await createUser(db().url);
  lguId = (await createLgu(db().url, { createdBy: admin.id, verificationStatus: "verified" })).id;
});

const oneTime = fc.record({
  monthly: fc.constant(false as const),
  amountMinor: fc.integer({ min: 100, max: 500_000 }),
  declined: fc.boolean(),
  // Shares of the gift refunded one after another (Stripe refuses more than what is left).
  refunds: fc.array(fc.integer({ min: 1, max: 100 }), { maxLength: 3 }),
  embedRefunds: fc.boolean(),
});
const monthly = fc.record({
  monthly: fc.constant(true as const),
  amountMinor: fc.integer({ min: 100, max: 50_000 }),
  renewals: fc.integer({ min: 0, max: 2 }),
  refundFirstMonth: fc.boolean(),
  cancelled: fc.boolean(),
});
const scenario = fc.record({
  gifts: fc.array(fc.oneof(oneTime, monthly), { minLength: 1, maxLength: 4 }),
  // Sort keys for the delivery order, and picks of events to deliver again.
  order: fc.array(fc.nat(), { minLength: 40, maxLength: 40 }),
  duplicates: fc.array(fc.nat(), { maxLength: 12 }),
  concurrently: fc.boolean(),
});

describe("webhook sequences (property)", () => {
  it("leave the project's raised total equal to what succeeded minus what was refunded", async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ gifts, order, duplicates, concurrently }) => {
        const fake = stripe.fake();
        const project = await createProject(db().url, lguId, { status: "fundraising", goalMinor: 100_000_000, currency: "PHP" });
        const events: FakeEvent[] = [];
        const expected = new Map<string, number>();

        for (const spec of gifts) {
          const gift = await stripe.give(project.id, { monthly: spec.monthly, amountMinor: spec.amountMinor });
          if (!spec.monthly) {
            fake.settings.embedRefundsInCharge = spec.embedRefunds;
            if (spec.declined) {
              events.push(...fake.declineCheckout(gift.sessionId).events);
              expected.set(gift.contributionId, 0);
              continue;
            }
            const paid = fake.payCheckout(gift.sessionId);
            events.push(...paid.events);
            let left = spec.amountMinor;
            for (const [i, share] of spec.refunds.entries()) {
              const amountMinor = Math.max(1, Math.floor((left * share) / 100));
              if (amountMinor > left) break;
              await stripe.payments().refund({ paymentIntentId: paid.paymentIntentId!, amountMinor, connectedAccountId: null, idempotencyKey: `${gift.contributionId}-${i}` });
              left -= amountMinor;
              events.push(fake.chargeRefundedEvent(paid.chargeId!));
            }
            expected.set(gift.contributionId, left);
          } else {
            const first = fake.payCheckout(gift.sessionId);
            events.push(...first.events);
            let held = spec.amountMinor;
            for (let i = 0; i < spec.renewals; i++) {
              events.push(...fake.renewSubscription(first.subscriptionId!).events);
              held += spec.amountMinor;
            }
            if (spec.refundFirstMonth) {
              const charge = fake.get<{ payment_intent: string }>(first.chargeId!);
              await stripe.payments().refund({
                paymentIntentId: charge.payment_intent,
                amountMinor: spec.amountMinor,
                connectedAccountId: null,
                idempotencyKey: `${gift.contributionId}-month-1`,
                contributionId: gift.contributionId,
              });
              events.push(fake.chargeRefundedEvent(first.chargeId!));
              held -= spec.amountMinor;
            }
            if (spec.cancelled) events.push(...fake.cancelSubscription(first.subscriptionId!).events);
            expected.set(gift.contributionId, held);
          }
        }
        fake.settings.embedRefundsInCharge = false;

        const deliveries = [...events, ...duplicates.map((pick) => events[pick % events.length]!)]
          .map((event, i) => ({ event, key: order[i % order.length]! * 1000 + i }))
          .sort((a, b) => a.key - b.key)
          .map((d) => d.event);
        // As Stripe does: an event not answered 200 is delivered again later (here: after the rest).
        const retries: FakeEvent[] = [];
        const send = async (event: FakeEvent) => {
          const response = await stripe.deliver(event);
          if (response.status !== 200) retries.push(event);
        };
        if (concurrently) {
          for (let i = 0; i < deliveries.length; i += 4) await Promise.all(deliveries.slice(i, i + 4).map(send));
        } else {
          for (const event of deliveries) await send(event);
        }
        for (let round = 0; retries.length > 0; round++) {
          expect(round, "events still refused after every other event arrived").toBeLessThan(3);
          for (const event of retries.splice(0)) await send(event);
        }

        for (const [contributionId, held] of expected) {
          const movements = await stripe.ledger(contributionId);
          expect(movements.reduce((sum, m) => sum + (m.type === "received" ? m.amountMinor : -m.amountMinor), 0)).toBe(held);
          expect(new Set(movements.map((m) => m.externalId)).size).toBe(movements.length);
        }
        const total = [...expected.values()].reduce((a, b) => a + b, 0);
        expect((await stripe.funding(project.id)).raised).toBe(total);
        expect(await stripe.drift()).toEqual([]);
        const [unprocessed] = await stripe.sql()`select count(*)::int as n from stripe_events where processed_at is null`;
        expect(unprocessed!.n).toBe(0);
      }),
      { numRuns: 20 },
    );
  }, 120_000);
});
