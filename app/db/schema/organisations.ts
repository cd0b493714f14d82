/**
 * Organisations and who acts for them: associations, employers, cooperatives and NGOs beside the
 * LGUs of core.ts; memberships with roles; invitations by email; verification requests with
 * evidence. Role, membership and verification changes are written to the audit log by triggers
 * (supabase/migrations/*_accounts_triggers.sql), whichever code path makes them.
 */
import { sql } from "drizzle-orm";
import {
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgPolicy,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from "drizzle-orm/pg-core";
import { anonRole, authenticatedRole, authUsers } from "drizzle-orm/supabase";
import { lgus, places, verificationStatus, type LocalizedText } from "./core";

export const lguRole = pgEnum("lgu_role", ["admin", "editor", "treasurer", "permits_officer", "investment_officer"]);
export const organisationKind = pgEnum("organisation_kind", ["association", "employer", "cooperative", "ngo"]);
export const associationLevel = pgEnum("association_level", ["local", "umbrella", "federation"]);
export const organisationRole = pgEnum("organisation_role", ["officer", "member"]);
export const invitationStatus = pgEnum("invitation_status", ["pending", "accepted", "declined", "revoked"]);
export const verificationRequestStatus = pgEnum("verification_request_status", ["pending", "approved", "rejected"]);

const isOfficer = (id: unknown) => sql`app_private.has_organisation_role(${id}, array['officer'])`;
const isLguAdmin = (id: unknown) => sql`app_private.has_lgu_role(${id}, array['admin'])`;
const isPlatformAdmin = sql`app_private.is_platform_admin()`;

/** A hometown/diaspora association, employer, cooperative or NGO. */
export const organisations = pgTable(
  "organisations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    kind: organisationKind("kind").notNull(),
    name: text("name").notNull(),
    slug: text("slug").notNull(),
    description: jsonb("description").$type<LocalizedText>().notNull().default({}),
    // Associations only: local / umbrella / federation.
    associationLevel: associationLevel("association_level"),
    // The home town an association is about; for others, where they operate.
    homePlaceId: uuid("home_place_id").references(() => places.id, { onDelete: "restrict" }),
    // Where a diaspora association meets abroad.
    cityAbroad: text("city_abroad"),
    countryAbroad: varchar("country_abroad", { length: 2 }),
    contactEmail: text("contact_email"),
    website: text("website"),
    verificationStatus: verificationStatus("verification_status").notNull().default("unverified"),
    verifiedAt: timestamp("verified_at", { withTimezone: true }),
    createdBy: uuid("created_by").references(() => authUsers.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("organisations_slug_unique").on(t.slug),
    index("organisations_home_place_idx").on(t.homePlaceId),
    check("organisations_slug_format", sql`${t.slug} ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`),
    check("organisations_name_length", sql`char_length(${t.name}) between 2 and 160`),
    check("organisations_level_for_associations", sql`(${t.kind} = 'association') = (${t.associationLevel} is not null)`),
    check("organisations_country_abroad_iso", sql`${t.countryAbroad} is null or ${t.countryAbroad} ~ '^[A-Z]{2}$'`),
    check("organisations_verified_has_date", sql`(${t.verificationStatus} = 'verified') = (${t.verifiedAt} is not null)`),
    // Public only once a platform admin has verified it, as for LGUs.
    pgPolicy("verified organisations are public", {
      for: "select",
      to: [anonRole, authenticatedRole],
      using: sql`${t.verificationStatus} = 'verified'`,
    }),
    pgPolicy("members and platform admins see their organisations", {
      for: "select",
      to: authenticatedRole,
      using: sql`app_private.has_organisation_role(${t.id}) or ${isPlatformAdmin} or ${t.createdBy} = (select auth.uid())`,
    }),
    pgPolicy("members create organisations", {
      for: "insert",
      to: authenticatedRole,
      withCheck: sql`${t.createdBy} = (select auth.uid()) and ${t.verificationStatus} = 'unverified'`,
    }),
    pgPolicy("officers update their organisation", {
      for: "update",
      to: authenticatedRole,
      using: isOfficer(t.id),
      withCheck: isOfficer(t.id),
    }),
  ],
).enableRLS();

/** Staff of an LGU, one row per role held (a person may be both editor and treasurer). */
export const lguMemberships = pgTable(
  "lgu_memberships",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    lguId: uuid("lgu_id")
      .notNull()
      .references(() => lgus.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => authUsers.id, { onDelete: "cascade" }),
    role: lguRole("role").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("lgu_memberships_unique").on(t.lguId, t.userId, t.role),
    index("lgu_memberships_user_idx").on(t.userId),
    pgPolicy("staff see their colleagues, members see their own roles", {
      for: "select",
      to: authenticatedRole,
      using: sql`${t.userId} = (select auth.uid()) or app_private.has_lgu_role(${t.lguId}) or ${isPlatformAdmin}`,
    }),
    pgPolicy("lgu admins grant roles", {
      for: "insert",
      to: authenticatedRole,
      withCheck: sql`${isLguAdmin(t.lguId)} or ${isPlatformAdmin}`,
    }),
    pgPolicy("lgu admins remove roles, staff leave", {
      for: "delete",
      to: authenticatedRole,
      using: sql`${isLguAdmin(t.lguId)} or ${isPlatformAdmin} or ${t.userId} = (select auth.uid())`,
    }),
  ],
).enableRLS();

/** Members of an organisation: officers run it, members belong to it. */
export const organisationMemberships = pgTable(
  "organisation_memberships",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => authUsers.id, { onDelete: "cascade" }),
    role: organisationRole("role").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("organisation_memberships_unique").on(t.organisationId, t.userId),
    index("organisation_memberships_user_idx").on(t.userId),
    pgPolicy("members see their organisation's members", {
      for: "select",
      to: authenticatedRole,
      using: sql`${t.userId} = (select auth.uid()) or app_private.has_organisation_role(${t.organisationId}) or ${isPlatformAdmin}`,
    }),
    pgPolicy("officers add members", {
      for: "insert",
      to: authenticatedRole,
      withCheck: sql`${isOfficer(t.organisationId)} or ${isPlatformAdmin}`,
    }),
    pgPolicy("officers change roles", {
      for: "update",
      to: authenticatedRole,
      using: sql`${isOfficer(t.organisationId)} or ${isPlatformAdmin}`,
      withCheck: sql`${isOfficer(t.organisationId)} or ${isPlatformAdmin}`,
    }),
    pgPolicy("officers remove members, members leave", {
      for: "delete",
      to: authenticatedRole,
      using: sql`${isOfficer(t.organisationId)} or ${isPlatformAdmin} or ${t.userId} = (select auth.uid())`,
    }),
  ],
).enableRLS();

/**
 * An invitation to join an LGU's staff (with a role) or an organisation. The emailed link carries a
 * random token; only its SHA-256 is stored. Accepted or declined through
 * `public.respond_to_invitation`, which checks the token, the expiry and that the signed-in person's
 * confirmed email is the invited one.
 */
export const invitations = pgTable(
  "invitations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    lguId: uuid("lgu_id").references(() => lgus.id, { onDelete: "cascade" }),
    lguRole: lguRole("lgu_role"),
    organisationId: uuid("organisation_id").references(() => organisations.id, { onDelete: "cascade" }),
    organisationRole: organisationRole("organisation_role"),
    email: text("email").notNull(),
    tokenHash: text("token_hash").notNull(),
    status: invitationStatus("status").notNull().default("pending"),
    invitedBy: uuid("invited_by").references(() => authUsers.id, { onDelete: "set null" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    respondedAt: timestamp("responded_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("invitations_token_hash_unique").on(t.tokenHash),
    index("invitations_email_idx").on(t.email),
    check(
      "invitations_one_target",
      sql`(${t.lguId} is not null and ${t.lguRole} is not null and ${t.organisationId} is null and ${t.organisationRole} is null)
        or (${t.organisationId} is not null and ${t.organisationRole} is not null and ${t.lguId} is null and ${t.lguRole} is null)`,
    ),
    check("invitations_email_lowercase", sql`${t.email} = lower(${t.email}) and ${t.email} like '%_@_%'`),
    pgPolicy("inviters and invitees see invitations", {
      for: "select",
      to: authenticatedRole,
      using: sql`(${t.lguId} is not null and ${isLguAdmin(t.lguId)})
        or (${t.organisationId} is not null and ${isOfficer(t.organisationId)})
        or ${isPlatformAdmin}
        or ${t.email} = lower((select auth.jwt()) ->> 'email')`,
    }),
    pgPolicy("lgu admins and officers invite", {
      for: "insert",
      to: authenticatedRole,
      withCheck: sql`${t.invitedBy} = (select auth.uid()) and ${t.status} = 'pending'
        and ((${t.lguId} is not null and ${isLguAdmin(t.lguId)})
          or (${t.organisationId} is not null and ${isOfficer(t.organisationId)}))`,
    }),
    // Only a pending invitation can be revoked; an answered one can never be reopened.
    pgPolicy("lgu admins and officers revoke", {
      for: "update",
      to: authenticatedRole,
      using: sql`${t.status} = 'pending' and ((${t.lguId} is not null and ${isLguAdmin(t.lguId)})
        or (${t.organisationId} is not null and ${isOfficer(t.organisationId)}))`,
      withCheck: sql`${t.status} in ('pending', 'revoked')
        and ((${t.lguId} is not null and ${isLguAdmin(t.lguId)})
          or (${t.organisationId} is not null and ${isOfficer(t.organisationId)}))`,
    }),
  ],
).enableRLS();

/**
 * An LGU's or organisation's request to be verified, with one evidence document (in the storage
 * port). A platform admin approves or rejects it with a reason; a trigger carries the decision to
 * the LGU or organisation, whose verification columns nothing else may change.
 */
export const verificationRequests = pgTable(
  "verification_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    lguId: uuid("lgu_id").references(() => lgus.id, { onDelete: "cascade" }),
    organisationId: uuid("organisation_id").references(() => organisations.id, { onDelete: "cascade" }),
    submittedBy: uuid("submitted_by").references(() => authUsers.id, { onDelete: "set null" }),
    note: text("note"),
    evidencePath: text("evidence_path").notNull(),
    evidenceFilename: text("evidence_filename").notNull(),
    evidenceContentType: text("evidence_content_type").notNull(),
    evidenceSize: integer("evidence_size").notNull(),
    status: verificationRequestStatus("status").notNull().default("pending"),
    decidedBy: uuid("decided_by").references(() => authUsers.id, { onDelete: "set null" }),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    decisionReason: text("decision_reason"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("verification_requests_lgu_idx").on(t.lguId),
    index("verification_requests_organisation_idx").on(t.organisationId),
    index("verification_requests_pending_idx").on(t.createdAt).where(sql`${t.status} = 'pending'`),
    // One open request per applicant at a time.
    uniqueIndex("verification_requests_one_pending_lgu").on(t.lguId).where(sql`${t.status} = 'pending'`),
    uniqueIndex("verification_requests_one_pending_organisation").on(t.organisationId).where(sql`${t.status} = 'pending'`),
    check("verification_requests_one_target", sql`(${t.lguId} is null) <> (${t.organisationId} is null)`),
    check("verification_requests_evidence_size", sql`${t.evidenceSize} between 1 and 10485760`),
    check("verification_requests_rejection_has_reason", sql`${t.status} <> 'rejected' or char_length(coalesce(${t.decisionReason}, '')) >= 3`),
    check("verification_requests_decided", sql`(${t.status} = 'pending') = (${t.decidedAt} is null)`),
    pgPolicy("applicants and platform admins see requests", {
      for: "select",
      to: authenticatedRole,
      using: sql`(${t.lguId} is not null and ${isLguAdmin(t.lguId)})
        or (${t.organisationId} is not null and ${isOfficer(t.organisationId)})
        or ${isPlatformAdmin}`,
    }),
    pgPolicy("lgu admins and officers apply", {
      for: "insert",
      to: authenticatedRole,
      withCheck: sql`${t.submittedBy} = (select auth.uid()) and ${t.status} = 'pending' and ${t.decidedBy} is null
        and ((${t.lguId} is not null and ${isLguAdmin(t.lguId)})
          or (${t.organisationId} is not null and ${isOfficer(t.organisationId)}))`,
    }),
    pgPolicy("platform admins decide", {
      for: "update",
      to: authenticatedRole,
      using: isPlatformAdmin,
      withCheck: sql`${isPlatformAdmin} and ${t.decidedBy} = (select auth.uid())`,
    }),
  ],
).enableRLS();

export type Organisation = typeof organisations.$inferSelect;
export type LguMembership = typeof lguMemberships.$inferSelect;
export type OrganisationMembership = typeof organisationMemberships.$inferSelect;
export type Invitation = typeof invitations.$inferSelect;
export type VerificationRequest = typeof verificationRequests.$inferSelect;
export type LguRole = (typeof lguRole.enumValues)[number];
export type OrganisationRole = (typeof organisationRole.enumValues)[number];
export type OrganisationKind = (typeof organisationKind.enumValues)[number];
