/**
 * What a real property tax assessment costs as of a date. The Philippine rule (Local Government
 * Code, sec. 255): interest of 2% per month on the unpaid basic tax, for each month or part of a
 * month of delinquency, never more than 36 months (72%). Rate and cap are options, for LGUs whose
 * ordinance says otherwise or for other countries.
 *
 * Months of delinquency: none on or before the due date; then the smallest n such that the date
 * is on or before the due date plus n calendar months (a month added to 31 January is the last
 * day of February, 29 February in leap years). So with a due date of 31 March, 1–30 April is one
 * month, 1 May begins the second; 1 April is already a (part of a) month late.
 *
 * Rounding: the penalty is tax × rate × months, computed exactly in integers and rounded half up
 * to the minor unit once (not month by month).
 *
 * Imported penalties: the CSV import's `penalties` column is the penalty the LGU's own system had
 * already assessed on this same tax as of the file's date. It is not added on top of the computed
 * penalty (that would count the same months twice): the penalty due is the larger of the two, so
 * the LGU's figure is never lowered and the 2% a month keeps running after the import.
 *
 * Dates are calendar dates ("YYYY-MM-DD") in the LGU's time zone; calendarDateIn turns an instant
 * (now) into one.
 */
import { isCalendarDate } from "~/modules/projects/schema";

export interface PenaltyRule {
  /** Interest per month of delinquency, in basis points of the basic tax (200 = 2%). */
  monthlyRateBasisPoints: number;
  /** The most months that count (36 months × 2% = 72%). */
  maxMonths: number;
}

export const PHILIPPINE_RPT_PENALTY: PenaltyRule = { monthlyRateBasisPoints: 200, maxMonths: 36 };

function parts(date: string): [number, number, number] {
  if (!isCalendarDate(date)) throw new RangeError(`not a calendar date: ${JSON.stringify(date)}`);
  return [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
}

const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** `date` plus `months` calendar months, clamped to the end of a shorter month. */
export function addCalendarMonths(date: string, months: number): string {
  const [year, month, day] = parts(date);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  const d = Math.min(day, daysInMonth(y, m));
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** Months (or parts of a month) from the due date to `asOf`; 0 on or before the due date. Uncapped. */
export function monthsOfDelinquency(dueDate: string, asOf: string): number {
  parts(dueDate);
  parts(asOf);
  if (asOf <= dueDate) return 0;
  const [dy, dm] = parts(dueDate);
  const [ay, am] = parts(asOf);
  // The answer is the month difference or one more; start there instead of counting from one.
  let months = Math.max(1, (ay - dy) * 12 + (am - dm));
  while (addCalendarMonths(dueDate, months) < asOf) months++;
  while (months > 1 && addCalendarMonths(dueDate, months - 1) >= asOf) months--;
  return months;
}

function checkedRule(rule: PenaltyRule): PenaltyRule {
  if (!Number.isInteger(rule.monthlyRateBasisPoints) || rule.monthlyRateBasisPoints < 0 || rule.monthlyRateBasisPoints > 10_000) throw new RangeError("penalty rate");
  if (!Number.isInteger(rule.maxMonths) || rule.maxMonths < 0 || rule.maxMonths > 1200) throw new RangeError("penalty cap");
  return rule;
}

function checkedMinor(value: number, name: string): number {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name} must be whole, non-negative minor units`);
  return value;
}

/** The interest on `taxDueMinor` for `months` months (already capped by the caller or not: it caps). */
export function penaltyFor(taxDueMinor: number, months: number, rule: PenaltyRule = PHILIPPINE_RPT_PENALTY): number {
  const { monthlyRateBasisPoints, maxMonths } = checkedRule(rule);
  const counted = BigInt(Math.min(Math.max(0, Math.floor(months)), maxMonths));
  const numerator = BigInt(checkedMinor(taxDueMinor, "taxDueMinor")) * BigInt(monthlyRateBasisPoints) * counted;
  return Number((numerator * 2n + 10_000n) / 20_000n);
}

export interface AssessmentDue {
  taxDueMinor: number;
  dueDate: string;
  /** The penalty the LGU had already assessed as of its import (see the module comment). */
  importedPenaltiesMinor?: number;
}

export interface AmountDue {
  /** Months of delinquency, after the cap. */
  monthsLate: number;
  /** Whether the cap was reached. */
  capped: boolean;
  /** The interest by the rule, as of the date. */
  computedPenaltyMinor: number;
  /** The penalty owed: the larger of the computed and the imported one. */
  penaltyMinor: number;
  totalMinor: number;
}

/** The amount due on an assessment as of a calendar date, in minor units of its currency. */
export function amountDueAsOf(assessment: AssessmentDue, asOf: string, rule: PenaltyRule = PHILIPPINE_RPT_PENALTY): AmountDue {
  const { maxMonths } = checkedRule(rule);
  const taxDueMinor = checkedMinor(assessment.taxDueMinor, "taxDueMinor");
  const imported = checkedMinor(assessment.importedPenaltiesMinor ?? 0, "importedPenaltiesMinor");
  const months = monthsOfDelinquency(assessment.dueDate, asOf);
  const monthsLate = Math.min(months, maxMonths);
  const computedPenaltyMinor = penaltyFor(taxDueMinor, monthsLate, rule);
  const penaltyMinor = Math.max(computedPenaltyMinor, imported);
  return { monthsLate, capped: months >= maxMonths && maxMonths > 0 && months > 0, computedPenaltyMinor, penaltyMinor, totalMinor: taxDueMinor + penaltyMinor };
}

/** The calendar date of an instant in a time zone (an LGU's "today"), as "YYYY-MM-DD". */
export function calendarDateIn(instant: Date, timeZone = "Asia/Manila"): string {
  const formatted = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).formatToParts(instant);
  const get = (type: string) => formatted.find((p) => p.type === type)?.value ?? "";
  return `${get("year")}-${get("month")}-${get("day")}`;
}
