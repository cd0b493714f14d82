/**
 * Importing a treasurer's CSV of real property tax assessments into the database: the upload is
 * stored (storage port) with an `rpt_imports` row ("queued"), then run as a background job
 * (pg-boss queue `rpt-import`, app/jobs; in-process where this process runs no jobs) so a 100,000-row
 * file neither holds the request open nor needs JavaScript to show its progress: the import's page
 * reloads itself while the row says queued or running (docs/decisions/0007-*).
 *
 * The run is all or nothing: every batch of valid rows is upserted in one transaction, as the
 * treasurer who uploaded it (RLS checks their role again at that moment), keyed by LGU, tax
 * declaration number and due date — a re-import of the same file inserts nothing and changes
 * nothing. A file with a stopping problem (encoding, header, broken quoting) imports no row.
 * Rejected rows are left out and reported; the report (JSON) is stored beside the upload.
 */
import { randomUUID } from "node:crypto";
import { and, count, desc, eq, sql } from "drizzle-orm";
import { getStoragePort } from "~/adapters/index.server";
import { asService, withRls, type JwtClaims, type Tx } from "~/db/client.server";
import { rptImports } from "~/db/schema";
import { currencyMinorDigits } from "~/i18n/format";
import { databaseFailure, FormProblem } from "~/modules/organisations/errors.server";
import { csvDocument } from "~/modules/files/csv";
import { logger } from "~/utils/logger.server";
import { importTaxAssessments, type FatalProblem, type ImportReport, type RejectedRow, type TaxAssessmentRow } from "./csv-import.server";
import { lastNameKey } from "./names";

/** The largest CSV a treasurer may upload: 100,000 assessments are about 10 MB. */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;
const PROGRESS_EVERY_MS = 500;
const CHUNK_BYTES = 64 * 1024;

/** What the import's page and the CSV of rejected rows read. */
export interface StoredReport {
  fatal: FatalProblem[];
  rejected: RejectedRow[];
  rejectedTruncated: boolean;
}

type Dispatcher = (importId: string) => Promise<unknown>;
const registry = globalThis as typeof globalThis & { __tulayRptImportDispatcher?: Dispatcher | null };

/** Set by the jobs (app/jobs) when this process runs them: imports then go to their queue. */
export function setImportDispatcher(dispatcher: Dispatcher | null) {
  registry.__tulayRptImportDispatcher = dispatcher;
}

/**
 * Stores the upload, records the import as queued, and hands it to the jobs (or, where this
 * process runs none, starts it here). Returns the import's id and, for tests, the in-process run.
 */
export async function startImport(
  claims: JwtClaims,
  lguId: string,
  file: { name: string; bytes: Uint8Array },
  currency: string,
): Promise<{ id: string; run: Promise<void> | null }> {
  if (file.bytes.byteLength === 0) throw new FormProblem("file", "services:csv.empty");
  if (file.bytes.byteLength > MAX_IMPORT_BYTES) throw new FormProblem("file", "tax:validation.fileTooLarge");
  const storage = getStoragePort();
  const key = `rpt-imports/${lguId}/${randomUUID()}.csv`;
  await storage.put(key, file.bytes, "text/csv");
  // A file name is shown on the page: control characters have no place in it.
  // eslint-disable-next-line no-control-regex
  const fileName = (file.name.replace(/[\u0000-\u001f\u007f]/g, "").trim() || "assessments.csv").slice(0, 200);
  let id: string;
  try {
    // Plain SQL: drizzle names every column in an insert, and treasurers may write only these.
    const [row] = await withRls(claims, (tx) =>
      tx.execute<{ id: string }>(sql`insert into public.rpt_imports (lgu_id, created_by, file_name, storage_key, currency, total_bytes)
        values (${lguId}, ${claims.sub}, ${fileName}, ${key}, ${currency}, ${file.bytes.byteLength}) returning id`),
    );
    id = row!.id;
  } catch (error) {
    await storage.remove(key).catch(() => {});
    if (databaseFailure(error)?.code === "42501") throw new FormProblem("", "tax:errors.notTreasurer", 403);
    throw error;
  }
  const dispatch = registry.__tulayRptImportDispatcher;
  if (dispatch) {
    await dispatch(id);
    return { id, run: null };
  }
  const run = runTaxImport(id).catch((error: unknown) => logger().error({ err: error, importId: id }, "property tax import failed"));
  return { id, run };
}

async function* chunks(bytes: Uint8Array) {
  for (let offset = 0; offset < bytes.byteLength; offset += CHUNK_BYTES) yield bytes.subarray(offset, offset + CHUNK_BYTES);
}

/** Thrown inside the transaction to undo a failed file's batches. */
class RollBack extends Error {
  constructor(public readonly report: ImportReport) {
    super("import failed; rolled back");
  }
}

/**
 * Upserts a batch in one statement (the rows as one JSON parameter, not one parameter per cell).
 * An unchanged row is left alone: no new updated_at, and it is not counted as updated.
 */
async function upsertBatch(tx: Tx, lguId: string, importId: string, currency: string, rows: TaxAssessmentRow[]) {
  const json = JSON.stringify(
    rows.map((r) => ({
      n: r.taxDeclarationNumber,
      l: r.propertyLocation,
      o: r.ownerName,
      k: lastNameKey(r.ownerName) || "x",
      a: r.assessedValueMinor,
      t: r.taxDueMinor,
      d: r.dueDate,
      p: r.penaltiesMinor,
    })),
  );
  const changed = await tx.execute<{ inserted: boolean }>(sql`
    insert into public.rpt_assessments as a (lgu_id, tax_declaration_number, property_location, owner_name, owner_last_name_key,
      assessed_value_minor, tax_due_minor, due_date, imported_penalties_minor, currency, import_id)
    select ${lguId}::uuid, r.n, r.l, r.o, r.k, r.a, r.t, r.d, r.p, ${currency}, ${importId}::uuid
    from jsonb_to_recordset(${json}::jsonb) as r(n text, l text, o text, k text, a bigint, t bigint, d date, p bigint)
    on conflict (lgu_id, tax_declaration_number, due_date) do update set
      property_location = excluded.property_location, owner_name = excluded.owner_name, owner_last_name_key = excluded.owner_last_name_key,
      assessed_value_minor = excluded.assessed_value_minor, tax_due_minor = excluded.tax_due_minor,
      imported_penalties_minor = excluded.imported_penalties_minor, currency = excluded.currency, import_id = excluded.import_id
    where (a.property_location, a.owner_name, a.assessed_value_minor, a.tax_due_minor, a.imported_penalties_minor, a.currency)
      is distinct from (excluded.property_location, excluded.owner_name, excluded.assessed_value_minor, excluded.tax_due_minor,
                        excluded.imported_penalties_minor, excluded.currency)
    returning (xmax = 0) as inserted`);
  const inserted = [...changed].filter((c) => c.inserted).length;
  return { inserted, updated: changed.length - inserted };
}

/**
 * Runs a queued import (safe to run again: a finished import is left alone, and a run that died
 * half-way committed nothing). Never throws for a bad file: the import ends "failed" with its report.
 */
export async function runTaxImport(importId: string): Promise<void> {
  const [imp] = await asService((tx) => tx.select().from(rptImports).where(eq(rptImports.id, importId)));
  if (!imp || imp.status === "done" || imp.status === "failed") return;
  await asService((tx) =>
    tx.update(rptImports).set({ status: "running", startedAt: new Date(), bytesRead: 0, rowsRead: 0 }).where(eq(rptImports.id, importId)),
  );
  const storage = getStoragePort();
  const finish = async (report: StoredReport, counts: Partial<typeof rptImports.$inferInsert>, status: "done" | "failed") => {
    const reportKey = `rpt-imports/${imp.lguId}/${importId}-report.json`;
    await storage.remove(reportKey).catch(() => {});
    await storage.put(reportKey, new TextEncoder().encode(JSON.stringify(report)), "application/json");
    await asService((tx) =>
      tx
        .update(rptImports)
        .set({ ...counts, status, reportKey, finishedAt: new Date() })
        .where(eq(rptImports.id, importId)),
    );
  };
  const object = await storage.get(imp.storageKey);
  if (!object || imp.createdBy === null || currencyMinorDigits(imp.currency) < 0) {
    await finish({ fatal: [{ code: "csv.empty" }], rejected: [], rejectedTruncated: false }, {}, "failed");
    return;
  }
  const claims: JwtClaims = { sub: imp.createdBy, role: "authenticated" };
  const counts = { inserted: 0, updated: 0 };
  let lastWrite = Date.now();
  let latest = { bytesRead: 0, rowsRead: 0 };
  const writeProgress = async (force = false) => {
    if (!force && Date.now() - lastWrite < PROGRESS_EVERY_MS) return;
    lastWrite = Date.now();
    await asService((tx) => tx.update(rptImports).set({ bytesRead: Math.min(latest.bytesRead, imp.totalBytes), rowsRead: latest.rowsRead }).where(eq(rptImports.id, importId)));
  };
  let report: ImportReport;
  let committed = true;
  try {
    report = await withRls(claims, async (tx) => {
      const result = await importTaxAssessments(chunks(object.body), {
        currency: imp.currency,
        totalBytes: imp.totalBytes,
        onProgress: (p) => (latest = { bytesRead: p.bytesRead, rowsRead: p.rowsRead }),
        onBatch: async (rows) => {
          const done = await upsertBatch(tx, imp.lguId, importId, imp.currency, rows);
          counts.inserted += done.inserted;
          counts.updated += done.updated;
          await writeProgress();
        },
      });
      if (result.status === "failed") throw new RollBack(result);
      return result;
    });
  } catch (error) {
    committed = false;
    if (error instanceof RollBack) report = error.report;
    else {
      const failure = databaseFailure(error);
      logger().error({ err: error, importId }, "property tax import stopped");
      const code = failure?.code === "42501" ? "tax:errors.notTreasurer" : "tax:errors.importFailed";
      await finish({ fatal: [{ code: code as FatalProblem["code"] }], rejected: [], rejectedTruncated: false }, {}, "failed");
      return;
    }
  }
  await finish(
    { fatal: report.fatal, rejected: report.rejected, rejectedTruncated: report.rejectedTruncated },
    {
      bytesRead: Math.min(report.bytesRead, imp.totalBytes),
      rowsRead: report.rowsRead,
      validRows: committed ? report.validRows : 0,
      rejectedRows: report.rejectedRows,
      insertedRows: committed ? counts.inserted : 0,
      updatedRows: committed ? counts.updated : 0,
    },
    committed ? "done" : "failed",
  );
}

export type TaxImport = typeof rptImports.$inferSelect;

/** One import of the LGU's, as its treasurers see it (RLS). */
export async function getImport(claims: JwtClaims, lguId: string, importId: string): Promise<TaxImport | null> {
  if (!/^[0-9a-f-]{36}$/i.test(importId)) return null;
  const [row] = await withRls(claims, (tx) => tx.select().from(rptImports).where(and(eq(rptImports.id, importId), eq(rptImports.lguId, lguId))));
  return row ?? null;
}

/** The stored report of a finished import. */
export async function importReport(row: TaxImport): Promise<StoredReport | null> {
  if (!row.reportKey) return null;
  const object = await getStoragePort().get(row.reportKey);
  return object ? (JSON.parse(new TextDecoder().decode(object.body)) as StoredReport) : null;
}

export const IMPORTS_PER_PAGE = 20;

/** The LGU's imports, newest first, a page at a time. */
export async function listImports(claims: JwtClaims, lguId: string, page: number) {
  return withRls(claims, async (tx) => {
    const [{ total } = { total: 0 }] = await tx.select({ total: count() }).from(rptImports).where(eq(rptImports.lguId, lguId));
    const pages = Math.max(1, Math.ceil(total / IMPORTS_PER_PAGE));
    const current = Math.min(Math.max(1, Math.floor(page) || 1), pages);
    const rows = await tx
      .select()
      .from(rptImports)
      .where(eq(rptImports.lguId, lguId))
      .orderBy(desc(rptImports.createdAt))
      .limit(IMPORTS_PER_PAGE)
      .offset((current - 1) * IMPORTS_PER_PAGE);
    return { rows, total, page: current, pages };
  });
}

/** A problem's translation key: the validator's codes are in `services`, the import's own carry their namespace. */
export const problemKey = (code: string) => (code.includes(":") ? code : `services:${code}`);

/**
 * The report as CSV, for the treasurer to fix the file and import it again: the stopping problems
 * first, then each rejected row with its row and line numbers, column and the reason in the
 * reader's language. Formula-safe (files/csv).
 */
export function rejectedReportCsv(report: StoredReport, t: (key: string, options?: Record<string, unknown>) => string): string {
  const describe = (code: string, extra: { columns?: string[]; line?: number; firstRow?: number }) =>
    t(problemKey(code), { columns: extra.columns?.join(", "), line: extra.line, firstRow: extra.firstRow });
  const fatal = report.fatal.map((f) => [null, f.line ?? null, f.columns?.join(" ") ?? null, describe(f.code, f)] as const);
  const rows = report.rejected.map((r) => [r.row, r.line, r.column, describe(r.code, r)] as const);
  return csvDocument([t("tax:report.row"), t("tax:report.line"), t("tax:report.column"), t("tax:report.problem")], [...fatal, ...rows]);
}
