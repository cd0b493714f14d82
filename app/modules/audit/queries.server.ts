/**
 * Reading the audit log that the database's triggers write: for an LGU's admins (their LGU's
 * entries), an organisation's officers (theirs) and platform admins (everything) — RLS decides
 * which rows exist for the caller. Newest first, 25 a page, with a short before → after summary
 * and the names of the people involved where the caller may know them.
 */
import { and, count, desc, eq, gte, inArray, lt, sql, type SQL } from "drizzle-orm";
import { withRls, type JwtClaims } from "~/db/client.server";
import { auditLog } from "~/db/schema";
import type { AuditFilters } from "~/modules/organisations/schema";
import { displayNamesOf } from "~/modules/organisations/people.server";

export const AUDIT_PER_PAGE = 25;

export type AuditScope = { lguId: string } | { organisationId: string } | "everything";

// Columns that say nothing to a reader (ids, bookkeeping) or that are shown another way (user_id as a name).
const QUIET = new Set([
  "id",
  "lgu_id",
  "organisation_id",
  "user_id",
  "created_at",
  "updated_at",
  "responded_at",
  "created_by",
  "invited_by",
  "submitted_by",
  "decided_by",
  "place_id",
  "home_place_id",
  "evidence_path",
  "description",
  "token_hash",
]);
const SHOWN_ON_INSERT = new Set([
  "role",
  "email",
  "lgu_role",
  "organisation_role",
  "status",
  "note",
  "evidence_filename",
  "name",
  "expires_at",
]);

export interface ChangeLine {
  field: string;
  before: string | null;
  after: string | null;
}

type Row = Record<string, unknown> | null;

function show(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 119)}…` : text;
}

/** What changed: the interesting fields of a new or removed row, or the fields an update changed. */
export function summariseChange(before: Row, after: Row): ChangeLine[] {
  if (before && after) {
    return Object.keys(after)
      .filter((field) => !QUIET.has(field) && JSON.stringify(before[field]) !== JSON.stringify(after[field]))
      .map((field) => ({ field, before: show(before[field]), after: show(after[field]) }));
  }
  const row = after ?? before;
  if (!row) return [];
  return Object.keys(row)
    .filter((field) => SHOWN_ON_INSERT.has(field) && row[field] !== null && row[field] !== undefined)
    .map((field) => ({ field, before: after ? null : show(row[field]), after: after ? show(row[field]) : null }));
}

export async function listAuditEntries(claims: JwtClaims, scope: AuditScope, filters: AuditFilters) {
  const conditions: (SQL | undefined)[] = [
    scope === "everything"
      ? undefined
      : "lguId" in scope
      ? eq(auditLog.lguId, scope.lguId)
      : eq(auditLog.organisationId, scope.organisationId),
    filters.action ? eq(auditLog.action, filters.action) : undefined,
    filters.from ? gte(auditLog.occurredAt, sql`${filters.from}::date`) : undefined,
    filters.to ? lt(auditLog.occurredAt, sql`${filters.to}::date + 1`) : undefined,
  ];
  const where = and(...conditions);
  const { rows, total, page, pages, known } = await withRls(claims, async (tx) => {
    const [{ total } = { total: 0 }] = await tx.select({ total: count() }).from(auditLog).where(where);
    const pages = Math.max(1, Math.ceil(total / AUDIT_PER_PAGE));
    const page = Math.min(filters.page, pages);
    const rows = await tx
      .select()
      .from(auditLog)
      .where(where)
      .orderBy(desc(auditLog.occurredAt), desc(auditLog.id))
      .limit(AUDIT_PER_PAGE)
      .offset((page - 1) * AUDIT_PER_PAGE);
    const people = rows
      .flatMap((row) => [row.actorId, subjectPerson(row.before as Row, row.after as Row)])
      .filter((id): id is string => Boolean(id));
    return { rows, total, page, pages, known: people };
  });
  const names = await displayNamesOf(claims, known);
  return {
    total,
    page,
    pages,
    entries: rows.map((row) => {
      const before = row.before as Row;
      const after = row.after as Row;
      const subject = subjectPerson(before, after);
      return {
        id: row.id,
        occurredAt: row.occurredAt.toISOString(),
        action: row.action,
        actorId: row.actorId,
        actorName: row.actorId ? names.get(row.actorId) ?? null : null,
        subjectName: subject ? names.get(subject) ?? null : null,
        changes: summariseChange(before, after),
      };
    }),
  };
}

/** The person a membership or platform-admin row is about. */
function subjectPerson(before: Row, after: Row): string | null {
  const value = (after ?? before)?.user_id;
  return typeof value === "string" ? value : null;
}

/** Used by tests: the raw entries about one subject row, oldest first. */
export async function auditEntriesFor(claims: JwtClaims, subjectTable: string, subjectIds: string[]) {
  return withRls(claims, (tx) =>
    tx
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.subjectTable, subjectTable), inArray(auditLog.subjectId, subjectIds)))
      .orderBy(auditLog.id)
  );
}
