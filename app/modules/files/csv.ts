/**
 * Writing CSV for people to open in a spreadsheet (public ledgers, payment exports, import reports).
 * Text that people wrote is defused: a cell starting with =, +, -, @ (or a tab / return) would run
 * as a formula in Excel, LibreOffice or Google Sheets (CSV formula injection), so it gets a leading
 * apostrophe, which spreadsheets show as plain text.
 */

/** A value we computed ourselves (a decimal amount): written as it is, never defused. */
export interface ComputedCell {
  computed: string;
}

export type CsvValue = string | number | ComputedCell | null | undefined;

/** One CSV cell: quoted when it needs to be; text has spreadsheet formulas defused. */
export function csvCell(value: CsvValue): string {
  if (typeof value === "number") return String(value);
  if (value !== null && typeof value === "object") return value.computed;
  const text = value ?? "";
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) || safe !== text ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One CSV line (no line ending). */
export function csvLine(values: readonly CsvValue[]): string {
  return values.map(csvCell).join(",");
}

/** A whole CSV document with CRLF line endings (RFC 4180), header first. */
export function csvDocument(header: readonly string[], rows: Iterable<readonly CsvValue[]>): string {
  const lines = [csvLine(header)];
  for (const row of rows) lines.push(csvLine(row));
  return `${lines.join("\r\n")}\r\n`;
}
