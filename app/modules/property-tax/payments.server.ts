/**
 * The public side of real property tax: looking an assessment up by its tax declaration number
 * and the owner's last name (rate-limited; a wrong number and a wrong name get the same answer),
 * the amount due as of today with the penalty, paying it (the demo sandbox here; the payment is
 * recorded once per assessment by `record_property_tax_payment`), the receipt, and the LGU's list
 * and CSV export of the payments it received.
 */
import { and, count, desc, eq, sql } from "drizzle-orm";
import { asService, withRls, type JwtClaims } from "~/db/client.server";
import { rptAssessments, servicePayments } from "~/db/schema";
import { allowed, type Limit } from "~/modules/auth/rate-limit.server";
import { sandboxEnabled } from "~/modules/contributions/giving.server";
import { databaseFailure, FormProblem } from "~/modules/organisations/errors.server";
import { lookupKeys } from "./names";
import { amountDueAsOf, calendarDateIn } from "./penalties";

// Per IP generous enough for a family at one address looking up several properties; per
// declaration number tight, because guessing the name for a known number is the attack.
export const lookupLimits = {
  perIp: { name: "rpt-lookup:ip", max: 30, windowSeconds: 15 * 60 },
  perDeclaration: { name: "rpt-lookup:td", max: 10, windowSeconds: 60 * 60 },
} satisfies Record<string, Limit>;

/** An LGU's "today" (the penalty counts calendar months in its time zone). */
export const lguToday = (now = new Date()) => calendarDateIn(now, "Asia/Manila");

export interface AssessmentDueView {
  id: string;
  taxDeclarationNumber: string;
  propertyLocation: string;
  dueDate: string;
  currency: string;
  taxDueMinor: number;
  penaltyMinor: number;
  totalMinor: number;
  monthsLate: number;
  receiptNumber: string | null;
}

type LookupRow = {
  id: string;
  tax_declaration_number: string;
  property_location: string;
  tax_due_minor: string | number;
  due_date: string;
  imported_penalties_minor: string | number;
  currency: string;
  receipt_number: string | null;
};

function dueView(r: LookupRow, today: string): AssessmentDueView {
  const due = amountDueAsOf({ taxDueMinor: Number(r.tax_due_minor), dueDate: r.due_date, importedPenaltiesMinor: Number(r.imported_penalties_minor) }, today);
  return {
    id: r.id,
    taxDeclarationNumber: r.tax_declaration_number,
    propertyLocation: r.property_location,
    dueDate: r.due_date,
    currency: r.currency,
    taxDueMinor: Number(r.tax_due_minor),
    penaltyMinor: r.receipt_number ? 0 : due.penaltyMinor,
    totalMinor: r.receipt_number ? Number(r.tax_due_minor) : due.totalMinor,
    monthsLate: due.monthsLate,
    receiptNumber: r.receipt_number,
  };
}

export type LookupAnswer = { status: "found"; assessments: AssessmentDueView[] } | { status: "not_found" } | { status: "rate_limited" };

/**
 * The assessments of a declaration whose owner has this last name. `not_found` for a wrong number
 * and a wrong name alike (no enumeration); `rate_limited` once the IP or the number is over its limit.
 */
export async function lookUpAssessments(claims: JwtClaims | null, lguId: string, input: { taxDeclarationNumber: string; lastName: string }, ip: string): Promise<LookupAnswer> {
  const number = input.taxDeclarationNumber.trim().replace(/\s+/g, " ").toUpperCase();
  if (!(await allowed([[lookupLimits.perIp, ip], [lookupLimits.perDeclaration, `${lguId}:${number}`]]))) return { status: "rate_limited" };
  const today = lguToday();
  const found = new Map<string, AssessmentDueView>();
  for (const key of lookupKeys(input.lastName)) {
    const rows = await withRls(claims, (tx) =>
      tx.execute<LookupRow>(
        sql`select id, tax_declaration_number, property_location, tax_due_minor, due_date::text as due_date, imported_penalties_minor, currency, receipt_number
            from public.rpt_lookup(${lguId}, ${number}, ${key})`,
      ),
    );
    for (const r of rows) found.set(r.id, dueView(r, today));
  }
  if (found.size === 0) return { status: "not_found" };
  return { status: "found", assessments: [...found.values()].sort((a, b) => a.dueDate.localeCompare(b.dueDate)) };
}

/**
 * One assessment to pay, by its id (a random UUID the payer got from a lookup), with what it costs
 * today. Only a payer's view: number, location, amounts; null when it is not of this LGU.
 */
export async function assessmentToPay(lguId: string, assessmentId: string): Promise<AssessmentDueView | null> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(assessmentId)) return null;
  const rows = await asService((tx) =>
    tx.execute<LookupRow>(sql`
      select a.id, a.tax_declaration_number, a.property_location, a.tax_due_minor, a.due_date::text as due_date, a.imported_penalties_minor, a.currency,
             (select sp.receipt_number from public.service_payments sp where sp.subject = 'property_tax' and sp.subject_id = a.id order by sp.paid_at limit 1) as receipt_number
      from public.rpt_assessments a where a.id = ${assessmentId} and a.lgu_id = ${lguId}`),
  );
  return rows[0] ? dueView(rows[0], lguToday()) : null;
}

const PAYMENT_REFUSALS: Record<string, string> = {
  already_paid: "tax:errors.alreadyPaid",
  amount_too_small: "tax:errors.notFound",
  assessment_not_found: "tax:errors.notFound",
};

/**
 * The sandbox's test payment of an assessment, by a signed-in payer: recorded once (the external
 * id is the assessment's, so paying twice answers the first receipt). Returns the receipt number.
 */
export async function paySandbox(claims: JwtClaims, lguId: string, assessmentId: string): Promise<string> {
  if (!sandboxEnabled()) throw new FormProblem("", "tax:errors.sandboxOff", 403);
  const assessment = await assessmentToPay(lguId, assessmentId);
  if (!assessment) throw new FormProblem("", "tax:errors.notFound", 404);
  try {
    const [row] = await asService((tx) =>
      tx.execute<{ receipt: string }>(
        sql`select public.record_property_tax_payment(${assessment.id}, ${claims.sub}, ${assessment.totalMinor}, 'sandbox', 'sandbox', ${`sandbox-rpt-${assessment.id}`}) as receipt`,
      ),
    );
    return row!.receipt;
  } catch (error) {
    const hint = databaseFailure(error)?.hint;
    if (hint && PAYMENT_REFUSALS[hint]) throw new FormProblem("", PAYMENT_REFUSALS[hint]!, 409);
    throw error;
  }
}

/** A property tax receipt, for its payer or the LGU's staff (RLS on service_payments decides). */
export async function taxReceipt(claims: JwtClaims, receiptNumber: string) {
  if (!/^[A-Z0-9-]{5,120}$/.test(receiptNumber)) return null;
  const [payment] = await withRls(claims, (tx) =>
    tx
      .select()
      .from(servicePayments)
      .where(and(eq(servicePayments.receiptNumber, receiptNumber), eq(servicePayments.subject, "property_tax"))),
  );
  if (!payment) return null;
  // The payer may not read assessments (RLS); the payment they may read says which one it paid.
  const [assessment] = await asService((tx) =>
    tx
      .select({ taxDeclarationNumber: rptAssessments.taxDeclarationNumber, propertyLocation: rptAssessments.propertyLocation, dueDate: rptAssessments.dueDate, taxDueMinor: rptAssessments.taxDueMinor })
      .from(rptAssessments)
      .where(eq(rptAssessments.id, payment.subjectId)),
  );
  return { payment, assessment: assessment ?? null };
}

export const PAYMENTS_PER_PAGE = 25;

const paymentColumns = {
  receiptNumber: servicePayments.receiptNumber,
  amountMinor: servicePayments.amountMinor,
  currency: servicePayments.currency,
  channel: servicePayments.channel,
  paidAt: servicePayments.paidAt,
  taxDeclarationNumber: rptAssessments.taxDeclarationNumber,
  dueDate: rptAssessments.dueDate,
  ownerName: rptAssessments.ownerName,
};

/** The LGU's property tax payments, newest first, a page at a time (RLS: its treasurers and admins). */
export async function listTaxPayments(claims: JwtClaims, lguId: string, page: number) {
  return withRls(claims, async (tx) => {
    const where = and(eq(servicePayments.lguId, lguId), eq(servicePayments.subject, "property_tax"));
    const [{ total } = { total: 0 }] = await tx.select({ total: count() }).from(servicePayments).where(where);
    const pages = Math.max(1, Math.ceil(total / PAYMENTS_PER_PAGE));
    const current = Math.min(Math.max(1, Math.floor(page) || 1), pages);
    const rows = await tx
      .select(paymentColumns)
      .from(servicePayments)
      .leftJoin(rptAssessments, eq(rptAssessments.id, servicePayments.subjectId))
      .where(where)
      .orderBy(desc(servicePayments.paidAt))
      .limit(PAYMENTS_PER_PAGE)
      .offset((current - 1) * PAYMENTS_PER_PAGE);
    return { rows, total, page: current, pages };
  });
}

/** Every property tax payment of the LGU, oldest first, for the CSV export. */
export async function allTaxPayments(claims: JwtClaims, lguId: string) {
  return withRls(claims, (tx) =>
    tx
      .select(paymentColumns)
      .from(servicePayments)
      .leftJoin(rptAssessments, eq(rptAssessments.id, servicePayments.subjectId))
      .where(and(eq(servicePayments.lguId, lguId), eq(servicePayments.subject, "property_tax")))
      .orderBy(servicePayments.paidAt),
  );
}
