/**
 * Test data for projects: a project in any status and the rows that hang off it, inserted by the
 * database owner (so a project can start "already published" without walking the workflow, and an
 * unverified LGU can hold a published-looking project that the policies must still hide).
 */
import crypto from "node:crypto";
import postgres from "postgres";
import type { LocalizedText } from "../../app/db/schema/core";
import type { ProjectSector, ProjectStatus } from "../../app/db/schema/projects";

async function withSql<T>(url: string, fn: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    return await fn(sql);
  } finally {
    await sql.end();
  }
}

/** postgres.js wants plain JSON: a localized text has no undefined values once written. */
const text = (value: LocalizedText) => value as Record<string, string>;

const suffix = () => crypto.randomBytes(4).toString("hex");

export interface ProjectOverrides {
  status?: ProjectStatus;
  /** Defaults to "now" for every status from fundraising on, null before; pass null for a project never published. */
  publishedAt?: Date | null;
  title?: LocalizedText;
  summary?: LocalizedText;
  sector?: ProjectSector;
  createdBy?: string;
  slug?: string;
  goalMinor?: number;
  currency?: string;
  cancelReason?: string;
}

/** A project of `lguId` in the given status, with the dates the workflow would have stamped. */
export async function createProject(url: string, lguId: string, overrides: ProjectOverrides = {}) {
  const status = overrides.status ?? "draft";
  const published = !["draft", "review"].includes(status);
  const publishedAt = overrides.publishedAt === undefined ? (published ? new Date() : null) : overrides.publishedAt;
  const slug = overrides.slug ?? `project-${suffix()}`;
  const cancelReason = overrides.cancelReason ?? (status === "cancelled" ? "Superseded by a provincial project" : null);
  return withSql(url, async (sql) => {
    const [project] = await sql<{ id: string }[]>`
      insert into projects (lgu_id, slug, title, summary, sector, goal_minor, currency, status, cancel_reason, created_by,
                            submitted_at, published_at)
      values (${lguId}, ${slug}, ${sql.json(text(overrides.title ?? { en: `Project ${slug}` }))}, ${sql.json(text(overrides.summary ?? {}))},
              ${overrides.sector ?? "water"}, ${overrides.goalMinor ?? 1_000_000}, ${overrides.currency ?? "PHP"}, ${status},
              ${cancelReason}, ${overrides.createdBy ?? null}, ${status === "draft" ? null : sql`now()`}, ${publishedAt})
      returning id`;
    return { id: project!.id, slug, lguId };
  });
}

export interface ProjectDetails {
  budgetLineId: string;
  needId: string;
  milestoneId: string;
  cofunderId: string;
  updateId: string;
  photoId: string;
  spendingReportId: string | null;
}

/**
 * One row of each kind under a project: a budget line, a money need, a milestone, a co-funder, an
 * update with a photo, and (with `spending`) a spending report not tied to a budget line.
 */
export async function addProjectDetails(
  url: string,
  projectId: string,
  options: { spending?: boolean; reportedBy?: string; authorId?: string } = {},
): Promise<ProjectDetails> {
  return withSql(url, async (sql) => {
    const one = async (query: Promise<{ id: string }[]>) => (await query)[0]!.id;
    const budgetLineId = await one(sql`
      insert into project_budget_lines (project_id, label, amount_minor) values (${projectId}, ${sql.json({ en: "Materials" })}, 500000)
      returning id`);
    const needId = await one(sql`
      insert into project_needs (project_id, kind, description, amount_minor) values (${projectId}, 'money', ${sql.json({ en: "Pipes" })}, 250000)
      returning id`);
    const milestoneId = await one(sql`
      insert into project_milestones (project_id, title, target_date) values (${projectId}, ${sql.json({ en: "Groundbreaking" })}, '2027-03-01')
      returning id`);
    const cofunderId = await one(sql`
      insert into project_cofunders (project_id, kind, name, ratio_matched, cap_minor) values (${projectId}, 'province', 'Province of Testland', 1, 300000)
      returning id`);
    const updateId = await one(sql`
      insert into project_updates (project_id, body, author_id) values (${projectId}, ${sql.json({ en: "Work has begun." })}, ${options.authorId ?? null})
      returning id`);
    const photoId = await one(sql`
      with photo as (select gen_random_uuid() as id)
      insert into project_photos (id, project_id, update_id, storage_key, width, height, alt)
      select photo.id, ${projectId}, ${updateId}, 'projects/' || ${projectId} || '/photos/' || photo.id, 1280, 960, ${sql.json({ en: "Volunteers laying pipes" })}
      from photo
      returning id`);
    const spendingReportId = options.spending
      ? await one(sql`
          insert into spending_reports (project_id, amount_minor, spent_on, payee, category, reported_by)
          values (${projectId}, 120000, '2026-11-02', 'Hardware store', 'materials', ${options.reportedBy ?? null})
          returning id`)
      : null;
    return { budgetLineId, needId, milestoneId, cofunderId, updateId, photoId, spendingReportId };
  });
}

export async function followProject(url: string, projectId: string, userId: string) {
  await withSql(url, (sql) => sql`insert into project_followers (project_id, user_id) values (${projectId}, ${userId})`);
}

export interface Refusal {
  message: string;
  code: string | undefined;
  hint: string | undefined;
  constraint: string | undefined;
}

/** How the database refused a query (message, SQLSTATE, hint, constraint), or null if it succeeded. */
export async function refusalOf(promise: Promise<unknown>): Promise<Refusal | null> {
  try {
    await promise;
    return null;
  } catch (error) {
    // drizzle wraps the driver's error as the cause; postgres.js puts the server's fields on it.
    const cause = ((error as { cause?: unknown }).cause ?? error) as Error & { code?: string; hint?: string; constraint_name?: string };
    return { message: cause.message, code: cause.code, hint: cause.hint, constraint: cause.constraint_name };
  }
}
