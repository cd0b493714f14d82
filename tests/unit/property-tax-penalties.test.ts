import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addCalendarMonths,
  amountDueAsOf,
  calendarDateIn,
  monthsOfDelinquency,
  penaltyFor,
  PHILIPPINE_RPT_PENALTY,
} from "../../app/modules/property-tax/penalties";

const tax = 1_000_000; // 10,000.00

describe("months of delinquency", () => {
  it("is zero on and before the due date", () => {
    expect(monthsOfDelinquency("2026-03-31", "2026-01-01")).toBe(0);
    expect(monthsOfDelinquency("2026-03-31", "2026-03-31")).toBe(0);
  });

  it("counts a part of a month as a month", () => {
    expect(monthsOfDelinquency("2026-03-31", "2026-04-01")).toBe(1);
    expect(monthsOfDelinquency("2026-03-31", "2026-04-30")).toBe(1);
    expect(monthsOfDelinquency("2026-03-31", "2026-05-01")).toBe(2);
    expect(monthsOfDelinquency("2026-03-15", "2026-04-15")).toBe(1);
    expect(monthsOfDelinquency("2026-03-15", "2026-04-16")).toBe(2);
    expect(monthsOfDelinquency("2026-12-31", "2027-01-01")).toBe(1);
    expect(monthsOfDelinquency("2026-01-01", "2029-01-01")).toBe(36);
    expect(monthsOfDelinquency("2026-01-01", "2029-01-02")).toBe(37);
  });

  it("ends short months at their last day, 29 February in leap years", () => {
    expect(addCalendarMonths("2026-01-31", 1)).toBe("2026-02-28");
    expect(addCalendarMonths("2028-01-31", 1)).toBe("2028-02-29");
    expect(addCalendarMonths("2028-02-29", 12)).toBe("2029-02-28");
    expect(monthsOfDelinquency("2026-01-31", "2026-02-28")).toBe(1);
    expect(monthsOfDelinquency("2026-01-31", "2026-03-01")).toBe(2);
    expect(monthsOfDelinquency("2028-01-31", "2028-02-29")).toBe(1);
    expect(monthsOfDelinquency("2028-01-31", "2028-03-01")).toBe(2);
    expect(monthsOfDelinquency("2028-02-29", "2028-03-29")).toBe(1);
    expect(monthsOfDelinquency("2028-02-29", "2028-03-30")).toBe(2);
  });

  it("refuses dates that do not exist", () => {
    expect(() => monthsOfDelinquency("2026-02-29", "2026-03-01")).toThrow(RangeError);
    expect(() => monthsOfDelinquency("2026-03-01", "2026-13-01")).toThrow(RangeError);
    expect(() => monthsOfDelinquency("31/03/2026", "2026-04-01")).toThrow(RangeError);
  });

  it("never falls as the date moves on, and grows by at most one a month (property)", () => {
    const day = fc.integer({ min: 0, max: 365 * 60 }).map((n) => new Date(Date.UTC(1995, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, day, fc.integer({ min: 0, max: 400 }), (due, asOf, extra) => {
        const later = new Date(Date.parse(`${asOf}T00:00:00Z`) + extra * 86_400_000).toISOString().slice(0, 10);
        if (later > "2100-12-31") return;
        const months = monthsOfDelinquency(due, asOf);
        expect(monthsOfDelinquency(due, later)).toBeGreaterThanOrEqual(months);
        if (asOf > due) {
          // asOf is within the months-th month: after months − 1 months, on or before months months.
          expect(addCalendarMonths(due, months) >= asOf).toBe(true);
          expect(addCalendarMonths(due, months - 1) < asOf).toBe(true);
        }
      }),
    );
  });
});

describe("the amount due", () => {
  it("is the tax alone before and on the due date", () => {
    expect(amountDueAsOf({ taxDueMinor: tax, dueDate: "2026-03-31" }, "2026-03-31")).toEqual({
      monthsLate: 0,
      capped: false,
      computedPenaltyMinor: 0,
      penaltyMinor: 0,
      totalMinor: tax,
    });
  });

  it("adds 2% for each month or part of a month", () => {
    expect(amountDueAsOf({ taxDueMinor: tax, dueDate: "2026-03-31" }, "2026-04-01")).toMatchObject({ monthsLate: 1, penaltyMinor: 20_000, totalMinor: 1_020_000 });
    expect(amountDueAsOf({ taxDueMinor: tax, dueDate: "2026-03-31" }, "2026-05-01")).toMatchObject({ monthsLate: 2, penaltyMinor: 40_000 });
    expect(amountDueAsOf({ taxDueMinor: tax, dueDate: "2027-12-31" }, "2028-02-29")).toMatchObject({ monthsLate: 2, penaltyMinor: 40_000 });
  });

  it("stops at 36 months, 72%", () => {
    expect(amountDueAsOf({ taxDueMinor: tax, dueDate: "2020-03-31" }, "2023-03-31")).toMatchObject({ monthsLate: 36, capped: true, penaltyMinor: 720_000 });
    expect(amountDueAsOf({ taxDueMinor: tax, dueDate: "2020-03-31" }, "2023-03-30")).toMatchObject({ monthsLate: 36, capped: true });
    expect(amountDueAsOf({ taxDueMinor: tax, dueDate: "2020-03-31" }, "2023-02-28")).toMatchObject({ monthsLate: 35, capped: false, penaltyMinor: 700_000 });
    expect(amountDueAsOf({ taxDueMinor: tax, dueDate: "2000-01-31" }, "2026-11-23")).toMatchObject({ monthsLate: 36, penaltyMinor: 720_000, totalMinor: 1_720_000 });
  });

  it("rounds half up on the minor unit, once", () => {
    // 25 × 2% = 0.5 → 1; 24 × 2% = 0.48 → 0; 75 × 2% × 3 = 4.5 → 5
    expect(penaltyFor(25, 1)).toBe(1);
    expect(penaltyFor(24, 1)).toBe(0);
    expect(penaltyFor(75, 3)).toBe(5);
    expect(penaltyFor(Number.MAX_SAFE_INTEGER, 36)).toBe(6_485_183_463_413_514); // exact: …513.52 rounds up
  });

  it("takes the larger of the imported and the computed penalty, never both", () => {
    expect(amountDueAsOf({ taxDueMinor: tax, dueDate: "2026-03-31", importedPenaltiesMinor: 50_000 }, "2026-04-15")).toMatchObject({
      computedPenaltyMinor: 20_000,
      penaltyMinor: 50_000,
      totalMinor: 1_050_000,
    });
    expect(amountDueAsOf({ taxDueMinor: tax, dueDate: "2026-03-31", importedPenaltiesMinor: 50_000 }, "2026-07-15")).toMatchObject({ penaltyMinor: 80_000 });
  });

  it("takes another rate and cap", () => {
    const rule = { monthlyRateBasisPoints: 150, maxMonths: 24 };
    expect(amountDueAsOf({ taxDueMinor: tax, dueDate: "2020-01-01" }, "2026-01-01", rule)).toMatchObject({ monthsLate: 24, penaltyMinor: 360_000 });
    expect(() => amountDueAsOf({ taxDueMinor: tax, dueDate: "2020-01-01" }, "2026-01-01", { monthlyRateBasisPoints: -1, maxMonths: 1 })).toThrow(RangeError);
    expect(PHILIPPINE_RPT_PENALTY).toEqual({ monthlyRateBasisPoints: 200, maxMonths: 36 });
  });

  it("refuses amounts that are not whole non-negative minor units", () => {
    expect(() => amountDueAsOf({ taxDueMinor: -1, dueDate: "2026-03-31" }, "2026-04-01")).toThrow(RangeError);
    expect(() => amountDueAsOf({ taxDueMinor: 1.5, dueDate: "2026-03-31" }, "2026-04-01")).toThrow(RangeError);
    expect(() => amountDueAsOf({ taxDueMinor: 1, dueDate: "2026-03-31", importedPenaltiesMinor: -5 }, "2026-04-01")).toThrow(RangeError);
  });
});

describe("today in the LGU's time zone", () => {
  it("is Manila's date, not UTC's", () => {
    expect(calendarDateIn(new Date("2026-03-31T16:30:00Z"))).toBe("2026-04-01");
    expect(calendarDateIn(new Date("2026-03-31T15:59:59Z"))).toBe("2026-03-31");
    expect(calendarDateIn(new Date("2026-03-31T16:30:00Z"), "UTC")).toBe("2026-03-31");
  });
});
