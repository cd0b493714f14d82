import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  formatReference,
  MAX_REFERENCE_LENGTH,
  normalizeReferenceInput,
  parseReference,
  referenceKinds,
  type Reference,
} from "../../app/modules/permits/references";

describe("references", () => {
  it("formats the LGU slug, kind, year and a six-digit sequence", () => {
    expect(formatReference({ lguSlug: "naga-city", kind: "BP", year: 2026, sequence: 123 })).toBe("NAGA-CITY-BP-2026-000123");
    expect(formatReference({ lguSlug: "laoag", kind: "PERMIT", year: 2027, sequence: 999_999 })).toBe("LAOAG-PERMIT-2027-999999");
    expect(formatReference({ lguSlug: "laoag", kind: "RPT", year: 2027, sequence: 1_000_000 })).toBe("LAOAG-RPT-2027-1000000");
  });

  it("refuses to format what cannot be a reference", () => {
    expect(() => formatReference({ lguSlug: "Naga City", kind: "BP", year: 2026, sequence: 1 })).toThrow(RangeError);
    expect(() => formatReference({ lguSlug: "naga--city", kind: "BP", year: 2026, sequence: 1 })).toThrow(RangeError);
    expect(() => formatReference({ lguSlug: "naga", kind: "XX" as "BP", year: 2026, sequence: 1 })).toThrow(RangeError);
    expect(() => formatReference({ lguSlug: "naga", kind: "BP", year: 1999, sequence: 1 })).toThrow(RangeError);
    expect(() => formatReference({ lguSlug: "naga", kind: "BP", year: 2026, sequence: 0 })).toThrow(RangeError);
    expect(() => formatReference({ lguSlug: "naga", kind: "BP", year: 2026, sequence: 1.5 })).toThrow(RangeError);
  });

  it("parses what it formats, slugs with digits and with the kind's letters included", () => {
    expect(parseReference("NAGA-CITY-BP-2026-000123")).toEqual({ lguSlug: "naga-city", kind: "BP", year: 2026, sequence: 123 });
    expect(parseReference("BP-BP-2026-000001")).toEqual({ lguSlug: "bp", kind: "BP", year: 2026, sequence: 1 });
    expect(parseReference("SAN-JOSE-2-RPT-2030-1234567")).toEqual({ lguSlug: "san-jose-2", kind: "RPT", year: 2030, sequence: 1_234_567 });
  });

  it.each([
    "",
    "naga-city-BP-2026-000123", // lower case
    "NAGA-CITY-BP-2026-123", // too few digits
    "NAGA-CITY-BP-2026-0000123", // padded past six digits
    "NAGA-CITY-BP-2026-000000", // no sequence 0
    "NAGA-CITY-XX-2026-000123",
    "NAGA-CITY-BP-26-000123",
    "NAGA-CITY-BP-1999-000123",
    "-BP-2026-000123",
    "NAGA--CITY-BP-2026-000123",
    "NAGA_CITY-BP-2026-000123",
    "NAGA CITY-BP-2026-000123",
    " NAGA-CITY-BP-2026-000123",
    "NAGA-CITY-BP-2026-000123 ",
    "NAGA-CITY-BP-2026-000123\n",
    "NAGA-CITY-BP-2026-00012３", // a full-width digit
    "ÑAGA-BP-2026-000123",
    "NAGA-CITY-BP-2026-0001e3",
    `${"A".repeat(61)}-BP-2026-000123`,
    "A-".repeat(500) + "BP-2026-000123",
  ])("rejects %j", (input) => {
    expect(parseReference(input)).toBeNull();
  });

  it("rejects what is not a string without throwing", () => {
    for (const input of [undefined, null, 123, {}, ["NAGA-BP-2026-000001"]]) expect(parseReference(input)).toBeNull();
  });

  it("normalizes what people type", () => {
    expect(parseReference(normalizeReferenceInput("  naga-city – bp-2026-000123 "))).toEqual({ lguSlug: "naga-city", kind: "BP", year: 2026, sequence: 123 });
    expect(normalizeReferenceInput("x".repeat(MAX_REFERENCE_LENGTH * 2 + 1))).toBe("");
  });

  it("round-trips every reference (property)", () => {
    const slugPart = fc.stringMatching(/^[a-z0-9]{1,8}$/);
    const reference = fc.record<Reference>({
      lguSlug: fc.array(slugPart, { minLength: 1, maxLength: 5 }).map((parts) => parts.join("-")),
      kind: fc.constantFrom(...referenceKinds),
      year: fc.integer({ min: 2000, max: 2199 }),
      sequence: fc.integer({ min: 1, max: 999_999_999 }),
    });
    fc.assert(
      fc.property(reference, (ref) => {
        const text = formatReference(ref);
        expect(text.length).toBeLessThanOrEqual(MAX_REFERENCE_LENGTH);
        expect(parseReference(text)).toEqual(ref);
      }),
    );
  });

  it("never throws on arbitrary input, and only accepts what it would format (property)", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 120 }), (text) => {
        const parsed = parseReference(text);
        if (parsed) expect(formatReference(parsed)).toBe(text);
      }),
      { numRuns: 2000 },
    );
  });

  it("is cheap on hostile input", () => {
    const hostile = `${"A-".repeat(40)}BP-2026-000123`;
    const started = performance.now();
    for (let i = 0; i < 100_000; i++) parseReference(hostile);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
