/**
 * The one way money enters or leaves the ledger, whatever the channel (Stripe webhooks, the demo
 * sandbox, a treasurer confirming a pledge or issuing a refund). It runs as the server (service
 * role): the database rules (append-only ledger, one movement per external id, the project's
 * currency, no refund above what a gift holds, gifts only to projects raising money) hold here as
 * everywhere, and this module turns their refusals into answers a caller can show.
 */
import crypto from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { asService, type Tx } from "~/db/client.server";
import { contributionEvents, contributions } from "~/db/schema";
import { databaseFailure } from "~/modules/organisations/errors.server";

export type MovementSource = "stripe" | "sandbox" | "treasurer";
export type ContributionKind = (typeof contributions.kind.enumValues)[number];
export type ContributionChannel = (typeof contributions.channel.enumValues)[number];

/** A refusal of the ledger's rules, by the database's hint. */
export class LedgerRefusal extends Error {
  constructor(readonly reason: string) {
    super(`ledger refused: ${reason}`);
    this.name = "LedgerRefusal";
  }
}

const HINTS = new Set([
  "ledger_refund_too_large",
  "ledger_wrong_currency",
  "ledger_wrong_project",
  "project_not_raising",
  "contribution_wrong_currency",
  "association_member_only",
]);

function refusal(error: unknown): never {
  const hint = databaseFailure(error)?.hint;
  if (hint && HINTS.has(hint)) throw new LedgerRefusal(hint);
  throw error;
}

// Crockford's base32 without I, L, O, U: easy to read aloud at a remittance counter.
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** A reference such as TUL-7KQ2-M9XD: 40 random bits, grouped, unambiguous. */
export function newReference(): string {
  const bytes = crypto.randomBytes(8);
  const chars = Array.from(bytes, (b) => ALPHABET[b % 32]).join("");
  return `TUL-${chars.slice(0, 4)}-${chars.slice(4, 8)}`;
}

export interface NewContribution {
  projectId: string;
  donorId: string | null;
  kind: ContributionKind;
  channel: ContributionChannel;
  amountMinor: number;
  currency: string;
  anonymous: boolean;
  associationId?: string | null;
  dueOn?: string | null;
}

/** Opens a contribution (pending until money arrives) with a fresh reference. */
export async function openContribution(input: NewContribution, tx?: Tx): Promise<{ id: string; reference: string }> {
  const run = async (t: Tx) => {
    const reference = newReference();
    const [row] = await t
      .insert(contributions)
      .values({ ...input, associationId: input.associationId ?? null, dueOn: input.dueOn ?? null, reference })
      .returning({ id: contributions.id, reference: contributions.reference });
    return row!;
  };
  try {
    return tx ? await run(tx) : await asService(run);
  } catch (error) {
    refusal(error);
  }
}

export interface Movement {
  contributionId: string;
  type: "received" | "refunded";
  amountMinor: number;
  source: MovementSource;
  /** What makes the movement unique at its source: a Stripe event/charge/refund id, a confirmation id. */
  externalId: string;
  recordedBy?: string | null;
  occurredAt?: Date;
}

/**
 * Records a movement once. Returns `recorded: false` when this source already recorded this
 * external id (a retried webhook, a double click): nothing changes the second time.
 */
export async function recordMovement(movement: Movement, tx?: Tx): Promise<{ recorded: boolean }> {
  const run = async (t: Tx) => {
    const [contribution] = await t
      .select({ projectId: contributions.projectId, currency: contributions.currency })
      .from(contributions)
      .where(eq(contributions.id, movement.contributionId));
    if (!contribution) throw new LedgerRefusal("unknown_contribution");
    const inserted = await t
      .insert(contributionEvents)
      .values({
        contributionId: movement.contributionId,
        projectId: contribution.projectId,
        type: movement.type,
        amountMinor: movement.amountMinor,
        currency: contribution.currency,
        source: movement.source,
        externalId: movement.externalId,
        recordedBy: movement.recordedBy ?? null,
        occurredAt: movement.occurredAt ?? new Date(),
      })
      .onConflictDoNothing({ target: [contributionEvents.source, contributionEvents.externalId] })
      .returning({ id: contributionEvents.id });
    return { recorded: inserted.length === 1 };
  };
  try {
    return tx ? await run(tx) : await asService(run);
  } catch (error) {
    if (error instanceof LedgerRefusal) throw error;
    refusal(error);
  }
}

/** What a contribution still holds: received minus refunded (what a refund may take back). */
export async function refundableMinor(contributionId: string, tx?: Tx): Promise<number> {
  const run = async (t: Tx) => {
    const [row] = await t.execute<{ balance: string }>(sql`
      select coalesce(sum(case when type = 'received' then amount_minor else -amount_minor end), 0) as balance
      from public.contribution_events where contribution_id = ${contributionId}`);
    return Number(row?.balance ?? 0);
  };
  return tx ? run(tx) : asService(run);
}
