/**
 * Jobs as their poster (a verified LGU or a verified employer) writes them: posting, changing the
 * text in another language or the details, closing and reopening, and the poster's list with
 * applicant counts. Runs under the caller's RLS; the database's rules (supabase/migrations/
 * *_jobs_rules.sql) refuse an unverified poster, a closing date in the past or a salary range
 * upside down, and those refusals come back as FormProblems beside their field.
 */
import { and, desc, eq, sql } from "drizzle-orm";
import { withRls, type JwtClaims } from "~/db/client.server";
import { jobs, places, type LocalizedText } from "~/db/schema";
import { localized } from "~/i18n/localized";
import { FormProblem, throwHinted, type HintedProblems } from "~/modules/organisations/errors.server";
import { pgArray } from "./pg-array";
import type { JobFormInput } from "./schema";

/** Who posts: an LGU or an organisation (exactly one). */
export type Poster = { lguId: string; organisationId?: undefined } | { organisationId: string; lguId?: undefined };

const HINTS: HintedProblems = {
  poster_not_verified: ["", "jobs:errors.posterNotVerified", 403],
  poster_cannot_post: ["", "jobs:errors.posterCannotPost", 403],
  closing_in_past: ["closesOn", "jobs:validation.closingInPast", 400],
  salary_range: ["salaryMax", "jobs:validation.salaryRange", 400],
  not_job_staff: ["", "jobs:errors.notStaff", 403],
};

export function jobProblem(error: unknown): never {
  throwHinted(error, HINTS, "not_job_staff");
}

const posterCondition = (poster: Poster) => (poster.lguId ? eq(jobs.lguId, poster.lguId) : eq(jobs.organisationId, poster.organisationId!));

/** Posts a job; returns its id. */
export async function postJob(claims: JwtClaims, poster: Poster, input: JobFormInput): Promise<string> {
  return withRls(claims, async (tx) => {
    // Only the columns posters may write are named (column grants).
    const [row] = await tx.execute<{ id: string }>(sql`
      insert into public.jobs (lgu_id, organisation_id, title, description, sector, occupation_code, skills_required, skills_preferred, languages,
        place_id, remote, employment_type, salary_min_minor, salary_max_minor, salary_currency, openings, closes_on, posted_by)
      values (${poster.lguId ?? null}, ${poster.organisationId ?? null}, ${JSON.stringify({ [input.textLanguage]: input.title })}::jsonb,
        ${JSON.stringify({ [input.textLanguage]: input.description })}::jsonb, ${input.sector}, ${input.occupationCode},
        ${pgArray(input.skillsRequired)}::text[], ${pgArray(input.skillsPreferred)}::text[], ${pgArray(input.languages)}::text[], ${input.placeId}::uuid, ${input.remote},
        ${input.employmentType}, ${input.salaryMinMinor}, ${input.salaryMaxMinor}, ${input.salaryCurrency}, ${input.openings}, ${input.closesOn}::date, ${claims.sub})
      returning id`);
    return row!.id;
  }).catch(jobProblem);
}

/** Changes a job: the text in `textLanguage` (other languages kept) and every detail. */
export async function updateJob(claims: JwtClaims, poster: Poster, jobId: string, input: JobFormInput): Promise<void> {
  const changed = await withRls(claims, (tx) =>
    tx.execute(sql`
      update public.jobs set
        title = title || ${JSON.stringify({ [input.textLanguage]: input.title })}::jsonb,
        description = description || ${JSON.stringify({ [input.textLanguage]: input.description })}::jsonb,
        sector = ${input.sector}, occupation_code = ${input.occupationCode}, skills_required = ${pgArray(input.skillsRequired)}::text[],
        skills_preferred = ${pgArray(input.skillsPreferred)}::text[], languages = ${pgArray(input.languages)}::text[], place_id = ${input.placeId}::uuid,
        remote = ${input.remote}, employment_type = ${input.employmentType}, salary_min_minor = ${input.salaryMinMinor},
        salary_max_minor = ${input.salaryMaxMinor}, salary_currency = ${input.salaryCurrency}, openings = ${input.openings}, closes_on = ${input.closesOn}::date
      where id = ${jobId} and ${posterCondition(poster)}`),
  ).catch(jobProblem);
  if (changed.count === 0) throw new FormProblem("", "jobs:errors.notFound", 404);
}

export async function setJobOpen(claims: JwtClaims, poster: Poster, jobId: string, open: boolean): Promise<void> {
  const changed = await withRls(claims, (tx) =>
    tx.execute(sql`update public.jobs set status = ${open ? "open" : "closed"} where id = ${jobId} and ${posterCondition(poster)}`),
  ).catch(jobProblem);
  if (changed.count === 0) throw new FormProblem("", "jobs:errors.notFound", 404);
}

/** The poster's jobs, newest first, with applicants by stage. */
export async function posterJobs(claims: JwtClaims, poster: Poster, language: string) {
  const rows = await withRls(claims, (tx) =>
    tx
      .select({
        id: jobs.id,
        title: jobs.title,
        status: jobs.status,
        closesOn: jobs.closesOn,
        publishedAt: jobs.publishedAt,
        openings: jobs.openings,
        applicants: sql<number>`(select count(*)::int from public.job_applications a where a.job_id = ${jobs.id})`,
        fresh: sql<number>`(select count(*)::int from public.job_applications a where a.job_id = ${jobs.id} and a.status = 'new')`,
      })
      .from(jobs)
      .where(posterCondition(poster))
      .orderBy(desc(jobs.publishedAt))
      .limit(200),
  );
  const today = new Date().toISOString().slice(0, 10);
  return rows.map((r) => ({ ...r, title: localized(r.title, language), open: r.status === "open" && r.closesOn >= today }));
}

/** One of the poster's jobs, as stored (for the edit form), or null. */
export async function posterJob(claims: JwtClaims, poster: Poster, jobId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(jobId)) return null;
  const [row] = await withRls(claims, (tx) =>
    tx
      .select({ job: jobs, placeName: places.name })
      .from(jobs)
      .leftJoin(places, eq(places.id, jobs.placeId))
      .where(and(eq(jobs.id, jobId), posterCondition(poster))),
  );
  return row ? { ...row.job, placeName: row.placeName, title: row.job.title as LocalizedText, description: row.job.description as LocalizedText } : null;
}
