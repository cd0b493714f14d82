/**
 * A project's budget lines (editors) and spending reports (treasurers and admins). Written as the
 * person; RLS says who may, the audit trigger records every spending report.
 */
import crypto from "node:crypto";
import { and, asc, desc, eq } from "drizzle-orm";
import { withRls, type JwtClaims } from "~/db/client.server";
import { projectBudgetLines, projects, spendingReports } from "~/db/schema";
import { getStoragePort } from "~/adapters/index.server";
import { MAX_EVIDENCE_BYTES, safeEvidenceFilename, sniffEvidenceType } from "~/modules/files/documents.server";
import type { UploadedFile } from "~/modules/files/upload.server";
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

/**
 * A spending report, with its evidence document if one is given (a receipt or invoice: PDF, PNG or
 * JPEG by its first bytes, at most 5 MB). The document is stored first, under the project, and
 * removed again if the report is refused.
 */
export async function reportSpending(
  claims: JwtClaims,
  lguId: string,
  slug: string,
  input: { amount: string; spentOn: string; payee: string; category: string; budgetLineId?: string },
  evidence: UploadedFile | null = null,
  storage = getStoragePort(),
) {
  const project = await projectOf(claims, lguId, slug);
  const amountMinor = toMinorUnits(input.amount, project.currency, "amount");
  let document: { path: string; filename: string; contentType: string; size: number } | null = null;
  if (evidence) {
    if (evidence.bytes.byteLength > MAX_EVIDENCE_BYTES) throw new FormProblem("evidence", "projects:ledger.errors.evidenceTooLarge");
    const type = sniffEvidenceType(evidence.bytes);
    if (!type) throw new FormProblem("evidence", "projects:ledger.errors.evidenceType");
    const filename = safeEvidenceFilename(evidence.name, type);
    document = { path: `projects/${project.id}/spending/${crypto.randomUUID()}/${filename}`, filename, contentType: type.contentType, size: evidence.bytes.byteLength };
    await storage.put(document.path, evidence.bytes, type.contentType);
  }
  try {
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
        evidencePath: document?.path ?? null,
        evidenceFilename: document?.filename ?? null,
        evidenceContentType: document?.contentType ?? null,
        evidenceSize: document?.size ?? null,
      });
    });
  } catch (error) {
    if (document) await storage.remove(document.path).catch(() => undefined);
    if (error instanceof FormProblem) throw error;
    refused(error);
  }
}

/** How long a link to a spending report's evidence works: long enough to open it, not to share it. */
const EVIDENCE_LINK_SECONDS = 120;

/**
 * A short-lived link to a spending report's evidence, if the caller may see the report (RLS: with
 * its project), or null.
 */
export async function evidenceLink(claims: JwtClaims | null, projectSlug: string, reportId: string, storage = getStoragePort()) {
  if (!/^[0-9a-f-]{36}$/.test(reportId)) return null;
  const [row] = await withRls(claims, (tx) =>
    tx
      .select({ path: spendingReports.evidencePath })
      .from(spendingReports)
      .innerJoin(projects, eq(projects.id, spendingReports.projectId))
      .where(and(eq(spendingReports.id, reportId), eq(projects.slug, projectSlug))),
  );
  if (!row?.path) return null;
  return storage.signedUrl(row.path, EVIDENCE_LINK_SECONDS);
}
