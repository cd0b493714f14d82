/**
 * A donor's own currency, from the country they live in, and approximate conversions through the
 * admins' rates (each currency's value in US dollars). Shared by the browser and the server.
 */
const EURO = ["AT", "BE", "CY", "DE", "EE", "ES", "FI", "FR", "GR", "HR", "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PT", "SI", "SK"];

const BY_COUNTRY: Record<string, string> = {
  ...Object.fromEntries(EURO.map((c) => [c, "EUR"])),
  US: "USD", CA: "CAD", GB: "GBP", AU: "AUD", NZ: "NZD", JP: "JPY", KR: "KRW", SG: "SGD", HK: "HKD", TW: "TWD",
  MY: "MYR", AE: "AED", SA: "SAR", QA: "QAR", KW: "KWD", BH: "BHD", OM: "OMR", IL: "ILS", CH: "CHF", NO: "NOK",
  SE: "SEK", DK: "DKK", PH: "PHP", MX: "MXN", SV: "USD", GT: "GTQ", MA: "MAD", SN: "XOF", CI: "XOF", ML: "XOF",
};

/** The currency of the country a person lives in, or null when we do not know it. */
export function currencyOfCountry(countryCode: string | null | undefined): string | null {
  return countryCode ? (BY_COUNTRY[countryCode.toUpperCase()] ?? null) : null;
}

/**
 * `amountMinor` of `from` in minor units of `to`, through US dollar rates; null without both rates.
 * Approximate by nature: rounded to a whole minor unit.
 */
export function convertMinor(amountMinor: number, from: string, to: string, usdPerUnit: Map<string, number>, digits: (currency: string) => number): number | null {
  const rateFrom = usdPerUnit.get(from);
  const rateTo = usdPerUnit.get(to);
  if (!rateFrom || !rateTo) return null;
  const major = amountMinor / 10 ** digits(from);
  return Math.round(((major * rateFrom) / rateTo) * 10 ** digits(to));
}
