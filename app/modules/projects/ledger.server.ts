/**
 * A project's budget lines (editors) and spending reports (treasurers and admins). Written as the
 * person; RLS says who may, the audit trigger records every spending report.
 */
import { and, asc, desc, eq } from "drizzle-orm";
import { withRls, type JwtClaims } from "~/db/client.server";
import { projectBudgetLines, projects, spendingReports } from "~/db/schema";
import { FormProblem } from "~/modules/organisations/errors.server";
import { toMinorUnits } from "./editing.server";

async function projectOf(claims: JwtClaims, lguId: string, slug: string) {
  const [row] = await withRls(claims, (tx) =>
    tx.select({ id: projects.id, currency: projects.currency }).from(projects).where(and(eq(projects.lguId, lguId), eq(projects.slug, slug))),
  );
  if (!row) throw new FormProblem("", "projects:errors.notFound", 404);
  return row;
}

const refused = (error: unknown): never => {
  const code = (error as { cause?: { code?: string } }).cause?.code;
  if (code === "42501") throw new FormProblem("", "projects:errors.notAllowed", 403);
  throw error;
};

export async function listLedger(claims: JwtClaims, projectId: string) {
  return withRls(claims, async (tx) => ({
    lines: await tx.select().from(projectBudgetLines).where(eq(projectBudgetLines.projectId, projectId)).orderBy(asc(projectBudgetLines.position)),
    spending: await tx.select().from(spendingReports).where(eq(spendingReports.projectId, projectId)).orderBy(desc(spendingReports.spentOn)),
  }));
}

export async function addBudgetLine(claims: JwtClaims, lguId: string, slug: string, input: { language: string; label: string; amount: string }) {
  const project = await projectOf(claims, lguId, slug);
  const amountMinor = toMinorUnits(input.amount, project.currency, "amount");
  await withRls(claims, async (tx) => {
    const existing = await tx.select({ id: projectBudgetLines.id }).from(projectBudgetLines).where(eq(projectBudgetLines.projectId, project.id));
    await tx.insert(projectBudgetLines).values({ projectId: project.id, label: { [input.language]: input.label }, amountMinor, position: existing.length });
  }).catch(refused);
}

export async function removeBudgetLine(claims: JwtClaims, lguId: string, slug: string, lineId: string) {
  const project = await projectOf(claims, lguId, slug);
  try {
    await withRls(claims, (tx) => tx.delete(projectBudgetLines).where(and(eq(projectBudgetLines.id, lineId), eq(projectBudgetLines.projectId, project.id))));
  } catch (error) {
    // A line that money was reported against stays (spending reports point at it).
    if ((error as { cause?: { code?: string } }).cause?.code === "23503") throw new FormProblem("", "projects:errors.lineHasSpending", 409);
    refused(error);
  }
}

export async function reportSpending(
  claims: JwtClaims,
  lguId: string,
  slug: string,
  input: { amount: string; spentOn: string; payee: string; category: string; budgetLineId?: string },
) {
  const project = await projectOf(claims, lguId, slug);
  const amountMinor = toMinorUnits(input.amount, project.currency, "amount");
  await withRls(claims, async (tx) => {
    if (input.budgetLineId) {
      const [line] = await tx.select({ id: projectBudgetLines.id }).from(projectBudgetLines).where(and(eq(projectBudgetLines.id, input.budgetLineId), eq(projectBudgetLines.projectId, project.id)));
      if (!line) throw new FormProblem("budgetLineId", "projects:validation.choice");
    }
    await tx.insert(spendingReports).values({
      projectId: project.id,
      budgetLineId: input.budgetLineId ?? null,
      amountMinor,
      spentOn: input.spentOn,
      payee: input.payee,
      category: input.category,
      reportedBy: claims.sub,
    });
  }).catch((error: unknown) => (error instanceof FormProblem ? Promise.reject(error) : refused(error)));
}
