/**
 * The database schema. drizzle-kit turns this file into SQL migrations in supabase/migrations/, and
 * the row-level security policies declared here are part of those migrations: every table in
 * `public` enables RLS and says, table by table, who may read and write what
 * (docs/decisions/0003-rls-through-withrls.md). `service_role` bypasses RLS and is used only by
 * jobs, webhooks and admin tasks.
 */
import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  check,
  index,
  jsonb,
  pgEnum,
  pgPolicy,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from "drizzle-orm/pg-core";
import { anonRole, authenticatedRole, authUsers } from "drizzle-orm/supabase";

/** Text that an LGU or member writes once per locale: `{ "en": "…", "fil": "…" }`, read with a fallback. */
export type LocalizedText = Partial<Record<string, string>>;

const timestamps = {
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
};

export const placeKind = pgEnum("place_kind", [
  "country",
  "region",
  "province",
  "city",
  "municipality",
]);

/**
 * The place hierarchy: country > region/province > city/municipality. Countries have no parent;
 * every other place has one in the same country (enforced by the seed and the services that add
 * places; the country code is repeated on every row so that filtering by country needs no join).
 */
export const places = pgTable(
  "places",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    parentId: uuid("parent_id").references((): AnyPgColumn => places.id, { onDelete: "restrict" }),
    kind: placeKind("kind").notNull(),
    name: text("name").notNull(),
    countryCode: varchar("country_code", { length: 2 }).notNull(),
    // An official code where one exists (PSGC in the Philippines, INSEE-like codes elsewhere).
    officialCode: text("official_code"),
    ...timestamps,
  },
  (t) => [
    check("places_country_code_iso", sql`${t.countryCode} ~ '^[A-Z]{2}$'`),
    check("places_country_has_no_parent", sql`(${t.kind} = 'country') = (${t.parentId} is null)`),
    uniqueIndex("places_parent_name_unique").on(sql`coalesce(${t.parentId}, '00000000-0000-0000-0000-000000000000'::uuid)`, t.name),
    index("places_parent_idx").on(t.parentId),
    index("places_country_idx").on(t.countryCode),
    pgPolicy("places are public", { for: "select", to: [anonRole, authenticatedRole], using: sql`true` }),
  ],
).enableRLS();

export const verificationStatus = pgEnum("verification_status", [
  "unverified",
  "pending",
  "verified",
  "rejected",
  "suspended",
]);

/** A local government unit: a city, municipality, province or commune of any country. */
export const lgus = pgTable(
  "lgus",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    placeId: uuid("place_id")
      .notNull()
      .references(() => places.id, { onDelete: "restrict" }),
    name: text("name").notNull(),
    slug: text("slug").notNull(),
    description: jsonb("description").$type<LocalizedText>().notNull().default({}),
    logoPath: text("logo_path"),
    contactEmail: text("contact_email"),
    contactPhone: text("contact_phone"),
    website: text("website"),
    address: text("address"),
    verificationStatus: verificationStatus("verification_status").notNull().default("unverified"),
    verifiedAt: timestamp("verified_at", { withTimezone: true }),
    // Who registered the LGU on the portal (becomes its first admin); kept null after account deletion.
    createdBy: uuid("created_by").references(() => authUsers.id, { onDelete: "set null" }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("lgus_slug_unique").on(t.slug),
    index("lgus_place_idx").on(t.placeId),
    check("lgus_slug_format", sql`${t.slug} ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`),
    check("lgus_verified_has_date", sql`(${t.verificationStatus} = 'verified') = (${t.verifiedAt} is not null)`),
    // Only verified LGUs are public; staff see their own LGU whatever its status.
    pgPolicy("verified lgus are public", {
      for: "select",
      to: [anonRole, authenticatedRole],
      using: sql`${t.verificationStatus} = 'verified'`,
    }),
    pgPolicy("staff and platform admins see their lgus", {
      for: "select",
      to: authenticatedRole,
      using: sql`app_private.has_lgu_role(${t.id}) or app_private.is_platform_admin() or ${t.createdBy} = (select auth.uid())`,
    }),
    // Anyone signed in may register an LGU; it starts unverified and is public only once a platform
    // admin approves its evidence (the verification columns are guarded by a trigger).
    pgPolicy("members register lgus", {
      for: "insert",
      to: authenticatedRole,
      withCheck: sql`${t.createdBy} = (select auth.uid()) and ${t.verificationStatus} = 'unverified'`,
    }),
    pgPolicy("lgu admins update their lgu", {
      for: "update",
      to: authenticatedRole,
      using: sql`app_private.has_lgu_role(${t.id}, array['admin'])`,
      withCheck: sql`app_private.has_lgu_role(${t.id}, array['admin'])`,
    }),
  ],
).enableRLS();

export const profileVisibility = pgEnum("profile_visibility", ["private", "lgu_aggregate", "public"]);

/**
 * A person's profile, one per auth.users row. Private by default: only the owner reads this table.
 * Each field group has its own privacy choice; others see a group only through the
 * `public_profiles` view (public groups) or aggregates for hometown LGUs (groups shared as
 * aggregates, never under 5 people). Sensitive fields live apart, in `profile_sensitive`.
 */
export const profiles = pgTable(
  "profiles",
  {
    id: uuid("id")
      .primaryKey()
      .references(() => authUsers.id, { onDelete: "cascade" }),
    displayName: text("display_name").notNull(),
    countryOfResidence: varchar("country_of_residence", { length: 2 }),
    city: text("city"),
    preferredLocale: text("preferred_locale"),
    timeZone: text("time_zone"),
    // Engagement: what the person speaks, cares about and is willing to do.
    languages: text("languages").array().notNull().default(sql`'{}'::text[]`),
    sectors: text("sectors").array().notNull().default(sql`'{}'::text[]`),
    willingness: text("willingness").array().notNull().default(sql`'{}'::text[]`),
    // Returnee details.
    yearsAbroad: smallint("years_abroad"),
    countriesWorked: text("countries_worked").array().notNull().default(sql`'{}'::text[]`),
    occupation: text("occupation"),
    certificates: text("certificates").array().notNull().default(sql`'{}'::text[]`),
    // Privacy per field group: basics (name, country, city, hometowns), engagement, returnee.
    basicsVisibility: profileVisibility("basics_visibility").notNull().default("private"),
    engagementVisibility: profileVisibility("engagement_visibility").notNull().default("private"),
    returneeVisibility: profileVisibility("returnee_visibility").notNull().default("private"),
    // Consent, off by default: LGUs' investment staff may find the person among the people suited to
    // an opportunity and have the portal email them an invitation (docs/decisions/0010). When given.
    investmentInvitationsSince: timestamp("investment_invitations_since", { withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    check("profiles_years_abroad_range", sql`${t.yearsAbroad} is null or ${t.yearsAbroad} between 0 and 80`),
    check(
      "profiles_willingness_values",
      sql`${t.willingness} <@ array['donate','invest','volunteer','mentor','return']::text[]`,
    ),
    check("profiles_countries_worked_iso", sql`array_to_string(${t.countriesWorked}, ',') ~ '^([A-Z]{2}(,[A-Z]{2})*)?$'`),
    check("profiles_country_iso", sql`${t.countryOfResidence} is null or ${t.countryOfResidence} ~ '^[A-Z]{2}$'`),
    check("profiles_display_name_length", sql`char_length(${t.displayName}) between 1 and 120`),
    // The few who allow investment invitations, found without reading every profile.
    index("profiles_investment_invitations_idx").on(t.id).where(sql`${t.investmentInvitationsSince} is not null`),
    pgPolicy("members read their own profile", {
      for: "select",
      to: authenticatedRole,
      using: sql`${t.id} = (select auth.uid())`,
    }),
    pgPolicy("members create their own profile", {
      for: "insert",
      to: authenticatedRole,
      withCheck: sql`${t.id} = (select auth.uid())`,
    }),
    pgPolicy("members update their own profile", {
      for: "update",
      to: authenticatedRole,
      using: sql`${t.id} = (select auth.uid())`,
      withCheck: sql`${t.id} = (select auth.uid())`,
    }),
  ],
).enableRLS();

export type Place = typeof places.$inferSelect;
export type Lgu = typeof lgus.$inferSelect;
export type Profile = typeof profiles.$inferSelect;
