/**
 * Jobs as the public finds and reads them. Which jobs match, in which order, on which page is
 * worked out by `app_private.search_jobs` (security definer) over the narrow listing of open jobs
 * (full text in English stems and plain words, accents removed; filters; a count capped at
 * COUNT_CAP); the page's cards come in the same statement from `app_private.job_cards`, which
 * gives only listed jobs (open, of a verified poster, not past their date: what the public policy
 * on `jobs` shows).
 */
import { eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { JwtClaims, Tx } from "~/db/client.server";
import { withRls } from "~/db/client.server";
import { jobs, lgus, organisations, places, type EmploymentType, type LocalizedText } from "~/db/schema";
import { currencyMinorDigits } from "~/i18n/format";
import { localized } from "~/i18n/localized";
import type { JobSearchParams } from "./schema";
import type { JobSort } from "./vocabulary";

export const JOBS_PER_PAGE = 20;
export const COUNT_CAP = 1000;

/** The columns of a job card, read from `jobs` under the caller's RLS (the job page). */
const cardColumns = {
  id: jobs.id,
  title: jobs.title,
  sector: jobs.sector,
  occupationCode: jobs.occupationCode,
  employmentType: jobs.employmentType,
  remote: jobs.remote,
  salaryMinMinor: jobs.salaryMinMinor,
  salaryMaxMinor: jobs.salaryMaxMinor,
  salaryCurrency: jobs.salaryCurrency,
  closesOn: jobs.closesOn,
  publishedAt: jobs.publishedAt,
  placeName: places.name,
  countryCode: places.countryCode,
  posterName: sql<string | null>`coalesce(${lgus.name}, ${organisations.name})`,
};

/** A job card's row as `app_private.job_cards` returns it (dates as PostgreSQL writes them). */
export type JobCardRow = {
  id: string;
  title: LocalizedText;
  sector: string;
  occupation_code: string;
  employment_type: EmploymentType;
  remote: boolean;
  salary_min_minor: string | number | null;
  salary_max_minor: string | number | null;
  salary_currency: string | null;
  closes_on: string;
  published_at: string | Date;
  place_name: string | null;
  country_code: string | null;
  poster_name: string | null;
};

const money = (value: string | number | null) => (value === null ? null : Number(value));

/** A card from its row, with the types the rest of the app reads (as drizzle gives them for `jobs`). */
export function cardFromRow(row: JobCardRow) {
  return {
    id: row.id,
    title: row.title,
    sector: row.sector,
    occupationCode: row.occupation_code,
    employmentType: row.employment_type,
    remote: row.remote,
    salaryMinMinor: money(row.salary_min_minor),
    salaryMaxMinor: money(row.salary_max_minor),
    salaryCurrency: row.salary_currency,
    closesOn: row.closes_on,
    publishedAt: new Date(row.published_at),
    placeName: row.place_name,
    countryCode: row.country_code,
    posterName: row.poster_name,
  };
}

export type JobCard = Omit<ReturnType<typeof cardFromRow>, "title"> & { title: { text: string; lang: string } | null };

/**
 * One statement for a ranking of jobs and their cards: `ranked` gives rows with `job_id` and their
 * order `n` (a search's page, "jobs for you"); each comes back with its columns and, when the job
 * is listed (open, of a verified poster, not past its date: what the public policy on `jobs`
 * shows), its card's, read by `app_private.job_cards`, in the ranking's order. A row whose job is
 * not listed has no `id`.
 */
export const rankedWithCards = (ranked: ReturnType<typeof sql>) => sql`
  with ranked as materialized (${ranked})
  select r.*, c.* from ranked r
  left join app_private.job_cards(array(select r2.job_id from ranked r2 order by r2.n)) c on c.id = r.job_id
  order by r.n`;

export function localizeCards<T extends { title: unknown }>(rows: T[], language: string) {
  return rows.map((row) => ({ ...row, title: localized(row.title as LocalizedText, language) }));
}

export interface JobSearch {
  total: number;
  more: boolean;
  page: number;
  pages: number;
  sort: JobSort;
  jobs: JobCard[];
}

/** The default order: best match for a query, newest otherwise. */
export const sortFor = (params: JobSearchParams): JobSort => params.sort ?? (params.q ? "relevance" : "newest");

export async function searchJobs(tx: Tx, params: JobSearchParams, language: string): Promise<JobSearch> {
  const sort = sortFor(params);
  const effectiveSort = sort === "relevance" && !params.q ? "newest" : sort;
  // The page's ids and count, and their cards, in one statement.
  const run = async (page: number) => {
    const rows = await tx.execute<Partial<JobCardRow> & { job_id: string; total: string }>(
      rankedWithCards(sql`
        select s.job_id, s.total, s.n from app_private.search_jobs(
          ${params.q ?? null}, ${params.place ?? null}::uuid, ${params.remote ?? null}, ${params.sector ?? null}, ${params.occupation ?? null},
          ${params.type ?? null}::public.employment_type, ${params.salary !== undefined && params.currency ? salaryMinor(params.salary, params.currency) : null}::bigint,
          ${params.currency ?? null}, ${params.within ?? null}::integer, ${effectiveSort}, ${JOBS_PER_PAGE}, ${(page - 1) * JOBS_PER_PAGE}, ${COUNT_CAP})
          with ordinality as s(job_id, total, n)`),
    );
    return {
      cards: rows.flatMap((r) => (r.id ? [cardFromRow(r as JobCardRow)] : [])),
      found: rows.length,
      counted: Number(rows[0]?.total ?? 0),
    };
  };
  let page = Math.max(1, params.page ?? 1);
  let { cards, found, counted } = await run(page);
  if (found === 0 && page > 1) {
    // Past the last page (a stale link): the last page instead.
    const first = await run(1);
    page = Math.max(1, Math.ceil(Math.min(first.counted, COUNT_CAP) / JOBS_PER_PAGE));
    ({ cards, found, counted } = page === 1 ? first : await run(page));
  }
  const total = Math.min(counted, COUNT_CAP);
  return {
    total,
    more: counted > COUNT_CAP,
    page,
    pages: Math.max(1, Math.ceil(total / JOBS_PER_PAGE)),
    sort,
    jobs: localizeCards(cards, language),
  };
}

/** A salary typed in whole major units as minor units of the currency. */
function salaryMinor(major: number, currency: string): number {
  return major * 10 ** currencyMinorDigits(currency);
}

/** A region or province of the place filter (a place includes every place under it). */
export interface PlaceOption {
  id: string;
  name: string;
  countryCode: string;
  kind: string;
}

/** How long a server process keeps the place filter's regions and provinces before reading them again. */
export const PLACE_OPTIONS_TTL_MS = 5 * 60_000;
let placeOptions: { until: number; value: Promise<readonly PlaceOption[]> } | null = null;

/**
 * The regions and provinces a search can be narrowed to, by country and name. Places change only
 * when they are imported (migrations and scripts: the portal cannot edit them), so a server process
 * reads them once every five minutes rather than on every search page (164 rows in the benchmark:
 * 0.65 ms of PostgreSQL and 0.3 ms of the server a page). Requests that come while they are being
 * read wait for the same read; a failed read is not kept. The list is shared, so it is frozen.
 */
export function placeFilterOptions(now = Date.now()): Promise<readonly PlaceOption[]> {
  if (!placeOptions || now >= placeOptions.until) {
    const value = withRls(null, (tx) =>
      tx.execute<{ id: string; name: string; country_code: string; kind: string }>(sql`
        select p.id, p.name, p.country_code, p.kind::text as kind from public.places p
        where p.kind in ('region', 'province') order by p.country_code, p.name`),
    ).then((rows) => Object.freeze(rows.map((r) => Object.freeze({ id: r.id, name: r.name, countryCode: r.country_code, kind: r.kind }))));
    const entry = { until: now + PLACE_OPTIONS_TTL_MS, value };
    placeOptions = entry;
    value.catch(() => {
      if (placeOptions === entry) placeOptions = null;
    });
  }
  return placeOptions.value;
}

const parentPlace = alias(places, "parent_place");

/** One job as the caller may see it (public when open; its poster and applicants always), or null. */
export async function getJob(claims: JwtClaims | null, id: string, language: string) {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return null;
  return withRls(claims, async (tx) => {
    const [row] = await tx
      .select({
        ...cardColumns,
        description: jobs.description,
        skillsRequired: jobs.skillsRequired,
        skillsPreferred: jobs.skillsPreferred,
        languages: jobs.languages,
        openings: jobs.openings,
        status: jobs.status,
        placeId: jobs.placeId,
        parentPlaceId: parentPlace.id,
        parentPlaceName: parentPlace.name,
        lguSlug: lgus.slug,
        organisationSlug: organisations.slug,
        organisationKind: organisations.kind,
      })
      .from(jobs)
      .leftJoin(places, eq(places.id, jobs.placeId))
      .leftJoin(parentPlace, sql`${parentPlace.id} = ${places.parentId} and ${parentPlace.kind} <> 'country'`)
      .leftJoin(lgus, eq(lgus.id, jobs.lguId))
      .leftJoin(organisations, eq(organisations.id, jobs.organisationId))
      .where(eq(jobs.id, id));
    if (!row) return null;
    const today = new Date().toISOString().slice(0, 10);
    return {
      ...row,
      title: localized(row.title, language),
      description: localized(row.description as LocalizedText, language),
      open: row.status === "open" && row.closesOn >= today,
    };
  });
}
