/**
 * Applying for verification: an LGU's admin or an organisation's officer sends one evidence
 * document and a note. The document is checked by its bytes, stored under
 * verification/<uuid>/<safe-name> through the storage port, and the request row (which the
 * database turns into "pending" for the applicant) is written as the caller, so RLS decides who
 * may apply. Also the applicant's view of their latest request.
 */
import crypto from "node:crypto";
import { desc, eq } from "drizzle-orm";
import { getStoragePort } from "~/adapters/index.server";
import { withRls, type JwtClaims } from "~/db/client.server";
import { verificationRequests } from "~/db/schema";
import { AppError } from "~/utils/errors";
import { FormProblem, hasHint, isPermissionDenied, isUniqueViolation } from "~/modules/organisations/errors.server";
import { verificationApplySchema } from "~/modules/organisations/schema";
import { parseForm, type FormReply } from "~/utils/forms.server";
import { MAX_EVIDENCE_BYTES, readEvidenceUpload, safeEvidenceFilename, sniffEvidenceType } from "~/modules/files/documents.server";

export type Applicant = { lguId: string } | { organisationId: string };

const applicantCondition = (applicant: Applicant) =>
  "lguId" in applicant
    ? eq(verificationRequests.lguId, applicant.lguId)
    : eq(verificationRequests.organisationId, applicant.organisationId);

const problem = (field: string, key: string, status = 400) => new FormProblem(field, `organisations:verification.errors.${key}`, status);

export async function applyForVerification(
  claims: JwtClaims,
  applicant: Applicant,
  input: { note?: string | null; file: { name: string; bytes: Uint8Array } | null }
) {
  const { file } = input;
  if (!file || file.bytes.byteLength === 0) throw problem("evidence", "evidenceRequired");
  if (file.bytes.byteLength > MAX_EVIDENCE_BYTES) throw problem("evidence", "tooLarge");
  const type = sniffEvidenceType(file.bytes);
  if (!type) throw problem("evidence", "fileType");

  const storage = getStoragePort();
  const key = `verification/${crypto.randomUUID()}/${safeEvidenceFilename(file.name, type)}`;
  // Stored first so a request row never points at a missing file; removed again if the row is refused.
  await storage.put(key, file.bytes, type.contentType);
  try {
    const [row] = await withRls(claims, (tx) =>
      tx
        .insert(verificationRequests)
        .values({
          ...applicant,
          submittedBy: claims.sub,
          note: input.note || null,
          evidencePath: key,
          evidenceFilename: file.name.slice(0, 200) || safeEvidenceFilename(file.name, type),
          evidenceContentType: type.contentType,
          evidenceSize: file.bytes.byteLength,
        })
        .returning()
    );
    return row!;
  } catch (error) {
    await storage.remove(key);
    if (isUniqueViolation(error)) throw problem("", "alreadyPending", 409);
    if (hasHint(error, "not_applicable")) throw problem("", "notApplicable", 409);
    if (isPermissionDenied(error)) throw new AppError("errors.forbiddenBody", 403, "may not apply for verification");
    throw error;
  }
}

/** The applicant's requests, newest first (status, reason of a rejection, dates). */
export async function verificationHistory(claims: JwtClaims, applicant: Applicant) {
  const rows = await withRls(claims, (tx) =>
    tx
      .select({
        id: verificationRequests.id,
        status: verificationRequests.status,
        note: verificationRequests.note,
        evidenceFilename: verificationRequests.evidenceFilename,
        decisionReason: verificationRequests.decisionReason,
        createdAt: verificationRequests.createdAt,
        decidedAt: verificationRequests.decidedAt,
      })
      .from(verificationRequests)
      .where(applicantCondition(applicant))
      .orderBy(desc(verificationRequests.createdAt))
      .limit(10)
  );
  return rows.map((row) => ({ ...row, createdAt: row.createdAt.toISOString(), decidedAt: row.decidedAt?.toISOString() ?? null }));
}

/**
 * The verification form as a route receives it: the multipart upload (too large → a 400 beside the
 * file field, never a 500), the note through its schema, then applyForVerification. Returns the
 * reply to show with its status, or null when the request was made.
 */
export async function applyFromForm(
  request: Request,
  claims: JwtClaims,
  applicant: Applicant
): Promise<{ reply: FormReply; status: number } | null> {
  const upload = await readEvidenceUpload(request);
  if (!upload.ok) {
    const key = upload.problem === "tooLarge" ? "tooLarge" : "evidenceRequired";
    return { reply: { status: "error", error: { evidence: [`organisations:verification.errors.${key}`] } }, status: 400 };
  }
  const submission = await parseForm(upload.fields, verificationApplySchema);
  if (submission.status !== "success") return { reply: submission.reply(), status: 400 };
  try {
    await applyForVerification(claims, applicant, { note: submission.value.note, file: upload.file });
    return null;
  } catch (error) {
    if (!(error instanceof FormProblem)) throw error;
    const options = error.field ? { fieldErrors: { [error.field]: [error.messageKey] } } : { formErrors: [error.messageKey] };
    return { reply: submission.reply(options), status: error.status };
  }
}
