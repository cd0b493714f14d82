/**
 * Dates, numbers and money for the active language, through Intl. Money is always integer minor
 * units plus an ISO 4217 currency; the number of minor digits comes from Intl, not a hand table.
 */
const intlLocales: Record<string, string> = { en: "en", fil: "fil-PH", es: "es", fr: "fr", ar: "ar" };

export function intlLocale(language: string): string {
  return intlLocales[language] ?? language;
}

// Building an Intl formatter costs far more than using one (about 0.1 ms against 1 µs), and a list
// page formats dozens of amounts, so each distinct formatter is built once and kept. The keys come
// from five languages, a few hundred currencies and a handful of option sets: the caches stay small.
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.DisplayNames | Intl.ListFormat>();
function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat | Intl.DisplayNames | Intl.ListFormat>(key: string, build: () => T): T {
  let formatter = formatters.get(key) as T | undefined;
  if (!formatter) {
    formatter = build();
    formatters.set(key, formatter);
  }
  return formatter;
}
const numberFormat = (locale: string, options?: Intl.NumberFormatOptions) =>
  cached(`n|${locale}|${JSON.stringify(options ?? {})}`, () => new Intl.NumberFormat(locale, options));
const dateTimeFormat = (locale: string, options: Intl.DateTimeFormatOptions) =>
  cached(`d|${locale}|${JSON.stringify(options)}`, () => new Intl.DateTimeFormat(locale, options));

export function formatDate(
  value: Date | string,
  language: string,
  options: Intl.DateTimeFormatOptions & { timeZone?: string } = { dateStyle: "long" },
): string {
  const date = typeof value === "string" ? new Date(value) : value;
  return dateTimeFormat(intlLocale(language), { timeZone: "UTC", ...options }).format(date);
}

/** "A, B and C" in the reader's language. */
export function formatList(items: string[], language: string): string {
  return cached(`list|${intlLocale(language)}`, () => new Intl.ListFormat(intlLocale(language), { type: "conjunction" })).format(items);
}

export function formatNumber(value: number, language: string, options?: Intl.NumberFormatOptions): string {
  return numberFormat(intlLocale(language), options).format(value);
}

// A list page formats two amounts per project; the digits and the formatter of each currency are
// looked up by plain keys (the generic caches above build their keys with JSON.stringify).
const minorDigits = new Map<string, number>();

export function currencyMinorDigits(currency: string): number {
  let digits = minorDigits.get(currency);
  if (digits === undefined) {
    digits = numberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
    minorDigits.set(currency, digits);
  }
  return digits;
}

export function formatMoney(amountMinor: number | bigint, currency: string, language: string): string {
  if (typeof amountMinor === "number" && !Number.isInteger(amountMinor)) {
    throw new TypeError("formatMoney: amounts are integer minor units");
  }
  const digits = currencyMinorDigits(currency);
  const minor = BigInt(amountMinor);
  const divisor = 10n ** BigInt(digits);
  const negative = minor < 0n;
  const abs = negative ? -minor : minor;
  // Build the decimal string ourselves so large amounts never pass through a float.
  const whole = abs / divisor;
  const fraction = (abs % divisor).toString().padStart(digits, "0");
  const decimal = `${negative ? "-" : ""}${whole}${digits ? `.${fraction}` : ""}`;
  const locale = intlLocale(language);
  return cached(`m|${locale}|${currency}|${digits}`, () =>
    new Intl.NumberFormat(locale, { style: "currency", currency, minimumFractionDigits: digits, maximumFractionDigits: digits }),
  ).format(decimal as unknown as number);
}

/**
 * A region's or a language's name in the reader's language, kept once found: Intl.DisplayNames
 * looks each name up in ICU's data (about 12 µs a call here; a page of twenty job cards spent
 * 0.24 ms on it). The codes come from validated columns, so the names kept are few; the map is
 * emptied if it ever grows past a few thousand all the same.
 */
const displayNames = new Map<string, string>();
function displayName(type: "region" | "language", code: string, language: string): string {
  const locale = intlLocale(language);
  const key = `${type}|${locale}|${code}`;
  let name = displayNames.get(key);
  if (name === undefined) {
    try {
      name = cached(`${type === "region" ? "r" : "l"}|${locale}`, () => new Intl.DisplayNames([locale], { type })).of(code) ?? code;
    } catch {
      name = code;
    }
    if (displayNames.size >= 5000) displayNames.clear();
    displayNames.set(key, name);
  }
  return name;
}

/** A country's name in the reader's language, from its ISO 3166 code. */
export function countryName(countryCode: string, language: string): string {
  return displayName("region", countryCode, language);
}

/** A language's name in the reader's language, from its ISO 639 code ("fil" → "Filipino"). */
export function languageName(code: string, language: string): string {
  return displayName("language", code, language);
}

/** Date and time in the reader's locale (UTC stored, shown in the given time zone or the server's). */
export function formatDateTime(value: string | Date, language: string, timeZone?: string): string {
  return dateTimeFormat(intlLocale(language), { dateStyle: "medium", timeStyle: "short", timeZone }).format(
    typeof value === "string" ? new Date(value) : value,
  );
}
