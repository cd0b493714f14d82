/**
 * Jobs as the public finds and reads them. Which jobs match, in which order, on which page is
 * worked out by `app_private.search_jobs` (security definer) over the narrow listing of open jobs
 * (full text in English stems and plain words, accents removed; filters; a count capped at
 * COUNT_CAP); the page's rows are then read from `jobs` under the caller's RLS in the same
 * statement, so the policy still decides what is shown.
 */
import { eq, inArray, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { JwtClaims, Tx } from "~/db/client.server";
import { withRls } from "~/db/client.server";
import { jobs, lgus, organisations, places, type LocalizedText } from "~/db/schema";
import { currencyMinorDigits } from "~/i18n/format";
import { localized } from "~/i18n/localized";
import type { JobSearchParams } from "./schema";
import type { JobSort } from "./vocabulary";

export const JOBS_PER_PAGE = 20;
export const COUNT_CAP = 1000;

/** The columns a job card shows. */
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

export type JobCard = Omit<Awaited<ReturnType<typeof readCards>>[number], "title"> & { title: { text: string; lang: string } | null };

/** The cards of these job ids, in this order, as far as the caller may read them. */
async function readCards(tx: Tx, ids: string[]) {
  if (ids.length === 0) return [];
  const rows = await tx
    .select(cardColumns)
    .from(jobs)
    .leftJoin(places, eq(places.id, jobs.placeId))
    .leftJoin(lgus, eq(lgus.id, jobs.lguId))
    .leftJoin(organisations, eq(organisations.id, jobs.organisationId))
    .where(inArray(jobs.id, ids));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    return row ? [row] : [];
  });
}

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
  const run = async (page: number) => {
    const found = await tx.execute<{ job_id: string; total: string }>(sql`
      select job_id, total from app_private.search_jobs(
        ${params.q ?? null}, ${params.place ?? null}::uuid, ${params.remote ?? null}, ${params.sector ?? null}, ${params.occupation ?? null},
        ${params.type ?? null}::public.employment_type, ${params.salary !== undefined && params.currency ? salaryMinor(params.salary, params.currency) : null}::bigint,
        ${params.currency ?? null}, ${params.within ?? null}::integer, ${effectiveSort}, ${JOBS_PER_PAGE}, ${(page - 1) * JOBS_PER_PAGE}, ${COUNT_CAP})`);
    return { ids: found.map((r) => r.job_id), counted: Number(found[0]?.total ?? 0) };
  };
  let page = Math.max(1, params.page ?? 1);
  let { ids, counted } = await run(page);
  if (ids.length === 0 && page > 1) {
    // Past the last page (a stale link): the last page instead.
    const first = await run(1);
    page = Math.max(1, Math.ceil(Math.min(first.counted, COUNT_CAP) / JOBS_PER_PAGE));
    ({ ids, counted } = page === 1 ? first : await run(page));
  }
  const cards = await readCards(tx, ids);
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

/** Regions and provinces, for the place filter (a place includes every place under it). */
export async function placeFilterOptions(tx: Tx) {
  const rows = await tx.execute<{ id: string; name: string; country_code: string; kind: string }>(sql`
    select p.id, p.name, p.country_code, p.kind::text as kind from public.places p where p.kind in ('region', 'province') order by p.country_code, p.name`);
  return rows.map((r) => ({ id: r.id, name: r.name, countryCode: r.country_code, kind: r.kind }));
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

/** The cards of these jobs, in this order, with titles in the reader's language. */
export async function jobCards(tx: Tx, ids: string[], language: string) {
  return localizeCards(await readCards(tx, ids), language);
}
