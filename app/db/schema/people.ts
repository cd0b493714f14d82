/**
 * People beyond the basic profile: hometowns, sensitive details kept apart, and platform admins.
 */
import { sql } from "drizzle-orm";
import { index, pgPolicy, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { authenticatedRole, authUsers } from "drizzle-orm/supabase";
import { places, profiles } from "./core";

/** A person's hometowns: one or more places they come from (any level of the hierarchy). */
export const profileHometowns = pgTable(
  "profile_hometowns",
  {
    profileId: uuid("profile_id")
      .notNull()
      .references(() => profiles.id, { onDelete: "cascade" }),
    placeId: uuid("place_id")
      .notNull()
      .references(() => places.id, { onDelete: "restrict" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.profileId, t.placeId] }),
    index("profile_hometowns_place_idx").on(t.placeId),
    pgPolicy("members read their own hometowns", {
      for: "select",
      to: authenticatedRole,
      using: sql`${t.profileId} = (select auth.uid())`,
    }),
    pgPolicy("members add their own hometowns", {
      for: "insert",
      to: authenticatedRole,
      withCheck: sql`${t.profileId} = (select auth.uid())`,
    }),
    pgPolicy("members remove their own hometowns", {
      for: "delete",
      to: authenticatedRole,
      using: sql`${t.profileId} = (select auth.uid())`,
    }),
  ],
).enableRLS();

/**
 * Sensitive details (return circumstances, migration status): never public, never in aggregates,
 * readable only by their owner. A separate table so no view or join of `profiles` can leak them.
 */
export const profileSensitive = pgTable(
  "profile_sensitive",
  {
    profileId: uuid("profile_id")
      .primaryKey()
      .references(() => profiles.id, { onDelete: "cascade" }),
    migrationStatus: text("migration_status"),
    returnCircumstances: text("return_circumstances"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    pgPolicy("members read their own sensitive details", {
      for: "select",
      to: authenticatedRole,
      using: sql`${t.profileId} = (select auth.uid())`,
    }),
    pgPolicy("members add their own sensitive details", {
      for: "insert",
      to: authenticatedRole,
      withCheck: sql`${t.profileId} = (select auth.uid())`,
    }),
    pgPolicy("members update their own sensitive details", {
      for: "update",
      to: authenticatedRole,
      using: sql`${t.profileId} = (select auth.uid())`,
      withCheck: sql`${t.profileId} = (select auth.uid())`,
    }),
    pgPolicy("members delete their own sensitive details", {
      for: "delete",
      to: authenticatedRole,
      using: sql`${t.profileId} = (select auth.uid())`,
    }),
  ],
).enableRLS();

/**
 * The national agency's staff. Granted only by an operator (`npm run db -- grant-admin <email>`),
 * never through the portal, so no policy allows writing here.
 */
export const platformAdmins = pgTable(
  "platform_admins",
  {
    userId: uuid("user_id")
      .primaryKey()
      .references(() => authUsers.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    pgPolicy("admins and the person themself read platform admins", {
      for: "select",
      to: authenticatedRole,
      using: sql`${t.userId} = (select auth.uid()) or app_private.is_platform_admin()`,
    }),
  ],
).enableRLS();

export type ProfileHometown = typeof profileHometowns.$inferSelect;
export type ProfileSensitive = typeof profileSensitive.$inferSelect;
