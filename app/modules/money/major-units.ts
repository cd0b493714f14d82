/**
 * Reading money that people type or files carry ("1234.50", "1,234.50") into integer minor units,
 * exactly: by string arithmetic, never through a float (0.1 + 0.2 must not leak into a tax bill).
 * The number of decimals is the currency's (Intl's table, through currencyMinorDigits: PHP 2,
 * JPY 0, KWD 3); more decimals than that are refused, not rounded away.
 */

export const MONEY_CODES = ["money.required", "money.invalid", "money.negative", "money.too_many_decimals", "money.too_large"] as const;
export type MoneyCode = (typeof MONEY_CODES)[number];

/** The largest amount accepted, in minor units: far above any tax bill, far below 2^53. */
export const MAX_MONEY_MINOR = 1_000_000_000_000_000;

// Plain digits, or digits grouped by commas in threes; then an optional decimal part.
const AMOUNT = /^(\d+|\d{1,3}(?:,\d{3})+)(?:\.(\d+))?$/;

export type MoneyParse = { ok: true; minor: number } | { ok: false; code: MoneyCode };

/**
 * `text` in major units → integer minor units of a currency with `digits` decimals. Surrounding
 * spaces are ignored; a sign, an exponent, a currency symbol or a stray character is not.
 */
export function parseMajorUnits(text: string, digits: number): MoneyParse {
  const value = text.trim();
  if (value === "") return { ok: false, code: "money.required" };
  if (value.length > 40) return { ok: false, code: "money.too_large" };
  const match = AMOUNT.exec(value);
  if (!match) {
    return { ok: false, code: /^[-\u2212(]\s*[\d.,]/.test(value) ? "money.negative" : "money.invalid" };
  }
  const whole = match[1]!.replace(/,/g, "");
  const fraction = match[2] ?? "";
  // Trailing zeros beyond the currency's decimals ("12.500" in PHP) say nothing more: accept them.
  const significant = fraction.replace(/0+$/, "");
  if (significant.length > digits) return { ok: false, code: "money.too_many_decimals" };
  const minorText = `${whole}${significant.padEnd(digits, "0")}`.replace(/^0+(?=\d)/, "");
  if (minorText.length > 16) return { ok: false, code: "money.too_large" };
  const minor = Number(minorText);
  if (minor > MAX_MONEY_MINOR) return { ok: false, code: "money.too_large" };
  return { ok: true, minor };
}
