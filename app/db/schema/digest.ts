/**
 * The weekly digest: what a member chose not to hear about, the key that signs their unsubscribe
 * links, and the runs of the digest job with one row per member emailed.
 *
 * Members are subscribed to every topic until they opt out (`digest_opt_outs`, their own rows
 * only): every topic is about something they asked for themselves (projects they follow, skills
 * they listed, their engagement choices), and each email says why it came and unsubscribes in one
 * click. docs/decisions/0013-weekly-digest.md.
 *
 * `digest_link_keys`, `digest_runs` and `digest_deliveries` belong to the server (the job and the
 * unsubscribe route run as the service role); the API roles are refused outright.
 */
import { sql } from "drizzle-orm";
import { index, integer, pgEnum, pgPolicy, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { authenticatedRole } from "drizzle-orm/supabase";
import { profiles } from "./core";
import { serverOnly } from "./system";

/** The digest's sections. The vocabulary lives in app/modules/digest/topics.ts too (browser-safe). */
export const digestTopic = pgEnum("digest_topic", ["followed_updates", "skill_needs", "jobs", "opportunities"]);
export const digestRunStatus = pgEnum("digest_run_status", ["running", "done"]);

/** A member's "no more of this topic". No row: subscribed. */
export const digestOptOuts = pgTable(
  "digest_opt_outs",
  {
    profileId: uuid("profile_id")
      .notNull()
      .references(() => profiles.id, { onDelete: "cascade" }),
    topic: digestTopic("topic").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.profileId, t.topic] }),
    pgPolicy("members read their own digest choices", { for: "select", to: authenticatedRole, using: sql`${t.profileId} = (select auth.uid())` }),
    pgPolicy("members opt out for themselves", { for: "insert", to: authenticatedRole, withCheck: sql`${t.profileId} = (select auth.uid())` }),
    pgPolicy("members opt back in", { for: "delete", to: authenticatedRole, using: sql`${t.profileId} = (select auth.uid())` }),
  ],
).enableRLS();

/**
 * A random key per member that signs their unsubscribe links (HMAC of the topic): the links never
 * expire, and replacing the key (or deleting the account) revokes every link already emailed.
 */
export const digestLinkKeys = pgTable(
  "digest_link_keys",
  {
    profileId: uuid("profile_id")
      .primaryKey()
      .references(() => profiles.id, { onDelete: "cascade" }),
    key: text("key")
      .notNull()
      // Two v4 uuids: 244 random bits from the server's strong random source, with no extension needed.
      .default(sql`replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '')`),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  () => [serverOnly],
).enableRLS();

/**
 * One run of the weekly digest: its window, how far it got (the last member id done, in id order)
 * and what it sent. `period` (ISO week of the window's end, e.g. 2026-W48) is unique, so a job that
 * fires twice in a week resumes the week's run instead of starting another.
 */
export const digestRuns = pgTable(
  "digest_runs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    period: text("period").notNull(),
    windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
    windowEnd: timestamp("window_end", { withTimezone: true }).notNull(),
    cursor: uuid("cursor"),
    status: digestRunStatus("status").notNull().default("running"),
    batches: integer("batches").notNull().default(0),
    membersSeen: integer("members_seen").notNull().default(0),
    emailsSent: integer("emails_sent").notNull().default(0),
    itemsSent: integer("items_sent").notNull().default(0),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("digest_runs_period_unique").on(t.period), index("digest_runs_status_idx").on(t.status, t.windowEnd), serverOnly],
).enableRLS();

/** Who was emailed in a run: at most once per run and member (the primary key says so). */
export const digestDeliveries = pgTable(
  "digest_deliveries",
  {
    runId: uuid("run_id")
      .notNull()
      .references(() => digestRuns.id, { onDelete: "cascade" }),
    profileId: uuid("profile_id")
      .notNull()
      .references(() => profiles.id, { onDelete: "cascade" }),
    items: integer("items").notNull(),
    topics: text("topics").array().notNull(),
    sentAt: timestamp("sent_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.profileId] }), index("digest_deliveries_profile_idx").on(t.profileId), serverOnly],
).enableRLS();

export type DigestRun = typeof digestRuns.$inferSelect;
