/**
 * LGU staff actions on card money, through the payments port: refunding part or all of a card gift
 * (a treasurer or admin of the project's LGU), and setting up the LGU's own Stripe account so gifts
 * go to it directly (an admin). The ledger does not change here: a refund enters it when Stripe's
 * charge.refunded webhook arrives, and the account's status comes from account.updated
 * (stripe-webhooks.server.ts).
 *
 * The role check runs under the caller's RLS (app_private.has_lgu_role), the rest as the server.
 */
import { sql } from "drizzle-orm";
import { getPaymentsPort } from "~/adapters/index.server";
import type { PaymentsPort } from "~/adapters/payments/port";
import { asService, withRls, type JwtClaims } from "~/db/client.server";
import { databaseFailure } from "~/modules/organisations/errors.server";
import { AppError } from "~/utils/errors";

export type CardRefundRefusalReason =
  /** No such contribution under this LGU. */
  | "not_found"
  /** Not a card gift (offline and sandbox gifts are refunded by the treasurer's own record). */
  | "not_card"
  /** A monthly gift: its months are separate payments, refunded at Stripe. */
  | "monthly"
  /** No payment has arrived for it (yet). */
  | "not_paid"
  /** More than the gift still holds, or not a positive whole amount of minor units. */
  | "bad_amount"
  /** Stripe refused (its message is in `detail`). */
  | "provider_refused";

/** A refund the rules or Stripe refused; `reason` maps to the message a treasurer sees. */
export class CardRefundRefusal extends Error {
  constructor(
    readonly reason: CardRefundRefusalReason,
    readonly detail?: string,
  ) {
    super(`card refund refused: ${reason}${detail ? ` (${detail})` : ""}`);
    this.name = "CardRefundRefusal";
  }
}

/** Pages offer these actions only when getPaymentsPort() is not null. */
function requirePayments(): PaymentsPort {
  const payments = getPaymentsPort();
  if (!payments) throw new Error("card payments are not configured (STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET)");
  return payments;
}

async function requireLguRole(claims: JwtClaims, lguId: string, roles: string[]) {
  const [row] = await withRls(claims, (tx) => tx.execute<{ ok: boolean }>(sql`select app_private.has_lgu_role(${lguId}::uuid, string_to_array(${roles.join(",")}, ',')) as ok`));
  if (!row?.ok) throw new AppError("errors.forbiddenBody", 403, `lacks lgu role ${roles.join("|")}`);
}

const isStripeError = (error: unknown): error is Error => {
  const type = error instanceof Error ? (error as Error & { type?: unknown }).type : undefined;
  return typeof type === "string" && type.startsWith("Stripe");
};

/**
 * Asks Stripe to refund `amountMinor` of a one-time card gift, on the account the gift was paid
 * to. First `public.request_card_refund` records the request as the caller: it checks that they are
 * the project LGU's admin or treasurer and that the gift still holds the amount, and the audit log
 * names them. `requestKey` comes from the form (a fresh one per form shown), so a resubmitted form
 * makes one request and, through Stripe's idempotency key, one refund. The request is then marked
 * sent (with Stripe's refund id) or failed. Returns Stripe's refund id; the ledger follows with the
 * webhook.
 */
export async function refundCardGift(
  claims: JwtClaims,
  lguId: string,
  input: { contributionId: string; amountMinor: number; requestKey: string },
): Promise<{ refundId: string }> {
  const payments = requirePayments();
  if (!UUID.test(input.contributionId)) throw new CardRefundRefusal("not_found");
  if (!UUID.test(input.requestKey)) throw new AppError("errors.errorBody", 400, "refund request key is not a uuid");
  if (!Number.isSafeInteger(input.amountMinor) || input.amountMinor <= 0) throw new CardRefundRefusal("bad_amount", String(input.amountMinor));
  const [gift] = await asService((tx) =>
    tx.execute<{ stripe_payment_intent_id: string | null; stripe_account_id: string | null }>(sql`
      select c.stripe_payment_intent_id, c.stripe_account_id
      from public.contributions c join public.projects p on p.id = c.project_id
      where c.id = ${input.contributionId}::uuid and p.lgu_id = ${lguId}::uuid`),
  );
  if (!gift) throw new CardRefundRefusal("not_found");
  const requestId = await withRls(claims, async (tx) => {
    const [row] = await tx.execute<{ id: string }>(
      sql`select public.request_card_refund(${input.contributionId}::uuid, ${input.amountMinor}::bigint, ${input.requestKey}::uuid) as id`,
    );
    return row!.id;
  }).catch((error: unknown) => {
    const failure = databaseFailure(error);
    if (failure?.code === "42501") throw new AppError("errors.forbiddenBody", 403, "not the project's treasurer");
    if (failure?.hint && REFUSALS.has(failure.hint as CardRefundRefusalReason)) throw new CardRefundRefusal(failure.hint as CardRefundRefusalReason);
    throw error;
  });
  const outcome = (status: "sent" | "failed", values: { refundId?: string; failure?: string }) =>
    asService((tx) =>
      tx.execute(sql`
        update public.card_refund_requests
           set status = ${status}::public.card_refund_status, provider_refund_id = coalesce(${values.refundId ?? null}, provider_refund_id),
               failure = ${values.failure ?? null}, updated_at = now()
         where id = ${requestId}::uuid
           and (status, provider_refund_id, failure) is distinct from
               (${status}::public.card_refund_status, coalesce(${values.refundId ?? null}, provider_refund_id), ${values.failure ?? null})`),
    );
  try {
    const refund = await payments.refund({
      paymentIntentId: gift.stripe_payment_intent_id!,
      amountMinor: input.amountMinor,
      connectedAccountId: gift.stripe_account_id,
      idempotencyKey: `refund-${input.contributionId}-${input.requestKey}`,
      contributionId: input.contributionId,
    });
    await outcome("sent", { refundId: refund.refundId });
    return refund;
  } catch (error) {
    if (isStripeError(error)) {
      await outcome("failed", { failure: error.message.slice(0, 500) });
      throw new CardRefundRefusal("provider_refused", error.message);
    }
    throw error;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const REFUSALS = new Set<CardRefundRefusalReason>(["not_card", "monthly", "not_paid", "bad_amount"]);

/**
 * Where an LGU's admin sets up (or finishes setting up) the LGU's own Stripe account. The first
 * time, the account is made (Express, the LGU's country) and recorded for the LGU, not yet able to
 * take charges; account.updated events then say when it can.
 */
export async function startLguPaymentsOnboarding(
  claims: JwtClaims,
  lguId: string,
  urls: { returnUrl: string; refreshUrl: string },
): Promise<{ url: string }> {
  const payments = requirePayments();
  await requireLguRole(claims, lguId, ["admin"]);
  const [lgu] = await asService((tx) =>
    tx.execute<{ country_code: string; stripe_account_id: string | null }>(sql`
      select pl.country_code, a.stripe_account_id
      from public.lgus l join public.places pl on pl.id = l.place_id
      left join public.lgu_payment_accounts a on a.lgu_id = l.id
      where l.id = ${lguId}::uuid`),
  );
  if (!lgu) throw new AppError("errors.notFoundBody", 404, `no lgu ${lguId}`);
  const link = await payments.onboardingLink({ lguId, existingAccountId: lgu.stripe_account_id, ...urls, country: lgu.country_code });
  if (!lgu.stripe_account_id) {
    // account.updated may have recorded it already (it can arrive before this line runs).
    await asService((tx) =>
      tx.execute(sql`insert into public.lgu_payment_accounts (lgu_id, stripe_account_id) values (${lguId}::uuid, ${link.accountId}) on conflict (lgu_id) do nothing`),
    );
  }
  return { url: link.url };
}
