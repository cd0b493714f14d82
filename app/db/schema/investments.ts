/**
 * Investments (issue 7): opportunities an LGU's investment officers publish, the LGU's investment
 * guide, members' expressions of interest (the leads), the officers' pipeline on each lead, and the
 * case file that follows an investor from idea to a registered business. No money moves here: the
 * portal matches and tracks (README, docs/decisions/0009-investments-matching-and-tracking.md).
 *
 * Who sees what: open and closed opportunities of verified LGUs are public; drafts, leads, notes,
 * cases, tasks and case documents only to the LGU's admins and investment officers; a member sees
 * their own expressions, the replies and their case's phase. A member's contact details are in
 * their own table, which nobody but the member reads: the LGU of the opportunity gets them only
 * through public.investment_lead_contacts(), and only when the member consented.
 *
 * Staff actions on leads and cases are database functions (supabase/migrations/*_investments_rules.sql)
 * that check the role and the stage, write the lead's history and, through triggers, the audit log.
 */
import { sql } from "drizzle-orm";
import { bigint, boolean, check, date, index, integer, jsonb, pgEnum, pgPolicy, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid, varchar } from "drizzle-orm/pg-core";
import { anonRole, authenticatedRole, authUsers } from "drizzle-orm/supabase";
import { lgus, places, type LocalizedText } from "./core";
import { permitApplications, permitTypes } from "./services";

export const investmentOpportunityStatus = pgEnum("investment_opportunity_status", ["draft", "open", "closed"]);
export const investmentLeadStage = pgEnum("investment_lead_stage", ["new", "contacted", "meeting", "due_diligence", "committed", "registered", "declined"]);
export const investmentCasePhase = pgEnum("investment_case_phase", ["idea", "elaboration", "formalisation", "creation"]);

/** The LGU's investment staff: its admins and investment officers. */
const investmentStaff = (lguId: unknown) => sql`app_private.has_lgu_role(${lguId}, array['admin', 'investment_officer'])`;

/**
 * An opportunity an LGU promotes. Vocabularies (sector, kind, incentives, timeline) are codes shown
 * translated (app/modules/investments/vocabulary.ts); `interest_sectors` are the profile sectors the
 * sector concerns, set by the module from the sector, so matching compares like with like.
 * Money: the ticket size range in integer minor units of `currency`.
 */
export const investmentOpportunities = pgTable(
  "investment_opportunities",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    lguId: uuid("lgu_id")
      .notNull()
      .references(() => lgus.id, { onDelete: "restrict" }),
    slug: text("slug").notNull(),
    title: jsonb("title").$type<LocalizedText>().notNull(),
    summary: jsonb("summary").$type<LocalizedText>().notNull().default({}),
    description: jsonb("description").$type<LocalizedText>().notNull().default({}),
    sector: text("sector").notNull(),
    interestSectors: text("interest_sectors").array().notNull().default(sql`'{}'::text[]`),
    kind: text("kind").notNull(),
    placeId: uuid("place_id").references(() => places.id, { onDelete: "restrict" }),
    // Where, in the LGU's words (a barangay, a site): shown beside the place.
    location: text("location"),
    ticketMinMinor: bigint("ticket_min_minor", { mode: "number" }).notNull(),
    ticketMaxMinor: bigint("ticket_max_minor", { mode: "number" }).notNull(),
    currency: varchar("currency", { length: 3 }).notNull(),
    timeline: text("timeline").notNull(),
    incentives: text("incentives").array().notNull().default(sql`'{}'::text[]`),
    incentivesNote: text("incentives_note"),
    contactOffice: text("contact_office").notNull(),
    contactEmail: text("contact_email"),
    status: investmentOpportunityStatus("status").notNull().default("draft"),
    createdBy: uuid("created_by").references(() => authUsers.id, { onDelete: "set null" }),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("investment_opportunities_slug_unique").on(t.slug),
    index("investment_opportunities_lgu_idx").on(t.lguId, t.status),
    index("investment_opportunities_public_idx").on(t.status, t.publishedAt),
    check("investment_opportunities_slug", sql`${t.slug} ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and length(${t.slug}) <= 100`),
    check("investment_opportunities_title_present", sql`jsonb_typeof(${t.title}) = 'object' and ${t.title} <> '{}'::jsonb`),
    check("investment_opportunities_ticket", sql`${t.ticketMinMinor} > 0 and ${t.ticketMaxMinor} >= ${t.ticketMinMinor}`),
    check("investment_opportunities_currency_iso", sql`${t.currency} ~ '^[A-Z]{3}$'`),
    check(
      "investment_opportunities_sector",
      sql`${t.sector} in ('agro_tourism', 'health_tourism', 'real_estate', 'cooperative', 'nostalgia_trade', 'agribusiness', 'renewable_energy', 'manufacturing', 'technology', 'services')`,
    ),
    check(
      "investment_opportunities_interest_sectors",
      sql`${t.interestSectors} <@ array['education','health','water','roads','livelihood','agriculture','disaster','culture','environment','tourism','technology']::text[]`,
    ),
    check(
      "investment_opportunities_kind",
      sql`${t.kind} in ('joint_venture', 'franchise', 'cooperative_membership', 'land_lease', 'public_private_partnership', 'supplier_trade')`,
    ),
    check("investment_opportunities_timeline", sql`${t.timeline} in ('within_6_months', 'six_to_12_months', 'one_to_2_years', 'over_2_years')`),
    check(
      "investment_opportunities_incentives",
      sql`${t.incentives} <@ array['tax_holiday','fee_waiver','land','duty_free_imports','training','credit_access']::text[]`,
    ),
    check("investment_opportunities_texts", sql`length(${t.contactOffice}) between 2 and 200 and coalesce(length(${t.location}), 0) <= 200
      and coalesce(length(${t.incentivesNote}), 0) <= 1000 and (${t.contactEmail} is null or ${t.contactEmail} ~ '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$')`),
    check("investment_opportunities_published", sql`${t.status} = 'draft' or ${t.publishedAt} is not null`),
    pgPolicy("published opportunities of verified lgus are public; investment staff see all of theirs", {
      for: "select",
      to: [anonRole, authenticatedRole],
      using: sql`(${t.status} <> 'draft' and ${t.lguId} in (select app_private.verified_lgu_ids())) or ${investmentStaff(t.lguId)}
        or (select app_private.is_platform_admin())`,
    }),
    pgPolicy("investment staff add opportunities", {
      for: "insert",
      to: authenticatedRole,
      withCheck: sql`${investmentStaff(t.lguId)} and ${t.createdBy} = (select auth.uid())`,
    }),
    pgPolicy("investment staff change opportunities", {
      for: "update",
      to: authenticatedRole,
      using: investmentStaff(t.lguId),
      withCheck: investmentStaff(t.lguId),
    }),
  ],
).enableRLS();

/** A document attached to an opportunity (a brochure, a site plan); the bytes are in the storage port. */
export const investmentOpportunityDocuments = pgTable(
  "investment_opportunity_documents",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    opportunityId: uuid("opportunity_id")
      .notNull()
      .references(() => investmentOpportunities.id, { onDelete: "cascade" }),
    lguId: uuid("lgu_id")
      .notNull()
      .references(() => lgus.id, { onDelete: "restrict" }),
    storageKey: text("storage_key").notNull(),
    fileName: text("file_name").notNull(),
    contentType: text("content_type").notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    uploadedBy: uuid("uploaded_by").references(() => authUsers.id, { onDelete: "set null" }),
    uploadedAt: timestamp("uploaded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("investment_opportunity_documents_key_unique").on(t.storageKey),
    index("investment_opportunity_documents_opportunity_idx").on(t.opportunityId),
    check("investment_opportunity_documents_type", sql`${t.contentType} in ('application/pdf', 'image/jpeg', 'image/png')`),
    check("investment_opportunity_documents_size", sql`${t.sizeBytes} between 1 and 10485760`),
    check("investment_opportunity_documents_key", sql`${t.storageKey} like 'investments/' || ${t.opportunityId}::text || '/%'`),
    pgPolicy("seen with the opportunity", {
      for: "select",
      to: [anonRole, authenticatedRole],
      using: sql`exists (select 1 from public.investment_opportunities o where o.id = ${t.opportunityId})`,
    }),
    pgPolicy("investment staff add documents", {
      for: "insert",
      to: authenticatedRole,
      withCheck: sql`${investmentStaff(t.lguId)} and ${t.uploadedBy} = (select auth.uid())
        and exists (select 1 from public.investment_opportunities o where o.id = ${t.opportunityId} and o.lgu_id = ${t.lguId})`,
    }),
    pgPolicy("investment staff remove documents", { for: "delete", to: authenticatedRole, using: investmentStaff(t.lguId) }),
  ],
).enableRLS();

/**
 * A step of an LGU's investment guide (how to register a business there), in order, optionally
 * pointing at one of the LGU's permit types (the page links it while the type is offered).
 */
export const investmentGuideSteps = pgTable(
  "investment_guide_steps",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    lguId: uuid("lgu_id")
      .notNull()
      .references(() => lgus.id, { onDelete: "cascade" }),
    position: integer("position").notNull().default(0),
    title: jsonb("title").$type<LocalizedText>().notNull(),
    body: jsonb("body").$type<LocalizedText>().notNull().default({}),
    permitTypeId: uuid("permit_type_id").references(() => permitTypes.id, { onDelete: "set null" }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("investment_guide_steps_lgu_idx").on(t.lguId, t.position),
    check("investment_guide_steps_title_present", sql`jsonb_typeof(${t.title}) = 'object' and ${t.title} <> '{}'::jsonb`),
    pgPolicy("guides of verified lgus are public; investment staff see theirs", {
      for: "select",
      to: [anonRole, authenticatedRole],
      using: sql`${t.lguId} in (select app_private.verified_lgu_ids()) or ${investmentStaff(t.lguId)}`,
    }),
    pgPolicy("investment staff add steps", {
      for: "insert",
      to: authenticatedRole,
      withCheck: sql`${investmentStaff(t.lguId)} and (${t.permitTypeId} is null
        or exists (select 1 from public.permit_types pt where pt.id = ${t.permitTypeId} and pt.lgu_id = ${t.lguId}))`,
    }),
    pgPolicy("investment staff change steps", {
      for: "update",
      to: authenticatedRole,
      using: investmentStaff(t.lguId),
      withCheck: sql`${investmentStaff(t.lguId)} and (${t.permitTypeId} is null
        or exists (select 1 from public.permit_types pt where pt.id = ${t.permitTypeId} and pt.lgu_id = ${t.lguId}))`,
    }),
    pgPolicy("investment staff remove steps", { for: "delete", to: authenticatedRole, using: investmentStaff(t.lguId) }),
  ],
).enableRLS();

/**
 * A member's expression of interest in an opportunity, and the lead the LGU works on. Written only
 * through public.express_investment_interest (the member) and the pipeline functions (staff).
 * `display_name` is the name the member chose to show the LGU when they wrote.
 */
export const investmentInterests = pgTable(
  "investment_interests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    opportunityId: uuid("opportunity_id")
      .notNull()
      .references(() => investmentOpportunities.id, { onDelete: "restrict" }),
    lguId: uuid("lgu_id")
      .notNull()
      .references(() => lgus.id, { onDelete: "restrict" }),
    memberId: uuid("member_id").references(() => authUsers.id, { onDelete: "set null" }),
    displayName: text("display_name").notNull(),
    countryOfResidence: varchar("country_of_residence", { length: 2 }),
    amountMinMinor: bigint("amount_min_minor", { mode: "number" }).notNull(),
    amountMaxMinor: bigint("amount_max_minor", { mode: "number" }).notNull(),
    currency: varchar("currency", { length: 3 }).notNull(),
    timeline: text("timeline").notNull(),
    role: text("role").notNull(),
    message: text("message").notNull(),
    consentToContact: boolean("consent_to_contact").notNull(),
    stage: investmentLeadStage("stage").notNull().default("new"),
    assignedTo: uuid("assigned_to").references(() => authUsers.id, { onDelete: "set null" }),
    nextAction: text("next_action"),
    nextActionOn: date("next_action_on"),
    // The day the assigned officer was last reminded of an overdue next action (once a day at most).
    remindedOn: date("reminded_on"),
    stageChangedAt: timestamp("stage_changed_at", { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("investment_interests_member_unique").on(t.opportunityId, t.memberId),
    index("investment_interests_lgu_idx").on(t.lguId, t.stage, t.nextActionOn),
    index("investment_interests_member_idx").on(t.memberId, t.createdAt),
    check("investment_interests_amount", sql`${t.amountMinMinor} > 0 and ${t.amountMaxMinor} >= ${t.amountMinMinor}`),
    check("investment_interests_currency_iso", sql`${t.currency} ~ '^[A-Z]{3}$'`),
    check("investment_interests_timeline", sql`${t.timeline} in ('within_6_months', 'six_to_12_months', 'one_to_2_years', 'over_2_years')`),
    check("investment_interests_role", sql`${t.role} in ('investor', 'co_founder', 'mentor')`),
    check("investment_interests_texts", sql`length(${t.message}) between 10 and 4000 and length(${t.displayName}) between 1 and 120
      and coalesce(length(${t.nextAction}), 0) <= 300`),
    pgPolicy("the member and the lgu's investment staff see it", {
      for: "select",
      to: authenticatedRole,
      using: sql`${t.memberId} = (select auth.uid()) or ${investmentStaff(t.lguId)}`,
    }),
  ],
).enableRLS();

/**
 * The member's contact details for one expression of interest (their email is their account's).
 * Only the member reads this table; the LGU gets it through public.investment_lead_contacts(),
 * which checks the LGU and the consent.
 */
export const investmentInterestContacts = pgTable(
  "investment_interest_contacts",
  {
    interestId: uuid("interest_id")
      .primaryKey()
      .references(() => investmentInterests.id, { onDelete: "cascade" }),
    phone: text("phone"),
  },
  (t) => [
    check("investment_interest_contacts_phone", sql`${t.phone} is null or ${t.phone} ~ '^[+0-9 ()-]{7,24}$'`),
    pgPolicy("only the member reads their contact details", {
      for: "select",
      to: authenticatedRole,
      using: sql`exists (select 1 from public.investment_interests i where i.id = ${t.interestId} and i.member_id = (select auth.uid()))`,
    }),
  ],
).enableRLS();

/** The lead's history: stage changes, notes, assignments, next actions. Internal to the LGU. Append-only. */
export const investmentLeadEvents = pgTable(
  "investment_lead_events",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    interestId: uuid("interest_id")
      .notNull()
      .references(() => investmentInterests.id, { onDelete: "cascade" }),
    lguId: uuid("lgu_id")
      .notNull()
      .references(() => lgus.id, { onDelete: "restrict" }),
    kind: text("kind").notNull(),
    fromStage: investmentLeadStage("from_stage"),
    toStage: investmentLeadStage("to_stage"),
    note: text("note"),
    actorId: uuid("actor_id").references(() => authUsers.id, { onDelete: "set null" }),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("investment_lead_events_interest_idx").on(t.interestId, t.occurredAt),
    check("investment_lead_events_kind", sql`${t.kind} in ('stage', 'note', 'assign', 'plan', 'case', 'permit')`),
    pgPolicy("the lgu's investment staff see the history", { for: "select", to: authenticatedRole, using: investmentStaff(t.lguId) }),
  ],
).enableRLS();

/** Messages between the member and the LGU about one expression of interest (the replies they see). */
export const investmentMessages = pgTable(
  "investment_messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    interestId: uuid("interest_id")
      .notNull()
      .references(() => investmentInterests.id, { onDelete: "cascade" }),
    lguId: uuid("lgu_id")
      .notNull()
      .references(() => lgus.id, { onDelete: "restrict" }),
    fromStaff: boolean("from_staff").notNull(),
    authorId: uuid("author_id").references(() => authUsers.id, { onDelete: "set null" }),
    body: text("body").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("investment_messages_interest_idx").on(t.interestId, t.createdAt),
    check("investment_messages_body", sql`length(${t.body}) between 2 and 4000`),
    pgPolicy("the member and the lgu's investment staff read them", {
      for: "select",
      to: authenticatedRole,
      using: sql`${investmentStaff(t.lguId)} or exists (select 1 from public.investment_interests i where i.id = ${t.interestId} and i.member_id = (select auth.uid()))`,
    }),
  ],
).enableRLS();

/**
 * The investor's case: opened when the lead moves past "contacted", it follows the idea through
 * elaboration, formalisation and creation, and links the business permit application of the same
 * LGU once there is one. The member sees the phase; tasks and documents are the LGU's.
 */
export const investmentCases = pgTable(
  "investment_cases",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    interestId: uuid("interest_id")
      .notNull()
      .references(() => investmentInterests.id, { onDelete: "cascade" }),
    lguId: uuid("lgu_id")
      .notNull()
      .references(() => lgus.id, { onDelete: "restrict" }),
    phase: investmentCasePhase("phase").notNull().default("idea"),
    permitApplicationId: uuid("permit_application_id").references(() => permitApplications.id, { onDelete: "set null" }),
    openedBy: uuid("opened_by").references(() => authUsers.id, { onDelete: "set null" }),
    openedAt: timestamp("opened_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("investment_cases_interest_unique").on(t.interestId),
    index("investment_cases_lgu_idx").on(t.lguId, t.phase),
    pgPolicy("the member and the lgu's investment staff see the case", {
      for: "select",
      to: authenticatedRole,
      using: sql`${investmentStaff(t.lguId)} or exists (select 1 from public.investment_interests i where i.id = ${t.interestId} and i.member_id = (select auth.uid()))`,
    }),
  ],
).enableRLS();

/** A task on a case (prepare the business plan, visit the site…), with a due date; done or not. */
export const investmentCaseTasks = pgTable(
  "investment_case_tasks",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    caseId: uuid("case_id")
      .notNull()
      .references(() => investmentCases.id, { onDelete: "cascade" }),
    lguId: uuid("lgu_id")
      .notNull()
      .references(() => lgus.id, { onDelete: "restrict" }),
    phase: investmentCasePhase("phase").notNull(),
    title: text("title").notNull(),
    dueOn: date("due_on"),
    doneAt: timestamp("done_at", { withTimezone: true }),
    createdBy: uuid("created_by").references(() => authUsers.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("investment_case_tasks_case_idx").on(t.caseId, t.createdAt),
    check("investment_case_tasks_title", sql`length(${t.title}) between 2 and 300`),
    pgPolicy("the lgu's investment staff see tasks", { for: "select", to: authenticatedRole, using: investmentStaff(t.lguId) }),
    pgPolicy("the lgu's investment staff add tasks", {
      for: "insert",
      to: authenticatedRole,
      withCheck: sql`${investmentStaff(t.lguId)} and ${t.createdBy} = (select auth.uid())
        and exists (select 1 from public.investment_cases c where c.id = ${t.caseId} and c.lgu_id = ${t.lguId})`,
    }),
    pgPolicy("the lgu's investment staff tick tasks", { for: "update", to: authenticatedRole, using: investmentStaff(t.lguId), withCheck: investmentStaff(t.lguId) }),
  ],
).enableRLS();

/** A document on a case (a business plan, articles of cooperation); the bytes are in the storage port. */
export const investmentCaseDocuments = pgTable(
  "investment_case_documents",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    caseId: uuid("case_id")
      .notNull()
      .references(() => investmentCases.id, { onDelete: "cascade" }),
    lguId: uuid("lgu_id")
      .notNull()
      .references(() => lgus.id, { onDelete: "restrict" }),
    storageKey: text("storage_key").notNull(),
    fileName: text("file_name").notNull(),
    contentType: text("content_type").notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    uploadedBy: uuid("uploaded_by").references(() => authUsers.id, { onDelete: "set null" }),
    uploadedAt: timestamp("uploaded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("investment_case_documents_key_unique").on(t.storageKey),
    index("investment_case_documents_case_idx").on(t.caseId),
    check("investment_case_documents_type", sql`${t.contentType} in ('application/pdf', 'image/jpeg', 'image/png')`),
    check("investment_case_documents_size", sql`${t.sizeBytes} between 1 and 10485760`),
    check("investment_case_documents_key", sql`${t.storageKey} like 'investment-cases/' || ${t.caseId}::text || '/%'`),
    pgPolicy("the lgu's investment staff see case documents", { for: "select", to: authenticatedRole, using: investmentStaff(t.lguId) }),
    pgPolicy("the lgu's investment staff add case documents", {
      for: "insert",
      to: authenticatedRole,
      withCheck: sql`${investmentStaff(t.lguId)} and ${t.uploadedBy} = (select auth.uid())
        and exists (select 1 from public.investment_cases c where c.id = ${t.caseId} and c.lgu_id = ${t.lguId})`,
    }),
  ],
).enableRLS();

/**
 * What a member could put into a business (their ticket size), for "Opportunities for you". Their
 * own, private; one row per member.
 */
export const investmentPreferences = pgTable(
  "investment_preferences",
  {
    memberId: uuid("member_id")
      .primaryKey()
      .references(() => authUsers.id, { onDelete: "cascade" }),
    ticketMinMinor: bigint("ticket_min_minor", { mode: "number" }).notNull(),
    ticketMaxMinor: bigint("ticket_max_minor", { mode: "number" }).notNull(),
    currency: varchar("currency", { length: 3 }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("investment_preferences_ticket", sql`${t.ticketMinMinor} > 0 and ${t.ticketMaxMinor} >= ${t.ticketMinMinor}`),
    check("investment_preferences_currency_iso", sql`${t.currency} ~ '^[A-Z]{3}$'`),
    pgPolicy("members read their preferences", { for: "select", to: authenticatedRole, using: sql`${t.memberId} = (select auth.uid())` }),
    pgPolicy("members set their preferences", { for: "insert", to: authenticatedRole, withCheck: sql`${t.memberId} = (select auth.uid())` }),
    pgPolicy("members change their preferences", {
      for: "update",
      to: authenticatedRole,
      using: sql`${t.memberId} = (select auth.uid())`,
      withCheck: sql`${t.memberId} = (select auth.uid())`,
    }),
    pgPolicy("members remove their preferences", { for: "delete", to: authenticatedRole, using: sql`${t.memberId} = (select auth.uid())` }),
  ],
).enableRLS();

/**
 * An LGU's invitation to a member to look at one of its opportunities, emailed by the portal (the
 * LGU never sees the address). Only members who allowed investment invitations on their profile,
 * once per opportunity and member; written only by public.invite_investor, which checks the role
 * and the consent, and audited. The member and the LGU's investment staff read it.
 */
export const investmentInvitations = pgTable(
  "investment_invitations",
  {
    opportunityId: uuid("opportunity_id")
      .notNull()
      .references(() => investmentOpportunities.id, { onDelete: "cascade" }),
    profileId: uuid("profile_id")
      .notNull()
      .references(() => authUsers.id, { onDelete: "cascade" }),
    lguId: uuid("lgu_id")
      .notNull()
      .references(() => lgus.id, { onDelete: "cascade" }),
    invitedBy: uuid("invited_by").references(() => authUsers.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.opportunityId, t.profileId] }),
    index("investment_invitations_profile_idx").on(t.profileId, t.createdAt),
    index("investment_invitations_lgu_idx").on(t.lguId, t.createdAt),
    pgPolicy("the invited member and the lgu's investment staff see it", {
      for: "select",
      to: authenticatedRole,
      using: sql`${t.profileId} = (select auth.uid()) or ${investmentStaff(t.lguId)}`,
    }),
  ],
).enableRLS();

export type InvestmentOpportunity = typeof investmentOpportunities.$inferSelect;
export type InvestmentInterest = typeof investmentInterests.$inferSelect;
