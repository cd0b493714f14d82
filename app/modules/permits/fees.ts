/**
 * Permit fee schedules and the fee they charge. A schedule is either fixed (one amount) or
 * bracketed by a figure the applicant declares (capital, gross sales or gross receipts), the way
 * Philippine LGUs' local business tax tables read: brackets ascending from zero, each covering
 * [fromMinor, toMinor) — the floor included, the ceiling not — with no gap and no overlap, the last
 * one open-ended (toMinor null). A bracket charges a fixed fee, a rate on the part of the declared
 * figure above its floor, or both:
 *
 *   fee = fixedMinor + round(  (declared − fromMinor) × rateBasisPoints / 10 000  )
 *
 * A table's "37½% of 1% of gross sales of 6.5 million or more" is the bracket from 6,500,000 with
 * fixedMinor = 0.375% of 6.5 million and rateBasisPoints 37.5 (rates may have two decimals).
 *
 * Rounding: half up to the minor unit (a centavo), once per fee, in exact integer arithmetic.
 * Schedules are checked so that the fee never falls when the declared figure rises: a bracket's
 * fee at its floor may not be less than the previous bracket's fee one minor unit below it.
 *
 * Everything here is pure and shared by the browser (the officer's form) and the server. Problems
 * come back as stable codes (`fees.brackets_overlap`); each code is a key of the `services`
 * namespace (`services:fees.brackets_overlap`) with its translated message.
 */
import { z } from "zod";
import { parseMajorUnits, MAX_MONEY_MINOR, type MoneyCode } from "~/modules/money/major-units";

export const FEE_CODES = [
  "fees.invalid",
  "fees.kind_invalid",
  "fees.currency_invalid",
  "fees.amount_invalid",
  "fees.figure_invalid",
  "fees.brackets_empty",
  "fees.brackets_too_many",
  "fees.bracket_bound_invalid",
  "fees.bracket_first_not_zero",
  "fees.bracket_empty_range",
  "fees.brackets_gap",
  "fees.brackets_overlap",
  "fees.bracket_last_not_open",
  "fees.bracket_open_not_last",
  "fees.bracket_no_charge",
  "fees.rate_invalid",
  "fees.brackets_decreasing",
  "fees.declared_required",
] as const;
export type FeeCode = (typeof FEE_CODES)[number];

export const feeFigures = ["capital", "gross_sales", "gross_receipts"] as const;
export type FeeFigure = (typeof feeFigures)[number];

/** Limits: a fee of at most 10 000 000 000.00, a rate of at most 100%, 50 brackets. */
export const MAX_FEE_MINOR = 1_000_000_000_000;
export const MAX_RATE_BASIS_POINTS = 10_000;
export const MAX_BRACKETS = 50;
/** The largest declared figure a schedule or an applicant may name, in minor units. */
export const MAX_DECLARED_MINOR = MAX_MONEY_MINOR;

const key = (code: FeeCode) => `services:${code}`;

const minorUnits = (max: number, code: FeeCode) =>
  z
    .number({ invalid_type_error: key(code), required_error: key(code) })
    .int(key(code))
    .min(0, key(code))
    .max(max, key(code));

const currency = z.string({ invalid_type_error: key("fees.currency_invalid"), required_error: key("fees.currency_invalid") }).regex(/^[A-Z]{3}$/, key("fees.currency_invalid"));

const bracketSchema = z
  .object({
    fromMinor: minorUnits(MAX_DECLARED_MINOR, "fees.bracket_bound_invalid"),
    toMinor: minorUnits(MAX_DECLARED_MINOR, "fees.bracket_bound_invalid").nullable(),
    fixedMinor: minorUnits(MAX_FEE_MINOR, "fees.amount_invalid").optional(),
    rateBasisPoints: z
      .number({ invalid_type_error: key("fees.rate_invalid") })
      .min(0, key("fees.rate_invalid"))
      .max(MAX_RATE_BASIS_POINTS, key("fees.rate_invalid"))
      .multipleOf(0.01, key("fees.rate_invalid"))
      .optional(),
  }, { invalid_type_error: key("fees.invalid"), required_error: key("fees.invalid") })
  .strict(key("fees.invalid"))
  .superRefine((bracket, ctx) => {
    if (bracket.fixedMinor === undefined && bracket.rateBasisPoints === undefined) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: key("fees.bracket_no_charge") });
    }
    if (bracket.toMinor !== null && bracket.toMinor <= bracket.fromMinor) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["toMinor"], message: key("fees.bracket_empty_range") });
    }
  });

export type FeeBracket = z.infer<typeof bracketSchema>;

const fixedScheduleSchema = z
  .object({ kind: z.literal("fixed"), currency, amountMinor: minorUnits(MAX_FEE_MINOR, "fees.amount_invalid") })
  .strict(key("fees.invalid"));

const bracketedScheduleSchema = z
  .object({
    kind: z.literal("bracketed"),
    currency,
    figure: z.enum(feeFigures, { errorMap: () => ({ message: key("fees.figure_invalid") }) }),
    brackets: z
      .array(bracketSchema, { invalid_type_error: key("fees.brackets_empty"), required_error: key("fees.brackets_empty") })
      .min(1, key("fees.brackets_empty"))
      .max(MAX_BRACKETS, key("fees.brackets_too_many")),
  })
  .strict(key("fees.invalid"));

function checkBrackets({ brackets }: z.infer<typeof bracketedScheduleSchema>, ctx: z.RefinementCtx) {
  if (brackets.length === 0 || brackets.length > MAX_BRACKETS) return;
  const at = (index: number, field?: string) => (field ? ["brackets", index, field] : ["brackets", index]);
  if (brackets[0]!.fromMinor !== 0) ctx.addIssue({ code: z.ZodIssueCode.custom, path: at(0, "fromMinor"), message: key("fees.bracket_first_not_zero") });
  let chained = true;
  brackets.forEach((bracket, index) => {
    const last = index === brackets.length - 1;
    if (last && bracket.toMinor !== null) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: at(index, "toMinor"), message: key("fees.bracket_last_not_open") });
      chained = false;
    }
    if (!last && bracket.toMinor === null) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: at(index, "toMinor"), message: key("fees.bracket_open_not_last") });
      chained = false;
      return;
    }
    if (last || bracket.toMinor === null) return;
    const next = brackets[index + 1]!;
    if (next.fromMinor < bracket.toMinor) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: at(index + 1, "fromMinor"), message: key("fees.brackets_overlap") });
      chained = false;
    } else if (next.fromMinor > bracket.toMinor) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: at(index + 1, "fromMinor"), message: key("fees.brackets_gap") });
      chained = false;
    }
  });
  if (!chained || brackets.some((b) => b.toMinor !== null && b.toMinor <= b.fromMinor)) return;
  // The fee may not drop where one bracket hands over to the next.
  for (let index = 1; index < brackets.length; index++) {
    const previous = brackets[index - 1]!;
    const current = brackets[index]!;
    const below = bracketFee(previous, (previous.toMinor as number) - 1);
    if (bracketFee(current, current.fromMinor) < below) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: at(index), message: key("fees.brackets_decreasing") });
    }
  }
}

export const feeScheduleSchema = z
  .discriminatedUnion("kind", [fixedScheduleSchema, bracketedScheduleSchema], {
    errorMap: (issue, ctx) => (issue.code === z.ZodIssueCode.invalid_union_discriminator ? { message: key("fees.kind_invalid") } : { message: ctx.defaultError }),
  })
  .superRefine((schedule, ctx) => {
    if (schedule.kind === "bracketed") checkBrackets(schedule, ctx);
  });

export type FixedFeeSchedule = z.infer<typeof fixedScheduleSchema>;
export type BracketedFeeSchedule = z.infer<typeof bracketedScheduleSchema>;
export type FeeSchedule = FixedFeeSchedule | BracketedFeeSchedule;

export interface FeeIssue {
  /** Where in the schedule, e.g. "brackets.2.fromMinor"; "" for the schedule itself. */
  path: string;
  code: FeeCode;
}

function toCode(message: string): FeeCode {
  const code = message.startsWith("services:") ? message.slice("services:".length) : message;
  return (FEE_CODES as readonly string[]).includes(code) ? (code as FeeCode) : "fees.invalid";
}

/** Checks a schedule (from a form or the database's jsonb); every problem found, each with its code. */
export function validateFeeSchedule(input: unknown): { ok: true; schedule: FeeSchedule } | { ok: false; issues: FeeIssue[] } {
  const parsed = feeScheduleSchema.safeParse(input);
  if (parsed.success) return { ok: true, schedule: parsed.data };
  const seen = new Set<string>();
  const issues: FeeIssue[] = [];
  for (const issue of parsed.error.issues) {
    const entry = { path: issue.path.join("."), code: toCode(issue.message) };
    const id = `${entry.path}|${entry.code}`;
    if (!seen.has(id)) {
      seen.add(id);
      issues.push(entry);
    }
  }
  return { ok: false, issues };
}

/** (amount × rate in hundredths of a basis point) / 1 000 000, rounded half up; exact. */
function rateOf(amountMinor: number, rateBasisPoints: number): number {
  const hundredthsOfBasisPoint = BigInt(Math.round(rateBasisPoints * 100));
  const numerator = BigInt(amountMinor) * hundredthsOfBasisPoint;
  const denominator = 1_000_000n;
  return Number((numerator * 2n + denominator) / (denominator * 2n));
}

function bracketFee(bracket: FeeBracket, declaredMinor: number): number {
  return (bracket.fixedMinor ?? 0) + (bracket.rateBasisPoints ? rateOf(declaredMinor - bracket.fromMinor, bracket.rateBasisPoints) : 0);
}

/** The bracket a declared figure falls in (the last whose floor it reaches). */
export function bracketFor(schedule: BracketedFeeSchedule, declaredMinor: number): FeeBracket {
  let found = schedule.brackets[0]!;
  for (const bracket of schedule.brackets) {
    if (declaredMinor >= bracket.fromMinor) found = bracket;
    else break;
  }
  return found;
}

/**
 * The fee, in integer minor units of the schedule's currency. `schedule` must have passed
 * validateFeeSchedule; `declaredMinor` (ignored by a fixed schedule) is a whole number of minor
 * units from 0 to MAX_DECLARED_MINOR — anything else is a programming error and throws RangeError.
 */
export function computeFee(schedule: FeeSchedule, declaredMinor?: number | null): number {
  if (schedule.kind === "fixed") return schedule.amountMinor;
  if (declaredMinor === undefined || declaredMinor === null) throw new RangeError("computeFee: this schedule needs the declared figure");
  if (!Number.isSafeInteger(declaredMinor) || declaredMinor < 0 || declaredMinor > MAX_DECLARED_MINOR) {
    throw new RangeError(`computeFee: the declared figure must be whole minor units from 0 to ${MAX_DECLARED_MINOR}`);
  }
  return bracketFee(bracketFor(schedule, declaredMinor), declaredMinor);
}

/**
 * The applicant's declared figure as typed ("1,250,000.00") → minor units, or a code:
 * `fees.declared_required` when empty, otherwise one of the money codes.
 */
export function parseDeclaredFigure(text: string | null | undefined, digits: number): { ok: true; minor: number } | { ok: false; code: "fees.declared_required" | MoneyCode } {
  const parsed = parseMajorUnits(text ?? "", digits);
  if (!parsed.ok && parsed.code === "money.required") return { ok: false, code: "fees.declared_required" };
  return parsed;
}
