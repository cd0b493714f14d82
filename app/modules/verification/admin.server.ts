/**
 * The platform admins' side of verification: the queue of pending requests, a short-lived link to
 * the evidence, and the decision (approve, or reject with a reason), after which the applicant is
 * emailed. The database carries the decision to the LGU or organisation and audits it; RLS lets
 * only platform admins read the queue and decide. Also `grantPlatformAdmin`, the operator's act.
 */
import { asc, eq, sql } from "drizzle-orm";
import { getEmailPort, getStoragePort } from "~/adapters/index.server";
import { asService, withRls, type JwtClaims, type Tx } from "~/db/client.server";
import { lgus, organisations, platformAdmins, verificationRequests } from "~/db/schema";
import { languageOrFallback } from "~/i18n/config";
import { i18nServer } from "~/i18n/i18next.server";
import { AppError } from "~/utils/errors";
import { FormProblem, hasHint } from "~/modules/organisations/errors.server";
import type { VerificationDecisionInput } from "~/modules/organisations/schema";

export const EVIDENCE_LINK_SECONDS = 300;

async function assertPlatformAdmin(tx: Tx) {
  const [row] = await tx.execute<{ admin: boolean }>(sql`select app_private.is_platform_admin() as admin`);
  if (!row?.admin) throw new AppError("errors.forbiddenBody", 403, "not a platform admin");
}

const requestColumns = {
  id: verificationRequests.id,
  lguId: verificationRequests.lguId,
  organisationId: verificationRequests.organisationId,
  lguName: lgus.name,
  lguSlug: lgus.slug,
  organisationName: organisations.name,
  organisationSlug: organisations.slug,
  organisationKind: organisations.kind,
  note: verificationRequests.note,
  evidencePath: verificationRequests.evidencePath,
  evidenceFilename: verificationRequests.evidenceFilename,
  evidenceContentType: verificationRequests.evidenceContentType,
  evidenceSize: verificationRequests.evidenceSize,
  status: verificationRequests.status,
  decisionReason: verificationRequests.decisionReason,
  createdAt: verificationRequests.createdAt,
  decidedAt: verificationRequests.decidedAt,
  submittedBy: verificationRequests.submittedBy,
};

function shape<T extends { createdAt: Date; decidedAt: Date | null; lguName: string | null; organisationName: string | null }>(row: T) {
  return {
    ...row,
    applicantName: row.lguName ?? row.organisationName ?? "",
    createdAt: row.createdAt.toISOString(),
    decidedAt: row.decidedAt?.toISOString() ?? null,
  };
}

/** Pending requests, oldest first: the queue is worked in the order people applied. */
export async function listPendingRequests(claims: JwtClaims) {
  const rows = await withRls(claims, async (tx) => {
    await assertPlatformAdmin(tx);
    return tx
      .select(requestColumns)
      .from(verificationRequests)
      .leftJoin(lgus, eq(lgus.id, verificationRequests.lguId))
      .leftJoin(organisations, eq(organisations.id, verificationRequests.organisationId))
      .where(eq(verificationRequests.status, "pending"))
      .orderBy(asc(verificationRequests.createdAt));
  });
  return rows.map(shape);
}

/** One request with a link to its evidence that works for five minutes. */
export async function getRequestForReview(claims: JwtClaims, requestId: string) {
  const [row] = await withRls(claims, async (tx) => {
    await assertPlatformAdmin(tx);
    return tx
      .select(requestColumns)
      .from(verificationRequests)
      .leftJoin(lgus, eq(lgus.id, verificationRequests.lguId))
      .leftJoin(organisations, eq(organisations.id, verificationRequests.organisationId))
      .where(eq(verificationRequests.id, requestId));
  });
  if (!row) return null;
  const evidenceUrl = await getStoragePort().signedUrl(row.evidencePath, EVIDENCE_LINK_SECONDS);
  return { ...shape(row), evidenceUrl };
}

/**
 * Approves or rejects a pending request as the caller (403 unless a platform admin), then emails
 * the person who applied, in their language. Returns the decided request.
 */
export async function decideVerification(
  claims: JwtClaims,
  requestId: string,
  input: VerificationDecisionInput,
  options: { baseUrl: string }
) {
  const reason = input.reason?.trim() || null;
  if (input.decision === "reject" && (reason ?? "").length < 3) throw new FormProblem("reason", "admin:validation.reasonRequired");
  let decided;
  try {
    decided = await withRls(claims, async (tx) => {
      await assertPlatformAdmin(tx);
      const [row] = await tx
        .update(verificationRequests)
        .set({ status: input.decision === "approve" ? "approved" : "rejected", decidedBy: claims.sub, decisionReason: reason })
        .where(eq(verificationRequests.id, requestId))
        .returning();
      return row;
    });
  } catch (error) {
    if (hasHint(error, "already_decided")) throw new FormProblem("", "admin:errors.alreadyDecided", 409);
    throw error;
  }
  if (!decided) throw new AppError("admin:errors.requestNotFound", 404, "no such verification request");
  try {
    await notifyApplicant(decided.id, options.baseUrl);
  } catch (error) {
    // The decision stands whatever happens to the email; the applicant also sees it on their page.
    console.error("verification decision email failed", error);
  }
  return decided;
}

/**
 * The applicant's address and language are not the admin's to read through RLS; sending them an
 * email is the one thing the service role is used for here.
 */
async function notifyApplicant(requestId: string, baseUrl: string) {
  const [row] = await asService((tx) =>
    tx.execute<{
      email: string | null;
      locale: string | null;
      status: "approved" | "rejected";
      reason: string | null;
      lgu_name: string | null;
      lgu_slug: string | null;
      organisation_name: string | null;
      organisation_slug: string | null;
    }>(sql`
      select u.email, p.preferred_locale as locale, r.status::text as status, r.decision_reason as reason,
             l.name as lgu_name, l.slug as lgu_slug, o.name as organisation_name, o.slug as organisation_slug
      from public.verification_requests r
      left join auth.users u on u.id = r.submitted_by
      left join public.profiles p on p.id = r.submitted_by
      left join public.lgus l on l.id = r.lgu_id
      left join public.organisations o on o.id = r.organisation_id
      where r.id = ${requestId}`)
  );
  if (!row?.email) return;
  const locale = languageOrFallback(row.locale);
  const t = await i18nServer.getFixedT(locale, "admin");
  const link = row.lgu_slug
    ? `${baseUrl}/manage/${row.lgu_slug}/verification`
    : `${baseUrl}/me/organisations/${row.organisation_slug}/verification`;
  const values = { name: row.lgu_name ?? row.organisation_name ?? "", reason: row.reason ?? "", link };
  const kind = row.status === "approved" ? "approved" : "rejected";
  await getEmailPort().send({
    to: row.email,
    subject: t(`emails.${kind}.subject`, values),
    text: [t(`emails.${kind}.body`, values), "", t("emails.signature")].join("\n"),
    template: `verification-${kind}`,
  });
}

/**
 * Makes an existing account a platform admin (the operator's CLI calls this; there is no way to do
 * it through the portal). Returns false when no account has that email. Audited by trigger.
 */
export async function grantPlatformAdmin(email: string): Promise<{ userId: string; granted: boolean } | null> {
  return asService(async (tx) => {
    const [user] = await tx.execute<{ id: string }>(sql`select id from auth.users where lower(email) = lower(${email.trim()}) limit 1`);
    if (!user) return null;
    const inserted = await tx.insert(platformAdmins).values({ userId: user.id }).onConflictDoNothing().returning();
    return { userId: user.id, granted: inserted.length > 0 };
  });
}
