/**
 * The skills taxonomy and the members' skills registry.
 *
 * `skills` is reference data: the ISCO-08 occupation groups (major, sub-major, minor; ILO) and
 * Tulay's list of common skills, loaded from data/skills/*.tsv by a migration (so databases
 * deployed with `supabase db push` get it too). Anyone reads it; nobody writes it through the API.
 * `skill_relations` links a skill to related skills and to the occupations that use it (for the
 * matching engine's "related skill"). `member_skills` is a person's own list (level, years, note):
 * only its owner reads or writes the table; others see it through `public_member_skills` (people
 * whose engagement group is public) or `lgu_diaspora_skills` (counts for hometown LGU staff, small
 * counts suppressed), both in the *_skills_rules migration.
 */
import { sql } from "drizzle-orm";
import { check, customType, index, jsonb, pgEnum, pgPolicy, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid, type AnyPgColumn } from "drizzle-orm/pg-core";
import { anonRole, authenticatedRole } from "drizzle-orm/supabase";
import { profiles } from "./core";

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

export const skillKind = pgEnum("skill_kind", ["occupation", "skill"]);
export const skillLevel = pgEnum("skill_level", ["basic", "intermediate", "advanced", "expert"]);
export const skillRelationKind = pgEnum("skill_relation_kind", ["related", "occupation"]);

/** A label per locale; every locale is required (a check says so). */
export type SkillLabels = Record<"en" | "fil" | "es" | "fr" | "ar", string>;

// Every label, unaccented and in lower case: the text that trigram matching and prefix checks read.
const searchTextExpression = sql`lower(public.immutable_unaccent(replace(code, '_', ' ') || ' ' || (labels->>'en') || ' ' || (labels->>'fil') || ' ' || (labels->>'es') || ' ' || (labels->>'fr') || ' ' || (labels->>'ar')))`;
// Stems in the languages PostgreSQL has a configuration for, plus plain words for all (Filipino).
const searchExpression = sql`to_tsvector('pg_catalog.english'::regconfig, public.immutable_unaccent(labels->>'en'))
  || to_tsvector('pg_catalog.spanish'::regconfig, public.immutable_unaccent(labels->>'es'))
  || to_tsvector('pg_catalog.french'::regconfig, public.immutable_unaccent(labels->>'fr'))
  || to_tsvector('pg_catalog.arabic'::regconfig, labels->>'ar')
  || to_tsvector('pg_catalog.simple'::regconfig, lower(public.immutable_unaccent(replace(code, '_', ' ') || ' ' || (labels->>'en') || ' ' || (labels->>'fil') || ' ' || (labels->>'es') || ' ' || (labels->>'fr') || ' ' || (labels->>'ar'))))`;

export const skills = pgTable(
  "skills",
  {
    // Skills: snake_case words ("civil_engineering"); occupations: "isco08_" + the ISCO-08 code.
    code: text("code").primaryKey(),
    kind: skillKind("kind").notNull(),
    // Occupations: the ISCO-08 group code (1, 2 or 3 digits) and the group above it.
    iscoCode: text("isco_code"),
    parentCode: text("parent_code").references((): AnyPgColumn => skills.code, { onDelete: "restrict" }),
    labels: jsonb("labels").$type<SkillLabels>().notNull(),
    searchText: text("search_text").generatedAlwaysAs(searchTextExpression).notNull(),
    search: tsvector("search").generatedAlwaysAs(searchExpression).notNull(),
  },
  (t) => [
    uniqueIndex("skills_isco_code_idx").on(t.iscoCode),
    index("skills_parent_idx").on(t.parentCode),
    index("skills_search_idx").using("gin", t.search),
    index("skills_search_text_idx").using("gin", t.searchText.op("gin_trgm_ops")),
    check(
      "skills_code_shape",
      sql`(${t.kind} = 'skill' and ${t.code} ~ '^[a-z][a-z0-9_]{1,62}$' and ${t.iscoCode} is null and ${t.parentCode} is null)
        or (${t.kind} = 'occupation' and ${t.iscoCode} ~ '^[0-9]{1,4}$' and ${t.code} = 'isco08_' || ${t.iscoCode})`,
    ),
    check(
      "skills_labels_complete",
      sql`jsonb_typeof(${t.labels}) = 'object'
        and coalesce(char_length(btrim(${t.labels}->>'en')), 0) between 1 and 200
        and coalesce(char_length(btrim(${t.labels}->>'fil')), 0) between 1 and 200
        and coalesce(char_length(btrim(${t.labels}->>'es')), 0) between 1 and 200
        and coalesce(char_length(btrim(${t.labels}->>'fr')), 0) between 1 and 200
        and coalesce(char_length(btrim(${t.labels}->>'ar')), 0) between 1 and 200`,
    ),
    pgPolicy("anyone reads the skills taxonomy", { for: "select", to: [anonRole, authenticatedRole], using: sql`true` }),
  ],
).enableRLS();

/**
 * Links between taxonomy entries: `related` (skill ↔ skill, stored once, read both ways through
 * the `skill_links` view) and `occupation` (a skill → an ISCO-08 group whose work uses it).
 */
export const skillRelations = pgTable(
  "skill_relations",
  {
    skillCode: text("skill_code")
      .notNull()
      .references(() => skills.code, { onDelete: "cascade" }),
    relatedCode: text("related_code")
      .notNull()
      .references(() => skills.code, { onDelete: "cascade" }),
    kind: skillRelationKind("kind").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.skillCode, t.relatedCode] }),
    index("skill_relations_related_idx").on(t.relatedCode),
    check("skill_relations_not_self", sql`${t.skillCode} <> ${t.relatedCode}`),
    pgPolicy("anyone reads skill relations", { for: "select", to: [anonRole, authenticatedRole], using: sql`true` }),
  ],
).enableRLS();

/** A member's skills: one row per skill, with how well and how long. Only the owner reads the table. */
export const memberSkills = pgTable(
  "member_skills",
  {
    profileId: uuid("profile_id")
      .notNull()
      .references(() => profiles.id, { onDelete: "cascade" }),
    skillCode: text("skill_code")
      .notNull()
      .references(() => skills.code, { onDelete: "restrict" }),
    level: skillLevel("level").notNull(),
    years: smallint("years").notNull().default(0),
    note: text("note"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.profileId, t.skillCode] }),
    index("member_skills_skill_idx").on(t.skillCode),
    check("member_skills_years_range", sql`${t.years} between 0 and 60`),
    check("member_skills_note_length", sql`${t.note} is null or char_length(${t.note}) between 1 and 300`),
    pgPolicy("members read their own skills", { for: "select", to: authenticatedRole, using: sql`${t.profileId} = (select auth.uid())` }),
    pgPolicy("members add their own skills", { for: "insert", to: authenticatedRole, withCheck: sql`${t.profileId} = (select auth.uid())` }),
    pgPolicy("members change their own skills", {
      for: "update",
      to: authenticatedRole,
      using: sql`${t.profileId} = (select auth.uid())`,
      withCheck: sql`${t.profileId} = (select auth.uid())`,
    }),
    pgPolicy("members remove their own skills", { for: "delete", to: authenticatedRole, using: sql`${t.profileId} = (select auth.uid())` }),
  ],
).enableRLS();

export type Skill = typeof skills.$inferSelect;
export type MemberSkill = typeof memberSkills.$inferSelect;
