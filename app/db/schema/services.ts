/**
 * Online government services: business permits (issue 6). An LGU's permits officers define permit
 * types (requirements, fee schedule, processing days); a signed-in applicant fills an application,
 * uploads the required documents and submits it; officers request more information, assess the
 * fee, approve or reject; once the fee is paid the permit is issued with a verification token
 * anyone can check.
 *
 * Status changes happen only in database functions (supabase/migrations/*_permits_rules.sql):
 * each checks the caller's role and the current status, writes the status history and the audit
 * row in the same transaction. Applicants edit their own application's details only while it is a
 * draft or waiting for their information; officers see only their own LGU's applications.
 */
import { sql } from "drizzle-orm";
import { bigint, boolean, check, date, index, integer, jsonb, pgEnum, pgPolicy, pgTable, text, timestamp, uniqueIndex, uuid, varchar } from "drizzle-orm/pg-core";
import { anonRole, authenticatedRole, authUsers } from "drizzle-orm/supabase";
import { lgus, type LocalizedText } from "./core";
import { serverOnly } from "./system";

export const permitApplicationStatus = pgEnum("permit_application_status", [
  "draft",
  "submitted",
  "info_requested",
  "assessed",
  "approved",
  "paid",
  "issued",
  "rejected",
]);

const officer = (lguId: unknown) =>
  sql`app_private.has_lgu_role(${lguId}, array['admin', 'permits_officer']) or (select app_private.is_platform_admin())`;
const officerOrTreasurer = (lguId: unknown) =>
  sql`app_private.has_lgu_role(${lguId}, array['admin', 'permits_officer', 'treasurer']) or (select app_private.is_platform_admin())`;

/**
 * A kind of permit an LGU issues (a business permit, a renewal, a special permit). `fee_schedule`
 * is a fixed fee or brackets by a declared figure (app/modules/permits/fees.ts validates it).
 * Active types of verified LGUs are public.
 */
export const permitTypes = pgTable(
  "permit_types",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    lguId: uuid("lgu_id")
      .notNull()
      .references(() => lgus.id, { onDelete: "cascade" }),
    slug: text("slug").notNull(),
    name: jsonb("name").$type<LocalizedText>().notNull(),
    description: jsonb("description").$type<LocalizedText>().notNull().default({}),
    feeSchedule: jsonb("fee_schedule").notNull(),
    currency: varchar("currency", { length: 3 }).notNull(),
    processingDays: integer("processing_days").notNull(),
    // How long an issued permit is valid, in months (a year by default; it then needs renewing).
    validityMonths: integer("validity_months").notNull().default(12),
    active: boolean("active").notNull().default(true),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("permit_types_lgu_slug_unique").on(t.lguId, t.slug),
    check("permit_types_slug", sql`${t.slug} ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and length(${t.slug}) <= 80`),
    check("permit_types_currency_iso", sql`${t.currency} ~ '^[A-Z]{3}$'`),
    check("permit_types_processing_days", sql`${t.processingDays} between 1 and 365`),
    check("permit_types_validity", sql`${t.validityMonths} between 1 and 60`),
    pgPolicy("active types of verified lgus are public; officers see all of theirs", {
      for: "select",
      to: [anonRole, authenticatedRole],
      using: sql`(${t.active} and ${t.lguId} in (select app_private.verified_lgu_ids())) or ${officer(t.lguId)}`,
    }),
    pgPolicy("officers add types", { for: "insert", to: authenticatedRole, withCheck: officer(t.lguId) }),
    pgPolicy("officers change types", { for: "update", to: authenticatedRole, using: officer(t.lguId), withCheck: officer(t.lguId) }),
  ],
).enableRLS();

/** A document a permit type asks for; `mandatory` ones must be uploaded before submitting. */
export const permitRequirements = pgTable(
  "permit_requirements",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    permitTypeId: uuid("permit_type_id")
      .notNull()
      .references(() => permitTypes.id, { onDelete: "cascade" }),
    label: jsonb("label").$type<LocalizedText>().notNull(),
    mandatory: boolean("mandatory").notNull().default(true),
    position: integer("position").notNull().default(0),
  },
  (t) => [
    index("permit_requirements_type_idx").on(t.permitTypeId, t.position),
    pgPolicy("visible with the type", {
      for: "select",
      to: [anonRole, authenticatedRole],
      using: sql`exists (select 1 from public.permit_types pt where pt.id = ${t.permitTypeId})`,
    }),
    pgPolicy("officers add requirements", {
      for: "insert",
      to: authenticatedRole,
      withCheck: sql`exists (select 1 from public.permit_types pt where pt.id = ${t.permitTypeId} and (${officer(sql`pt.lgu_id`)}))`,
    }),
    pgPolicy("officers change requirements", {
      for: "update",
      to: authenticatedRole,
      using: sql`exists (select 1 from public.permit_types pt where pt.id = ${t.permitTypeId} and (${officer(sql`pt.lgu_id`)}))`,
      withCheck: sql`exists (select 1 from public.permit_types pt where pt.id = ${t.permitTypeId} and (${officer(sql`pt.lgu_id`)}))`,
    }),
    pgPolicy("officers remove requirements", {
      for: "delete",
      to: authenticatedRole,
      using: sql`exists (select 1 from public.permit_types pt where pt.id = ${t.permitTypeId} and (${officer(sql`pt.lgu_id`)}))`,
    }),
  ],
).enableRLS();

/**
 * One application for a permit. The reference (NAGA-CITY-BP-2026-000123) is issued by the database
 * when it is first submitted. `declared_minor` is the figure the fee schedule is computed from
 * (capital for a new business, gross sales for a renewal); `fee_minor` is what the officer assessed.
 */
export const permitApplications = pgTable(
  "permit_applications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    lguId: uuid("lgu_id")
      .notNull()
      .references(() => lgus.id, { onDelete: "restrict" }),
    permitTypeId: uuid("permit_type_id")
      .notNull()
      .references(() => permitTypes.id, { onDelete: "restrict" }),
    applicantId: uuid("applicant_id").references(() => authUsers.id, { onDelete: "set null" }),
    reference: text("reference"),
    status: permitApplicationStatus("status").notNull().default("draft"),
    businessName: text("business_name").notNull(),
    lineOfBusiness: text("line_of_business").notNull(),
    address: text("address").notNull(),
    ownerName: text("owner_name").notNull(),
    ownerPhone: text("owner_phone").notNull(),
    declaredMinor: bigint("declared_minor", { mode: "number" }).notNull().default(0),
    feeMinor: bigint("fee_minor", { mode: "number" }),
    currency: varchar("currency", { length: 3 }).notNull(),
    // The permit this one renews, if any.
    renewalOf: uuid("renewal_of"),
    // The officer's last word to the applicant: what information is missing, or why it was refused.
    officerNote: text("officer_note"),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("permit_applications_reference_unique").on(t.reference),
    index("permit_applications_queue_idx").on(t.lguId, t.status, t.submittedAt),
    index("permit_applications_applicant_idx").on(t.applicantId, t.createdAt),
    check("permit_applications_declared", sql`${t.declaredMinor} >= 0`),
    check("permit_applications_fee", sql`${t.feeMinor} is null or ${t.feeMinor} >= 0`),
    check("permit_applications_texts", sql`length(${t.businessName}) between 2 and 200 and length(${t.lineOfBusiness}) between 2 and 200
      and length(${t.address}) between 5 and 500 and length(${t.ownerName}) between 2 and 200 and ${t.ownerPhone} ~ '^[+0-9 ()-]{7,24}$'`),
    pgPolicy("the applicant and the lgu's officers see it", {
      for: "select",
      to: authenticatedRole,
      using: sql`${t.applicantId} = (select auth.uid()) or ${officerOrTreasurer(t.lguId)}`,
    }),
    pgPolicy("an applicant starts a draft", {
      for: "insert",
      to: authenticatedRole,
      withCheck: sql`${t.applicantId} = (select auth.uid()) and ${t.status} = 'draft' and ${t.reference} is null and ${t.feeMinor} is null
        and exists (select 1 from public.permit_types pt where pt.id = ${t.permitTypeId} and pt.lgu_id = ${t.lguId} and pt.active and pt.currency = ${t.currency})
        and (${t.renewalOf} is null or app_private.own_permit(${t.renewalOf}, ${t.lguId}))`,
    }),
    pgPolicy("the applicant edits while it waits for them", {
      for: "update",
      to: authenticatedRole,
      using: sql`${t.applicantId} = (select auth.uid()) and ${t.status} in ('draft', 'info_requested')`,
      withCheck: sql`${t.applicantId} = (select auth.uid()) and ${t.status} in ('draft', 'info_requested')`,
    }),
    pgPolicy("the applicant discards a draft", {
      for: "delete",
      to: authenticatedRole,
      using: sql`${t.applicantId} = (select auth.uid()) and ${t.status} = 'draft'`,
    }),
  ],
).enableRLS();

/**
 * An uploaded document of an application, for one requirement. The bytes are in the storage port
 * under `storage_key`, checked by their first bytes (PDF, JPEG, PNG) before they are stored. A new
 * upload for the same requirement replaces the old one (`replaced_at`).
 */
export const permitDocuments = pgTable(
  "permit_documents",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    applicationId: uuid("application_id")
      .notNull()
      .references(() => permitApplications.id, { onDelete: "cascade" }),
    requirementId: uuid("requirement_id")
      .notNull()
      .references(() => permitRequirements.id, { onDelete: "restrict" }),
    storageKey: text("storage_key").notNull(),
    contentType: text("content_type").notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    fileName: text("file_name").notNull(),
    uploadedBy: uuid("uploaded_by").references(() => authUsers.id, { onDelete: "set null" }),
    uploadedAt: timestamp("uploaded_at", { withTimezone: true }).notNull().defaultNow(),
    replacedAt: timestamp("replaced_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("permit_documents_storage_key_unique").on(t.storageKey),
    index("permit_documents_application_idx").on(t.applicationId, t.requirementId),
    check("permit_documents_type", sql`${t.contentType} in ('application/pdf', 'image/jpeg', 'image/png')`),
    check("permit_documents_size", sql`${t.sizeBytes} between 1 and 10485760`),
    check("permit_documents_key", sql`${t.storageKey} like 'permits/' || ${t.applicationId}::text || '/%'`),
    pgPolicy("the applicant and the lgu's permits officers see them", {
      for: "select",
      to: authenticatedRole,
      using: sql`exists (select 1 from public.permit_applications a where a.id = ${t.applicationId}
        and (a.applicant_id = (select auth.uid()) or ${officer(sql`a.lgu_id`)}))`,
    }),
    pgPolicy("the applicant uploads while it waits for them", {
      for: "insert",
      to: authenticatedRole,
      withCheck: sql`${t.uploadedBy} = (select auth.uid()) and exists (select 1 from public.permit_applications a
        join public.permit_requirements r on r.permit_type_id = a.permit_type_id
        where a.id = ${t.applicationId} and r.id = ${t.requirementId} and a.applicant_id = (select auth.uid()) and a.status in ('draft', 'info_requested'))`,
    }),
  ],
).enableRLS();

/** The status history of an application: who moved it, from what, to what, when, and why. Append-only. */
export const permitEvents = pgTable(
  "permit_events",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    applicationId: uuid("application_id")
      .notNull()
      .references(() => permitApplications.id, { onDelete: "cascade" }),
    lguId: uuid("lgu_id")
      .notNull()
      .references(() => lgus.id, { onDelete: "restrict" }),
    fromStatus: permitApplicationStatus("from_status"),
    toStatus: permitApplicationStatus("to_status").notNull(),
    actorId: uuid("actor_id").references(() => authUsers.id, { onDelete: "set null" }),
    note: text("note"),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("permit_events_application_idx").on(t.applicationId, t.occurredAt),
    index("permit_events_lgu_idx").on(t.lguId, t.toStatus, t.occurredAt),
    pgPolicy("seen with the application", {
      for: "select",
      to: authenticatedRole,
      using: sql`exists (select 1 from public.permit_applications a where a.id = ${t.applicationId})`,
    }),
  ],
).enableRLS();

/**
 * An issued permit. Its number (NAGA-CITY-PERMIT-2026-000045) is printed on it; its verification
 * token is in the QR code's URL, where anyone can check that it is genuine and still valid.
 */
export const permits = pgTable(
  "permits",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    applicationId: uuid("application_id")
      .notNull()
      .references(() => permitApplications.id, { onDelete: "restrict" }),
    lguId: uuid("lgu_id")
      .notNull()
      .references(() => lgus.id, { onDelete: "restrict" }),
    number: text("number").notNull(),
    verificationToken: text("verification_token").notNull(),
    validFrom: date("valid_from").notNull(),
    validUntil: date("valid_until").notNull(),
    issuedBy: uuid("issued_by").references(() => authUsers.id, { onDelete: "set null" }),
    issuedAt: timestamp("issued_at", { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("permits_application_unique").on(t.applicationId),
    uniqueIndex("permits_number_unique").on(t.number),
    uniqueIndex("permits_token_unique").on(t.verificationToken),
    check("permits_validity", sql`${t.validUntil} > ${t.validFrom}`),
    pgPolicy("the holder and the lgu's officers see it", {
      for: "select",
      to: authenticatedRole,
      using: sql`exists (select 1 from public.permit_applications a where a.id = ${t.applicationId})`,
    }),
  ],
).enableRLS();

/** The last number used per LGU, kind of reference (BP, PERMIT, RPT…) and year. Server only. */
export const serviceCounters = pgTable(
  "service_counters",
  {
    lguId: uuid("lgu_id")
      .notNull()
      .references(() => lgus.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    year: integer("year").notNull(),
    last: integer("last").notNull().default(0),
  },
  (t) => [uniqueIndex("service_counters_unique").on(t.lguId, t.kind, t.year), serverOnly],
).enableRLS();

export const servicePaymentSubject = pgEnum("service_payment_subject", ["permit_fee", "property_tax"]);
export const servicePaymentChannel = pgEnum("service_payment_channel", ["card", "sandbox", "cash", "bank_transfer"]);

/**
 * Money paid to an LGU for a service (a permit's fee, property tax), one row per payment, in
 * integer minor units: append-only, and idempotent by (source, external_id) — a retried webhook or a
 * resubmitted treasurer's form records it once. Numbered receipts (NAGA-CITY-OR-2026-000012) are
 * issued with each. Read by the payer and the LGU's treasurers, admins and permits officers.
 */
export const servicePayments = pgTable(
  "service_payments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    lguId: uuid("lgu_id")
      .notNull()
      .references(() => lgus.id, { onDelete: "restrict" }),
    subject: servicePaymentSubject("subject").notNull(),
    // The permit application or the tax assessment paid for.
    subjectId: uuid("subject_id").notNull(),
    payerId: uuid("payer_id").references(() => authUsers.id, { onDelete: "set null" }),
    amountMinor: bigint("amount_minor", { mode: "number" }).notNull(),
    currency: varchar("currency", { length: 3 }).notNull(),
    channel: servicePaymentChannel("channel").notNull(),
    source: text("source").notNull(),
    externalId: text("external_id").notNull(),
    receiptNumber: text("receipt_number").notNull(),
    recordedBy: uuid("recorded_by").references(() => authUsers.id, { onDelete: "set null" }),
    paidAt: timestamp("paid_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("service_payments_external_unique").on(t.source, t.externalId),
    uniqueIndex("service_payments_receipt_unique").on(t.receiptNumber),
    index("service_payments_subject_idx").on(t.subject, t.subjectId),
    index("service_payments_lgu_idx").on(t.lguId, t.paidAt),
    check("service_payments_amount_positive", sql`${t.amountMinor} > 0`),
    check("service_payments_currency_iso", sql`${t.currency} ~ '^[A-Z]{3}$'`),
    check("service_payments_source", sql`${t.source} in ('stripe', 'sandbox', 'treasurer')`),
    pgPolicy("the payer and the lgu's staff see it", {
      for: "select",
      to: authenticatedRole,
      using: sql`${t.payerId} = (select auth.uid()) or ${officerOrTreasurer(t.lguId)}`,
    }),
  ],
).enableRLS();
