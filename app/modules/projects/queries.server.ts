/**
 * Projects as the public finds and reads them. Every function takes the transaction withRls opened,
 * so the database decides which projects exist for the caller; the public list adds only the
 * product rule "published projects" (staff browsing /projects should not see their drafts there).
 * Search: per-language and plain full text (tsvector, unaccented) and trigram word similarity for
 * misspellings, ranked together.
 */
import { and, asc, desc, eq, inArray, isNotNull, notInArray, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Tx } from "~/db/client.server";
import {
  lgus,
  places,
  projectBudgetLines,
  projectCofunders,
  projectMilestones,
  projectNeeds,
  projectFunding,
  projectPhotos,
  projects,
  projectUpdates,
  spendingReports,
  type LocalizedText,
  type ProjectSector,
  type ProjectStatus,
} from "~/db/schema";
import { localized } from "~/i18n/localized";

export const PROJECTS_PER_PAGE = 12;
import { publicStatuses, type ProjectSort } from "./vocabulary";

export { publicStatuses, projectSorts, type ProjectSort } from "./vocabulary";

export interface ProjectFilters {
  q?: string;
  sector?: ProjectSector;
  status?: (typeof publicStatuses)[number];
  country?: string;
  lgu?: string;
  need?: "money" | "skill" | "in_kind";
  sort: ProjectSort;
  page: number;
}

const searchConfigs: Record<string, string> = { en: "english", es: "spanish", fr: "french", ar: "arabic" };

/** Only the reader's language of each text goes to the page (with the language actually used). */
const pick = (text: LocalizedText | null | undefined, language: string) => localized(text, language);

/** The most the list counts exactly; past it the page says "1,000+" (and offers up to 84 pages). */
export const COUNT_CAP = 1000;

/** A listed project's columns once all its joined rows are known to be there (they are not null). */
type Readable = {
  slug: string;
  title: LocalizedText;
  summary: LocalizedText;
  sector: ProjectSector;
  status: ProjectStatus;
  goalMinor: number;
  currency: string;
  raisedMinor: number;
  fundedBasisPoints: number;
  lguName: string;
  lguSlug: string;
  countryCode: string;
};

export async function listPublicProjects(tx: Tx, filters: ProjectFilters, language: string) {
  // Which projects, in which order, on which page: worked out by a security-definer function over
  // app_private.project_listings (the projects the public may see, in narrow rows with the indexes
  // of each order; see the migrations project_list_helpers and public_list_through_listings). It
  // returns ids in order; the rows are read in the same statement, joined under the caller's RLS
  // like any other read, so the policy still decides what is shown. (The `limit`, which the
  // function's own limit already ensures, tells the planner it gets a page of ids rather than its
  // default guess of 1,000 rows, so it looks each row up by its key instead of reading every
  // project.)
  const columns = {
    slug: projects.slug,
    title: projects.title,
    summary: projects.summary,
    sector: projects.sector,
    status: projects.status,
    goalMinor: projects.goalMinor,
    currency: projects.currency,
    endsOn: projects.endsOn,
    raisedMinor: projectFunding.raisedMinor,
    fundedBasisPoints: projectFunding.fundedBasisPoints,
    lguName: lgus.name,
    lguSlug: lgus.slug,
    countryCode: places.countryCode,
    total: sql<string>`s.total`,
    // Which of the joined rows the caller may read: a match is shown only with all of them.
    readable: sql<boolean>`${projects.id} is not null and ${lgus.id} is not null and ${places.id} is not null and ${projectFunding.projectId} is not null`,
  };
  const rowsOf = (ids: SQL, limit: number, page: SQL = sql`null`) =>
    tx
      .select({ ...columns, page: sql<number | null>`s.page` })
      .from(sql`(select *, ${page} as page from ${ids} limit ${sql.raw(String(limit))}) as s`)
      .leftJoin(projects, eq(projects.id, sql`s.project_id`))
      .leftJoin(lgus, eq(lgus.id, projects.lguId))
      .leftJoin(places, eq(places.id, lgus.placeId))
      .leftJoin(projectFunding, eq(projectFunding.projectId, projects.id))
      .orderBy(sql`s.ord`);
  const readable = (found: Awaited<ReturnType<typeof rowsOf>>) =>
    found.flatMap(({ total: _total, page: _page, readable, ...row }) => (readable ? [row as typeof row & Readable] : []));

  if (filters.q) {
    // Search reads and ranks every match, so it counts them all.
    const config = searchConfigs[language] ?? "simple";
    const search = (page: number, limit = PROJECTS_PER_PAGE) =>
      rowsOf(
        sql`app_private.search_public_projects(
            ${filters.q}, ${config}::regconfig, ${filters.sector ?? null}, ${filters.status ?? null}, ${filters.country ?? null},
            ${filters.lgu ?? null}, ${filters.need ?? null}, ${filters.sort}, ${limit}, ${(page - 1) * PROJECTS_PER_PAGE}
          ) with ordinality as m(project_id, rank, total, ord)`,
        limit,
      );
    let page = Math.max(1, filters.page);
    let found = await search(page);
    if (found.length === 0 && page > 1) {
      // Past the last page (a stale link): count, then show the last page.
      const total = Number((await search(1, 1))[0]?.total ?? 0);
      page = Math.max(1, Math.ceil(total / PROJECTS_PER_PAGE));
      found = total > 0 ? await search(page) : [];
    }
    return result(readable(found), Number(found[0]?.total ?? 0), false, page, language);
  }

  // Without a query, counting all 40,000+ visible rows would cost more than the page itself, so the
  // count stops at COUNT_CAP (the function counts one more, to know there are more); a page past
  // the last counted one (a stale link, or past COUNT_CAP) gives the last page instead.
  const found = await rowsOf(
    sql`app_private.list_public_projects(
        ${filters.sector ?? null}, ${filters.status ?? null}, ${filters.country ?? null}, ${filters.lgu ?? null},
        ${filters.need ?? null}, ${filters.sort}, ${Math.max(1, Math.min(filters.page, 100_000))}, ${PROJECTS_PER_PAGE}, ${COUNT_CAP}
      ) with ordinality as m(project_id, total, list_page, ord)`,
    PROJECTS_PER_PAGE,
    sql`m.list_page`,
  );
  const counted = Number(found[0]?.total ?? 0);
  const page = Number(found[0]?.page ?? 1);
  return result(readable(found), Math.min(counted, COUNT_CAP), counted > COUNT_CAP, page, language);
}

function result<Row extends { title: LocalizedText; summary: LocalizedText }>(
  rows: Row[],
  total: number,
  more: boolean,
  page: number,
  language: string,
) {
  return {
    total,
    /** True when there are more than `total` (the count stopped at COUNT_CAP). */
    more,
    page,
    pages: Math.max(1, Math.ceil(total / PROJECTS_PER_PAGE)),
    projects: rows.map((row) => ({ ...row, title: pick(row.title, language), summary: pick(row.summary, language) })),
  };
}

/** Everything the public project page shows, with the money totals worked out in the database. */
const projectPlace = alias(places, "project_place");

export async function getPublicProject(tx: Tx, slug: string, language: string) {
  const [project] = await tx
    .select({
      id: projects.id,
      slug: projects.slug,
      title: projects.title,
      summary: projects.summary,
      description: projects.description,
      sector: projects.sector,
      sdgGoals: projects.sdgGoals,
      status: projects.status,
      cancelReason: projects.cancelReason,
      goalMinor: projects.goalMinor,
      currency: projects.currency,
      startsOn: projects.startsOn,
      endsOn: projects.endsOn,
      planReference: projects.planReference,
      implementingPartner: projects.implementingPartner,
      publishedAt: projects.publishedAt,
      updatedAt: projects.updatedAt,
      lguName: lgus.name,
      lguSlug: lgus.slug,
      placeName: places.name,
      countryCode: places.countryCode,
      // The project's own place (a barangay, a river stretch) when it has one; the LGU's otherwise.
      projectPlaceName: projectPlace.name,
      latitude: projects.latitude,
      longitude: projects.longitude,
      // Derived from the contribution ledger by the database (contributions migration).
      raisedMinor: projectFunding.raisedMinor,
      refundedMinor: projectFunding.refundedMinor,
      gifts: projectFunding.gifts,
    })
    .from(projects)
    .innerJoin(lgus, eq(lgus.id, projects.lguId))
    .innerJoin(places, eq(places.id, lgus.placeId))
    .innerJoin(projectFunding, eq(projectFunding.projectId, projects.id))
    .leftJoin(projectPlace, eq(projectPlace.id, projects.placeId))
    .where(and(eq(projects.slug, slug), isNotNull(projects.publishedAt), notInArray(projects.status, ["draft", "review"])));
  if (!project) return null;
  const id = project.id;
  const [lines, needs, milestones, cofunders, updates, spending, photos] = await Promise.all([
    tx
      .select({
        id: projectBudgetLines.id,
        label: projectBudgetLines.label,
        amountMinor: projectBudgetLines.amountMinor,
        // Spelled out: drizzle leaves single-table columns unqualified, which the subquery would misread.
        spentMinor: sql<number>`coalesce((select sum(s.amount_minor) from public.spending_reports s where s.budget_line_id = public.project_budget_lines.id), 0)::bigint`.mapWith(Number),
      })
      .from(projectBudgetLines)
      .where(eq(projectBudgetLines.projectId, id))
      .orderBy(asc(projectBudgetLines.position)),
    tx.select().from(projectNeeds).where(eq(projectNeeds.projectId, id)),
    tx.select().from(projectMilestones).where(eq(projectMilestones.projectId, id)).orderBy(asc(projectMilestones.targetDate)),
    tx.select().from(projectCofunders).where(eq(projectCofunders.projectId, id)),
    tx.select().from(projectUpdates).where(eq(projectUpdates.projectId, id)).orderBy(desc(projectUpdates.publishedAt)).limit(20),
    tx.select().from(spendingReports).where(eq(spendingReports.projectId, id)).orderBy(desc(spendingReports.spentOn)),
    tx
      .select({ id: projectPhotos.id, updateId: projectPhotos.updateId, width: projectPhotos.width, height: projectPhotos.height, alt: projectPhotos.alt })
      .from(projectPhotos)
      .where(eq(projectPhotos.projectId, id))
      .orderBy(asc(projectPhotos.position), asc(projectPhotos.createdAt)),
  ]);
  const photo = (p: (typeof photos)[number]) => ({ id: p.id, width: p.width, height: p.height, alt: pick(p.alt, language) });
  const spentMinor = spending.reduce((sum, s) => sum + s.amountMinor, 0);
  const matchingCommittedMinor = cofunders.reduce((sum, c) => sum + c.committedMinor, 0);
  // "Last updated": the newest of the project, its updates and its spending reports, so a page
  // nobody has touched for months says so.
  const lastUpdated = [project.updatedAt, ...updates.map((u) => u.publishedAt), ...spending.map((s) => s.createdAt)].reduce((a, b) =>
    a > b ? a : b,
  );
  return {
    ...project,
    title: pick(project.title, language),
    summary: pick(project.summary, language),
    description: pick(project.description, language),
    lastUpdated,
    spentMinor,
    matchingCommittedMinor,
    budgetLines: lines.map((l) => ({ ...l, label: pick(l.label, language) })),
    needs: needs.map((n) => ({
      id: n.id,
      kind: n.kind,
      description: pick(n.description, language),
      amountMinor: n.amountMinor,
      skill: n.skill,
      quantity: n.quantity,
      fulfilled: n.fulfilled,
      mode: n.mode,
      startsOn: n.startsOn,
      endsOn: n.endsOn,
      language: n.language,
      expertMission: n.expertMission,
      closedAt: n.closedAt,
    })),
    milestones: milestones.map((m) => ({ id: m.id, title: pick(m.title, language), targetDate: m.targetDate, status: m.status, completedOn: m.completedOn })),
    cofunders: cofunders.map((c) => ({ id: c.id, kind: c.kind, name: c.name, funderSlug: c.funderSlug, ratioMatched: c.ratioMatched, ratioGiven: c.ratioGiven, capMinor: c.capMinor, committedMinor: c.committedMinor })),
    updates: updates.map((u) => ({ id: u.id, body: pick(u.body, language), publishedAt: u.publishedAt, photos: photos.filter((p) => p.updateId === u.id).map(photo) })),
    spending: spending.map((s) => ({
      id: s.id,
      amountMinor: s.amountMinor,
      spentOn: s.spentOn,
      payee: s.payee,
      category: s.category,
      budgetLineId: s.budgetLineId,
      hasEvidence: s.evidencePath !== null,
    })),
    /** The project's own photos, cover first (update photos are with their update). */
    photos: photos.filter((p) => p.updateId === null).map(photo),
  };
}

/** The published projects of one LGU, for its public page. */
export async function listLguProjects(tx: Tx, lguId: string, language: string) {
  const rows = await tx
    .select({ slug: projects.slug, title: projects.title, status: projects.status, sector: projects.sector })
    .from(projects)
    .where(and(eq(projects.lguId, lguId), isNotNull(projects.publishedAt), inArray(projects.status, [...publicStatuses])))
    .orderBy(desc(projects.publishedAt))
    .limit(50);
  return rows.map((r) => ({ ...r, title: pick(r.title, language) }));
}

/**
 * What the LGU's published projects have raised, per currency, from the ledger-derived totals
 * (project_funding): received less refunded, and the number of gifts.
 */
export async function lguFundingTotals(tx: Tx, lguId: string) {
  return tx
    .select({
      currency: projects.currency,
      raisedMinor: sql<number>`sum(${projectFunding.raisedMinor})::bigint`.mapWith(Number),
      gifts: sql<number>`sum(${projectFunding.gifts})::integer`.mapWith(Number),
      projects: sql<number>`count(*)::integer`.mapWith(Number),
    })
    .from(projects)
    .innerJoin(projectFunding, eq(projectFunding.projectId, projects.id))
    .where(and(eq(projects.lguId, lguId), isNotNull(projects.publishedAt), inArray(projects.status, [...publicStatuses])))
    .groupBy(projects.currency)
    .having(sql`sum(${projectFunding.gifts}) > 0`)
    .orderBy(asc(projects.currency));
}

export type PublicProject = NonNullable<Awaited<ReturnType<typeof getPublicProject>>>;
export type { ProjectStatus };
