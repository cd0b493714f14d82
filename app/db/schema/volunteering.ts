/**
 * Volunteering: a member offers a skill to a project's skill need, or generally to an LGU (their
 * hometown, say); the LGU's editors and admins accept it with dates or decline it with a reason,
 * and after the work mark it done with the hours given. Both sides may then leave a short public
 * thank-you. Done hours are the project's in-kind contribution, shown on its page.
 *
 * Every write goes through the database functions of *_volunteering_rules.sql (they check who
 * calls, the offer's status and the need's, and are audited); the tables take no direct writes.
 * An offer is seen by its volunteer and by the LGU's editors and admins. Offering shares the
 * volunteer's name and email with that LGU, and only that LGU (the form says so).
 */
import { sql } from "drizzle-orm";
import { check, date, index, numeric, pgEnum, pgPolicy, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { anonRole, authenticatedRole, authUsers } from "drizzle-orm/supabase";
import { lgus } from "./core";
import { projectNeeds, projects, workMode } from "./projects";
import { skills } from "./skills";

export const volunteerOfferStatus = pgEnum("volunteer_offer_status", ["offered", "accepted", "declined", "withdrawn", "done"]);
export const testimonialSide = pgEnum("testimonial_side", ["volunteer", "lgu"]);

const lguVolunteerStaff = (lguId: unknown) => sql`app_private.has_lgu_role(${lguId}, array['admin', 'editor']) or (select app_private.is_platform_admin())`;

export const volunteerOffers = pgTable(
  "volunteer_offers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    lguId: uuid("lgu_id")
      .notNull()
      .references(() => lgus.id, { onDelete: "restrict" }),
    // A need of one of the LGU's projects, or none: an offer to the LGU in general.
    needId: uuid("need_id").references(() => projectNeeds.id, { onDelete: "set null" }),
    projectId: uuid("project_id").references(() => projects.id, { onDelete: "set null" }),
    // Kept (as null) when the volunteer deletes their account, so the project's hours stay true.
    volunteerId: uuid("volunteer_id").references(() => authUsers.id, { onDelete: "set null" }),
    skill: text("skill")
      .notNull()
      .references(() => skills.code, { onDelete: "restrict" }),
    mode: workMode("mode").notNull(),
    availableFrom: date("available_from"),
    availableUntil: date("available_until"),
    message: text("message").notNull(),
    status: volunteerOfferStatus("status").notNull().default("offered"),
    scheduledFrom: date("scheduled_from"),
    scheduledUntil: date("scheduled_until"),
    // The LGU's word to the volunteer: the plan when accepting, the reason when declining.
    lguNote: text("lgu_note"),
    hours: numeric("hours", { precision: 6, scale: 1 }),
    decidedBy: uuid("decided_by").references(() => authUsers.id, { onDelete: "set null" }),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    completedAt: timestamp("completed_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("volunteer_offers_lgu_idx").on(t.lguId, t.status, t.createdAt),
    index("volunteer_offers_volunteer_idx").on(t.volunteerId, t.createdAt),
    index("volunteer_offers_project_idx").on(t.projectId, t.status),
    // One live offer per person and need (or per person, LGU and skill for general offers).
    uniqueIndex("volunteer_offers_one_live_per_need").on(t.volunteerId, t.needId).where(sql`${t.needId} is not null and ${t.status} in ('offered', 'accepted')`),
    uniqueIndex("volunteer_offers_one_live_general").on(t.volunteerId, t.lguId, t.skill).where(sql`${t.needId} is null and ${t.status} in ('offered', 'accepted')`),
    check("volunteer_offers_message", sql`length(${t.message}) between 10 and 1000`),
    check("volunteer_offers_availability", sql`${t.availableUntil} is null or (${t.availableFrom} is not null and ${t.availableUntil} >= ${t.availableFrom})`),
    check("volunteer_offers_schedule", sql`(${t.scheduledFrom} is null) = (${t.scheduledUntil} is null) and (${t.scheduledUntil} is null or ${t.scheduledUntil} >= ${t.scheduledFrom})`),
    check("volunteer_offers_accepted_scheduled", sql`${t.status} not in ('accepted', 'done') or ${t.scheduledFrom} is not null`),
    check("volunteer_offers_hours", sql`(${t.status} = 'done') = (${t.hours} is not null) and (${t.hours} is null or (${t.hours} > 0 and ${t.hours} <= 2000))`),
    check("volunteer_offers_note", sql`${t.lguNote} is null or length(${t.lguNote}) <= 1000`),
    check("volunteer_offers_need_has_project", sql`${t.needId} is null or ${t.projectId} is not null`),
    pgPolicy("the volunteer and the lgu's editors see it", {
      for: "select",
      to: authenticatedRole,
      using: sql`${t.volunteerId} = (select auth.uid()) or ${lguVolunteerStaff(t.lguId)}`,
    }),
  ],
).enableRLS();

/** A short public thank-you or testimonial, one per side, once the work is done. */
export const volunteerTestimonials = pgTable(
  "volunteer_testimonials",
  {
    offerId: uuid("offer_id")
      .notNull()
      .references(() => volunteerOffers.id, { onDelete: "cascade" }),
    side: testimonialSide("side").notNull(),
    authorId: uuid("author_id").references(() => authUsers.id, { onDelete: "set null" }),
    body: text("body").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.offerId, t.side] }),
    check("volunteer_testimonials_body", sql`length(${t.body}) between 3 and 500`),
    pgPolicy("public once the work is done", {
      for: "select",
      to: [anonRole, authenticatedRole],
      using: sql`app_private.volunteer_offer_public(${t.offerId})`,
    }),
  ],
).enableRLS();

/**
 * An LGU's invitation to a person to offer help for a need, sent by email through the portal (the
 * LGU never sees the address). Only people whose skills are public can be invited, once per need.
 */
export const volunteerInvitations = pgTable(
  "volunteer_invitations",
  {
    needId: uuid("need_id")
      .notNull()
      .references(() => projectNeeds.id, { onDelete: "cascade" }),
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
    primaryKey({ columns: [t.needId, t.profileId] }),
    index("volunteer_invitations_lgu_idx").on(t.lguId, t.createdAt),
    pgPolicy("the invited person and the lgu's editors see it", {
      for: "select",
      to: authenticatedRole,
      using: sql`${t.profileId} = (select auth.uid()) or ${lguVolunteerStaff(t.lguId)}`,
    }),
  ],
).enableRLS();
