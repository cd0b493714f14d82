/**
 * Priority projects and what hangs off them: budget lines, needs, milestones, co-funding offers,
 * updates, spending reports and followers. Public once an admin has moved a project to
 * fundraising (and only for verified LGUs); LGU editors and admins write, treasurers report
 * spending. The workflow rules (who may move a project from which status to which) are a trigger
 * (supabase/migrations/*_project_rules.sql), so they hold for every code path, and every status
 * change is audited.
 */
import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  customType,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgPolicy,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from "drizzle-orm/pg-core";
import { anonRole, authenticatedRole, authUsers } from "drizzle-orm/supabase";
import { lgus, places, type LocalizedText } from "./core";
import { skills } from "./skills";

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

export const projectStatus = pgEnum("project_status", [
  "draft",
  "review",
  "fundraising",
  "funded",
  "in_progress",
  "completed",
  "cancelled",
]);
export const projectSector = pgEnum("project_sector", [
  "education",
  "health",
  "water",
  "roads",
  "livelihood",
  "agriculture",
  "disaster",
  "culture",
  "environment",
  "tourism",
  "technology",
]);
export const needKind = pgEnum("need_kind", ["money", "skill", "in_kind"]);
/** Where a skill need's work happens. */
export const workMode = pgEnum("work_mode", ["remote", "on_site", "either"]);
export const milestoneStatus = pgEnum("milestone_status", ["planned", "in_progress", "done"]);
export const cofunderKind = pgEnum("cofunder_kind", ["national_agency", "province", "municipality", "company", "other"]);

const canSee = (projectId: unknown) => sql`app_private.project_visible(${projectId})`;
const canEdit = (projectId: unknown) => sql`app_private.project_editable(${projectId})`;

export const projects = pgTable(
  "projects",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    lguId: uuid("lgu_id")
      .notNull()
      .references(() => lgus.id, { onDelete: "restrict" }),
    slug: text("slug").notNull(),
    title: jsonb("title").$type<LocalizedText>().notNull(),
    summary: jsonb("summary").$type<LocalizedText>().notNull().default({}),
    // Plain text with paragraphs (no HTML is ever stored or rendered from it).
    description: jsonb("description").$type<LocalizedText>().notNull().default({}),
    sector: projectSector("sector").notNull(),
    sdgGoals: smallint("sdg_goals").array().notNull().default(sql`'{}'::smallint[]`),
    placeId: uuid("place_id").references(() => places.id, { onDelete: "restrict" }),
    latitude: numeric("latitude", { precision: 8, scale: 5 }),
    longitude: numeric("longitude", { precision: 8, scale: 5 }),
    // Money: integer minor units of an ISO 4217 currency.
    goalMinor: bigint("goal_minor", { mode: "number" }).notNull(),
    currency: varchar("currency", { length: 3 }).notNull(),
    startsOn: date("starts_on"),
    endsOn: date("ends_on"),
    planReference: text("plan_reference"),
    implementingPartner: text("implementing_partner"),
    status: projectStatus("status").notNull().default("draft"),
    cancelReason: text("cancel_reason"),
    createdBy: uuid("created_by").references(() => authUsers.id, { onDelete: "set null" }),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    // Maintained by a trigger from every locale's title and summary: the language's stems and the
    // plain unaccented words ('simple'). Misspellings go through app_private.project_search_words.
    search: tsvector("search"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("projects_slug_unique").on(t.slug),
    index("projects_lgu_idx").on(t.lguId, t.status),
    index("projects_public_idx").on(t.status, t.publishedAt),
    index("projects_search_idx").using("gin", t.search),
    check("projects_slug_format", sql`${t.slug} ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`),
    check("projects_goal_positive", sql`${t.goalMinor} > 0`),
    check("projects_currency_iso", sql`${t.currency} ~ '^[A-Z]{3}$'`),
    check("projects_dates_in_order", sql`${t.endsOn} is null or ${t.startsOn} is null or ${t.endsOn} >= ${t.startsOn}`),
    check("projects_sdg_goals_range", sql`${t.sdgGoals} <@ array[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17]::smallint[]`),
    check("projects_cancel_has_reason", sql`${t.status} <> 'cancelled' or char_length(coalesce(${t.cancelReason}, '')) >= 3`),
    check("projects_title_present", sql`jsonb_typeof(${t.title}) = 'object' and ${t.title} <> '{}'::jsonb`),
    check("projects_coordinates", sql`(${t.latitude} is null) = (${t.longitude} is null)
      and (${t.latitude} is null or (${t.latitude} between -90 and 90 and ${t.longitude} between -180 and 180))`),
    // The order of the public list (newest, closing soon), so the first page stops after 12 rows.
    // The predicate is the public branch of the policy below; queries repeat it as literals.
    index("projects_published_order_idx")
      .on(t.publishedAt.desc(), t.slug)
      .where(sql`${t.publishedAt} is not null and ${t.status} not in ('draft', 'review')`),
    index("projects_closing_order_idx")
      .on(sql`${t.endsOn} asc nulls last`, t.publishedAt.desc())
      .where(sql`${t.publishedAt} is not null and ${t.status} not in ('draft', 'review')`),
    // The hot path of every list and search. Each helper returns a set and sits in a sub-select,
    // so it runs once per query (a hashed SubPlan), not once per row (docs/performance.md).
    pgPolicy("published projects of verified lgus are public, staff see their own", {
      for: "select",
      to: [anonRole, authenticatedRole],
      using: sql`(${t.publishedAt} is not null and ${t.status} not in ('draft', 'review')
          and ${t.lguId} in (select app_private.verified_lgu_ids()))
        or ${t.lguId} in (select app_private.my_lgu_ids()) or (select app_private.is_platform_admin())`,
    }),
    pgPolicy("lgu editors create drafts", {
      for: "insert",
      to: authenticatedRole,
      withCheck: sql`${t.status} = 'draft' and ${t.createdBy} = (select auth.uid())
        and app_private.has_lgu_role(${t.lguId}, array['admin', 'editor'])`,
    }),
    pgPolicy("lgu editors edit their projects", {
      for: "update",
      to: authenticatedRole,
      using: sql`app_private.has_lgu_role(${t.lguId}, array['admin', 'editor'])`,
      withCheck: sql`app_private.has_lgu_role(${t.lguId}, array['admin', 'editor'])`,
    }),
    pgPolicy("lgu editors delete drafts", {
      for: "delete",
      to: authenticatedRole,
      using: sql`${t.status} = 'draft' and app_private.has_lgu_role(${t.lguId}, array['admin', 'editor'])`,
    }),
  ],
).enableRLS();

/** Child rows readable with their project and written by its editors. */
function childPolicies(projectId: unknown) {
  return [
    pgPolicy("visible with the project", { for: "select", to: [anonRole, authenticatedRole], using: canSee(projectId) }),
    pgPolicy("project editors add", { for: "insert", to: authenticatedRole, withCheck: canEdit(projectId) }),
    pgPolicy("project editors change", { for: "update", to: authenticatedRole, using: canEdit(projectId), withCheck: canEdit(projectId) }),
    pgPolicy("project editors remove", { for: "delete", to: authenticatedRole, using: canEdit(projectId) }),
  ];
}

const projectRef = () =>
  uuid("project_id")
    .notNull()
    .references(() => projects.id, { onDelete: "cascade" });

export const projectBudgetLines = pgTable(
  "project_budget_lines",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    projectId: projectRef(),
    label: jsonb("label").$type<LocalizedText>().notNull(),
    amountMinor: bigint("amount_minor", { mode: "number" }).notNull(),
    position: integer("position").notNull().default(0),
  },
  (t) => [index("project_budget_lines_project_idx").on(t.projectId), check("project_budget_lines_amount", sql`${t.amountMinor} > 0`), ...childPolicies(t.projectId)],
).enableRLS();

export const projectNeeds = pgTable(
  "project_needs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    projectId: projectRef(),
    kind: needKind("kind").notNull(),
    description: jsonb("description").$type<LocalizedText>().notNull(),
    // Money needs: an amount; skills: a skill code from the skills list; in-kind: a quantity.
    amountMinor: bigint("amount_minor", { mode: "number" }),
    skill: text("skill").references(() => skills.code, { onDelete: "restrict" }),
    quantity: integer("quantity"),
    fulfilled: integer("fulfilled").notNull().default(0),
    // Skill needs (volunteering): where and when the work happens, in which language, and whether
    // it is a short expert mission (the UN's TOKTEN model: under three months, for experts abroad).
    mode: workMode("mode"),
    startsOn: date("starts_on"),
    endsOn: date("ends_on"),
    language: text("language"),
    expertMission: boolean("expert_mission").notNull().default(false),
    // The LGU stops taking volunteer offers for it (filled, or no longer needed).
    closedAt: timestamp("closed_at", { withTimezone: true }),
    // When it last started taking offers: added, or reopened after closing (a trigger keeps it).
    // The weekly digest tells members about needs opened since the last one.
    openedAt: timestamp("opened_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("project_needs_project_idx").on(t.projectId),
    index("project_needs_open_skill_idx").on(t.skill).where(sql`${t.kind} = 'skill' and ${t.closedAt} is null`),
    check("project_needs_skill_people", sql`${t.kind} <> 'skill' or ${t.quantity} is not null`),
    check("project_needs_dates", sql`${t.endsOn} is null or (${t.startsOn} is not null and ${t.endsOn} >= ${t.startsOn})`),
    check("project_needs_volunteering_fields", sql`${t.kind} = 'skill' or (${t.mode} is null and ${t.startsOn} is null and ${t.endsOn} is null and ${t.language} is null and not ${t.expertMission})`),
    check("project_needs_expert_mission", sql`not ${t.expertMission} or (${t.startsOn} is not null and ${t.endsOn} is not null and ${t.endsOn} - ${t.startsOn} < 92)`),
    check("project_needs_language", sql`${t.language} is null or ${t.language} ~ '^[a-z]{2,3}$'`),
    check("project_needs_shape", sql`(${t.kind} = 'money') = (${t.amountMinor} is not null)
      and (${t.kind} = 'skill') = (${t.skill} is not null)
      and (${t.amountMinor} is null or ${t.amountMinor} > 0) and (${t.quantity} is null or ${t.quantity} > 0)`),
    ...childPolicies(t.projectId),
  ],
).enableRLS();

export const projectMilestones = pgTable(
  "project_milestones",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    projectId: projectRef(),
    title: jsonb("title").$type<LocalizedText>().notNull(),
    targetDate: date("target_date").notNull(),
    status: milestoneStatus("status").notNull().default("planned"),
    completedOn: date("completed_on"),
  },
  (t) => [
    index("project_milestones_project_idx").on(t.projectId, t.targetDate),
    check("project_milestones_done_has_date", sql`(${t.status} = 'done') = (${t.completedOn} is not null)`),
    ...childPolicies(t.projectId),
  ],
).enableRLS();

/** 3x1-style matching: who matches, at what ratio (e.g. 3:1 = 3 matched per 1 given), up to a cap. */
export const projectCofunders = pgTable(
  "project_cofunders",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    projectId: projectRef(),
    kind: cofunderKind("kind").notNull(),
    name: text("name").notNull(),
    ratioMatched: smallint("ratio_matched").notNull(),
    ratioGiven: smallint("ratio_given").notNull().default(1),
    capMinor: bigint("cap_minor", { mode: "number" }).notNull(),
    committedMinor: bigint("committed_minor", { mode: "number" }).notNull().default(0),
    // The co-funder across projects (its page, /funders/:slug): from its kind and its name with
    // case, spacing and accents folded; set by a trigger.
    funderSlug: text("funder_slug").notNull().default(""),
  },
  (t) => [
    index("project_cofunders_project_idx").on(t.projectId),
    index("project_cofunders_funder_idx").on(t.funderSlug, t.projectId),
    check("project_cofunders_ratio", sql`${t.ratioMatched} between 1 and 10 and ${t.ratioGiven} between 1 and 10`),
    check("project_cofunders_cap", sql`${t.capMinor} > 0 and ${t.committedMinor} between 0 and ${t.capMinor}`),
    ...childPolicies(t.projectId),
  ],
).enableRLS();

export const projectUpdates = pgTable(
  "project_updates",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    projectId: projectRef(),
    body: jsonb("body").$type<LocalizedText>().notNull(),
    authorId: uuid("author_id").references(() => authUsers.id, { onDelete: "set null" }),
    publishedAt: timestamp("published_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("project_updates_project_idx").on(t.projectId, t.publishedAt), ...childPolicies(t.projectId)],
).enableRLS();

/**
 * Photos of a project, or of one of its updates (update_id set). The bytes live in the storage port
 * under `storage_key`, already resized to WebP variants with their metadata (GPS, camera) stripped;
 * width and height are the largest variant's, so pages reserve the space. Alt text per language.
 * The project's cover is its first photo that is not an update's (lowest position).
 */
export const projectPhotos = pgTable(
  "project_photos",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    projectId: projectRef(),
    updateId: uuid("update_id").references(() => projectUpdates.id, { onDelete: "cascade" }),
    storageKey: text("storage_key").notNull(),
    width: integer("width").notNull(),
    height: integer("height").notNull(),
    alt: jsonb("alt").$type<LocalizedText>().notNull(),
    position: integer("position").notNull().default(0),
    uploadedBy: uuid("uploaded_by").references(() => authUsers.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("project_photos_project_idx").on(t.projectId, t.position),
    index("project_photos_update_idx").on(t.updateId),
    uniqueIndex("project_photos_storage_key_unique").on(t.storageKey),
    check("project_photos_size", sql`${t.width} between 1 and 10000 and ${t.height} between 1 and 10000`),
    // The row names its own bytes: nobody can point a photo at another project's (or any other) file.
    check("project_photos_storage_key", sql`${t.storageKey} = 'projects/' || ${t.projectId} || '/photos/' || ${t.id}`),
    check("project_photos_alt_present", sql`jsonb_typeof(${t.alt}) = 'object' and ${t.alt} <> '{}'::jsonb`),
    ...childPolicies(t.projectId),
  ],
).enableRLS();

/** Money out: written by the LGU's treasurer or admin, audited, with one evidence document. */
export const spendingReports = pgTable(
  "spending_reports",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    // Restrict, not cascade: money reported as spent never disappears with a deleted draft.
    projectId: uuid("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "restrict" }),
    budgetLineId: uuid("budget_line_id").references(() => projectBudgetLines.id, { onDelete: "restrict" }),
    amountMinor: bigint("amount_minor", { mode: "number" }).notNull(),
    spentOn: date("spent_on").notNull(),
    payee: text("payee").notNull(),
    category: text("category").notNull(),
    // One evidence document (receipt, invoice), published with the report: storage key, the name
    // it was uploaded under (made storage-safe), its type from its first bytes, and its size.
    evidencePath: text("evidence_path"),
    evidenceFilename: text("evidence_filename"),
    evidenceContentType: text("evidence_content_type"),
    evidenceSize: integer("evidence_size"),
    reportedBy: uuid("reported_by").references(() => authUsers.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("spending_reports_project_idx").on(t.projectId, t.spentOn),
    check("spending_reports_amount", sql`${t.amountMinor} > 0`),
    check(
      "spending_reports_evidence_whole",
      sql`(${t.evidencePath} is null) = (${t.evidenceFilename} is null) and (${t.evidencePath} is null) = (${t.evidenceContentType} is null)
        and (${t.evidencePath} is null) = (${t.evidenceSize} is null) and (${t.evidenceSize} is null or ${t.evidenceSize} > 0)`,
    ),
    // Evidence lives under the report's own project: a report cannot publish somebody else's file.
    check(
      "spending_reports_evidence_key",
      sql`${t.evidencePath} is null
        or ${t.evidencePath} ~ ('^projects/' || ${t.projectId} || '/spending/[0-9a-f-]{36}/[A-Za-z0-9][A-Za-z0-9_-]*[.](pdf|png|jpg)$')`,
    ),
    pgPolicy("visible with the project", { for: "select", to: [anonRole, authenticatedRole], using: canSee(t.projectId) }),
    pgPolicy("treasurers report spending", {
      for: "insert",
      to: authenticatedRole,
      withCheck: sql`app_private.project_lgu_role(${t.projectId}, array['admin', 'treasurer']) and ${t.reportedBy} = (select auth.uid())`,
    }),
    pgPolicy("treasurers correct spending", {
      for: "update",
      to: authenticatedRole,
      using: sql`app_private.project_lgu_role(${t.projectId}, array['admin', 'treasurer'])`,
      withCheck: sql`app_private.project_lgu_role(${t.projectId}, array['admin', 'treasurer'])`,
    }),
  ],
).enableRLS();

export const projectFollowers = pgTable(
  "project_followers",
  {
    projectId: projectRef(),
    userId: uuid("user_id")
      .notNull()
      .references(() => authUsers.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.projectId, t.userId] }),
    index("project_followers_user_idx").on(t.userId),
    // Only while the project is visible to them: a project that goes private takes its follows out of sight.
    pgPolicy("followers see their own follows", {
      for: "select",
      to: authenticatedRole,
      using: sql`${t.userId} = (select auth.uid()) and ${canSee(t.projectId)}`,
    }),
    pgPolicy("members follow visible projects", {
      for: "insert",
      to: authenticatedRole,
      withCheck: sql`${t.userId} = (select auth.uid()) and ${canSee(t.projectId)}`,
    }),
    pgPolicy("members unfollow", { for: "delete", to: authenticatedRole, using: sql`${t.userId} = (select auth.uid())` }),
  ],
).enableRLS();

export type Project = typeof projects.$inferSelect;
export type ProjectStatus = (typeof projectStatus.enumValues)[number];
export type ProjectSector = (typeof projectSector.enumValues)[number];
