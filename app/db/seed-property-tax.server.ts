/**
 * Demo real property tax assessments for Naga City, so the lookup, the online payment and the
 * treasury counter have something to find on a fresh demo: one due this year (on time until its
 * due date), one a year overdue (the penalty shows), one of a family name with an accent (the
 * lookup folds "Peña" to "pena"). Idempotent: keyed by (LGU, declaration number, due date).
 * Runs as the database owner. The demo lookup: TD-2026-000123 and "Dela Cruz".
 */
import { sql } from "drizzle-orm";
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import { lastNameKey } from "~/modules/property-tax/names";
import type * as schema from "./schema";

type Tx = Parameters<Parameters<PostgresJsDatabase<typeof schema>["transaction"]>[0]>[0];

const thisYear = new Date().getUTCFullYear();

const assessments = [
  { number: "TD-2026-000123", location: "Lot 4, Purok 2, Barangay Sabang, Naga City", owner: "Dela Cruz, Juan", assessed: 18_000_000, due: 180_000, dueDate: `${thisYear}-12-31` },
  { number: "TD-2025-004567", location: "Door 3, Elias Angeles Street, Barangay Dinaga, Naga City", owner: "Dela Cruz, Juan", assessed: 9_500_000, due: 95_000, dueDate: `${thisYear - 1}-03-31` },
  { number: "TD-2026-000777", location: "Barangay Carolina, Naga City (agricultural lot)", owner: "Peña, Rosario", assessed: 4_200_000, due: 21_000, dueDate: `${thisYear}-12-31` },
];

export async function seedPropertyTax(tx: Tx): Promise<number> {
  const [lgu] = await tx.execute<{ id: string }>(sql`select id from public.lgus where slug = 'naga-city'`);
  if (!lgu) return 0;
  for (const a of assessments) {
    await tx.execute(sql`
      insert into public.rpt_assessments (lgu_id, tax_declaration_number, property_location, owner_name, owner_last_name_key, assessed_value_minor, tax_due_minor, due_date, currency)
      values (${lgu.id}, ${a.number}, ${a.location}, ${a.owner}, ${lastNameKey(a.owner)}, ${a.assessed}, ${a.due}, ${a.dueDate}::date, 'PHP')
      on conflict (lgu_id, tax_declaration_number, due_date) do nothing`);
  }
  return assessments.length;
}
