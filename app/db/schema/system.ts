/**
 * The audit log and the tables only the server itself uses (email outbox, rate limits). The
 * latter deny the API roles outright: a restrictive policy that is always false, on top of RLS.
 */
import { sql } from "drizzle-orm";
import { bigint, index, integer, jsonb, pgPolicy, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { anonRole, authenticatedRole, authUsers } from "drizzle-orm/supabase";

export const serverOnly = pgPolicy("server only", {
  as: "restrictive",
  for: "all",
  to: [anonRole, authenticatedRole],
  using: sql`false`,
  withCheck: sql`false`,
});

/**
 * Who did what, when, with the row before and after. Written only by triggers
 * (app_private.audit_row), never by the API roles; kept when the actor deletes their account
 * (the id stays, the person's data goes). Read by platform admins, and by an LGU's admins or an
 * organisation's officers for their own entries.
 */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid("actor_id"),
    action: text("action").notNull(),
    lguId: uuid("lgu_id"),
    organisationId: uuid("organisation_id"),
    subjectTable: text("subject_table").notNull(),
    subjectId: text("subject_id"),
    before: jsonb("before"),
    after: jsonb("after"),
  },
  (t) => [
    index("audit_log_lgu_idx").on(t.lguId, t.occurredAt),
    index("audit_log_organisation_idx").on(t.organisationId, t.occurredAt),
    index("audit_log_occurred_idx").on(t.occurredAt),
    pgPolicy("admins read the audit log", {
      for: "select",
      to: authenticatedRole,
      using: sql`app_private.is_platform_admin()
        or (${t.lguId} is not null and app_private.has_lgu_role(${t.lguId}, array['admin']))
        or (${t.organisationId} is not null and app_private.has_organisation_role(${t.organisationId}, array['officer']))`,
    }),
  ],
).enableRLS();

/** Emails waiting to be read in the dev mailbox (no SMTP configured). Holds links with tokens. */
export const emailOutbox = pgTable(
  "email_outbox",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    toAddress: text("to_address").notNull(),
    subject: text("subject").notNull(),
    bodyText: text("body_text").notNull(),
    bodyHtml: text("body_html"),
    template: text("template").notNull(),
    // Extra headers the message carries (List-Unsubscribe…), as SMTP would send them.
    headers: jsonb("headers").$type<Record<string, string>>().notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("email_outbox_to_idx").on(t.toAddress, t.createdAt), serverOnly],
).enableRLS();

/** Fixed-window counters for sign-in, sign-up and reset attempts, per IP and per account. */
export const rateLimits = pgTable(
  "rate_limits",
  {
    key: text("key").primaryKey(),
    windowStartedAt: timestamp("window_started_at", { withTimezone: true }).notNull().defaultNow(),
    hits: integer("hits").notNull().default(0),
  },
  () => [serverOnly],
).enableRLS();

export type AuditEntry = typeof auditLog.$inferSelect;
export type OutboxEmail = typeof emailOutbox.$inferSelect;

/**
 * In-app notifications: one row per person per event (a followed project posted an update…).
 * People read and mark their own; rows are written by the server when the event happens.
 */
export const notifications = pgTable(
  "notifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => authUsers.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    // What it is about, for the link and the words: e.g. { projectSlug, projectTitle }.
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp("read_at", { withTimezone: true }),
  },
  (t) => [
    index("notifications_user_idx").on(t.userId, t.createdAt),
    pgPolicy("people read their notifications", { for: "select", to: authenticatedRole, using: sql`${t.userId} = (select auth.uid())` }),
    pgPolicy("people mark their notifications read", {
      for: "update",
      to: authenticatedRole,
      using: sql`${t.userId} = (select auth.uid())`,
      withCheck: sql`${t.userId} = (select auth.uid())`,
    }),
  ],
).enableRLS();
