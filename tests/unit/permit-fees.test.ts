import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MONEY_CODES, parseMajorUnits } from "../../app/modules/money/major-units";
import {
  computeFee,
  FEE_CODES,
  MAX_DECLARED_MINOR,
  parseDeclaredFigure,
  validateFeeSchedule,
  type BracketedFeeSchedule,
  type FeeSchedule,
} from "../../app/modules/permits/fees";

const pesos = (major: number) => major * 100;

/** A local business tax table in the Philippine style (amounts in centavos). */
const lbt: BracketedFeeSchedule = {
  kind: "bracketed",
  currency: "PHP",
  figure: "gross_sales",
  brackets: [
    { fromMinor: 0, toMinor: pesos(10_000), fixedMinor: pesos(165) },
    { fromMinor: pesos(10_000), toMinor: pesos(15_000), fixedMinor: pesos(220) },
    { fromMinor: pesos(15_000), toMinor: pesos(6_500_000), fixedMinor: pesos(300), rateBasisPoints: 50 },
    // From 6.5 million: the fee reached at the floor, then 37½% of 1% on the excess.
    { fromMinor: pesos(6_500_000), toMinor: null, fixedMinor: pesos(32_725), rateBasisPoints: 37.5 },
  ],
};

const codes = (input: unknown) => {
  const result = validateFeeSchedule(input);
  return result.ok ? [] : result.issues.map((i) => i.code);
};
const withBrackets = (brackets: unknown[]) => ({ ...lbt, brackets });

describe("fee schedules: validation", () => {
  it("accepts a fixed fee and a bracketed table", () => {
    expect(validateFeeSchedule({ kind: "fixed", currency: "PHP", amountMinor: 50_000 })).toEqual({
      ok: true,
      schedule: { kind: "fixed", currency: "PHP", amountMinor: 50_000 },
    });
    expect(validateFeeSchedule(lbt)).toEqual({ ok: true, schedule: lbt });
  });

  it("names overlaps, gaps, a non-zero start and open ends in the wrong place", () => {
    expect(codes(withBrackets([{ fromMinor: 0, toMinor: 1000, fixedMinor: 1 }, { fromMinor: 900, toMinor: null, fixedMinor: 2 }]))).toEqual(["fees.brackets_overlap"]);
    expect(codes(withBrackets([{ fromMinor: 0, toMinor: 1000, fixedMinor: 1 }, { fromMinor: 1001, toMinor: null, fixedMinor: 2 }]))).toEqual(["fees.brackets_gap"]);
    expect(codes(withBrackets([{ fromMinor: 5, toMinor: null, fixedMinor: 1 }]))).toEqual(["fees.bracket_first_not_zero"]);
    expect(codes(withBrackets([{ fromMinor: 0, toMinor: 1000, fixedMinor: 1 }]))).toEqual(["fees.bracket_last_not_open"]);
    expect(codes(withBrackets([{ fromMinor: 0, toMinor: null, fixedMinor: 1 }, { fromMinor: 1000, toMinor: null, fixedMinor: 2 }]))).toEqual(["fees.bracket_open_not_last"]);
    expect(codes(withBrackets([{ fromMinor: 0, toMinor: 0, fixedMinor: 1 }, { fromMinor: 0, toMinor: null, fixedMinor: 2 }]))).toContain("fees.bracket_empty_range");
    expect(validateFeeSchedule(withBrackets([{ fromMinor: 0, toMinor: 1000, fixedMinor: 1 }, { fromMinor: 900, toMinor: null, fixedMinor: 2 }]))).toEqual({
      ok: false,
      issues: [{ path: "brackets.1.fromMinor", code: "fees.brackets_overlap" }],
    });
  });

  it("refuses a table whose fee falls where a bracket hands over", () => {
    // 300 + 0.5% of the excess over 15,000 reaches 32,725 at 6.5 million; a flat 30,000 above it would fall.
    const falling = withBrackets([...lbt.brackets.slice(0, 3), { fromMinor: pesos(6_500_000), toMinor: null, fixedMinor: pesos(30_000) }]);
    expect(validateFeeSchedule(falling)).toEqual({ ok: false, issues: [{ path: "brackets.3", code: "fees.brackets_decreasing" }] });
  });

  it("names bad amounts, rates, figures, kinds and currencies", () => {
    expect(codes({ kind: "fixed", currency: "PHP", amountMinor: -1 })).toEqual(["fees.amount_invalid"]);
    expect(codes({ kind: "fixed", currency: "PHP", amountMinor: 1.5 })).toEqual(["fees.amount_invalid"]);
    expect(codes({ kind: "fixed", currency: "PHP", amountMinor: "100" })).toEqual(["fees.amount_invalid"]);
    expect(codes({ kind: "fixed", currency: "php", amountMinor: 100 })).toEqual(["fees.currency_invalid"]);
    expect(codes({ kind: "percent", currency: "PHP", amountMinor: 100 })).toEqual(["fees.kind_invalid"]);
    expect(codes({ kind: "fixed", currency: "PHP", amountMinor: 100, extra: 1 })).toEqual(["fees.invalid"]);
    expect(codes(null)).toEqual(["fees.invalid"]);
    expect(codes({ ...lbt, figure: "height" })).toEqual(["fees.figure_invalid"]);
    expect(codes(withBrackets([]))).toEqual(["fees.brackets_empty"]);
    expect(codes(withBrackets(Array.from({ length: 51 }, (_, i) => ({ fromMinor: i, toMinor: i + 1, fixedMinor: 1 }))))).toEqual(["fees.brackets_too_many"]);
    expect(codes(withBrackets([{ fromMinor: 0, toMinor: null }]))).toEqual(["fees.bracket_no_charge"]);
    expect(codes(withBrackets([{ fromMinor: 0, toMinor: null, rateBasisPoints: 10_001 }]))).toEqual(["fees.rate_invalid"]);
    expect(codes(withBrackets([{ fromMinor: 0, toMinor: null, rateBasisPoints: 12.345 }]))).toEqual(["fees.rate_invalid"]);
    expect(codes(withBrackets([{ fromMinor: -1, toMinor: null, fixedMinor: 1 }]))).toEqual(["fees.bracket_bound_invalid", "fees.bracket_first_not_zero"]);
  });

  it("only returns codes it declares", () => {
    const inputs: unknown[] = [undefined, 1, "x", [], {}, { kind: "bracketed" }, { kind: "bracketed", brackets: [{}] }, withBrackets([null])];
    for (const input of inputs) for (const code of codes(input)) expect(FEE_CODES).toContain(code);
  });
});

describe("fee schedules: the fee", () => {
  it("charges a fixed schedule's amount whatever is declared", () => {
    const fixed: FeeSchedule = { kind: "fixed", currency: "PHP", amountMinor: 50_000 };
    expect(computeFee(fixed)).toBe(50_000);
    expect(computeFee(fixed, 123)).toBe(50_000);
  });

  it("finds the bracket, floor included and ceiling excluded", () => {
    expect(computeFee(lbt, 0)).toBe(pesos(165));
    expect(computeFee(lbt, pesos(10_000) - 1)).toBe(pesos(165));
    expect(computeFee(lbt, pesos(10_000))).toBe(pesos(220));
    expect(computeFee(lbt, pesos(15_000))).toBe(pesos(300));
    // 300 + 0.5% of (1,015,000 − 15,000) = 300 + 5,000
    expect(computeFee(lbt, pesos(1_015_000))).toBe(pesos(5_300));
    // 300 + 0.5% of 6,485,000 just below 6.5 million; then 32,725 + 0.375% of 1,000,000
    expect(computeFee(lbt, pesos(6_500_000) - 1)).toBe(pesos(32_725));
    expect(computeFee(lbt, pesos(7_500_000))).toBe(pesos(36_475));
  });

  it("rounds half up on the centavo", () => {
    const rate = (bp: number): FeeSchedule => ({ kind: "bracketed", currency: "PHP", figure: "capital", brackets: [{ fromMinor: 0, toMinor: null, rateBasisPoints: bp }] });
    expect(computeFee(rate(50), 100)).toBe(1); // 0.5 → 1
    expect(computeFee(rate(50), 99)).toBe(0); // 0.495 → 0
    expect(computeFee(rate(50), 300)).toBe(2); // 1.5 → 2
    expect(computeFee(rate(37.5), 400)).toBe(2); // 1.5 → 2
    expect(computeFee(rate(0.01), MAX_DECLARED_MINOR)).toBe(1_000_000_000); // exact on huge figures
  });

  it("refuses a declared figure that is missing or not whole minor units", () => {
    expect(() => computeFee(lbt)).toThrow(RangeError);
    expect(() => computeFee(lbt, -1)).toThrow(RangeError);
    expect(() => computeFee(lbt, 1.5)).toThrow(RangeError);
    expect(() => computeFee(lbt, MAX_DECLARED_MINOR + 1)).toThrow(RangeError);
  });

  it("reads the declared figure as typed", () => {
    expect(parseDeclaredFigure("1,250,000.50", 2)).toEqual({ ok: true, minor: 125_000_050 });
    expect(parseDeclaredFigure("  ", 2)).toEqual({ ok: false, code: "fees.declared_required" });
    expect(parseDeclaredFigure(null, 2)).toEqual({ ok: false, code: "fees.declared_required" });
    expect(parseDeclaredFigure("-5", 2)).toEqual({ ok: false, code: "money.negative" });
  });
});

describe("fee schedules: properties", () => {
  /** Valid schedules built from sorted distinct floors, each bracket's fixed fee ≥ the fee just below it. */
  const schedules = fc
    .record({
      floors: fc.uniqueArray(fc.integer({ min: 1, max: 1_000_000_000 }), { maxLength: 8 }),
      rates: fc.array(fc.option(fc.integer({ min: 0, max: 1_000_000 }).map((n) => n / 100), { nil: undefined }), { minLength: 9, maxLength: 9 }),
      steps: fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 9, maxLength: 9 }),
    })
    .map(({ floors, rates, steps }): BracketedFeeSchedule => {
      const bounds = [0, ...[...floors].sort((a, b) => a - b)];
      const brackets: BracketedFeeSchedule["brackets"] = [];
      bounds.forEach((from, i) => {
        const to = bounds[i + 1] ?? null;
        const previous = brackets[i - 1];
        const floorFee = previous ? computeFee({ kind: "bracketed", currency: "PHP", figure: "capital", brackets: [...brackets, { fromMinor: from, toMinor: null, fixedMinor: 0 }] }, from - 1) : 0;
        brackets.push({ fromMinor: from, toMinor: to, fixedMinor: floorFee + steps[i]!, rateBasisPoints: rates[i] });
      });
      return { kind: "bracketed", currency: "PHP", figure: "capital", brackets };
    });
  const declared = fc.integer({ min: 0, max: MAX_DECLARED_MINOR });

  it("generated schedules are valid", () => {
    fc.assert(fc.property(schedules, (schedule) => validateFeeSchedule(schedule).ok));
  });

  it("the fee is a non-negative integer, never falling as the declared figure rises", () => {
    fc.assert(
      fc.property(schedules, declared, declared, (schedule, a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        const feeLow = computeFee(schedule, low);
        const feeHigh = computeFee(schedule, high);
        expect(Number.isSafeInteger(feeLow) && feeLow >= 0).toBe(true);
        expect(feeHigh).toBeGreaterThanOrEqual(feeLow);
      }),
      { numRuns: 500 },
    );
  });

  it("does not fall across each bracket boundary", () => {
    fc.assert(
      fc.property(schedules, (schedule) => {
        for (const bracket of schedule.brackets.slice(1)) {
          expect(computeFee(schedule, bracket.fromMinor)).toBeGreaterThanOrEqual(computeFee(schedule, bracket.fromMinor - 1));
        }
      }),
    );
  });
});

describe("money in major units", () => {
  it.each([
    ["1234.50", 2, 123_450],
    ["1,234.5", 2, 123_450],
    [" 0 ", 2, 0],
    ["12.500", 2, 1250],
    ["1000", 0, 1000],
    ["1.234", 3, 1234],
    ["007.10", 2, 710],
  ])("%s with %i decimals is %i minor units", (text, digits, minor) => {
    expect(parseMajorUnits(text, digits)).toEqual({ ok: true, minor });
  });

  it.each([
    ["", "money.required"],
    ["-1", "money.negative"],
    ["−1.00", "money.negative"],
    ["(100.00)", "money.negative"],
    ["1.234", "money.too_many_decimals"],
    ["1e5", "money.invalid"],
    ["₱100", "money.invalid"],
    ["1,23.00", "money.invalid"],
    ["1.", "money.invalid"],
    [".5", "money.invalid"],
    ["12 34", "money.invalid"],
    ["99999999999999999", "money.too_large"],
    ["1".repeat(50), "money.too_large"],
  ])("%j is refused with %s", (text, code) => {
    const result = parseMajorUnits(text, 2);
    expect(result).toEqual({ ok: false, code });
    expect(MONEY_CODES).toContain(code);
  });
});
