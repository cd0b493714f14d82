/**
 * LGU staff actions on card money through the Stripe adapter and the fake Stripe API: a treasurer's
 * refund of a card gift (once per request key, on the account the gift was paid to, entering the
 * ledger only with the webhook) and an admin's setting up of the LGU's own Stripe account.
 */
import { sql } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { CardRefundRefusal, refundCardGift, startLguPaymentsOnboarding } from "../../app/modules/contributions/card-payments.server";
import { openContribution } from "../../app/modules/contributions/ledger.server";
import { AppError } from "../../app/utils/errors";
import { setupTestDatabase } from "../support/db";
import { addLguRole, createLgu, createUser } from "../support/factories";
import { createProject, refusalOf } from "../support/project-factories";
import { stripeHarness } from "../support/stripe-harness";

const db = setupTestDatabase();
const stripe = stripeHarness(db);
const fake = () => stripe.fake();
type User = Awaited<ReturnType<typeof createUser>>;

let admin: User;
let treasurer: User;
let editor: User;
let otherTreasurer: User;
let lguId: string;
let otherLguId: string;
let projectId: string;

beforeAll(async () => {
  const url = db().url;
  [admin, treasurer, editor, otherTreasurer] = [await createUser(url), await createUser(url), await createUser(url), await createUser(url)];
  lguId = (await createLgu(url, { createdBy: admin.id, verificationStatus: "verified" })).id;
  await addLguRole(url, lguId, treasurer.id, "treasurer");
  await addLguRole(url, lguId, editor.id, "editor");
  otherLguId = (await createLgu(url, { createdBy: otherTreasurer.id, verificationStatus: "verified" })).id;
  await addLguRole(url, otherLguId, otherTreasurer.id, "treasurer");
  projectId = (await createProject(url, lguId, { status: "fundraising", currency: "PHP" })).id;
});

afterEach(async () => {
  expect(await stripe.drift()).toEqual([]);
});

async function paidGift(amountMinor: number, connectedAccountId: string | null = null) {
  const gift = await stripe.give(projectId, { amountMinor, connectedAccountId });
  const paid = fake().payCheckout(gift.sessionId);
  for (const event of paid.events) await stripe.deliverOk(event);
  return { ...gift, ...paid };
}

/** The refund requests recorded for a gift, and who the audit log says asked. */
async function requests(contributionId: string) {
  return db().client.asService((tx) =>
    tx.execute<{ amount_minor: string; status: string; provider_refund_id: string | null; failure: string | null; requested_by: string; audited_by: string[] }>(sql`
     select r.amount_minor, r.status, r.provider_refund_id, r.failure, r.requested_by,
            array(select a.actor_id::text from public.audit_log a where a.subject_table = 'card_refund_requests' and a.subject_id = r.id::text
                  and a.action = 'card_refund_requests.insert') as audited_by
       from public.card_refund_requests r where r.contribution_id = ${contributionId} order by r.requested_at, r.id`),
  ).then((rows) => [...rows]);
}

const refusal = async (work: Promise<unknown>) => {
  try {
    await work;
  } catch (error) {
    if (error instanceof CardRefundRefusal) return error.reason;
    if (error instanceof AppError) return error.status;
    throw error;
  }
  return null;
};

describe("refundCardGift", () => {
  it("refunds on Stripe once per request key; the ledger follows the webhook", async () => {
    const gift = await paidGift(10_000, "acct_1LguOwnAccount");
    const form1 = crypto.randomUUID();
    const { refundId } = await refundCardGift(treasurer.claims, lguId, { contributionId: gift.contributionId, amountMinor: 4_000, requestKey: form1 });
    const again = await refundCardGift(treasurer.claims, lguId, { contributionId: gift.contributionId, amountMinor: 4_000, requestKey: form1 });
    expect(again.refundId).toBe(refundId);
    // One request, recorded and audited in the treasurer's name, marked sent with Stripe's id.
    expect(await requests(gift.contributionId)).toEqual([
      { amount_minor: "4000", status: "sent", provider_refund_id: refundId, failure: null, requested_by: treasurer.id, audited_by: [treasurer.id] },
    ]);
    const sent = fake().requests.filter((r) => r.method === "POST" && r.path === "/v1/refunds");
    expect(sent.map((r) => [r.account, r.idempotencyKey, r.body.amount, r.body.payment_intent])).toEqual([
      ["acct_1LguOwnAccount", `refund-${gift.contributionId}-${form1}`, "4000", gift.paymentIntentId],
      ["acct_1LguOwnAccount", `refund-${gift.contributionId}-${form1}`, "4000", gift.paymentIntentId],
    ]);
    expect((await stripe.ledger(gift.contributionId)).map((m) => m.type)).toEqual(["received"]);
    await stripe.deliverOk(fake().chargeRefundedEvent(gift.chargeId!));
    expect((await stripe.ledger(gift.contributionId)).at(-1)).toEqual({ type: "refunded", amountMinor: 4_000, externalId: refundId, source: "stripe" });
    // What is left: 6,000.
    expect(await refusal(refundCardGift(treasurer.claims, lguId, { contributionId: gift.contributionId, amountMinor: 6_001, requestKey: crypto.randomUUID() }))).toBe("bad_amount");
    await refundCardGift(admin.claims, lguId, { contributionId: gift.contributionId, amountMinor: 6_000, requestKey: crypto.randomUUID() });
    expect((await requests(gift.contributionId)).map((r) => [r.amount_minor, r.status, r.audited_by])).toEqual([
      ["4000", "sent", [treasurer.id]],
      ["6000", "sent", [admin.id]],
    ]);
  });

  it("refuses what is not a paid one-time card gift of this LGU, and people who are not its treasurers", async () => {
    const gift = await paidGift(2_000);
    const requestsBefore = fake().requests.length;
    const ask = (who: User, lgu: string, contributionId: string, amountMinor = 500) => refundCardGift(who.claims, lgu, { contributionId, amountMinor, requestKey: crypto.randomUUID() });
    expect(await refusal(ask(editor, lguId, gift.contributionId))).toBe(403);
    expect(await refusal(ask(otherTreasurer, lguId, gift.contributionId))).toBe(403);
    expect(await refusal(ask(otherTreasurer, otherLguId, gift.contributionId))).toBe("not_found");
    expect(await refusal(ask(treasurer, lguId, gift.contributionId, 0))).toBe("bad_amount");
    expect(await refusal(ask(treasurer, lguId, gift.contributionId, 2.5))).toBe("bad_amount");
    const unpaid = await stripe.give(projectId, { amountMinor: 1_000 });
    expect(await refusal(ask(treasurer, lguId, unpaid.contributionId))).toBe("not_paid");
    const monthly = await stripe.give(projectId, { monthly: true, amountMinor: 1_000 });
    expect(await refusal(ask(treasurer, lguId, monthly.contributionId))).toBe("monthly");
    const pledge = await openContribution({ projectId, donorId: null, kind: "pledge", channel: "bank_transfer", amountMinor: 1_000, currency: "PHP", anonymous: false });
    expect(await refusal(ask(treasurer, lguId, pledge.id))).toBe("not_card");
    expect(fake().requests.slice(requestsBefore).filter((r) => r.path === "/v1/refunds")).toHaveLength(0);
    // Refused requests leave no row and no audit entry.
    for (const id of [gift.contributionId, unpaid.contributionId, monthly.contributionId, pledge.id]) expect(await requests(id)).toEqual([]);
    // A key that is not one of our form keys is refused before anything is asked.
    expect(await refusal(refundCardGift(treasurer.claims, lguId, { contributionId: gift.contributionId, amountMinor: 500, requestKey: "not-a-key" }))).toBe(400);
  });

  it("refuses an API caller who calls request_card_refund directly without the role, and records nothing", async () => {
    const gift = await paidGift(1_500);
    for (const who of [editor, otherTreasurer]) {
      const call = db().client.withRls(who.claims, (tx) => tx.execute(sql`select public.request_card_refund(${gift.contributionId}, 500, ${crypto.randomUUID()})`));
      expect(await refusalOf(call)).toMatchObject({ code: "42501" });
    }
    expect(await requests(gift.contributionId)).toEqual([]);
  });

  it("passes Stripe's refusal on as provider_refused", async () => {
    const gift = await paidGift(3_000);
    // Refunded at Stripe (the dashboard) while the ledger has not heard yet: Stripe refuses more.
    await stripe.payments().refund({ paymentIntentId: gift.paymentIntentId!, amountMinor: 3_000, connectedAccountId: null, idempotencyKey: "dashboard" });
    const refused = await refundCardGift(treasurer.claims, lguId, { contributionId: gift.contributionId, amountMinor: 1_000, requestKey: crypto.randomUUID() }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(CardRefundRefusal);
    expect(refused).toMatchObject({ reason: "provider_refused", detail: expect.stringMatching(/greater than unrefunded amount/) });
    expect(await requests(gift.contributionId)).toEqual([
      expect.objectContaining({ status: "failed", provider_refund_id: null, failure: expect.stringMatching(/greater than unrefunded amount/) }),
    ]);
  });
});

describe("startLguPaymentsOnboarding", () => {
  it("makes the LGU's account once, records it, and hands out a new link each time", async () => {
    const first = await startLguPaymentsOnboarding(admin.claims, lguId, { returnUrl: "http://portal.test/manage/x/payments", refreshUrl: "http://portal.test/manage/x/payments?again=1" });
    const [row] = await stripe.sql()<{ stripe_account_id: string; charges_enabled: boolean }[]>`select stripe_account_id, charges_enabled from lgu_payment_accounts where lgu_id = ${lguId}`;
    expect(row).toMatchObject({ stripe_account_id: expect.stringMatching(/^acct_/), charges_enabled: false });
    expect(first.url).toContain(`/setup/e/${row!.stripe_account_id}/`);
    expect(fake().requests.find((r) => r.path === "/v1/accounts")?.body).toMatchObject({ country: "TL", metadata: { lgu_id: lguId } });
    const second = await startLguPaymentsOnboarding(admin.claims, lguId, { returnUrl: "http://portal.test/r", refreshUrl: "http://portal.test/f" });
    expect(second.url).not.toBe(first.url);
    expect(fake().requests.filter((r) => r.path === "/v1/accounts")).toHaveLength(1);
    expect(fake().requests.filter((r) => r.path === "/v1/account_links").map((r) => r.body.account)).toEqual([row!.stripe_account_id, row!.stripe_account_id]);

    // Onboarding finished at Stripe: the webhook makes the account able to take gifts.
    await stripe.deliverOk(fake().updateAccount(row!.stripe_account_id, { details_submitted: true, charges_enabled: true, payouts_enabled: true }));
    const [after] = await stripe.sql()<{ charges_enabled: boolean }[]>`select charges_enabled from lgu_payment_accounts where lgu_id = ${lguId}`;
    expect(after!.charges_enabled).toBe(true);
  });

  it("is for the LGU's admins only", async () => {
    expect(await refusal(startLguPaymentsOnboarding(treasurer.claims, lguId, { returnUrl: "http://portal.test/r", refreshUrl: "http://portal.test/f" }))).toBe(403);
    expect(await refusal(startLguPaymentsOnboarding(editor.claims, lguId, { returnUrl: "http://portal.test/r", refreshUrl: "http://portal.test/f" }))).toBe(403);
    expect(await refusal(startLguPaymentsOnboarding(otherTreasurer.claims, lguId, { returnUrl: "http://portal.test/r", refreshUrl: "http://portal.test/f" }))).toBe(403);
  });
});
