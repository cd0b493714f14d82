/**
 * Validating a treasurer's CSV of real property tax assessments as it streams in, without holding
 * the file in memory: valid rows go to the caller in batches (it upserts them, keyed by the tax
 * declaration number, so a re-import of the same file is idempotent), rejected rows come back with
 * their row, column and a code, and progress is reported as bytes and rows.
 *
 * The file:
 * - UTF-8 only; a byte order mark is allowed. Bytes that are not UTF-8 (a Windows-1252 "ñ", a
 *   UTF-16 file with or without its BOM — the latter shows up as NUL characters) stop the import
 *   with `csv.encoding_not_utf8`: guessing an encoding would garble owners' names silently.
 * - A header row naming exactly these columns, in any order, case and surrounding spaces ignored:
 *   tax_declaration_number, property_location, owner_name, assessed_value, tax_due, due_date,
 *   penalties. Missing, unknown and repeated columns are each named (`csv.column_missing`,
 *   `csv.column_unknown`, `csv.column_duplicate`) and stop the import before any row is read.
 * - Money in major units of the import's currency: "1234.50" or "1,234.50"; no sign, no more
 *   decimals than the currency has (see money/major-units), converted to integer minor units.
 * - due_date as YYYY-MM-DD, a date that exists.
 * - penalties: the penalty the LGU's own system had already assessed on this tax as of the file's
 *   date, in major units, ≥ 0; blank means none. The amount due later is the tax plus the larger
 *   of this and the 2%-a-month penalty computed then (property-tax/penalties: never both).
 * - Text trimmed, inner runs of spaces collapsed, not empty, length-limited, no control
 *   characters. The tax declaration number is compared upper-cased; a number repeated within the
 *   file is rejected on its later rows (`csv.duplicate_tax_declaration`) — the first one stands.
 *
 * Stopping problems (encoding, header, broken quoting, a row over 64 KB, too many rows) end the
 * import with `status: "failed"`; batches already handed to the caller stay handed over, so a
 * caller that wants all or nothing runs the import inside one transaction.
 *
 * Every code is a key of the `services` namespace (`services:csv.column_missing`).
 */
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { parse, CsvError } from "csv-parse";
import { z } from "zod";
import { currencyMinorDigits } from "~/i18n/format";
import { csvDocument } from "~/modules/files/csv";
import { parseMajorUnits, type MoneyCode } from "~/modules/money/major-units";
import { isCalendarDate } from "~/modules/projects/schema";

export const assessmentColumns = ["tax_declaration_number", "property_location", "owner_name", "assessed_value", "tax_due", "due_date", "penalties"] as const;
export type AssessmentColumn = (typeof assessmentColumns)[number];

export const CSV_FATAL_CODES = [
  "csv.empty",
  "csv.encoding_not_utf8",
  "csv.column_missing",
  "csv.column_unknown",
  "csv.column_duplicate",
  "csv.malformed",
  "csv.row_too_large",
  "csv.too_many_rows",
] as const;
export type CsvFatalCode = (typeof CSV_FATAL_CODES)[number];

export const CSV_ROW_CODES = [
  "csv.row_field_count",
  "csv.duplicate_tax_declaration",
  "text.required",
  "text.too_long",
  "text.invalid_characters",
  "date.invalid",
  "money.required",
  "money.invalid",
  "money.negative",
  "money.too_many_decimals",
  "money.too_large",
] as const;
export type CsvRowCode = (typeof CSV_ROW_CODES)[number];

export interface TaxAssessmentRow {
  /** The data row's number: 1 is the first row after the header. */
  row: number;
  /** The file line the row ends on (the header is line 1). */
  line: number;
  /** Trimmed and upper-cased: the key to upsert on, with the LGU. */
  taxDeclarationNumber: string;
  propertyLocation: string;
  ownerName: string;
  assessedValueMinor: number;
  taxDueMinor: number;
  dueDate: string;
  penaltiesMinor: number;
}

export interface RejectedRow {
  row: number;
  line: number;
  /** null when the row as a whole is wrong (its number of fields). */
  column: AssessmentColumn | null;
  code: CsvRowCode;
  /** For a duplicate: the row that had the number first. */
  firstRow?: number;
}

export interface FatalProblem {
  code: CsvFatalCode;
  line?: number;
  columns?: string[];
}

export interface ImportProgress {
  bytesRead: number;
  /** The file's size when the caller knows it (for a percentage), else null. */
  totalBytes: number | null;
  rowsRead: number;
}

export interface ImportReport {
  status: "completed" | "failed";
  fatal: FatalProblem[];
  rowsRead: number;
  validRows: number;
  rejectedRows: number;
  /** The first `maxRejected` problems; `rejectedRows` counts them all. */
  rejected: RejectedRow[];
  rejectedTruncated: boolean;
  bytesRead: number;
}

export interface ImportOptions {
  /** ISO 4217; decides how many decimals money may have. Default PHP. */
  currency?: string;
  /** Called with each batch of valid rows, awaited before reading on (backpressure). */
  onBatch: (rows: TaxAssessmentRow[]) => Promise<void> | void;
  batchSize?: number;
  onProgress?: (progress: ImportProgress) => void;
  totalBytes?: number | null;
  maxRows?: number;
  maxRejected?: number;
}

export const DEFAULT_BATCH_SIZE = 1000;
export const DEFAULT_MAX_ROWS = 500_000;
export const DEFAULT_MAX_REJECTED = 10_000;
const MAX_RECORD_BYTES = 64 * 1024;

// Control characters (tab, line feed and carriage return aside) have no place in a name or an address.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

type Field<T> = (value: string) => { ok: true; value: T } | { ok: false; code: CsvRowCode };

function text(max: number, pattern?: RegExp, upper = false): Field<string> {
  return (raw) => {
    let value = raw.trim().replace(/\s+/g, " ");
    if (upper) value = value.toUpperCase();
    if (value === "") return { ok: false, code: "text.required" };
    if (value.length > max) return { ok: false, code: "text.too_long" };
    if (CONTROL.test(value) || (pattern && !pattern.test(value))) return { ok: false, code: "text.invalid_characters" };
    return { ok: true, value };
  };
}

function money(digits: number, blankIsZero: boolean): Field<number> {
  return (raw) => {
    if (blankIsZero && raw.trim() === "") return { ok: true, value: 0 };
    const parsed = parseMajorUnits(raw, digits);
    return parsed.ok ? { ok: true, value: parsed.minor } : { ok: false, code: parsed.code satisfies MoneyCode };
  };
}

const date: Field<string> = (raw) => {
  const value = raw.trim();
  return isCalendarDate(value) ? { ok: true, value } : { ok: false, code: "date.invalid" };
};

/**
 * One row's cells → typed values. Zod checks the shape; the cells are converted in one transform
 * per row rather than one zod effect per cell: at 100,000 rows, zod's per-effect cost (several µs
 * and much garbage) was most of the import's time.
 */
function rowSchema(digits: number) {
  const fields = {
    tax_declaration_number: text(40, /^[A-Z0-9][A-Z0-9 ./-]*$/, true),
    property_location: text(300),
    owner_name: text(200),
    assessed_value: money(digits, false),
    tax_due: money(digits, false),
    due_date: date,
    penalties: money(digits, true),
  };
  const cell = z.string({ required_error: "text.required", invalid_type_error: "text.required" });
  return z
    .object({
      tax_declaration_number: cell,
      property_location: cell,
      owner_name: cell,
      assessed_value: cell,
      tax_due: cell,
      due_date: cell,
      penalties: cell,
    })
    .transform((row, ctx) => {
      const out: Record<string, string | number> = {};
      for (const column of assessmentColumns) {
        const result = fields[column](row[column]);
        if (result.ok) out[column] = result.value;
        else ctx.addIssue({ code: z.ZodIssueCode.custom, path: [column], message: result.code });
      }
      return out as {
        tax_declaration_number: string;
        property_location: string;
        owner_name: string;
        assessed_value: number;
        tax_due: number;
        due_date: string;
        penalties: number;
      };
    });
}

class EncodingProblem extends Error {}

/** A Node stream, a web ReadableStream (a Request's body), or any async iterable of bytes. */
export type ByteSource = AsyncIterable<Uint8Array | string> | ReadableStream<Uint8Array>;

async function* chunksOf(source: ByteSource): AsyncGenerator<Uint8Array | string> {
  if (Symbol.asyncIterator in source) {
    yield* source as AsyncIterable<Uint8Array | string>;
    return;
  }
  const reader = (source as ReadableStream<Uint8Array>).getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

/** The UTF-8 text of a byte stream, refusing anything that is not UTF-8; counts the bytes. */
async function* utf8Text(source: ByteSource, counter: { bytes: number }) {
  // fatal: invalid bytes throw instead of becoming U+FFFD; a leading BOM is dropped.
  const decoder = new TextDecoder("utf-8", { fatal: true });
  const check = (text: string) => {
    if (text.includes("\u0000")) throw new EncodingProblem("NUL in text: UTF-16 or binary");
    return text;
  };
  try {
    for await (const chunk of chunksOf(source)) {
      const bytes = typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk;
      counter.bytes += bytes.byteLength;
      const decoded = decoder.decode(bytes, { stream: true });
      if (decoded) yield check(decoded);
    }
    const tail = decoder.decode();
    if (tail) yield check(tail);
  } catch (error) {
    if (error instanceof TypeError) throw new EncodingProblem(error.message);
    throw error;
  }
}

function headerProblems(header: string[]): { problems: FatalProblem[]; index: Record<AssessmentColumn, number> } {
  const names = header.map((h) => h.trim().toLowerCase());
  const known = new Set<string>(assessmentColumns);
  const seen = new Map<string, number>();
  const duplicate = new Set<string>();
  const unknown: string[] = [];
  names.forEach((name, i) => {
    if (seen.has(name)) duplicate.add(name);
    else seen.set(name, i);
    // A blank header cell (a trailing comma) is named by its position, so the message says something.
    if (!known.has(name)) unknown.push(header[i]!.trim().slice(0, 60) || `#${i + 1}`);
  });
  const missing = assessmentColumns.filter((c) => !seen.has(c));
  const problems: FatalProblem[] = [];
  if (missing.length) problems.push({ code: "csv.column_missing", line: 1, columns: missing });
  if (unknown.length) problems.push({ code: "csv.column_unknown", line: 1, columns: unknown });
  if (duplicate.size) problems.push({ code: "csv.column_duplicate", line: 1, columns: [...duplicate] });
  const index = Object.fromEntries(assessmentColumns.map((c) => [c, seen.get(c) ?? -1])) as Record<AssessmentColumn, number>;
  return { problems, index };
}

/**
 * Reads `source` (a Node stream, a web ReadableStream, any async iterable of bytes) as CSV of tax
 * assessments; see the module comment for what it accepts. Throws only what `onBatch` throws.
 */
export async function importTaxAssessments(source: ByteSource, options: ImportOptions): Promise<ImportReport> {
  const digits = currencyMinorDigits(options.currency ?? "PHP");
  const schema = rowSchema(digits);
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const maxRows = options.maxRows ?? DEFAULT_MAX_ROWS;
  const maxRejected = options.maxRejected ?? DEFAULT_MAX_REJECTED;
  const counter = { bytes: 0 };
  const report: ImportReport = { status: "completed", fatal: [], rowsRead: 0, validRows: 0, rejectedRows: 0, rejected: [], rejectedTruncated: false, bytesRead: 0 };
  const progress = () => options.onProgress?.({ bytesRead: counter.bytes, totalBytes: options.totalBytes ?? null, rowsRead: report.rowsRead });
  const reject = (entry: RejectedRow) => {
    if (report.rejected.length < maxRejected) report.rejected.push(entry);
    else report.rejectedTruncated = true;
  };
  const fail = (problem: FatalProblem) => {
    report.status = "failed";
    report.fatal.push(problem);
  };

  const parser = parse({ info: true, relax_column_count: true, skip_empty_lines: true, max_record_size: MAX_RECORD_BYTES });
  const feeding = pipeline(Readable.from(utf8Text(source, counter)), parser);
  // Its failures surface through the iteration below (the parser is destroyed with the error).
  feeding.catch(() => {});

  const firstRowOf = new Map<string, number>();
  let batch: TaxAssessmentRow[] = [];
  let index: Record<AssessmentColumn, number> | null = null;
  let columnCount = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const rows = batch;
    batch = [];
    await options.onBatch(rows);
    progress();
  };

  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      const line = info.lines;
      if (!index) {
        const checked = headerProblems(record);
        if (checked.problems.length) {
          checked.problems.forEach(fail);
          break;
        }
        index = checked.index;
        columnCount = record.length;
        continue;
      }
      if (report.rowsRead >= maxRows) {
        fail({ code: "csv.too_many_rows", line });
        break;
      }
      const row = ++report.rowsRead;
      if (record.length !== columnCount) {
        // A lone blank-looking cell ("" or spaces) on a line is an empty line in a spreadsheet's export.
        if (record.length === 1 && record[0]!.trim() === "") {
          report.rowsRead--;
          continue;
        }
        report.rejectedRows++;
        reject({ row, line, column: null, code: "csv.row_field_count" });
        continue;
      }
      const parsed = schema.safeParse({
        tax_declaration_number: record[index.tax_declaration_number],
        property_location: record[index.property_location],
        owner_name: record[index.owner_name],
        assessed_value: record[index.assessed_value],
        tax_due: record[index.tax_due],
        due_date: record[index.due_date],
        penalties: record[index.penalties],
      });
      if (!parsed.success) {
        report.rejectedRows++;
        const reported = new Set<string>();
        for (const issue of parsed.error.issues) {
          const column = issue.path[0] as AssessmentColumn;
          if (reported.has(column)) continue;
          reported.add(column);
          const code = (CSV_ROW_CODES as readonly string[]).includes(issue.message) ? (issue.message as CsvRowCode) : "text.invalid_characters";
          reject({ row, line, column, code });
        }
        continue;
      }
      const value = parsed.data;
      const firstRow = firstRowOf.get(value.tax_declaration_number);
      if (firstRow !== undefined) {
        report.rejectedRows++;
        reject({ row, line, column: "tax_declaration_number", code: "csv.duplicate_tax_declaration", firstRow });
        continue;
      }
      firstRowOf.set(value.tax_declaration_number, row);
      report.validRows++;
      batch.push({
        row,
        line,
        taxDeclarationNumber: value.tax_declaration_number,
        propertyLocation: value.property_location,
        ownerName: value.owner_name,
        assessedValueMinor: value.assessed_value,
        taxDueMinor: value.tax_due,
        dueDate: value.due_date,
        penaltiesMinor: value.penalties,
      });
      if (batch.length >= batchSize) await flush();
    }
    if (!index && report.fatal.length === 0) fail({ code: "csv.empty" });
  } catch (error) {
    if (error instanceof EncodingProblem) fail({ code: "csv.encoding_not_utf8" });
    else if (error instanceof CsvError) {
      const line = typeof error.lines === "number" ? error.lines : undefined;
      fail({ code: error.code === "CSV_MAX_RECORD_SIZE" ? "csv.row_too_large" : "csv.malformed", ...(line ? { line } : {}) });
    } else throw error;
  } finally {
    parser.destroy();
  }
  if (report.status === "completed") await flush();
  report.bytesRead = counter.bytes;
  progress();
  return report;
}

/**
 * The rejected rows as CSV, for the treasurer to fix and re-import: row, line, column, and the
 * problem in words (`describe` turns a code into the reader's language; `t` from i18next does).
 * Cells are formula-defused (files/csv).
 */
export function rejectedRowsCsv(report: ImportReport, describe: (code: string) => string, header = ["row", "line", "column", "problem"]): string {
  const fatal = report.fatal.map((f) => [null, f.line ?? null, f.columns?.join(" ") ?? null, describe(f.code)] as const);
  const rows = report.rejected.map((r) => [r.row, r.line, r.column, describe(r.code)] as const);
  return csvDocument(header, [...fatal, ...rows]);
}
