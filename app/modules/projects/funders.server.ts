/**
 * A co-funder across projects (the 3x1 idea: a national agency, a province, a company matching
 * diaspora gifts). Co-funders are listed per project by the LGUs' editors; the same funder on
 * several projects shares a slug (project_cofunders.funder_slug, set by the database from its kind
 * and folded name). Its page shows what it has committed so far, project by project and in total
 * per currency, for published projects the caller may see (RLS).
 */
import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { Tx } from "~/db/client.server";
import { lgus, projectCofunders, projects } from "~/db/schema";

export const FUNDER_PROJECTS_PER_PAGE = 20;
export const FUNDER_SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

const published = sql`${projects.publishedAt} is not null and ${projects.status} not in ('draft', 'review')`;

export interface FunderTotal {
  currency: string;
  committedMinor: number;
  capMinor: number;
  projects: number;
}

/** The funder, its totals per currency and one page of its projects; null when it has none visible. */
export async function funderPage(tx: Tx, slug: string, page: number) {
  if (!FUNDER_SLUG.test(slug) || slug.length > 80) return null;
  const where = and(eq(projectCofunders.funderSlug, slug), published);
  const totals = await tx
    .select({
      currency: projects.currency,
      committedMinor: sql<number>`sum(${projectCofunders.committedMinor})::bigint`.mapWith(Number),
      capMinor: sql<number>`sum(${projectCofunders.capMinor})::bigint`.mapWith(Number),
      projects: sql<number>`count(distinct ${projects.id})::integer`.mapWith(Number),
    })
    .from(projectCofunders)
    .innerJoin(projects, eq(projects.id, projectCofunders.projectId))
    .where(where)
    .groupBy(projects.currency)
    .orderBy(asc(projects.currency));
  if (totals.length === 0) return null;
  const count = totals.reduce((sum, t) => sum + t.projects, 0);
  const pages = Math.max(1, Math.ceil(count / FUNDER_PROJECTS_PER_PAGE));
  const current = Math.min(Math.max(1, page), pages);
  const rows = await tx
    .select({
      name: projectCofunders.name,
      kind: projectCofunders.kind,
      ratioMatched: projectCofunders.ratioMatched,
      ratioGiven: projectCofunders.ratioGiven,
      capMinor: projectCofunders.capMinor,
      committedMinor: projectCofunders.committedMinor,
      projectSlug: projects.slug,
      projectTitle: projects.title,
      projectStatus: projects.status,
      currency: projects.currency,
      lguName: lgus.name,
      lguSlug: lgus.slug,
    })
    .from(projectCofunders)
    .innerJoin(projects, eq(projects.id, projectCofunders.projectId))
    .innerJoin(lgus, eq(lgus.id, projects.lguId))
    .where(where)
    // Amounts compare only within a currency.
    .orderBy(asc(projects.currency), desc(projectCofunders.committedMinor), asc(projects.slug), asc(projectCofunders.id))
    .limit(FUNDER_PROJECTS_PER_PAGE)
    .offset((current - 1) * FUNDER_PROJECTS_PER_PAGE);
  // The name it is listed under most often (editors may spell it slightly differently).
  const [named] = await tx
    .select({ name: projectCofunders.name, kind: projectCofunders.kind })
    .from(projectCofunders)
    .innerJoin(projects, eq(projects.id, projectCofunders.projectId))
    .where(where)
    .groupBy(projectCofunders.name, projectCofunders.kind)
    .orderBy(sql`count(*) desc`, asc(projectCofunders.name))
    .limit(1);
  return { slug, name: named!.name, kind: named!.kind, totals, rows, total: count, page: current, pages };
}
