/**
 * The weekly digest job. A run covers a window [start, end) (from the previous run's end, at most
 * 14 days back, to the moment it opened) and walks every member in id order, BATCH_SIZE at a time.
 * Each batch is one transaction that locks the run row, reads the members after the run's cursor,
 * collects every provider's items for the whole batch, claims a digest_deliveries row per member
 * it will email (primary key: run and member, so nobody is emailed twice in a run whatever
 * happens), hands the emails to the email port and moves the cursor past the batch.
 *
 * Resumable: a run stays `running` until a batch finds no members left; a worker that dies leaves
 * the cursor at the last committed batch, and the next job (pg-boss retries it, or next week's)
 * finishes the open run before opening a new one. Two workers at once queue on the run row's lock.
 * The emails are sent inside the batch's transaction, after everything that can fail in the batch:
 * a failed send rolls the batch back and it is retried; the one gap left is the same as every
 * email job here (the relay accepted the mail and then the commit failed), which can repeat one
 * batch's emails, never lose them.
 */
import { sql } from "drizzle-orm";
import { getEmailPort } from "~/adapters/index.server";
import {
  sendAll,
  type EmailMessage,
  type EmailPort,
} from "~/adapters/email/port";
import { asService, type Tx } from "~/db/client.server";
import type { DigestRun } from "~/db/schema";
import { i18nServer } from "~/i18n/i18next.server";
import { languageOrFallback, type Language } from "~/i18n/config";
import { linkKeysFor, unsubscribeUrl } from "./links.server";
import { uuidArray, type DigestItem, type DigestProvider } from "./provider";
import { digestProviders } from "./providers.server";
import {
  groupByTopic,
  recipientTimeZone,
  renderDigest,
  type DigestRecipient,
} from "./render.server";
import type { DigestTopic } from "./topics";

export const BATCH_SIZE = 500;
const DAY = 86_400_000;
const MAX_WINDOW_DAYS = 14;

export interface DigestOptions {
  siteUrl: string;
  now?: Date;
  batchSize?: number;
  providers?: DigestProvider[];
  email?: EmailPort;
  /** Called after each committed batch (tests make the worker "die" here; the perf script reports). */
  afterBatch?: (
    progress: BatchResult & { runId: string; batch: number }
  ) => void | Promise<void>;
}

export interface BatchResult {
  done: boolean;
  members: number;
  emails: number;
  items: number;
}

/** The ISO 8601 week of a moment (UTC), e.g. 2026-W48: one run per week. */
export function isoWeek(moment: Date): string {
  const day = new Date(
    Date.UTC(moment.getUTCFullYear(), moment.getUTCMonth(), moment.getUTCDate())
  );
  const weekday = day.getUTCDay() || 7;
  day.setUTCDate(day.getUTCDate() + 4 - weekday); // the Thursday of the week names its year
  const yearStart = Date.UTC(day.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((day.getTime() - yearStart) / DAY + 1) / 7);
  return `${day.getUTCFullYear()}-W${String(week).padStart(2, "0")}`;
}

type RunRow = {
  id: string;
  window_start: string;
  window_end: string;
  cursor: string | null;
  status: "running" | "done";
};

/** This week's run, opened if there is none yet (a second call in the same week gets the same). */
export async function openWeeklyRun(now = new Date()): Promise<DigestRun> {
  const period = isoWeek(now);
  return asService(async (tx) => {
    await tx.execute(sql`
      insert into public.digest_runs (period, window_start, window_end)
      select ${period}, greatest(coalesce(max(window_end), ${new Date(
      now.getTime() - 7 * DAY
    ).toISOString()}::timestamptz),
                                 ${new Date(
                                   now.getTime() - MAX_WINDOW_DAYS * DAY
                                 ).toISOString()}::timestamptz),
             ${now.toISOString()}::timestamptz
      from public.digest_runs
      on conflict (period) do nothing`);
    const [run] = await tx.query.digestRuns.findMany({
      where: (r, { eq }) => eq(r.period, period),
      limit: 1,
    });
    return run!;
  });
}

type MemberRow = {
  id: string;
  display_name: string;
  preferred_locale: string | null;
  time_zone: string | null;
  email: string | null;
};

/** One batch of a run, in one transaction. */
export async function processBatch(
  runId: string,
  options: DigestOptions
): Promise<BatchResult> {
  const providers = options.providers ?? digestProviders;
  const email = options.email ?? getEmailPort();
  const batchSize = options.batchSize ?? BATCH_SIZE;
  return asService(async (tx) => {
    const [run] = await tx.execute<RunRow>(
      sql`select id, window_start, window_end, cursor, status from public.digest_runs where id = ${runId}::uuid for update`
    );
    if (!run || run.status === "done")
      return { done: true, members: 0, emails: 0, items: 0 };
    // Statements are prepared (client.server.ts), and after five runs PostgreSQL may switch a
    // prepared statement to a generic plan that guesses its parameters. The providers' queries
    // depend on them (500 ids, a week's window): planned blind, the jobs query took ten times longer
    // by the middle of a run (docs/performance.md). Each batch plans for its own values.
    await tx.execute(sql`set local plan_cache_mode = force_custom_plan`);
    const since = new Date(run.window_start);
    const until = new Date(run.window_end);
    // Every member in id order (the primary key's index); the cursor moves past all of them, the
    // ones nobody can email included. Only confirmed, live accounts are emailed.
    const members = await tx.execute<MemberRow>(sql`
      select p.id, p.display_name, p.preferred_locale, p.time_zone,
        case when u.email_confirmed_at is not null and u.deleted_at is null and (u.banned_until is null or u.banned_until < now()) then u.email end as email
      from public.profiles p join auth.users u on u.id = p.id
      where ${run.cursor === null ? sql`true` : sql`p.id > ${run.cursor}::uuid`}
      order by p.id limit ${batchSize}`);
    if (members.length === 0) {
      await tx.execute(
        sql`update public.digest_runs set status = 'done', finished_at = now(), updated_at = now() where id = ${runId}::uuid`
      );
      return { done: true, members: 0, emails: 0, items: 0 };
    }
    const reachable = members.filter((m) => m.email);
    const items = await collect(
      tx,
      providers,
      reachable.map((m) => m.id),
      since,
      until
    );

    const recipients = reachable.filter((m) => items.get(m.id)?.length);
    const sections = new Map(
      recipients.map((m) => [
        m.id,
        groupByTopic(
          items.get(m.id)!,
          providers.map((p) => p.topic)
        ),
      ])
    );
    const claimed = await claim(
      tx,
      runId,
      recipients.map((m) => ({ id: m.id, sections: sections.get(m.id)! }))
    );
    const keys = await linkKeysFor(tx, [...claimed]);
    const messages: EmailMessage[] = [];
    let itemCount = 0;
    for (const member of recipients) {
      if (!claimed.has(member.id)) continue;
      const recipient: DigestRecipient = {
        id: member.id,
        email: member.email!,
        displayName: member.display_name,
        locale: languageOrFallback(member.preferred_locale),
        timeZone: recipientTimeZone(member.time_zone),
      };
      const key = keys.get(member.id)!;
      const memberSections = sections.get(member.id)!;
      itemCount += memberSections.reduce((sum, s) => sum + s.items.length, 0);
      messages.push(
        renderDigest(
          await translator(recipient.locale),
          recipient,
          memberSections,
          { since, until },
          {
            siteUrl: options.siteUrl,
            unsubscribe: (scope) =>
              unsubscribeUrl(options.siteUrl, key, member.id, scope, recipient.locale),
          }
        )
      );
    }
    await sendAll(email, messages);
    await tx.execute(sql`
      update public.digest_runs set cursor = ${
        members.at(-1)!.id
      }::uuid, batches = batches + 1, members_seen = members_seen + ${
      members.length
    },
        emails_sent = emails_sent + ${
          messages.length
        }, items_sent = items_sent + ${itemCount}, updated_at = now()
      where id = ${runId}::uuid`);
    return {
      done: false,
      members: members.length,
      emails: messages.length,
      items: itemCount,
    };
  });
}

/** Every provider's items for the members subscribed to its topic. */
async function collect(
  tx: Tx,
  providers: DigestProvider[],
  memberIds: string[],
  since: Date,
  until: Date
): Promise<Map<string, DigestItem[]>> {
  const all = new Map<string, DigestItem[]>();
  if (memberIds.length === 0) return all;
  const optOuts = await tx.execute<{
    profile_id: string;
    topic: DigestTopic;
  }>(sql`
    select profile_id, topic from public.digest_opt_outs where profile_id = any(${uuidArray(
      memberIds
    )}::uuid[])`);
  const out = new Set(optOuts.map((row) => `${row.profile_id}:${row.topic}`));
  for (const provider of providers) {
    const subscribed = memberIds.filter(
      (id) => !out.has(`${id}:${provider.topic}`)
    );
    const asked = new Set(subscribed);
    const found = await provider.collect(tx, subscribed, since, until);
    for (const [memberId, list] of found) {
      // A provider only speaks for its own topic and for the members it was asked about.
      const mine = list.filter((item) => item.topic === provider.topic);
      if (!mine.length || !asked.has(memberId)) continue;
      all.set(memberId, [...(all.get(memberId) ?? []), ...mine]);
    }
  }
  return all;
}

/** Claims a delivery per member for this run; returns the members claimed now (not before). */
async function claim(
  tx: Tx,
  runId: string,
  recipients: { id: string; sections: ReturnType<typeof groupByTopic> }[]
): Promise<Set<string>> {
  if (recipients.length === 0) return new Set();
  const rows = recipients.map((r) => ({
    profile_id: r.id,
    items: r.sections.reduce((sum, s) => sum + s.items.length, 0),
    topics: r.sections.map((s) => s.topic),
  }));
  const claimed = await tx.execute<{ profile_id: string }>(sql`
    insert into public.digest_deliveries (run_id, profile_id, items, topics)
    select ${runId}::uuid, x.profile_id, x.items, x.topics
    from jsonb_to_recordset(${JSON.stringify(
      rows
    )}::jsonb) as x(profile_id uuid, items integer, topics text[])
    on conflict (run_id, profile_id) do nothing
    returning profile_id`);
  return new Set(claimed.map((row) => row.profile_id));
}

const translators = new Map<
  Language,
  Awaited<ReturnType<typeof i18nServer.getFixedT>>
>();
async function translator(locale: Language) {
  let t = translators.get(locale);
  if (!t) {
    t = await i18nServer.getFixedT(locale, "digest");
    translators.set(locale, t);
  }
  return t as unknown as (
    key: string,
    options?: Record<string, unknown>
  ) => string;
}

/** Runs one run to its end, batch after batch. */
export async function processRun(
  runId: string,
  options: DigestOptions
): Promise<BatchResult> {
  const total: BatchResult = { done: false, members: 0, emails: 0, items: 0 };
  for (let batch = 1; ; batch++) {
    const result = await processBatch(runId, options);
    if (result.done) return { ...total, done: true };
    total.members += result.members;
    total.emails += result.emails;
    total.items += result.items;
    await options.afterBatch?.({ ...result, runId, batch });
  }
}

/**
 * The scheduled job: finishes any run a dead worker left open, then this week's (opening it if
 * needed). Returns the emails sent by this call.
 */
export async function runWeeklyDigest(options: DigestOptions): Promise<number> {
  let emails = 0;
  const open = await asService((tx) =>
    tx.execute<{ id: string }>(
      sql`select id from public.digest_runs where status = 'running' order by window_end`
    )
  );
  for (const { id } of open) emails += (await processRun(id, options)).emails;
  const run = await openWeeklyRun(options.now ?? new Date());
  if (run.status === "running")
    emails += (await processRun(run.id, options)).emails;
  // Who got which week's digest is kept for eight weeks (enough to answer "did I get it?").
  await asService((tx) =>
    tx.execute(
      sql`delete from public.digest_runs where status = 'done' and window_end < now() - interval '8 weeks'`
    )
  );
  return emails;
}
