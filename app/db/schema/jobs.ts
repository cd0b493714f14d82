/**
 * Jobs for returnees (issue 8): vacancies that verified LGUs and verified employers post, the
 * applications returnees make with a cover note and a CV, the employer's pipeline, messages sent
 * through the portal, saved searches with email alerts, and the job-seeking part of a person's
 * profile (occupation, skills, where they want to work, certificates earned abroad and whether
 * they are recognised at home).
 *
 * Who sees what (policies below, rules in supabase/migrations/*_jobs_rules.sql):
 * - open jobs of verified posters are public; the posting LGU's admins and editors, or the posting
 *   organisation's members, see and change all of theirs; an applicant keeps seeing a job they
 *   applied to after it closes;
 * - an application is seen by its applicant and the posting LGU or organisation only, and the
 *   employer sees the applicant only through it: the name, the cover note, the CV and the snapshot
 *   of profile data the applicant chose to share when applying (`shared`), never the profile;
 * - status moves go through `public.move_job_application`, which writes the history; the audit
 *   trigger logs every move.
 * - the job-seeking profile and certificates are the owner's alone.
 */
import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
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
import { lgus, places, profiles, type LocalizedText } from "./core";
import { organisations } from "./organisations";

export const jobStatus = pgEnum("job_status", ["open", "closed"]);
export const employmentType = pgEnum("employment_type", ["full_time", "part_time", "contract", "temporary", "seasonal", "apprenticeship"]);
export const jobApplicationStatus = pgEnum("job_application_status", ["new", "shortlisted", "interview", "offer", "hired", "not_selected"]);
export const certificateRecognition = pgEnum("certificate_recognition", ["recognised", "in_progress", "not_recognised", "not_assessed"]);

/** The posting LGU's admins and editors, or any member of the posting organisation. */
const jobStaff = (lguId: unknown, organisationId: unknown) => sql`app_private.is_job_staff(${lguId}, ${organisationId})`;

/**
 * A vacancy. Exactly one poster: an LGU (`lgu_id`) or an organisation (`organisation_id`), verified
 * when the job is posted (a trigger refuses otherwise). Skills are codes of the skills taxonomy
 * (skills.code, kind 'skill'); the occupation is an ISCO-08 sub-major group (two digits; the
 * taxonomy's `isco08_<code>`). A trigger checks both against the taxonomy. Salary is monthly, in integer minor units of `salary_currency`.
 * `place_path` (the place and its ancestors) and `search` are written by the database.
 */
export const jobs = pgTable(
  "jobs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    lguId: uuid("lgu_id").references(() => lgus.id, { onDelete: "cascade" }),
    organisationId: uuid("organisation_id").references(() => organisations.id, { onDelete: "cascade" }),
    title: jsonb("title").$type<LocalizedText>().notNull(),
    description: jsonb("description").$type<LocalizedText>().notNull(),
    sector: text("sector").notNull(),
    occupationCode: varchar("occupation_code", { length: 2 }).notNull(),
    skillsRequired: text("skills_required").array().notNull().default(sql`'{}'::text[]`),
    skillsPreferred: text("skills_preferred").array().notNull().default(sql`'{}'::text[]`),
    languages: text("languages").array().notNull().default(sql`'{}'::text[]`),
    placeId: uuid("place_id").references(() => places.id, { onDelete: "restrict" }),
    placePath: uuid("place_path").array().notNull().default(sql`'{}'::uuid[]`),
    remote: boolean("remote").notNull().default(false),
    employmentType: employmentType("employment_type").notNull(),
    salaryMinMinor: bigint("salary_min_minor", { mode: "number" }),
    salaryMaxMinor: bigint("salary_max_minor", { mode: "number" }),
    salaryCurrency: varchar("salary_currency", { length: 3 }),
    openings: integer("openings").notNull().default(1),
    closesOn: date("closes_on").notNull(),
    status: jobStatus("status").notNull().default("open"),
    postedBy: uuid("posted_by").references(() => authUsers.id, { onDelete: "set null" }),
    publishedAt: timestamp("published_at", { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("jobs_lgu_idx").on(t.lguId, t.publishedAt),
    index("jobs_organisation_idx").on(t.organisationId, t.publishedAt),
    index("jobs_closing_idx").on(t.closesOn).where(sql`${t.status} = 'open'`),
    check("jobs_one_poster", sql`(${t.lguId} is null) <> (${t.organisationId} is null)`),
    check("jobs_occupation_code", sql`${t.occupationCode} ~ '^[0-9]{2}$'`),
    check("jobs_sector_code", sql`${t.sector} ~ '^[A-U]$'`),
    check("jobs_place_or_remote", sql`${t.placeId} is not null or ${t.remote}`),
    check("jobs_openings", sql`${t.openings} between 1 and 10000`),
    check("jobs_salary_positive", sql`coalesce(${t.salaryMinMinor}, 0) >= 0 and coalesce(${t.salaryMaxMinor}, 0) >= 0`),
    check("jobs_salary_range", sql`${t.salaryMinMinor} is null or ${t.salaryMaxMinor} is null or ${t.salaryMinMinor} <= ${t.salaryMaxMinor}`),
    check(
      "jobs_salary_currency",
      sql`(${t.salaryCurrency} is null) = (${t.salaryMinMinor} is null and ${t.salaryMaxMinor} is null) and (${t.salaryCurrency} is null or ${t.salaryCurrency} ~ '^[A-Z]{3}$')`,
    ),
    check("jobs_skill_counts", sql`cardinality(${t.skillsRequired}) <= 20 and cardinality(${t.skillsPreferred}) <= 20 and cardinality(${t.languages}) <= 15`),
    check("jobs_closed_has_date", sql`(${t.status} = 'closed') = (${t.closedAt} is not null)`),
    pgPolicy("open jobs of verified posters are public", {
      for: "select",
      to: [anonRole, authenticatedRole],
      using: sql`${t.status} = 'open' and ${t.closesOn} >= current_date
        and (${t.lguId} in (select app_private.verified_lgu_ids()) or ${t.organisationId} in (select app_private.verified_organisation_ids()))`,
    }),
    pgPolicy("posters and applicants see their jobs", {
      for: "select",
      to: authenticatedRole,
      using: sql`${jobStaff(t.lguId, t.organisationId)} or app_private.applied_to_job(${t.id})`,
    }),
    pgPolicy("job staff post jobs", {
      for: "insert",
      to: authenticatedRole,
      withCheck: sql`${t.postedBy} = (select auth.uid()) and ${jobStaff(t.lguId, t.organisationId)}`,
    }),
    pgPolicy("job staff change their jobs", {
      for: "update",
      to: authenticatedRole,
      using: jobStaff(t.lguId, t.organisationId),
      withCheck: jobStaff(t.lguId, t.organisationId),
    }),
  ],
).enableRLS();

/**
 * One person's application to one job (once: a second is refused). The poster's columns are
 * copied from the job by the database so the policies need no join. `shared` is what the applicant
 * chose to show of their profile, frozen when they applied; the CV is a stored file (PDF or DOCX,
 * uploaded or generated from the profile).
 */
export const jobApplications = pgTable(
  "job_applications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    jobId: uuid("job_id")
      .notNull()
      .references(() => jobs.id, { onDelete: "cascade" }),
    applicantId: uuid("applicant_id")
      .notNull()
      .references(() => authUsers.id, { onDelete: "cascade" }),
    lguId: uuid("lgu_id").references(() => lgus.id, { onDelete: "cascade" }),
    organisationId: uuid("organisation_id").references(() => organisations.id, { onDelete: "cascade" }),
    applicantName: text("applicant_name").notNull(),
    coverNote: text("cover_note").notNull().default(""),
    shared: jsonb("shared").$type<Record<string, unknown>>().notNull().default({}),
    hasRecognisedCertificate: boolean("has_recognised_certificate").notNull().default(false),
    cvStorageKey: text("cv_storage_key").notNull(),
    cvFileName: text("cv_file_name").notNull(),
    cvContentType: text("cv_content_type").notNull(),
    cvSizeBytes: integer("cv_size_bytes").notNull(),
    cvGenerated: boolean("cv_generated").notNull().default(false),
    status: jobApplicationStatus("status").notNull().default("new"),
    statusChangedAt: timestamp("status_changed_at", { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("job_applications_once").on(t.jobId, t.applicantId),
    uniqueIndex("job_applications_cv_key").on(t.cvStorageKey),
    index("job_applications_job_idx").on(t.jobId, t.status, t.createdAt),
    index("job_applications_applicant_idx").on(t.applicantId, t.createdAt),
    check("job_applications_cover_note", sql`char_length(${t.coverNote}) <= 5000`),
    check("job_applications_name", sql`char_length(${t.applicantName}) between 1 and 120`),
    check(
      "job_applications_cv_type",
      sql`${t.cvContentType} in ('application/pdf', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')`,
    ),
    check("job_applications_cv_size", sql`${t.cvSizeBytes} between 1 and 5242880`),
    check("job_applications_cv_key_format", sql`${t.cvStorageKey} like 'job-applications/' || ${t.applicantId}::text || '/%'`),
    pgPolicy("the applicant and the posting lgu or organisation see it", {
      for: "select",
      to: authenticatedRole,
      using: sql`${t.applicantId} = (select auth.uid()) or ${jobStaff(t.lguId, t.organisationId)}`,
    }),
    pgPolicy("a person applies for themself to an open job", {
      for: "insert",
      to: authenticatedRole,
      withCheck: sql`${t.applicantId} = (select auth.uid()) and ${t.status} = 'new'`,
    }),
  ],
).enableRLS();

/** The pipeline history of an application: who moved it from what to what, when, with a note. Append-only. */
export const jobApplicationEvents = pgTable(
  "job_application_events",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    applicationId: uuid("application_id")
      .notNull()
      .references(() => jobApplications.id, { onDelete: "cascade" }),
    lguId: uuid("lgu_id").references(() => lgus.id, { onDelete: "cascade" }),
    organisationId: uuid("organisation_id").references(() => organisations.id, { onDelete: "cascade" }),
    fromStatus: jobApplicationStatus("from_status"),
    toStatus: jobApplicationStatus("to_status").notNull(),
    actorId: uuid("actor_id").references(() => authUsers.id, { onDelete: "set null" }),
    note: text("note"),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("job_application_events_application_idx").on(t.applicationId, t.occurredAt),
    // The employer's notes on a move are theirs; the applicant sees the status itself.
    pgPolicy("the posting lgu or organisation sees the history", {
      for: "select",
      to: authenticatedRole,
      using: jobStaff(t.lguId, t.organisationId),
    }),
  ],
).enableRLS();

/**
 * A message the employer sent an applicant through the portal (emailed to them; their address is
 * never shown to the employer). Written by `public.message_job_applicant`.
 */
export const jobApplicationMessages = pgTable(
  "job_application_messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    applicationId: uuid("application_id")
      .notNull()
      .references(() => jobApplications.id, { onDelete: "cascade" }),
    lguId: uuid("lgu_id").references(() => lgus.id, { onDelete: "cascade" }),
    organisationId: uuid("organisation_id").references(() => organisations.id, { onDelete: "cascade" }),
    senderId: uuid("sender_id").references(() => authUsers.id, { onDelete: "set null" }),
    body: text("body").notNull(),
    sentAt: timestamp("sent_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("job_application_messages_application_idx").on(t.applicationId, t.sentAt),
    check("job_application_messages_body", sql`char_length(${t.body}) between 2 and 5000`),
    pgPolicy("the applicant and the posting lgu or organisation read messages", {
      for: "select",
      to: authenticatedRole,
      using: sql`exists (select 1 from public.job_applications a where a.id = ${t.applicationId} and a.applicant_id = (select auth.uid()))
        or ${jobStaff(t.lguId, t.organisationId)}`,
    }),
  ],
).enableRLS();

/**
 * The job-seeking part of a person's profile: what they do (ISCO-08 sub-major group), where they
 * want to work (places; a place includes everything under it) and whether remote work suits them,
 * and their experience for the CV generated from the profile. Their skills are the member skills
 * registry's (member_skills). The owner's alone: employers see what an application shares.
 */
export const jobseekerProfiles = pgTable(
  "jobseeker_profiles",
  {
    profileId: uuid("profile_id")
      .primaryKey()
      .references(() => profiles.id, { onDelete: "cascade" }),
    occupationCode: varchar("occupation_code", { length: 2 }),
    preferredPlaceIds: uuid("preferred_place_ids").array().notNull().default(sql`'{}'::uuid[]`),
    openToRemote: boolean("open_to_remote").notNull().default(false),
    experience: text("experience").notNull().default(""),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("jobseeker_profiles_occupation", sql`${t.occupationCode} is null or ${t.occupationCode} ~ '^[0-9]{2}$'`),
    check("jobseeker_profiles_counts", sql`cardinality(${t.preferredPlaceIds}) <= 10`),
    check("jobseeker_profiles_experience", sql`char_length(${t.experience}) <= 5000`),
    pgPolicy("members read their own job profile", { for: "select", to: authenticatedRole, using: sql`${t.profileId} = (select auth.uid())` }),
    pgPolicy("members create their own job profile", { for: "insert", to: authenticatedRole, withCheck: sql`${t.profileId} = (select auth.uid())` }),
    pgPolicy("members update their own job profile", {
      for: "update",
      to: authenticatedRole,
      using: sql`${t.profileId} = (select auth.uid())`,
      withCheck: sql`${t.profileId} = (select auth.uid())`,
    }),
  ],
).enableRLS();

/** A certificate or licence earned (often abroad), and whether it is recognised locally (e.g. by TESDA or PRC). */
export const jobseekerCertificates = pgTable(
  "jobseeker_certificates",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    profileId: uuid("profile_id")
      .notNull()
      .references(() => profiles.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    issuer: text("issuer").notNull().default(""),
    countryCode: varchar("country_code", { length: 2 }),
    year: smallint("year"),
    recognition: certificateRecognition("recognition").notNull().default("not_assessed"),
    localEquivalent: text("local_equivalent").notNull().default(""),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("jobseeker_certificates_profile_idx").on(t.profileId, t.createdAt),
    check("jobseeker_certificates_title", sql`char_length(${t.title}) between 2 and 200`),
    check("jobseeker_certificates_texts", sql`char_length(${t.issuer}) <= 200 and char_length(${t.localEquivalent}) <= 200`),
    check("jobseeker_certificates_country", sql`${t.countryCode} is null or ${t.countryCode} ~ '^[A-Z]{2}$'`),
    check("jobseeker_certificates_year", sql`${t.year} is null or ${t.year} between 1950 and 2100`),
    pgPolicy("members read their own certificates", { for: "select", to: authenticatedRole, using: sql`${t.profileId} = (select auth.uid())` }),
    pgPolicy("members add their own certificates", { for: "insert", to: authenticatedRole, withCheck: sql`${t.profileId} = (select auth.uid())` }),
    pgPolicy("members change their own certificates", {
      for: "update",
      to: authenticatedRole,
      using: sql`${t.profileId} = (select auth.uid())`,
      withCheck: sql`${t.profileId} = (select auth.uid())`,
    }),
    pgPolicy("members remove their own certificates", { for: "delete", to: authenticatedRole, using: sql`${t.profileId} = (select auth.uid())` }),
  ],
).enableRLS();

/**
 * A search a person saved (its query string's filters), with or without email alerts. The alert
 * job sends each person at most one email a day listing new jobs across their saved searches.
 */
export const jobSavedSearches = pgTable(
  "job_saved_searches",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => authUsers.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    filters: jsonb("filters").$type<Record<string, string>>().notNull().default({}),
    alerts: boolean("alerts").notNull().default(true),
    // Jobs published after this are new for the next alert.
    alertedUntil: timestamp("alerted_until", { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("job_saved_searches_user_idx").on(t.userId, t.createdAt),
    index("job_saved_searches_alerts_idx").on(t.alertedUntil).where(sql`${t.alerts}`),
    check("job_saved_searches_name", sql`char_length(${t.name}) between 1 and 120`),
    pgPolicy("members read their saved searches", { for: "select", to: authenticatedRole, using: sql`${t.userId} = (select auth.uid())` }),
    pgPolicy("members save searches", { for: "insert", to: authenticatedRole, withCheck: sql`${t.userId} = (select auth.uid())` }),
    pgPolicy("members change their saved searches", {
      for: "update",
      to: authenticatedRole,
      using: sql`${t.userId} = (select auth.uid())`,
      withCheck: sql`${t.userId} = (select auth.uid())`,
    }),
    pgPolicy("members delete their saved searches", { for: "delete", to: authenticatedRole, using: sql`${t.userId} = (select auth.uid())` }),
  ],
).enableRLS();

export type Job = typeof jobs.$inferSelect;
export type JobApplication = typeof jobApplications.$inferSelect;
export type JobApplicationStatus = (typeof jobApplicationStatus.enumValues)[number];
export type EmploymentType = (typeof employmentType.enumValues)[number];
export type CertificateRecognition = (typeof certificateRecognition.enumValues)[number];
