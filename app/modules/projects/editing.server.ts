/**
 * LGU editors' and admins' work on projects: drafts, edits one language at a time, and moves
 * through the workflow. Everything runs as the person (withRls); the database's policies say who
 * may write and its workflow trigger says which moves are allowed — this module turns the
 * database's refusals into form problems with translated messages.
 */
import { and, desc, eq } from "drizzle-orm";
import { withRls, type JwtClaims } from "~/db/client.server";
import { projects, type LocalizedText, type ProjectStatus } from "~/db/schema";
import { currencyMinorDigits } from "~/i18n/format";
import { databaseFailure, FormProblem } from "~/modules/organisations/errors.server";
import { insertWithUniqueSlug, slugify } from "~/modules/organisations/slug.server";
import type { ProjectFormInput } from "./schema";

/**
 * "1500000.5" PHP → 150000050 (integer minor units; no floats on the way). A problem is reported
 * beside `field`, in the words of a goal for the project's goal and of an amount for any other.
 */
export function toMinorUnits(major: string, currency: string, field = "goal"): number {
  const keys =
    field === "goal"
      ? { positive: "projects:validation.goalPositive", digits: "projects:validation.goalDigits", tooLarge: "projects:validation.goalTooLarge" }
      : { positive: "projects:planEditor.validation.amount", digits: "projects:planEditor.validation.amountDigits", tooLarge: "projects:planEditor.validation.amountTooLarge" };
  const digits = currencyMinorDigits(currency);
  const [whole = "0", fraction = ""] = major.split(".");
  if (fraction.length > digits) throw new FormProblem(field, keys.digits);
  const minor = BigInt(whole) * 10n ** BigInt(digits) + BigInt((fraction + "0".repeat(digits)).slice(0, digits) || "0");
  if (minor <= 0n) throw new FormProblem(field, keys.positive);
  if (minor > BigInt(Number.MAX_SAFE_INTEGER)) throw new FormProblem(field, keys.tooLarge);
  return Number(minor);
}

/** Minor units back to what an editor typed ("1500000.50"). */
export function toMajorUnits(minor: number, currency: string): string {
  const digits = currencyMinorDigits(currency);
  if (digits === 0) return String(minor);
  const text = String(minor).padStart(digits + 1, "0");
  return `${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

const withText = (existing: LocalizedText, language: string, value: string | null): LocalizedText => {
  const next = { ...existing };
  if (value) next[language] = value;
  else delete next[language];
  return next;
};

const WORKFLOW_HINTS: Record<string, [string, number]> = {
  invalid_transition: ["projects:errors.invalidTransition", 409],
  not_allowed: ["projects:errors.notAllowed", 403],
  lgu_not_verified: ["projects:errors.lguNotVerified", 409],
  project_closed: ["projects:errors.closed", 409],
};

function asFormProblem(error: unknown): never {
  const failure = databaseFailure(error);
  const known = failure?.hint ? WORKFLOW_HINTS[failure.hint] : undefined;
  if (known) throw new FormProblem("", known[0], known[1], failure?.hint);
  if (failure?.code === "23514" && failure.constraint === "projects_cancel_has_reason") {
    throw new FormProblem("reason", "projects:validation.reasonRequired");
  }
  if (failure?.code === "42501") throw new FormProblem("", "projects:errors.notAllowed", 403);
  throw error;
}

export async function createDraft(claims: JwtClaims, lguId: string, input: ProjectFormInput) {
  const goalMinor = toMinorUnits(input.goal, input.currency);
  const base = slugify(input.title, "project");
  try {
    return await withRls(claims, (tx) =>
      insertWithUniqueSlug(tx, base, "projects_slug_unique", async (sp, slug) => {
        const [row] = await sp
          .insert(projects)
          .values({
            lguId,
            slug,
            title: { [input.textLanguage]: input.title },
            summary: withText({}, input.textLanguage, input.summary),
            description: withText({}, input.textLanguage, input.description),
            sector: input.sector,
            sdgGoals: input.sdgGoals,
            goalMinor,
            currency: input.currency,
            startsOn: input.startsOn ?? null,
            endsOn: input.endsOn ?? null,
            planReference: input.planReference,
            implementingPartner: input.implementingPartner,
            createdBy: claims.sub,
          })
          .returning({ id: projects.id, slug: projects.slug });
        return row!;
      }),
    );
  } catch (error) {
    return asFormProblem(error);
  }
}

export async function updateProject(claims: JwtClaims, lguId: string, slug: string, input: ProjectFormInput) {
  const goalMinor = toMinorUnits(input.goal, input.currency);
  try {
    await withRls(claims, async (tx) => {
      const [current] = await tx.select().from(projects).where(and(eq(projects.lguId, lguId), eq(projects.slug, slug)));
      if (!current) throw new FormProblem("", "projects:errors.notFound", 404);
      const updated = await tx
        .update(projects)
        .set({
          title: { ...current.title, [input.textLanguage]: input.title },
          summary: withText(current.summary, input.textLanguage, input.summary),
          description: withText(current.description, input.textLanguage, input.description),
          sector: input.sector,
          sdgGoals: input.sdgGoals,
          goalMinor,
          currency: input.currency,
          startsOn: input.startsOn ?? null,
          endsOn: input.endsOn ?? null,
          planReference: input.planReference,
          implementingPartner: input.implementingPartner,
        })
        .where(eq(projects.id, current.id))
        .returning({ id: projects.id });
      // RLS hides the row from a caller who may read but not edit: nothing was updated.
      if (updated.length === 0) throw new FormProblem("", "projects:errors.notAllowed", 403);
    });
  } catch (error) {
    if (error instanceof FormProblem) throw error;
    return asFormProblem(error);
  }
}

export async function moveProject(claims: JwtClaims, lguId: string, slug: string, to: ProjectStatus, reason?: string) {
  try {
    await withRls(claims, async (tx) => {
      const updated = await tx
        .update(projects)
        .set({ status: to, cancelReason: to === "cancelled" ? (reason ?? null) : undefined })
        .where(and(eq(projects.lguId, lguId), eq(projects.slug, slug)))
        .returning({ id: projects.id });
      if (updated.length === 0) throw new FormProblem("", "projects:errors.notAllowed", 403);
    });
  } catch (error) {
    if (error instanceof FormProblem) throw error;
    return asFormProblem(error);
  }
}

/** All of an LGU's projects for its staff (RLS: staff see drafts and reviews too). */
export async function listManagedProjects(claims: JwtClaims, lguId: string) {
  return withRls(claims, (tx) =>
    tx
      .select({ slug: projects.slug, title: projects.title, status: projects.status, updatedAt: projects.updatedAt })
      .from(projects)
      .where(eq(projects.lguId, lguId))
      .orderBy(desc(projects.updatedAt))
      .limit(200),
  );
}

export async function getManagedProject(claims: JwtClaims, lguId: string, slug: string) {
  const [row] = await withRls(claims, (tx) => tx.select().from(projects).where(and(eq(projects.lguId, lguId), eq(projects.slug, slug))));
  return row ?? null;
}

/** The moves a role may offer from a status (the database decides again when one is made). */
export function nextMoves(status: ProjectStatus, isAdmin: boolean, canEdit: boolean): ProjectStatus[] {
  const moves: ProjectStatus[] = [];
  if (status === "draft" && canEdit) moves.push("review");
  if (!isAdmin) return moves;
  if (status === "review") moves.push("fundraising", "draft");
  if (status === "fundraising") moves.push("funded", "in_progress");
  if (status === "funded") moves.push("in_progress");
  if (status === "in_progress") moves.push("completed");
  if (!["completed", "cancelled"].includes(status)) moves.push("cancelled");
  return moves;
}
