/**
 * Projects as the public finds and reads them. Every function takes the transaction withRls opened,
 * so the database decides which projects exist for the caller; the public list adds only the
 * product rule "published projects" (staff browsing /projects should not see their drafts there).
 * Search: per-language and plain full text (tsvector, unaccented) and trigram word similarity for
 * misspellings, ranked together.
 */
import { and, asc, count, desc, eq, inArray, isNotNull, notInArray, sql } from "drizzle-orm";
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

/**
 * The public branch of the projects policy, as literals rather than parameters: it is also the
 * predicate of the partial indexes that serve the list's orders, and PostgreSQL only uses a partial
 * index when it can see the query implies its predicate.
 */
const listed = sql`${projects.publishedAt} is not null and ${projects.status} not in ('draft', 'review')`;

/** "newest" and "closing" in the exact column order of their partial indexes. */
const newestFirst = [sql`${projects.publishedAt} desc nulls last`, asc(projects.slug)];
const closingFirst = [sql`${projects.endsOn} asc nulls last`, sql`${projects.publishedAt} desc nulls last`];
/** "most funded" and "nearest to goal": the share of the goal raised, in the order of project_funding's indexes. */
const fundedFirst = [desc(projectFunding.fundedBasisPoints), asc(projectFunding.projectId)];
/** "nearest to goal" lists the projects still raising money, short of their goal (its partial index's predicate). */
const stillRaising = sql`${projectFunding.fundraising} and ${projectFunding.fundedBasisPoints} < 10000`;

const orderFor = (sort: ProjectSort) => (sort === "closing" ? closingFirst : sort === "most_funded" || sort === "nearest_goal" ? fundedFirst : newestFirst);

/** A search match's columns once all its joined rows are known to be there (they are not null). */
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
  const conditions = and(
    listed,
    filters.sector ? eq(projects.sector, filters.sector) : undefined,
    filters.status ? eq(projects.status, filters.status) : undefined,
    filters.lgu ? eq(lgus.slug, filters.lgu) : undefined,
    filters.country ? eq(places.countryCode, filters.country) : undefined,
    filters.need
      ? sql`exists (select 1 from ${projectNeeds} n where n.project_id = ${projects.id} and n.kind = ${filters.need})`
      : undefined,
    filters.sort === "nearest_goal" ? stillRaising : undefined,
  );
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
  };
  const offset = (page: number) => (page - 1) * PROJECTS_PER_PAGE;

  if (filters.q) {
    // The search, its filters, order and page run in one security-definer function that can use the
    // full-text index (see the migration project_list_helpers). It returns ids in order; the rows are
    // read in the same statement, joined under the caller's RLS like any other read, so the policy
    // still decides what is shown. (The `limit`, which the function's own limit already ensures,
    // tells the planner it gets a page of ids rather than its default guess of 1,000 rows, so it looks
    // each row up by its key instead of reading every project.)
    const config = searchConfigs[language] ?? "simple";
    const search = (page: number, limit = PROJECTS_PER_PAGE) =>
      tx
        .select({
          ...columns,
          total: sql<string>`s.total`,
          // Which of the joined rows the caller may read: a match is shown only with all of them.
          readable: sql<boolean>`${projects.id} is not null and ${lgus.id} is not null and ${places.id} is not null and ${projectFunding.projectId} is not null`,
        })
        .from(sql`(select * from app_private.search_public_projects(
            ${filters.q}, ${config}::regconfig, ${filters.sector ?? null}, ${filters.status ?? null}, ${filters.country ?? null},
            ${filters.lgu ?? null}, ${filters.need ?? null}, ${filters.sort}, ${limit}, ${offset(page)}
          ) with ordinality as m(project_id, rank, total, ord) limit ${sql.raw(String(limit))}) as s`)
        .leftJoin(projects, eq(projects.id, sql`s.project_id`))
        .leftJoin(lgus, eq(lgus.id, projects.lguId))
        .leftJoin(places, eq(places.id, lgus.placeId))
        .leftJoin(projectFunding, eq(projectFunding.projectId, projects.id))
        .orderBy(sql`s.ord`);
    let page = Math.max(1, filters.page);
    let found = await search(page);
    if (found.length === 0 && page > 1) {
      // Past the last page (a stale link): count, then show the last page.
      const total = Number((await search(1, 1))[0]?.total ?? 0);
      page = Math.max(1, Math.ceil(total / PROJECTS_PER_PAGE));
      found = total > 0 ? await search(page) : [];
    }
    const rows = found.flatMap(({ total: _total, readable, ...row }) => (readable ? [row as typeof row & Readable] : []));
    return result(rows, Number(found[0]?.total ?? 0), false, page, language);
  }

  // Without a query, counting all 40,000+ visible rows would cost more than the page itself, so the
  // count stops at COUNT_CAP; the joins are only there when a filter needs them.
  const needsPlace = Boolean(filters.lgu || filters.country);
  const base = needsPlace
    ? tx
        .select({ one: sql`1` })
        .from(projects)
        .innerJoin(lgus, eq(lgus.id, projects.lguId))
        .innerJoin(places, eq(places.id, lgus.placeId))
    : tx.select({ one: sql`1` }).from(projects);
  const countable = filters.sort === "nearest_goal" ? base.innerJoin(projectFunding, eq(projectFunding.projectId, projects.id)) : base;
  const capped = countable.where(conditions).limit(COUNT_CAP + 1).as("capped");
  const order = orderFor(filters.sort);
  const rowsOf = (page: number) => {
    if (filters.sort === "most_funded" || filters.sort === "nearest_goal") {
      return tx
        .select(columns)
        .from(projects)
        .innerJoin(lgus, eq(lgus.id, projects.lguId))
        .innerJoin(places, eq(places.id, lgus.placeId))
        .innerJoin(projectFunding, eq(projectFunding.projectId, projects.id))
        .where(conditions)
        .orderBy(...order)
        .limit(PROJECTS_PER_PAGE)
        .offset(offset(page));
    }
    // Orders that do not need the funding totals pick the page first and join project_funding to
    // its 12 rows only. Joined before the page, every row skipped by the offset or sorted out by a
    // filter pays the totals' policy (a function call per row): a thousand calls on page 84. Every
    // project has its totals row (a trigger makes it), visible whenever the project is
    // (project_funding's policy), so the page has the same rows in the same order; `n` carries the
    // order out of the subquery.
    const picked = tx
      .select({
        id: projects.id,
        slug: projects.slug,
        title: projects.title,
        summary: projects.summary,
        sector: projects.sector,
        status: projects.status,
        goalMinor: projects.goalMinor,
        currency: projects.currency,
        endsOn: projects.endsOn,
        lguName: sql<string>`${lgus.name}`.as("lgu_name"),
        lguSlug: sql<string>`${lgus.slug}`.as("lgu_slug"),
        countryCode: places.countryCode,
        n: sql<number>`row_number() over (order by ${sql.join(order, sql`, `)})`.as("n"),
      })
      .from(projects)
      .innerJoin(lgus, eq(lgus.id, projects.lguId))
      .innerJoin(places, eq(places.id, lgus.placeId))
      .where(conditions)
      .orderBy(...order)
      .limit(PROJECTS_PER_PAGE)
      .offset(offset(page))
      .as("picked");
    return tx
      .select({
        slug: picked.slug,
        title: picked.title,
        summary: picked.summary,
        sector: picked.sector,
        status: picked.status,
        goalMinor: picked.goalMinor,
        currency: picked.currency,
        endsOn: picked.endsOn,
        raisedMinor: projectFunding.raisedMinor,
        fundedBasisPoints: projectFunding.fundedBasisPoints,
        lguName: picked.lguName,
        lguSlug: picked.lguSlug,
        countryCode: picked.countryCode,
      })
      .from(picked)
      .innerJoin(projectFunding, eq(projectFunding.projectId, picked.id))
      .orderBy(picked.n);
  };
  const requested = Math.max(1, filters.page);
  // A page that the count may allow is read together with the count, in the same round trip; only
  // when the count puts it past the last page is the last page read instead.
  const [[{ counted } = { counted: 0 }], early] = await Promise.all([
    tx.select({ counted: count() }).from(capped),
    requested <= Math.ceil(COUNT_CAP / PROJECTS_PER_PAGE) ? rowsOf(requested) : undefined,
  ]);
  const total = Math.min(counted, COUNT_CAP);
  const page = Math.min(requested, Math.max(1, Math.ceil(total / PROJECTS_PER_PAGE)));
  const rows = early && page === requested ? early : await rowsOf(page);
  return result(rows, total, counted > COUNT_CAP, page, language);
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
    needs: needs.map((n) => ({ id: n.id, kind: n.kind, description: pick(n.description, language), amountMinor: n.amountMinor, skill: n.skill, quantity: n.quantity, fulfilled: n.fulfilled })),
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
