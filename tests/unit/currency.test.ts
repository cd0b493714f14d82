import { describe, expect, it } from "vitest";
import { convertMinor, currencyOfCountry } from "../../app/modules/contributions/currency";
import { currencyMinorDigits } from "../../app/i18n/format";

describe("approximate amounts in a donor's currency", () => {
  const rates = new Map([
    ["USD", 1],
    ["PHP", 0.0172],
    ["JPY", 0.0066],
    ["EUR", 1.08],
  ]);
  it("converts through US dollar rates, minding each currency's minor units", () => {
    // ₱10,000.00 → US$172.00
    expect(convertMinor(1_000_000, "PHP", "USD", rates, currencyMinorDigits)).toBe(17_200);
    // ₱10,000.00 → about ¥26,061 (yen has no minor unit)
    expect(convertMinor(1_000_000, "PHP", "JPY", rates, currencyMinorDigits)).toBe(26_061);
    // €100.00 → about ₱6,279.07
    expect(convertMinor(10_000, "EUR", "PHP", rates, currencyMinorDigits)).toBe(627_907);
  });
  it("says nothing without both rates", () => {
    expect(convertMinor(1_000, "PHP", "GBP", rates, currencyMinorDigits)).toBeNull();
  });
  it("knows the currency of the countries diaspora members live in", () => {
    expect(currencyOfCountry("it")).toBe("EUR");
    expect(currencyOfCountry("AE")).toBe("AED");
    expect(currencyOfCountry("SV")).toBe("USD");
    expect(currencyOfCountry("ZZ")).toBeNull();
    expect(currencyOfCountry(null)).toBeNull();
  });
});
