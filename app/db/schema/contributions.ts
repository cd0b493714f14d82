/**
 * Money in: contributions (a gift or a pledge, made once or monthly) and the append-only ledger of
 * what actually happened to them (money received, money refunded), in integer minor units of the
 * project's currency. A project's totals (project_funding) are derived from the ledger by a trigger,
 * never written by hand, and a reconciliation function checks that they still add up.
 *
 * Written only by the server (payment webhooks, the treasurer's confirmation, the demo sandbox)
 * through the service role; read by the donor, the project LGU's admins and treasurers, and
 * platform admins. The public sees totals (project_funding) with the project.
 */
import { sql } from "drizzle-orm";
import { bigint, boolean, check, date, index, integer, jsonb, numeric, pgEnum, pgPolicy, pgTable, text, timestamp, uniqueIndex, uuid, varchar } from "drizzle-orm/pg-core";
import { anonRole, authenticatedRole, authUsers } from "drizzle-orm/supabase";
import { lgus } from "./core";
import { organisations } from "./organisations";
import { projects } from "./projects";
import { serverOnly } from "./system";

export const contributionKind = pgEnum("contribution_kind", ["one_time", "monthly", "pledge"]);
export const contributionChannel = pgEnum("contribution_channel", ["card", "sandbox", "bank_transfer", "remittance", "cash"]);
export const contributionStatus = pgEnum("contribution_status", ["pending", "confirmed", "failed", "lapsed", "refunded"]);
export const contributionEventType = pgEnum("contribution_event_type", ["received", "refunded"]);

const donorOrStaff = (projectId: unknown, donorId: unknown) =>
  sql`${donorId} = (select auth.uid()) or app_private.project_lgu_role(${projectId}, array['admin', 'treasurer']) or (select app_private.is_platform_admin())`;

export const contributions = pgTable(
  "contributions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    projectId: uuid("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "restrict" }),
    donorId: uuid("donor_id").references(() => authUsers.id, { onDelete: "set null" }),
    kind: contributionKind("kind").notNull(),
    channel: contributionChannel("channel").notNull(),
    // What the donor meant to give; what arrived is in the ledger (a transfer may differ).
    amountMinor: bigint("amount_minor", { mode: "number" }).notNull(),
    currency: varchar("currency", { length: 3 }).notNull(),
    // Hidden from the public ledger; the LGU still sees the name for receipts.
    anonymous: boolean("anonymous").notNull().default(false),
    // The human reference a donor quotes on a bank transfer or at a remittance centre.
    reference: text("reference").notNull(),
    status: contributionStatus("status").notNull().default("pending"),
    // Given "as part of" a hometown association the donor belongs to (its page shows the total).
    associationId: uuid("association_id").references(() => organisations.id, { onDelete: "set null" }),
    // Pledges: the day the donor means to send the money by (reminders go out before it).
    dueOn: date("due_on"),
    // When the donor was reminded of a pledge's due date (once per pledge).
    remindedAt: timestamp("reminded_at", { withTimezone: true }),
    // Stripe: the Checkout Session that started it, the payment, the subscription of a monthly
    // gift, and the connected account of the LGU that received it (null: the platform's account).
    stripeCheckoutSessionId: text("stripe_checkout_session_id"),
    stripePaymentIntentId: text("stripe_payment_intent_id"),
    stripeSubscriptionId: text("stripe_subscription_id"),
    stripeAccountId: text("stripe_account_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("contributions_reference_unique").on(t.reference),
    index("contributions_project_idx").on(t.projectId, t.createdAt),
    index("contributions_donor_idx").on(t.donorId, t.createdAt),
    index("contributions_association_idx").on(t.associationId),
    uniqueIndex("contributions_checkout_session_unique").on(t.stripeCheckoutSessionId),
    uniqueIndex("contributions_payment_intent_unique").on(t.stripePaymentIntentId),
    index("contributions_subscription_idx").on(t.stripeSubscriptionId),
    check("contributions_amount_positive", sql`${t.amountMinor} > 0`),
    check("contributions_currency_iso", sql`${t.currency} ~ '^[A-Z]{3}$'`),
    pgPolicy("donors and the project's treasurers see contributions", {
      for: "select",
      to: authenticatedRole,
      using: donorOrStaff(t.projectId, t.donorId),
    }),
  ],
).enableRLS();

/**
 * The ledger: one row per movement of money, never changed or deleted. `external_id` makes every
 * write idempotent (a Stripe event or charge id, a treasurer's confirmation id): the same movement
 * recorded twice is refused by the unique index, so a retried webhook changes nothing.
 */
export const contributionEvents = pgTable(
  "contribution_events",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    contributionId: uuid("contribution_id")
      .notNull()
      .references(() => contributions.id, { onDelete: "restrict" }),
    projectId: uuid("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "restrict" }),
    type: contributionEventType("type").notNull(),
    amountMinor: bigint("amount_minor", { mode: "number" }).notNull(),
    currency: varchar("currency", { length: 3 }).notNull(),
    source: text("source").notNull(),
    externalId: text("external_id").notNull(),
    recordedBy: uuid("recorded_by").references(() => authUsers.id, { onDelete: "set null" }),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("contribution_events_external_unique").on(t.source, t.externalId),
    index("contribution_events_contribution_idx").on(t.contributionId),
    index("contribution_events_project_idx").on(t.projectId, t.occurredAt),
    check("contribution_events_amount_positive", sql`${t.amountMinor} > 0`),
    check("contribution_events_source", sql`${t.source} in ('stripe', 'sandbox', 'treasurer')`),
    pgPolicy("donors and the project's treasurers see the movements", {
      for: "select",
      to: authenticatedRole,
      using: sql`exists (select 1 from public.contributions c where c.id = ${t.contributionId} and (${donorOrStaff(sql`c.project_id`, sql`c.donor_id`)}))`,
    }),
  ],
).enableRLS();

/**
 * A project's money in, derived from the ledger by a trigger (received, refunded, raised = the
 * difference, the number of gifts) and the share of its goal raised in basis points, which the
 * "most funded" and "nearest to goal" orders use. `fundraising` mirrors the project's status so
 * that order has an index. Public with the project.
 */
export const projectFunding = pgTable(
  "project_funding",
  {
    projectId: uuid("project_id")
      .primaryKey()
      .references(() => projects.id, { onDelete: "cascade" }),
    receivedMinor: bigint("received_minor", { mode: "number" }).notNull().default(0),
    refundedMinor: bigint("refunded_minor", { mode: "number" }).notNull().default(0),
    raisedMinor: bigint("raised_minor", { mode: "number" })
      .notNull()
      .generatedAlwaysAs(sql`received_minor - refunded_minor`),
    gifts: integer("gifts").notNull().default(0),
    fundedBasisPoints: integer("funded_basis_points").notNull().default(0),
    fundraising: boolean("fundraising").notNull().default(false),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("project_funding_amounts", sql`${t.receivedMinor} >= 0 and ${t.refundedMinor} between 0 and ${t.receivedMinor} and ${t.gifts} >= 0`),
    index("project_funding_most_idx").on(t.fundedBasisPoints.desc(), t.projectId),
    index("project_funding_nearest_idx")
      .on(t.fundedBasisPoints.desc(), t.projectId)
      .where(sql`${t.fundraising} and ${t.fundedBasisPoints} < 10000`),
    pgPolicy("visible with the project", { for: "select", to: [anonRole, authenticatedRole], using: sql`app_private.project_visible(${t.projectId})` }),
  ],
).enableRLS();

/**
 * Every Stripe webhook event, stored once (its id is the key) before it is handled, so a retried
 * delivery is recognised and a handler that failed can be run again. Server only.
 */
export const stripeEvents = pgTable(
  "stripe_events",
  {
    id: text("id").primaryKey(),
    type: text("type").notNull(),
    // The connected account the event is about (Connect), null for the platform's own.
    account: text("account"),
    payload: jsonb("payload").notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp("processed_at", { withTimezone: true }),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
  },
  (t) => [index("stripe_events_unprocessed_idx").on(t.receivedAt).where(sql`${t.processedAt} is null`), serverOnly],
).enableRLS();

/**
 * An LGU's own Stripe account (Connect): once it can take charges, gifts to its projects go to it
 * directly; until then, to the platform's account. Status comes from `account.updated` events.
 * The LGU's admins and treasurers read it; only the server writes it.
 */
export const lguPaymentAccounts = pgTable(
  "lgu_payment_accounts",
  {
    lguId: uuid("lgu_id")
      .primaryKey()
      .references(() => lgus.id, { onDelete: "cascade" }),
    stripeAccountId: text("stripe_account_id").notNull(),
    chargesEnabled: boolean("charges_enabled").notNull().default(false),
    payoutsEnabled: boolean("payouts_enabled").notNull().default(false),
    detailsSubmitted: boolean("details_submitted").notNull().default(false),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("lgu_payment_accounts_stripe_unique").on(t.stripeAccountId),
    pgPolicy("the lgu's admins and treasurers see it", {
      for: "select",
      to: authenticatedRole,
      using: sql`app_private.has_lgu_role(${t.lguId}, array['admin', 'treasurer']) or (select app_private.is_platform_admin())`,
    }),
  ],
).enableRLS();

/**
 * Approximate exchange rates, kept by the platform's admins (there is no live rate service): each
 * currency's value in US dollars. Used only to show a donor roughly what an amount is in their own
 * currency; gifts are always made and recorded in the project's currency.
 */
export const exchangeRates = pgTable(
  "exchange_rates",
  {
    currency: varchar("currency", { length: 3 }).primaryKey(),
    usdPerUnit: numeric("usd_per_unit", { precision: 20, scale: 10 }).notNull(),
    updatedBy: uuid("updated_by").references(() => authUsers.id, { onDelete: "set null" }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("exchange_rates_currency_iso", sql`${t.currency} ~ '^[A-Z]{3}$'`),
    check("exchange_rates_positive", sql`${t.usdPerUnit} > 0`),
    pgPolicy("anyone reads the rates", { for: "select", to: [anonRole, authenticatedRole], using: sql`true` }),
    pgPolicy("platform admins add rates", { for: "insert", to: authenticatedRole, withCheck: sql`(select app_private.is_platform_admin())` }),
    pgPolicy("platform admins change rates", {
      for: "update",
      to: authenticatedRole,
      using: sql`(select app_private.is_platform_admin())`,
      withCheck: sql`(select app_private.is_platform_admin())`,
    }),
    pgPolicy("platform admins remove rates", { for: "delete", to: authenticatedRole, using: sql`(select app_private.is_platform_admin())` }),
  ],
).enableRLS();

/**
 * A receipt per money received (a gift, a pledge confirmed, each month of a monthly gift), issued
 * by the database in the same transaction as the movement, numbered per LGU and year without gaps
 * (NAGA-CITY-2026-000042). The donor and the LGU's admins and treasurers read it; nobody writes it.
 */
export const receipts = pgTable(
  "receipts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    eventId: bigint("event_id", { mode: "number" })
      .notNull()
      .references(() => contributionEvents.id, { onDelete: "restrict" }),
    contributionId: uuid("contribution_id")
      .notNull()
      .references(() => contributions.id, { onDelete: "restrict" }),
    lguId: uuid("lgu_id")
      .notNull()
      .references(() => lgus.id, { onDelete: "restrict" }),
    year: integer("year").notNull(),
    sequence: integer("sequence").notNull(),
    number: text("number").notNull(),
    amountMinor: bigint("amount_minor", { mode: "number" }).notNull(),
    currency: varchar("currency", { length: 3 }).notNull(),
    issuedAt: timestamp("issued_at", { withTimezone: true }).notNull().defaultNow(),
    emailedAt: timestamp("emailed_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("receipts_event_unique").on(t.eventId),
    uniqueIndex("receipts_number_unique").on(t.number),
    uniqueIndex("receipts_lgu_year_sequence_unique").on(t.lguId, t.year, t.sequence),
    index("receipts_contribution_idx").on(t.contributionId),
    index("receipts_unsent_idx").on(t.issuedAt).where(sql`${t.emailedAt} is null`),
    pgPolicy("the donor and the lgu's treasurers read receipts", {
      for: "select",
      to: authenticatedRole,
      using: sql`exists (select 1 from public.contributions c where c.id = ${t.contributionId} and c.donor_id = (select auth.uid()))
        or app_private.has_lgu_role(${t.lguId}, array['admin', 'treasurer']) or (select app_private.is_platform_admin())`,
    }),
  ],
).enableRLS();

/** The last receipt number used per LGU and year. Server only. */
export const receiptCounters = pgTable(
  "receipt_counters",
  {
    lguId: uuid("lgu_id")
      .notNull()
      .references(() => lgus.id, { onDelete: "cascade" }),
    year: integer("year").notNull(),
    last: integer("last").notNull().default(0),
  },
  (t) => [uniqueIndex("receipt_counters_lgu_year_unique").on(t.lguId, t.year), serverOnly],
).enableRLS();

export const cardRefundStatus = pgEnum("card_refund_status", ["requested", "sent", "failed"]);

/**
 * Each card refund an LGU's admin or treasurer asked for, recorded (and audited in their name) by
 * `public.request_card_refund` before the payment provider is asked, then marked sent (with the
 * provider's refund id) or failed by the server. The ledger itself moves only when the provider's
 * charge.refunded webhook arrives. `request_key` is the form's: a resubmitted form asks once.
 * Read by the LGU's admins and treasurers and platform admins; written only by those functions.
 */
export const cardRefundRequests = pgTable(
  "card_refund_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    contributionId: uuid("contribution_id")
      .notNull()
      .references(() => contributions.id, { onDelete: "restrict" }),
    projectId: uuid("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "restrict" }),
    amountMinor: bigint("amount_minor", { mode: "number" }).notNull(),
    currency: varchar("currency", { length: 3 }).notNull(),
    requestKey: uuid("request_key").notNull(),
    requestedBy: uuid("requested_by").references(() => authUsers.id, { onDelete: "set null" }),
    requestedAt: timestamp("requested_at", { withTimezone: true }).notNull().defaultNow(),
    status: cardRefundStatus("status").notNull().default("requested"),
    providerRefundId: text("provider_refund_id"),
    failure: text("failure"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("card_refund_requests_key_unique").on(t.requestKey),
    index("card_refund_requests_contribution_idx").on(t.contributionId, t.requestedAt),
    check("card_refund_requests_amount_positive", sql`${t.amountMinor} > 0`),
    pgPolicy("the project's treasurers see refund requests", {
      for: "select",
      to: authenticatedRole,
      using: sql`app_private.project_lgu_role(${t.projectId}, array['admin', 'treasurer']) or (select app_private.is_platform_admin())`,
    }),
  ],
).enableRLS();
