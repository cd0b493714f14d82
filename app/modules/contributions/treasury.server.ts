/**
 * The treasurer's view of an LGU's money in: every contribution to its projects with the donor's
 * name and email (the LGU needs them for receipts, even for gifts shown anonymously in public),
 * and the actions on them, which run as the treasurer through the database's own functions
 * (confirm_contribution, lapse_contribution, refund_offline_contribution): the role check, the
 * ledger write and the audit row are the database's.
 */
import crypto from "node:crypto";
import { and, count, desc, eq, sql } from "drizzle-orm";
import { asService, withRls, type JwtClaims } from "~/db/client.server";
import { contributions, lguPaymentAccounts, profiles, projects } from "~/db/schema";
import { FormProblem, throwHinted, type HintedProblems } from "~/modules/organisations/errors.server";
import { AppError } from "~/utils/errors";
import { logger } from "~/utils/logger.server";
import { toMinorUnits } from "~/modules/projects/editing.server";
import { CardRefundRefusal, refundCardGift } from "./card-payments.server";
import { contributionColumns } from "./giving.server";
import type { TreasuryFilter } from "./schema";

export const TREASURY_PAGE_SIZE = 25;

/** A key for one submission of a form that must not act twice (a refund resubmitted). */
export const newRequestKey = () => crypto.randomUUID();

/** Contributions to the LGU's projects. Call only after checking the person is its admin or treasurer. */
export async function listLguContributions(lguId: string, filter: TreasuryFilter, page: number) {
  const where = and(
    eq(projects.lguId, lguId),
    filter === "pending" ? eq(contributions.status, "pending") : filter === "confirmed" ? eq(contributions.status, "confirmed") : undefined,
  );
  return asService(async (tx) => {
    const [{ total } = { total: 0 }] = await tx.select({ total: count() }).from(contributions).innerJoin(projects, eq(projects.id, contributions.projectId)).where(where);
    const pages = Math.max(1, Math.ceil(total / TREASURY_PAGE_SIZE));
    const current = Math.min(Math.max(1, page), pages);
    const rows = await tx
      .select({
        ...contributionColumns,
        donorName: profiles.displayName,
        donorEmail: sql<string | null>`(select u.email from auth.users u where u.id = ${contributions.donorId})`,
        receivedMinor: sql<number>`coalesce((select sum(case when e.type = 'received' then e.amount_minor else -e.amount_minor end)
          from public.contribution_events e where e.contribution_id = ${contributions.id}), 0)::bigint`.mapWith(Number),
        // Card refunds asked of Stripe that its webhook has not yet brought into the ledger.
        refundAwaitingMinor: sql<number>`coalesce((select sum(r.amount_minor) from public.card_refund_requests r
          where r.contribution_id = ${contributions.id} and r.status in ('requested', 'sent')
            and not exists (select 1 from public.contribution_events e where e.source = 'stripe' and e.external_id = r.provider_refund_id)), 0)::bigint`.mapWith(Number),
      })
      .from(contributions)
      .innerJoin(projects, eq(projects.id, contributions.projectId))
      .leftJoin(profiles, eq(profiles.id, contributions.donorId))
      .where(where)
      .orderBy(desc(contributions.createdAt), desc(contributions.id))
      .limit(TREASURY_PAGE_SIZE)
      .offset((current - 1) * TREASURY_PAGE_SIZE);
    return { rows, total, page: current, pages };
  });
}

const HINTS: HintedProblems = {
  not_treasurer: ["", "giving:errors.notTreasurer", 403],
  not_pending: ["", "giving:errors.notPending", 409],
  not_offline: ["", "giving:errors.notOffline", 409],
  amount_positive: ["amount", "giving:validation.amount", 400],
  received_in_future: ["receivedOn", "giving:validation.receivedInFuture", 400],
  ledger_refund_too_large: ["amount", "giving:validation.refundTooLarge", 400],
};

const asProblem = (error: unknown): never => throwHinted(error, HINTS, "not_treasurer");

/** The LGU's card payments account as its staff see it (null: none set up yet). */
export async function lguCardAccount(lguId: string) {
  const [row] = await asService((tx) =>
    tx
      .select({ chargesEnabled: lguPaymentAccounts.chargesEnabled, detailsSubmitted: lguPaymentAccounts.detailsSubmitted })
      .from(lguPaymentAccounts)
      .where(eq(lguPaymentAccounts.lguId, lguId)),
  );
  return row ?? null;
}

/** A card refund through the provider, answered like the other forms (the ledger follows its webhook). */
export async function refundCard(claims: JwtClaims, lguId: string, input: { id: string; amount: string; key: string }) {
  const { currency } = await ofLgu(lguId, input.id);
  const amountMinor = toMinorUnits(input.amount, currency, "amount");
  try {
    await refundCardGift(claims, lguId, { contributionId: input.id, amountMinor, requestKey: input.key });
  } catch (error) {
    if (!(error instanceof CardRefundRefusal)) throw error;
    if (error.reason === "bad_amount") throw new FormProblem("amount", "giving:validation.refundTooLarge");
    if (error.reason === "provider_refused") throw new FormProblem("", "giving:errors.providerRefused", 502);
    throw new FormProblem("", "giving:errors.notRefundable", 409);
  }
}

/** The contribution, if it is one of this LGU's (so a form cannot reach another LGU's). */
async function ofLgu(lguId: string, id: string) {
  const [row] = await asService((tx) =>
    tx
      .select({ currency: contributions.currency })
      .from(contributions)
      .innerJoin(projects, eq(projects.id, contributions.projectId))
      .where(and(eq(contributions.id, id), eq(projects.lguId, lguId))),
  );
  if (!row) throw new FormProblem("", "giving:validation.gone", 404);
  return row;
}

export async function confirmContribution(claims: JwtClaims, lguId: string, input: { id: string; amount: string; receivedOn: string }) {
  const { currency } = await ofLgu(lguId, input.id);
  const amountMinor = toMinorUnits(input.amount, currency, "amount");
  await withRls(claims, (tx) => tx.execute(sql`select public.confirm_contribution(${input.id}, ${amountMinor}, ${input.receivedOn})`)).catch(asProblem);
}

export async function lapseContribution(claims: JwtClaims, lguId: string, input: { id: string }) {
  await ofLgu(lguId, input.id);
  await withRls(claims, (tx) => tx.execute(sql`select public.lapse_contribution(${input.id})`)).catch(asProblem);
}

export async function refundOfflineContribution(claims: JwtClaims, lguId: string, input: { id: string; amount: string; key: string }) {
  const { currency } = await ofLgu(lguId, input.id);
  const amountMinor = toMinorUnits(input.amount, currency, "amount");
  await withRls(claims, (tx) => tx.execute(sql`select public.refund_offline_contribution(${input.id}, ${amountMinor}, ${input.key})`)).catch(asProblem);
}

/**
 * A refused money action (a gift out of bounds, a treasurer's action the rules refused, someone who
 * is not a treasurer), logged with who, what and why, never the amounts' owner's details: the
 * ledger did not change, and the log says someone tried.
 */
export function logMoneyRefusal(action: string, userId: string, reason: unknown) {
  const why =
    reason instanceof AppError
      ? { reason: reason.messageKey, status: reason.status }
      : typeof reason === "object" && reason !== null
        ? { reason: Object.keys(reason).join(",") || "invalid" }
        : { reason: String(reason) };
  logger().warn({ action, user: userId, ...why }, "money action refused");
}
