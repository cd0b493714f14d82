/**
 * The returnee guide (issue 7): one-stop information for people coming home, open to any returnee
 * wherever they settle. A national guide (lgu_id null, written by platform admins) and one per LGU
 * (written by its editors and admins), each on the same eight topics; a directory of services
 * (migrant resource centres, training, certification, credit, psychosocial support) open to
 * everyone; and a member's own "planning my return" checklist, private to them.
 *
 * Topic texts are Markdown per locale with the language they were first written in
 * (`source_language`, the fallback), and a "last reviewed" date: editing the text counts as a
 * review, "mark as reviewed" says the text is still right (a database function). A scheduled job
 * reminds editors of texts older than a configured age, once per period (`review_reminded_at`).
 * Every edit of topics and services is audited by database triggers
 * (supabase/migrations/*_return_guide_rules.sql), which also keep who edited and when.
 */
import { sql } from "drizzle-orm";
import { boolean, check, index, integer, jsonb, pgEnum, pgPolicy, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { anonRole, authenticatedRole, authUsers } from "drizzle-orm/supabase";
import { lgus, places, type LocalizedText } from "./core";

/** The eight topics the source material lists; also their URL segments and translation keys. */
export const returnTopic = pgEnum("return_topic", [
  "rights",
  "institutions",
  "steps",
  "labour",
  "investment",
  "training",
  "certification",
  "families",
]);

export const returnServiceKind = pgEnum("return_service_kind", [
  "migrant_resource_centre",
  "one_stop_shop",
  "training_centre",
  "certification_body",
  "credit_business_support",
  "psychosocial_support",
]);

/** Who a service is for: the source material asks for services open to everyone, not only returnees. */
export const returnServiceEligibility = pgEnum("return_service_eligibility", ["everyone", "returnees", "migrant_workers_and_families"]);

/** National scope (null) is the platform admins'; an LGU's is its editors' and admins'. */
const editorOf = (lguId: unknown) =>
  sql`((${lguId} is null and (select app_private.is_platform_admin())) or (${lguId} is not null and app_private.has_lgu_role(${lguId}, array['admin', 'editor'])))`;
/** National rows and those of verified LGUs are public. */
const publicScope = (lguId: unknown) => sql`(${lguId} is null or ${lguId} in (select app_private.verified_lgu_ids()))`;

export const returnGuideTopics = pgTable(
  "return_guide_topics",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    lguId: uuid("lgu_id").references(() => lgus.id, { onDelete: "cascade" }),
    topic: returnTopic("topic").notNull(),
    // Markdown per locale: { "en": "…", "fil": "…" }.
    body: jsonb("body").$type<LocalizedText>().notNull().default({}),
    sourceLanguage: text("source_language").notNull().default("en"),
    reviewedAt: timestamp("reviewed_at", { withTimezone: true }).notNull().defaultNow(),
    reviewedBy: uuid("reviewed_by").references(() => authUsers.id, { onDelete: "set null" }),
    updatedBy: uuid("updated_by").references(() => authUsers.id, { onDelete: "set null" }),
    // When the editors were last reminded that this text is due for review (null: not since the last review).
    reviewRemindedAt: timestamp("review_reminded_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("return_guide_topics_national_unique").on(t.topic).where(sql`${t.lguId} is null`),
    uniqueIndex("return_guide_topics_lgu_unique").on(t.lguId, t.topic).where(sql`${t.lguId} is not null`),
    check("return_guide_topics_source_language", sql`${t.sourceLanguage} in ('en', 'fil', 'es', 'fr', 'ar')`),
    check("return_guide_topics_body_object", sql`jsonb_typeof(${t.body}) = 'object' and octet_length(${t.body}::text) <= 200000`),
    pgPolicy("the national guide and verified lgus' guides are public; editors see theirs", {
      for: "select",
      to: [anonRole, authenticatedRole],
      using: sql`${publicScope(t.lguId)} or ${editorOf(t.lguId)}`,
    }),
    pgPolicy("editors write their scope's topics", { for: "insert", to: authenticatedRole, withCheck: editorOf(t.lguId) }),
    pgPolicy("editors change their scope's topics", { for: "update", to: authenticatedRole, using: editorOf(t.lguId), withCheck: editorOf(t.lguId) }),
  ],
).enableRLS();

export const returnServices = pgTable(
  "return_services",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    // Whose entry it is: null = the national directory (platform admins), else the LGU's.
    lguId: uuid("lgu_id").references(() => lgus.id, { onDelete: "cascade" }),
    kind: returnServiceKind("kind").notNull(),
    name: text("name").notNull(),
    description: jsonb("description").$type<LocalizedText>().notNull().default({}),
    // Where it is: a city or municipality (for the place filter), and the street address.
    placeId: uuid("place_id")
      .notNull()
      .references(() => places.id, { onDelete: "restrict" }),
    address: text("address").notNull(),
    phone: text("phone"),
    email: text("email"),
    website: text("website"),
    openingHours: jsonb("opening_hours").$type<LocalizedText>().notNull().default({}),
    // Languages spoken at the counter, as BCP 47 codes (en, fil, bcl, es…).
    languages: text("languages").array().notNull().default(sql`'{}'::text[]`),
    eligibility: returnServiceEligibility("eligibility").notNull().default("everyone"),
    eligibilityNote: jsonb("eligibility_note").$type<LocalizedText>().notNull().default({}),
    active: boolean("active").notNull().default(true),
    updatedBy: uuid("updated_by").references(() => authUsers.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("return_services_lgu_idx").on(t.lguId, t.name),
    index("return_services_place_idx").on(t.placeId),
    check("return_services_name", sql`char_length(${t.name}) between 2 and 200`),
    check("return_services_address", sql`char_length(${t.address}) between 2 and 500`),
    check("return_services_phone", sql`${t.phone} is null or ${t.phone} ~ '^[+0-9 ()/-]{5,40}$'`),
    check("return_services_email", sql`${t.email} is null or ${t.email} ~ '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$'`),
    check("return_services_website", sql`${t.website} is null or ${t.website} ~ '^https?://'`),
    check("return_services_languages", sql`array_to_string(${t.languages}, ',') ~ '^([a-z]{2,3}(,[a-z]{2,3})*)?$' and cardinality(${t.languages}) <= 12`),
    pgPolicy("active entries in public scope are public; editors see all of theirs", {
      for: "select",
      to: [anonRole, authenticatedRole],
      using: sql`(${t.active} and ${publicScope(t.lguId)}) or ${editorOf(t.lguId)}`,
    }),
    pgPolicy("editors add entries to their scope", { for: "insert", to: authenticatedRole, withCheck: editorOf(t.lguId) }),
    pgPolicy("editors change their scope's entries", { for: "update", to: authenticatedRole, using: editorOf(t.lguId), withCheck: editorOf(t.lguId) }),
  ],
).enableRLS();

/**
 * A member's "planning my return" checklist, started from a guide's administrative steps (national
 * or an LGU's): the steps are copied in the member's language when they start it, so the member's
 * list stays as they left it when the guide changes. Private: only the owner reads or writes it.
 */
export const returnChecklists = pgTable(
  "return_checklists",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => authUsers.id, { onDelete: "cascade" }),
    sourceTopicId: uuid("source_topic_id").references(() => returnGuideTopics.id, { onDelete: "set null" }),
    // The guide it came from, kept for its title when the topic goes: null = the national guide.
    lguId: uuid("lgu_id").references(() => lgus.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("return_checklists_user_topic_unique").on(t.userId, t.sourceTopicId),
    pgPolicy("owners read their checklists", { for: "select", to: authenticatedRole, using: sql`${t.userId} = (select auth.uid())` }),
    pgPolicy("owners start checklists from a steps topic they can read", {
      for: "insert",
      to: authenticatedRole,
      withCheck: sql`${t.userId} = (select auth.uid()) and exists (select 1 from public.return_guide_topics g
        where g.id = ${t.sourceTopicId} and g.topic = 'steps' and g.lgu_id is not distinct from ${t.lguId})`,
    }),
    pgPolicy("owners delete their checklists", { for: "delete", to: authenticatedRole, using: sql`${t.userId} = (select auth.uid())` }),
  ],
).enableRLS();

export const returnChecklistItems = pgTable(
  "return_checklist_items",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    checklistId: uuid("checklist_id")
      .notNull()
      .references(() => returnChecklists.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    label: text("label").notNull(),
    // Written by the member (true) or copied from the guide (false).
    own: boolean("own").notNull().default(false),
    note: text("note"),
    doneAt: timestamp("done_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("return_checklist_items_checklist_idx").on(t.checklistId, t.position),
    check("return_checklist_items_label", sql`char_length(${t.label}) between 1 and 500`),
    check("return_checklist_items_note", sql`${t.note} is null or char_length(${t.note}) <= 2000`),
    pgPolicy("owners read their items", {
      for: "select",
      to: authenticatedRole,
      using: sql`exists (select 1 from public.return_checklists c where c.id = ${t.checklistId} and c.user_id = (select auth.uid()))`,
    }),
    pgPolicy("owners add items", {
      for: "insert",
      to: authenticatedRole,
      withCheck: sql`exists (select 1 from public.return_checklists c where c.id = ${t.checklistId} and c.user_id = (select auth.uid()))`,
    }),
    pgPolicy("owners tick and annotate items", {
      for: "update",
      to: authenticatedRole,
      using: sql`exists (select 1 from public.return_checklists c where c.id = ${t.checklistId} and c.user_id = (select auth.uid()))`,
      withCheck: sql`exists (select 1 from public.return_checklists c where c.id = ${t.checklistId} and c.user_id = (select auth.uid()))`,
    }),
    pgPolicy("owners remove their own items", {
      for: "delete",
      to: authenticatedRole,
      using: sql`${t.own} and exists (select 1 from public.return_checklists c where c.id = ${t.checklistId} and c.user_id = (select auth.uid()))`,
    }),
  ],
).enableRLS();

export type ReturnGuideTopic = typeof returnGuideTopics.$inferSelect;
export type ReturnService = typeof returnServices.$inferSelect;
export type ReturnTopic = (typeof returnTopic.enumValues)[number];
export type ReturnServiceKind = (typeof returnServiceKind.enumValues)[number];
