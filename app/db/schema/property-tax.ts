/**
 * Real property tax (issue 6): the assessments an LGU's treasurers import from CSV, the imports
 * themselves (queued, running, done or failed, with their progress and counts), and the property
 * forms the LGU publishes for owners abroad to download. Payments of the tax are rows of
 * `service_payments` (subject 'property_tax', services.ts).
 *
 * Assessments are read only by the LGU's treasurers and admins: the public looks one up through
 * `public.rpt_lookup` (supabase/migrations/*_property_tax_rules.sql), which needs the tax
 * declaration number and the owner's last name and answers only what a payer needs.
 */
import { sql } from "drizzle-orm";
import { bigint, boolean, check, date, index, integer, jsonb, pgEnum, pgPolicy, pgTable, text, timestamp, uniqueIndex, uuid, varchar } from "drizzle-orm/pg-core";
import { anonRole, authenticatedRole, authUsers } from "drizzle-orm/supabase";
import { lgus, type LocalizedText } from "./core";

const treasurer = (lguId: unknown) => sql`app_private.has_lgu_role(${lguId}, array['admin', 'treasurer'])`;

export const rptImportStatus = pgEnum("rpt_import_status", ["queued", "running", "done", "failed"]);

/**
 * One upload of a CSV of assessments. The file and, once it has run, the report of rejected rows
 * (JSON: the fatal problems and the rejected rows with their codes) are in the storage port under
 * `storage_key` and `report_key`, so the audit log (which copies the row) stays small.
 */
export const rptImports = pgTable(
  "rpt_imports",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    lguId: uuid("lgu_id")
      .notNull()
      .references(() => lgus.id, { onDelete: "cascade" }),
    createdBy: uuid("created_by").references(() => authUsers.id, { onDelete: "set null" }),
    fileName: text("file_name").notNull(),
    storageKey: text("storage_key").notNull(),
    currency: varchar("currency", { length: 3 }).notNull(),
    status: rptImportStatus("status").notNull().default("queued"),
    totalBytes: bigint("total_bytes", { mode: "number" }).notNull(),
    bytesRead: bigint("bytes_read", { mode: "number" }).notNull().default(0),
    rowsRead: integer("rows_read").notNull().default(0),
    validRows: integer("valid_rows").notNull().default(0),
    rejectedRows: integer("rejected_rows").notNull().default(0),
    insertedRows: integer("inserted_rows").notNull().default(0),
    updatedRows: integer("updated_rows").notNull().default(0),
    reportKey: text("report_key"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp("started_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("rpt_imports_lgu_idx").on(t.lguId, t.createdAt),
    check("rpt_imports_currency_iso", sql`${t.currency} ~ '^[A-Z]{3}$'`),
    check("rpt_imports_counts", sql`${t.totalBytes} >= 0 and ${t.bytesRead} >= 0 and ${t.rowsRead} >= 0 and ${t.validRows} >= 0 and ${t.rejectedRows} >= 0
      and ${t.insertedRows} >= 0 and ${t.updatedRows} >= 0`),
    check("rpt_imports_key", sql`${t.storageKey} like 'rpt-imports/' || ${t.lguId}::text || '/%'`),
    check("rpt_imports_file_name", sql`length(${t.fileName}) between 1 and 200`),
    pgPolicy("treasurers see their lgu's imports", { for: "select", to: authenticatedRole, using: treasurer(t.lguId) }),
    pgPolicy("treasurers start imports", {
      for: "insert",
      to: authenticatedRole,
      withCheck: sql`${treasurer(t.lguId)} and ${t.createdBy} = (select auth.uid()) and ${t.status} = 'queued'`,
    }),
  ],
).enableRLS();

/**
 * A tax declaration's assessment for one due date, as the LGU's own system exported it. A re-import
 * of the same declaration and due date updates it (the unique index is the upsert's key).
 * `owner_last_name_key` is the owner's last name folded (lower case, no accents, letters only):
 * the second factor of the public lookup.
 */
export const rptAssessments = pgTable(
  "rpt_assessments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    lguId: uuid("lgu_id")
      .notNull()
      .references(() => lgus.id, { onDelete: "cascade" }),
    taxDeclarationNumber: text("tax_declaration_number").notNull(),
    propertyLocation: text("property_location").notNull(),
    ownerName: text("owner_name").notNull(),
    ownerLastNameKey: text("owner_last_name_key").notNull(),
    assessedValueMinor: bigint("assessed_value_minor", { mode: "number" }).notNull(),
    taxDueMinor: bigint("tax_due_minor", { mode: "number" }).notNull(),
    dueDate: date("due_date").notNull(),
    importedPenaltiesMinor: bigint("imported_penalties_minor", { mode: "number" }).notNull().default(0),
    currency: varchar("currency", { length: 3 }).notNull(),
    importId: uuid("import_id").references(() => rptImports.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("rpt_assessments_declaration_unique").on(t.lguId, t.taxDeclarationNumber, t.dueDate),
    index("rpt_assessments_import_idx").on(t.importId),
    check("rpt_assessments_amounts", sql`${t.assessedValueMinor} >= 0 and ${t.taxDueMinor} >= 0 and ${t.importedPenaltiesMinor} >= 0`),
    check("rpt_assessments_currency_iso", sql`${t.currency} ~ '^[A-Z]{3}$'`),
    check("rpt_assessments_texts", sql`length(${t.taxDeclarationNumber}) between 1 and 40 and length(${t.propertyLocation}) between 1 and 300
      and length(${t.ownerName}) between 1 and 200 and ${t.ownerLastNameKey} <> ''`),
    pgPolicy("treasurers see their lgu's assessments", { for: "select", to: authenticatedRole, using: treasurer(t.lguId) }),
    pgPolicy("treasurers import assessments", { for: "insert", to: authenticatedRole, withCheck: treasurer(t.lguId) }),
    pgPolicy("treasurers re-import assessments", { for: "update", to: authenticatedRole, using: treasurer(t.lguId), withCheck: treasurer(t.lguId) }),
  ],
).enableRLS();

/** A form an LGU publishes for property owners (a PDF in the storage port). */
export const propertyForms = pgTable(
  "property_forms",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    lguId: uuid("lgu_id")
      .notNull()
      .references(() => lgus.id, { onDelete: "cascade" }),
    title: jsonb("title").$type<LocalizedText>().notNull(),
    storageKey: text("storage_key").notNull(),
    contentType: text("content_type").notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    fileName: text("file_name").notNull(),
    published: boolean("published").notNull().default(true),
    uploadedBy: uuid("uploaded_by").references(() => authUsers.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("property_forms_storage_key_unique").on(t.storageKey),
    index("property_forms_lgu_idx").on(t.lguId, t.createdAt),
    check("property_forms_type", sql`${t.contentType} = 'application/pdf'`),
    check("property_forms_size", sql`${t.sizeBytes} between 1 and 10485760`),
    check("property_forms_key", sql`${t.storageKey} like 'property-forms/' || ${t.lguId}::text || '/%'`),
    pgPolicy("published forms of verified lgus are public; treasurers see all of theirs", {
      for: "select",
      to: [anonRole, authenticatedRole],
      using: sql`(${t.published} and ${t.lguId} in (select app_private.verified_lgu_ids())) or ${treasurer(t.lguId)}`,
    }),
    pgPolicy("treasurers add forms", { for: "insert", to: authenticatedRole, withCheck: sql`${treasurer(t.lguId)} and ${t.uploadedBy} = (select auth.uid())` }),
    pgPolicy("treasurers change forms", { for: "update", to: authenticatedRole, using: treasurer(t.lguId), withCheck: treasurer(t.lguId) }),
    pgPolicy("treasurers remove forms", { for: "delete", to: authenticatedRole, using: treasurer(t.lguId) }),
  ],
).enableRLS();
