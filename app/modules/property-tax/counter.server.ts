/**
 * Property tax paid at the LGU's treasury: the treasurer finds the declaration, sees what it costs
 * today (the same penalty rule as the online lookup) and records the cash or bank transfer they
 * received. The database function records it as the treasurer (role checked, audited), once per
 * form and once per assessment; this module checks that the amount is what is due today.
 */
import { and, eq, sql } from "drizzle-orm";
import { withRls, type JwtClaims } from "~/db/client.server";
import { rptAssessments } from "~/db/schema";
import { currencyMinorDigits } from "~/i18n/format";
import { parseMajorUnits } from "~/modules/money/major-units";
import { FormProblem, throwHinted } from "~/modules/organisations/errors.server";
import { amountDueAsOf } from "./penalties";
import { lguToday } from "./payments.server";
import { counterChannels } from "./schema";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface CounterAssessment {
  id: string;
  taxDeclarationNumber: string;
  propertyLocation: string;
  ownerName: string;
  dueDate: string;
  currency: string;
  taxDueMinor: number;
  penaltyMinor: number;
  totalMinor: number;
  receiptNumber: string | null;
}

/** The LGU's assessments of one declaration number, as its treasurer sees them (RLS). */
export async function assessmentsAtCounter(claims: JwtClaims, lguId: string, taxDeclarationNumber: string, today = lguToday()): Promise<CounterAssessment[]> {
  const number = taxDeclarationNumber.trim().replace(/\s+/g, " ").toUpperCase();
  if (!number || number.length > 60) return [];
  const rows = await withRls(claims, (tx) =>
    tx
      .select({
        id: rptAssessments.id,
        taxDeclarationNumber: rptAssessments.taxDeclarationNumber,
        propertyLocation: rptAssessments.propertyLocation,
        ownerName: rptAssessments.ownerName,
        dueDate: rptAssessments.dueDate,
        currency: rptAssessments.currency,
        taxDueMinor: rptAssessments.taxDueMinor,
        importedPenaltiesMinor: rptAssessments.importedPenaltiesMinor,
        receiptNumber: sql<string | null>`(select sp.receipt_number from public.service_payments sp
          where sp.subject = 'property_tax' and sp.subject_id = public.rpt_assessments.id order by sp.paid_at limit 1)`,
      })
      .from(rptAssessments)
      .where(and(eq(rptAssessments.lguId, lguId), eq(rptAssessments.taxDeclarationNumber, number)))
      .orderBy(rptAssessments.dueDate)
      .limit(50),
  );
  return rows.map((r) => {
    const due = amountDueAsOf({ taxDueMinor: r.taxDueMinor, dueDate: r.dueDate, importedPenaltiesMinor: r.importedPenaltiesMinor }, today);
    return {
      id: r.id,
      taxDeclarationNumber: r.taxDeclarationNumber,
      propertyLocation: r.propertyLocation,
      ownerName: r.ownerName,
      dueDate: r.dueDate,
      currency: r.currency,
      taxDueMinor: r.taxDueMinor,
      penaltyMinor: r.receiptNumber ? 0 : due.penaltyMinor,
      totalMinor: r.receiptNumber ? r.taxDueMinor : due.totalMinor,
      receiptNumber: r.receiptNumber,
    };
  });
}

export interface CounterPaymentInput {
  assessmentId: string;
  amount: string;
  channel: string;
  key: string;
}

/**
 * Records a payment received at the treasury; returns its receipt number. The amount must be the
 * total due today (tax plus penalty), so a mistyped figure is refused rather than receipted.
 */
export async function recordCounterPayment(claims: JwtClaims, lguId: string, input: CounterPaymentInput, today = lguToday()): Promise<string> {
  if (!UUID.test(input.assessmentId) || !UUID.test(input.key)) throw new FormProblem("", "tax:errors.unreadable");
  if (!(counterChannels as readonly string[]).includes(input.channel)) throw new FormProblem("channel", "tax:counter.channelInvalid");
  const [assessment] = (await withRls(claims, (tx) =>
    tx.select({ taxDeclarationNumber: rptAssessments.taxDeclarationNumber }).from(rptAssessments).where(and(eq(rptAssessments.id, input.assessmentId), eq(rptAssessments.lguId, lguId))),
  )) as { taxDeclarationNumber: string }[];
  if (!assessment) throw new FormProblem("", "tax:errors.notFound", 404);
  const due = (await assessmentsAtCounter(claims, lguId, assessment.taxDeclarationNumber, today)).find((a) => a.id === input.assessmentId);
  if (!due) throw new FormProblem("", "tax:errors.notFound", 404);
  const parsed = parseMajorUnits(input.amount, currencyMinorDigits(due.currency));
  if (!parsed.ok) throw new FormProblem("amount", `services:${parsed.code}`);
  // Once paid, the database answers: the same receipt to the same form sent again, a refusal to any other.
  if (!due.receiptNumber && parsed.minor !== due.totalMinor) throw new FormProblem("amount", "tax:counter.amountNotDue");
  try {
    const [row] = await withRls(claims, (tx) =>
      tx.execute<{ receipt: string }>(
        sql`select public.record_property_tax_counter_payment(${due.id}::uuid, ${parsed.minor}::bigint, ${input.channel}::public.service_payment_channel, ${input.key.toLowerCase()}) as receipt`,
      ),
    );
    return row!.receipt;
  } catch (error) {
    throwHinted(
      error,
      {
        already_paid: ["", "tax:errors.alreadyPaid", 409],
        amount_too_small: ["amount", "tax:counter.amountNotDue", 400],
        assessment_not_found: ["", "tax:errors.notFound", 404],
        channel_invalid: ["channel", "tax:counter.channelInvalid", 400],
        unreadable: ["", "tax:errors.unreadable", 400],
        forbidden: ["", "tax:errors.notTreasurer", 403],
      },
      "forbidden",
    );
  }
}
