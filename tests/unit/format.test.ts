import { describe, expect, it } from "vitest";
import { countryName, currencyMinorDigits, formatDate, formatMoney, formatNumber, languageName } from "../../app/i18n/format";
import { localized } from "../../app/i18n/localized";
import { isSupportedLanguage, textDirection } from "../../app/i18n/config";
import { safeRedirectPath } from "../../app/utils/errors";

describe("money", () => {
  it("formats integer minor units with the currency's own minor digits", () => {
    expect(formatMoney(123456, "PHP", "en")).toBe("₱1,234.56");
    expect(formatMoney(500, "JPY", "en")).toBe("¥500");
    expect(currencyMinorDigits("KWD")).toBe(3);
    expect(formatMoney(1234567, "KWD", "en")).toMatch(/^KWD\s1,234\.567$/);
    expect(formatMoney(-250, "USD", "en")).toBe("-$2.50");
  });

  it("never loses a cent on large amounts", () => {
    expect(formatMoney(900719925474099123n, "USD", "en")).toBe("$9,007,199,254,740,991.23");
  });

  it("follows the language's conventions", () => {
    expect(formatMoney(123456, "EUR", "fr")).toMatch(/^1\s234,56\s€$/);
    expect(formatMoney(123456, "USD", "es")).toMatch(/1234,56|1\.234,56|1,234\.56/);
  });

  it("refuses floats", () => {
    expect(() => formatMoney(12.5, "USD", "en")).toThrow(/integer minor units/);
  });
});

describe("dates and numbers", () => {
  it("formats in the active language, in UTC unless a zone is given", () => {
    const date = new Date("2026-03-01T23:30:00Z");
    expect(formatDate(date, "en")).toBe("March 1, 2026");
    expect(formatDate(date, "fr")).toBe("1 mars 2026");
    expect(formatDate(date, "en", { dateStyle: "long", timeZone: "Asia/Manila" })).toBe("March 2, 2026");
    expect(formatNumber(1234567.5, "en")).toBe("1,234,567.5");
  });

  it("names countries in the reader's language", () => {
    expect(countryName("PH", "en")).toBe("Philippines");
    expect(countryName("MA", "fr")).toBe("Maroc");
    expect(countryName("SV", "es")).toBe("El Salvador");
  });

  it("keeps each name per language once found, and gives back a code it cannot name", () => {
    expect(countryName("MA", "en")).toBe("Morocco");
    expect(countryName("MA", "fr")).toBe("Maroc");
    expect(countryName("MA", "en")).toBe("Morocco");
    expect(countryName("MA", "ar")).toBe("المغرب");
    expect(languageName("fil", "en")).toBe("Filipino");
    expect(languageName("fr", "es")).toBe("francés");
    expect(languageName("fr", "es")).toBe("francés");
    expect(countryName("not a code", "en")).toBe("not a code");
    expect(languageName("not a code", "fr")).toBe("not a code");
  });
});

describe("languages", () => {
  it("knows the five languages and Arabic's direction", () => {
    expect(["en", "fil", "es", "fr", "ar"].every(isSupportedLanguage)).toBe(true);
    expect(isSupportedLanguage("de")).toBe(false);
    expect(textDirection("ar")).toBe("rtl");
    expect(textDirection("fil")).toBe("ltr");
  });

  it("falls back from the requested language to English to any language written", () => {
    expect(localized({ en: "Hello", fil: "Kumusta" }, "fil")).toEqual({ text: "Kumusta", lang: "fil" });
    expect(localized({ en: "Hello", fil: "Kumusta" }, "ar")).toEqual({ text: "Hello", lang: "en" });
    expect(localized({ fr: "Bonjour" }, "es")).toEqual({ text: "Bonjour", lang: "fr" });
    expect(localized({ es: "  " }, "es")).toBeNull();
    expect(localized(null, "en")).toBeNull();
  });
});

describe("redirect targets", () => {
  it("stay on this site", () => {
    expect(safeRedirectPath("/lgus?page=2")).toBe("/lgus?page=2");
    expect(safeRedirectPath("//evil.example")).toBe("/");
    expect(safeRedirectPath("/\\evil.example")).toBe("/");
    expect(safeRedirectPath("https://evil.example")).toBe("/");
    expect(safeRedirectPath(undefined)).toBe("/");
  });
});

describe("shared vocabularies", () => {
  it("the profile's sectors are exactly the projects' sectors (one list in the browser, one enum in the database)", async () => {
    const { sectorOptions } = await import("../../app/modules/people/vocabulary");
    const { projectSector } = await import("../../app/db/schema");
    expect([...sectorOptions]).toEqual(projectSector.enumValues);
  });
});
