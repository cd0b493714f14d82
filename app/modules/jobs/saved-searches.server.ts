/**
 * Saved job searches and their email alerts. A person saves the filters of /jobs under a name;
 * with alerts on, the alert job (app/jobs, hourly) sends each person at most one email a day, in
 * their language, listing the jobs published since the last alert for each of their searches (a
 * few per search, with a link to all of them), with a link that turns that search's alerts off
 * without signing in (an HMAC of the search's id with the server's secret: nothing to store, and
 * it cannot be guessed). People are processed in batches, so a run never floods the mail server.
 */
import crypto from "node:crypto";
import { and, asc, eq, sql } from "drizzle-orm";
import { getEmailPort } from "~/adapters/index.server";
import { getEnv } from "~/config/env.server";
import { asService, withRls, type JwtClaims, type Tx } from "~/db/client.server";
import { jobSavedSearches } from "~/db/schema";
import { languageOrFallback } from "~/i18n/config";
import { i18nServer } from "~/i18n/i18next.server";
import { FormProblem } from "~/modules/organisations/errors.server";
import { pgArray } from "./pg-array";
import { jobSearchSchema, type JobSearchParams } from "./schema";
import { searchJobs } from "./search.server";

/** Filters kept in a saved search: the query string of /jobs, without sort and page. */
const FILTER_KEYS = ["q", "place", "remote", "sector", "occupation", "type", "salary", "currency", "within"] as const;

export function filtersFrom(formData: FormData): Record<string, string> {
  const raw: Record<string, string> = {};
  for (const key of FILTER_KEYS) {
    const value = formData.get(`filter.${key}`);
    if (typeof value === "string" && value.trim()) raw[key] = value.trim().slice(0, 200);
  }
  // Only what the search itself accepts is kept.
  const parsed = jobSearchSchema.parse(raw);
  const kept: Record<string, string> = {};
  for (const key of FILTER_KEYS) {
    const value = parsed[key];
    if (value !== undefined) kept[key] = key === "remote" ? "1" : String(value);
  }
  return kept;
}

export const searchQuery = (filters: Record<string, string>) => new URLSearchParams(filters).toString();

export async function saveSearch(claims: JwtClaims, name: string, filters: Record<string, string>, alerts: boolean) {
  if (Object.keys(filters).length === 0) throw new FormProblem("", "jobs:saved.noFilters");
  await withRls(claims, async (tx) => {
    const [{ n }] = (await tx.execute<{ n: number }>(sql`select count(*)::int as n from public.job_saved_searches where user_id = ${claims.sub}`)) as unknown as [{ n: number }];
    if (n >= 20) throw new FormProblem("", "jobs:saved.tooMany");
    await tx.insert(jobSavedSearches).values({ userId: claims.sub, name, filters, alerts });
  });
}

export async function mySavedSearches(claims: JwtClaims) {
  return withRls(claims, (tx) => savedSearchesOf(tx, claims.sub));
}

/** The same, inside a transaction the caller already holds as the person. */
export function savedSearchesOf(tx: Tx, userId: string) {
  return tx
    .select({ id: jobSavedSearches.id, name: jobSavedSearches.name, filters: jobSavedSearches.filters, alerts: jobSavedSearches.alerts })
    .from(jobSavedSearches)
    .where(eq(jobSavedSearches.userId, userId))
    .orderBy(asc(jobSavedSearches.createdAt));
}

export async function setAlerts(claims: JwtClaims, id: string, alerts: boolean) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return;
  // Turning alerts back on starts from now: no burst of old jobs.
  await withRls(claims, (tx) =>
    tx
      .update(jobSavedSearches)
      .set({ alerts, ...(alerts ? { alertedUntil: new Date() } : {}) })
      .where(and(eq(jobSavedSearches.id, id), eq(jobSavedSearches.userId, claims.sub))),
  );
}

export async function deleteSearch(claims: JwtClaims, id: string) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return;
  await withRls(claims, (tx) => tx.delete(jobSavedSearches).where(and(eq(jobSavedSearches.id, id), eq(jobSavedSearches.userId, claims.sub))));
}

/** The unsubscribe token of a saved search: `<id>.<HMAC>`. */
export function unsubscribeToken(id: string, secret = getEnv().SESSION_SECRET): string {
  return `${id}.${crypto.createHmac("sha256", secret).update(`job-alert\n${id}`).digest("base64url")}`;
}

/** Turns a search's alerts off from an emailed link; true when the token was genuine. */
export async function unsubscribe(token: string, secret = getEnv().SESSION_SECRET): Promise<boolean> {
  const [id, mac] = token.split(".");
  if (!id || !mac || !/^[0-9a-f-]{36}$/i.test(id)) return false;
  const expected = unsubscribeToken(id, secret).split(".")[1]!;
  if (mac.length !== expected.length || !crypto.timingSafeEqual(Buffer.from(mac), Buffer.from(expected))) return false;
  await asService((tx) => tx.update(jobSavedSearches).set({ alerts: false }).where(eq(jobSavedSearches.id, id)));
  return true;
}

/** How many people one run emails at most; the rest wait for the next run (an hour later). */
export const ALERT_BATCH = 200;
/** Jobs listed per search in one email. */
export const JOBS_PER_ALERT = 5;

/**
 * Sends the alerts due at `now`: for each person with a saved search on alerts whose last alert
 * was a day ago or more, one email listing the new jobs of each of their searches (none when
 * nothing is new: the search just waits). Each person's searches are claimed (alerted_until
 * moved to `now`) in the same transaction that sends, so a failure retries and a success never
 * repeats. Returns how many emails were sent.
 */
export async function sendJobAlerts(siteUrl: string, now = new Date()): Promise<number> {
  const dayAgo = new Date(now.getTime() - 86_400_000).toISOString();
  const people = await asService((tx) =>
    tx.execute<{ user_id: string }>(sql`
      select user_id from public.job_saved_searches
      where alerts and alerted_until <= ${dayAgo}::timestamptz
      group by user_id order by min(alerted_until), user_id limit ${ALERT_BATCH}`),
  );
  let sent = 0;
  for (const { user_id: userId } of people) {
    const done = await asService(async (tx) => {
      const searches = await tx.execute<{ id: string; name: string; filters: Record<string, string>; alerted_until: string }>(sql`
        select id, name, filters, alerted_until from public.job_saved_searches
        where user_id = ${userId} and alerts and alerted_until <= ${dayAgo}::timestamptz
        order by created_at for update skip locked`);
      if (searches.length === 0) return false;
      const [person] = await tx.execute<{ email: string | null; locale: string | null }>(sql`
        select u.email, p.preferred_locale as locale from auth.users u left join public.profiles p on p.id = u.id where u.id = ${userId}`);
      await tx.execute(sql`update public.job_saved_searches set alerted_until = ${now.toISOString()}::timestamptz
                           where id = any(${pgArray(searches.map((s) => s.id))}::uuid[])`);
      if (!person?.email) return false;
      const locale = languageOrFallback(person.locale);
      const t = await i18nServer.getFixedT(locale, "jobs");
      const sections: string[] = [];
      for (const search of searches) {
        const params: JobSearchParams = { ...jobSearchSchema.parse(search.filters), sort: "newest", page: 1 };
        const since = new Date(search.alerted_until);
        const found = await searchJobs(tx, params, locale);
        const fresh = found.jobs.filter((j) => new Date(j.publishedAt) > since).slice(0, JOBS_PER_ALERT);
        if (fresh.length === 0) continue;
        sections.push(
          [
            t("emails.alert.search", { name: search.name }),
            ...fresh.map((j) => `- ${j.title?.text ?? ""}${j.posterName ? ` (${j.posterName})` : ""}: ${siteUrl}/jobs/${j.id}`),
            `${t("emails.alert.all")} ${siteUrl}/jobs?${searchQuery({ ...search.filters, sort: "newest" })}`,
            `${t("emails.alert.stop")} ${siteUrl}/jobs/alerts/unsubscribe?token=${unsubscribeToken(search.id)}`,
          ].join("\n"),
        );
      }
      if (sections.length === 0) return false;
      await getEmailPort().send({
        to: person.email,
        subject: t("emails.alert.subject"),
        text: [t("emails.alert.intro"), "", sections.join("\n\n"), "", t("emails.alert.manage", { link: `${siteUrl}/me/jobs` })].join("\n"),
        template: "job-alert",
      });
      return true;
    });
    if (done) sent++;
  }
  return sent;
}
