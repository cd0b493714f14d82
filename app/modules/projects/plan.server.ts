/**
 * A project's plan as its LGU's editors keep it: needs (money, skills, in-kind), milestones,
 * co-funders (3x1-style matching) and where the project is (a place of the LGU, optional
 * coordinates). Everything runs as the person (withRls): the child tables' policies let only the
 * project's editors and admins write, and only while the project is open; the projects trigger
 * refuses changes to a closed project. This module turns those refusals into form problems with
 * translated messages. None of these tables has an audit trigger (as for budget lines).
 */
import { and, asc, eq, sql } from "drizzle-orm";
import { withRls, type JwtClaims, type Tx } from "~/db/client.server";
import { projectCofunders, projectMilestones, projectNeeds, projects, type LocalizedText } from "~/db/schema";
import { databaseFailure, FormProblem } from "~/modules/organisations/errors.server";
import { toMinorUnits } from "./editing.server";
import type { CofunderInput, MilestoneInput, NeedInput, ProjectPlaceInput } from "./plan-schema";

type PlanTable = typeof projectNeeds | typeof projectMilestones | typeof projectCofunders;

interface PlanProject {
  id: string;
  currency: string;
  closed: boolean;
}

async function projectOf(claims: JwtClaims, lguId: string, slug: string): Promise<PlanProject> {
  const [row] = await withRls(claims, (tx) =>
    tx
      .select({ id: projects.id, currency: projects.currency, status: projects.status })
      .from(projects)
      .where(and(eq(projects.lguId, lguId), eq(projects.slug, slug))),
  );
  if (!row) throw new FormProblem("", "projects:errors.notFound", 404);
  return { id: row.id, currency: row.currency, closed: row.status === "completed" || row.status === "cancelled" };
}

const CONSTRAINT_PROBLEMS: Record<string, [string, string]> = {
  project_cofunders_cap: ["cap", "projects:cofundersEditor.validation.capBelowCommitted"],
  project_cofunders_ratio: ["ratio", "projects:cofundersEditor.validation.ratio"],
  project_needs_shape: ["", "projects:needsEditor.validation.shape"],
  project_needs_skill_people: ["quantity", "projects:needsEditor.validation.people"],
  project_needs_dates: ["endsOn", "projects:needsEditor.validation.endsBeforeStart"],
  project_needs_expert_mission: ["expertMission", "projects:needsEditor.validation.missionLength"],
  project_milestones_done_has_date: ["completedOn", "projects:milestonesEditor.validation.completedOn"],
  projects_coordinates: ["latitude", "projects:placeEditor.validation.bothOrNeither"],
};

/** The database said no: a closed project, a caller without the role, or a rule of the table. */
function refusal(project: PlanProject, error: unknown): never {
  if (error instanceof FormProblem) throw error;
  const failure = databaseFailure(error);
  if (failure?.hint === "project_closed") throw new FormProblem("", "projects:errors.closed", 409, "project_closed");
  if (failure?.code === "42501") {
    if (project.closed) throw new FormProblem("", "projects:errors.closed", 409, "project_closed");
    throw new FormProblem("", "projects:errors.notAllowed", 403);
  }
  const known = failure?.code === "23514" && failure.constraint ? CONSTRAINT_PROBLEMS[failure.constraint] : undefined;
  if (known) throw new FormProblem(known[0], known[1], 400, failure?.constraint);
  throw error;
}

/**
 * An update or delete that touched no row: RLS hid it from the write (closed project, or a caller
 * who may read but not edit), or the item is not this project's.
 */
async function noRowChanged(tx: Tx, table: PlanTable, project: PlanProject, id: string): Promise<never> {
  const [visible] = await tx
    .select({ id: table.id })
    .from(table)
    .where(and(eq(table.id, id), eq(table.projectId, project.id)));
  if (!visible) throw new FormProblem("", "projects:planEditor.errors.itemNotFound", 404);
  if (project.closed) throw new FormProblem("", "projects:errors.closed", 409, "project_closed");
  throw new FormProblem("", "projects:errors.notAllowed", 403);
}

async function removeItem(claims: JwtClaims, lguId: string, slug: string, table: PlanTable, id: string) {
  const project = await projectOf(claims, lguId, slug);
  await withRls(claims, async (tx) => {
    const removed = await tx
      .delete(table)
      .where(and(eq(table.id, id), eq(table.projectId, project.id)))
      .returning({ id: table.id });
    if (removed.length === 0) await noRowChanged(tx, table, project, id);
  }).catch((error: unknown) => refusal(project, error));
}

/** One language of a localized text set, the others kept, in the same statement (no lost update). */
const withText = (column: typeof projectNeeds.description | typeof projectMilestones.title, language: string, value: string) =>
  sql<LocalizedText>`${column} || ${JSON.stringify({ [language]: value })}::jsonb`;

// Needs ----------------------------------------------------------------------------------------

export async function listNeeds(claims: JwtClaims, projectId: string) {
  return withRls(claims, (tx) =>
    tx.select().from(projectNeeds).where(eq(projectNeeds.projectId, projectId)).orderBy(asc(projectNeeds.kind), asc(projectNeeds.id)),
  );
}

/** Adds a need, or changes the one `input.id` names (its text only in `input.language`). */
export async function saveNeed(claims: JwtClaims, lguId: string, slug: string, input: NeedInput) {
  const project = await projectOf(claims, lguId, slug);
  const amountMinor = input.amount === null ? null : toMinorUnits(input.amount, project.currency, "amount");
  const values = {
    kind: input.kind,
    amountMinor,
    skill: input.skill,
    quantity: input.quantity,
    mode: input.mode,
    startsOn: input.startsOn,
    endsOn: input.endsOn,
    language: input.needLanguage,
    expertMission: input.expertMission,
  };
  await withRls(claims, async (tx) => {
    if (!input.id) {
      await tx.insert(projectNeeds).values({ projectId: project.id, description: { [input.language]: input.description }, ...values, closedAt: input.closed ? new Date() : null });
      return;
    }
    const updated = await tx
      .update(projectNeeds)
      // Closing keeps the first closing time; reopening clears it.
      .set({ ...values, closedAt: input.closed ? sql`coalesce(${projectNeeds.closedAt}, now())` : null, description: withText(projectNeeds.description, input.language, input.description) })
      .where(and(eq(projectNeeds.id, input.id), eq(projectNeeds.projectId, project.id)))
      .returning({ id: projectNeeds.id });
    if (updated.length === 0) await noRowChanged(tx, projectNeeds, project, input.id);
  }).catch((error: unknown) => refusal(project, error));
}

export const removeNeed = (claims: JwtClaims, lguId: string, slug: string, id: string) => removeItem(claims, lguId, slug, projectNeeds, id);

// Milestones -----------------------------------------------------------------------------------

export async function listMilestones(claims: JwtClaims, projectId: string) {
  return withRls(claims, (tx) =>
    tx
      .select()
      .from(projectMilestones)
      .where(eq(projectMilestones.projectId, projectId))
      .orderBy(asc(projectMilestones.targetDate), asc(projectMilestones.id)),
  );
}

export async function saveMilestone(claims: JwtClaims, lguId: string, slug: string, input: MilestoneInput) {
  const project = await projectOf(claims, lguId, slug);
  const values = { targetDate: input.targetDate, status: input.status, completedOn: input.completedOn };
  await withRls(claims, async (tx) => {
    if (!input.id) {
      await tx.insert(projectMilestones).values({ projectId: project.id, title: { [input.language]: input.title }, ...values });
      return;
    }
    const updated = await tx
      .update(projectMilestones)
      .set({ ...values, title: withText(projectMilestones.title, input.language, input.title) })
      .where(and(eq(projectMilestones.id, input.id), eq(projectMilestones.projectId, project.id)))
      .returning({ id: projectMilestones.id });
    if (updated.length === 0) await noRowChanged(tx, projectMilestones, project, input.id);
  }).catch((error: unknown) => refusal(project, error));
}

/** Moves a milestone to a status; a milestone done keeps the day it was first marked done. */
export async function setMilestoneStatus(claims: JwtClaims, lguId: string, slug: string, id: string, status: MilestoneInput["status"]) {
  const project = await projectOf(claims, lguId, slug);
  await withRls(claims, async (tx) => {
    const updated = await tx
      .update(projectMilestones)
      .set({
        status,
        completedOn: status === "done" ? sql`coalesce(${projectMilestones.completedOn}, (now() at time zone 'utc')::date)` : null,
      })
      .where(and(eq(projectMilestones.id, id), eq(projectMilestones.projectId, project.id)))
      .returning({ id: projectMilestones.id });
    if (updated.length === 0) await noRowChanged(tx, projectMilestones, project, id);
  }).catch((error: unknown) => refusal(project, error));
}

export const removeMilestone = (claims: JwtClaims, lguId: string, slug: string, id: string) => removeItem(claims, lguId, slug, projectMilestones, id);

// Co-funders -----------------------------------------------------------------------------------

export async function listCofunders(claims: JwtClaims, projectId: string) {
  return withRls(claims, (tx) =>
    tx.select().from(projectCofunders).where(eq(projectCofunders.projectId, projectId)).orderBy(asc(projectCofunders.name), asc(projectCofunders.id)),
  );
}

/** What the co-funder has committed so far is not the editor's to set: it comes from matched gifts. */
export async function saveCofunder(claims: JwtClaims, lguId: string, slug: string, input: CofunderInput) {
  const project = await projectOf(claims, lguId, slug);
  const values = {
    kind: input.kind,
    name: input.name,
    ratioMatched: input.ratio.matched,
    ratioGiven: input.ratio.given,
    capMinor: toMinorUnits(input.cap, project.currency, "cap"),
  };
  await withRls(claims, async (tx) => {
    if (!input.id) {
      await tx.insert(projectCofunders).values({ projectId: project.id, ...values });
      return;
    }
    const updated = await tx
      .update(projectCofunders)
      .set(values)
      .where(and(eq(projectCofunders.id, input.id), eq(projectCofunders.projectId, project.id)))
      .returning({ id: projectCofunders.id });
    if (updated.length === 0) await noRowChanged(tx, projectCofunders, project, input.id);
  }).catch((error: unknown) => refusal(project, error));
}

export const removeCofunder = (claims: JwtClaims, lguId: string, slug: string, id: string) => removeItem(claims, lguId, slug, projectCofunders, id);

// Place ----------------------------------------------------------------------------------------

/** The LGU's own place and every place under it (a province's towns), for the project's place. */
export async function lguPlaces(claims: JwtClaims, lguId: string) {
  const rows = await withRls(claims, (tx) =>
    tx.execute<{ id: string; name: string; parent_name: string | null; depth: number }>(sql`
      with recursive area as (
        select pl.id, pl.name, pl.parent_id, 0 as depth from public.places pl join public.lgus l on l.place_id = pl.id where l.id = ${lguId}
        union
        select child.id, child.name, child.parent_id, area.depth + 1 from public.places child join area on child.parent_id = area.id
      )
      select area.id, area.name, parent.name as parent_name, area.depth from area left join public.places parent on parent.id = area.parent_id
      order by area.depth, area.name`),
  );
  return rows.map((r) => ({ id: r.id, name: r.name, parentName: r.parent_name }));
}

export async function setProjectPlace(claims: JwtClaims, lguId: string, slug: string, input: ProjectPlaceInput) {
  const project = await projectOf(claims, lguId, slug);
  if (input.placeId && !(await lguPlaces(claims, lguId)).some((p) => p.id === input.placeId)) {
    throw new FormProblem("placeId", "projects:validation.choice");
  }
  await withRls(claims, async (tx) => {
    const updated = await tx
      .update(projects)
      .set({ placeId: input.placeId, latitude: input.latitude, longitude: input.longitude })
      .where(eq(projects.id, project.id))
      .returning({ id: projects.id });
    // RLS hides the row from a caller who may read but not edit: nothing was updated.
    if (updated.length === 0) throw new FormProblem("", "projects:errors.notAllowed", 403);
  }).catch((error: unknown) => refusal(project, error));
}
