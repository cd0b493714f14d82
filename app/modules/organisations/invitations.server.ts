/**
 * Invitations to an LGU's staff (with a role) or an organisation (officer or member), by email.
 * The link carries a random 32-byte token; only its SHA-256 is stored, so the table alone cannot be
 * used to accept anything. Accepting and declining go through `public.respond_to_invitation`,
 * which checks the token, the expiry and that the signed-in person's confirmed email is the
 * invited one — the database decides, whatever calls it.
 */
import crypto from "node:crypto";
import { and, asc, desc, eq, gt, inArray, isNull, sql } from "drizzle-orm";
import { getEmailPort } from "~/adapters/index.server";
import { asService, withRls, type JwtClaims } from "~/db/client.server";
import { invitations, lgus, organisations, profiles, type LguRole, type OrganisationRole } from "~/db/schema";
import { languageOrFallback } from "~/i18n/config";
import { i18nServer } from "~/i18n/i18next.server";
import { AppError } from "~/utils/errors";
import { databaseFailure, FormProblem, isPermissionDenied } from "./errors.server";

export const INVITATION_TTL_DAYS = 14;
/** 32 random bytes in base64url: 43 characters, no padding. */
export const INVITATION_TOKEN = /^[A-Za-z0-9_-]{43}$/;

export type Tenant = { lguId: string } | { organisationId: string };
export type InvitationTarget = { lguId: string; role: LguRole } | { organisationId: string; role: OrganisationRole };

export function newInvitationToken() {
  const token = crypto.randomBytes(32).toString("base64url");
  return { token, tokenHash: hashInvitationToken(token) };
}

export function hashInvitationToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}

const tenantCondition = (tenant: Tenant) =>
  "lguId" in tenant ? eq(invitations.lguId, tenant.lguId) : eq(invitations.organisationId, tenant.organisationId);

/**
 * Creates the invitation (as the caller: only an LGU admin or an organisation officer may) and
 * emails the link in `locale`, the inviter's current language. Returns the token for the caller's
 * own use (tests); it is never stored.
 */
export async function inviteByEmail(
  claims: JwtClaims,
  target: InvitationTarget,
  email: string,
  options: { locale: string; baseUrl: string }
) {
  const { token, tokenHash } = newInvitationToken();
  const invited = await withRls(claims, async (tx) => {
    const [open] = await tx
      .select({ id: invitations.id })
      .from(invitations)
      .where(
        and(tenantCondition(target), eq(invitations.email, email), eq(invitations.status, "pending"), gt(invitations.expiresAt, sql`now()`))
      )
      .limit(1);
    if (open) throw new FormProblem("email", "organisations:invitations.errors.alreadyInvited", 409);
    const [row] = await tx
      .insert(invitations)
      .values({
        ...("lguId" in target
          ? { lguId: target.lguId, lguRole: target.role }
          : { organisationId: target.organisationId, organisationRole: target.role }),
        email,
        tokenHash,
        invitedBy: claims.sub,
        expiresAt: sql`now() + make_interval(days => ${INVITATION_TTL_DAYS})`,
      })
      .returning({ id: invitations.id, expiresAt: invitations.expiresAt });
    // Both readable by the inviter through RLS: their own profile, and the LGU/organisation they run.
    const [inviter] = await tx.select({ name: profiles.displayName }).from(profiles).where(eq(profiles.id, claims.sub));
    const [tenant] =
      "lguId" in target
        ? await tx.select({ name: lgus.name }).from(lgus).where(eq(lgus.id, target.lguId))
        : await tx.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, target.organisationId));
    return { ...row!, inviterName: inviter?.name ?? claims.email ?? "", targetName: tenant?.name ?? "" };
  }).catch((error: unknown) => {
    if (isPermissionDenied(error)) throw new AppError("errors.forbiddenBody", 403, "may not invite here");
    throw error;
  });

  const locale = languageOrFallback(options.locale);
  const t = await i18nServer.getFixedT(locale, "organisations");
  const values = {
    inviter: invited.inviterName,
    target: invited.targetName,
    role: t(`roles.${target.role}`),
    link: `${options.baseUrl}/invitations/${token}`,
    days: String(INVITATION_TTL_DAYS),
  };
  await getEmailPort().send({
    to: email,
    subject: t("invitations.email.subject", values),
    text: [t("invitations.email.body", values), "", t("invitations.email.signature")].join("\n"),
    template: "invitation",
  });
  return { id: invited.id, token, expiresAt: invited.expiresAt };
}

export async function revokeInvitation(claims: JwtClaims, tenant: Tenant, invitationId: string) {
  const revoked = await withRls(claims, (tx) =>
    tx
      .update(invitations)
      .set({ status: "revoked" })
      .where(and(eq(invitations.id, invitationId), tenantCondition(tenant), eq(invitations.status, "pending")))
      .returning({ id: invitations.id })
  );
  if (revoked.length === 0) throw new AppError("organisations:invitations.errors.notFound", 404, "no pending invitation to revoke");
}

/** Invitations still waiting for an answer (expired ones included, marked), for the staff pages. */
export async function listPendingInvitations(claims: JwtClaims, tenant: Tenant) {
  const rows = await withRls(claims, (tx) =>
    tx
      .select({
        id: invitations.id,
        email: invitations.email,
        role: sql<string>`coalesce(${invitations.lguRole}::text, ${invitations.organisationRole}::text)`,
        expiresAt: invitations.expiresAt,
        expired: sql<boolean>`${invitations.expiresAt} < now()`,
      })
      .from(invitations)
      .where(and(tenantCondition(tenant), eq(invitations.status, "pending")))
      .orderBy(desc(invitations.createdAt))
  );
  return rows.map((row) => ({ ...row, expiresAt: row.expiresAt.toISOString() }));
}

export interface InvitationDescription {
  kind: "lgu" | "organisation";
  targetName: string;
  role: string;
  status: "pending" | "accepted" | "declined" | "revoked";
  expired: boolean;
  expiresAt: string;
  /** Whether the signed-in person's email is the invited one (null when nobody is signed in). */
  forYou: boolean | null;
}

/**
 * What an invitation link is for. Read with the service role on purpose: holding the emailed token
 * is what entitles someone to know which LGU or organisation invited them (an unverified one is
 * otherwise hidden from non-members). Tells nothing about the invited address but "is it yours".
 */
export async function describeInvitation(token: string, claims: JwtClaims | null): Promise<InvitationDescription | null> {
  if (!INVITATION_TOKEN.test(token)) return null;
  const rows = await asService((tx) =>
    tx
      .select({
        lguName: lgus.name,
        organisationName: organisations.name,
        lguRole: invitations.lguRole,
        organisationRole: invitations.organisationRole,
        status: invitations.status,
        email: invitations.email,
        expiresAt: invitations.expiresAt,
        expired: sql<boolean>`${invitations.expiresAt} < now()`,
      })
      .from(invitations)
      .leftJoin(lgus, eq(lgus.id, invitations.lguId))
      .leftJoin(organisations, eq(organisations.id, invitations.organisationId))
      .where(eq(invitations.tokenHash, hashInvitationToken(token)))
  );
  const row = rows[0];
  if (!row) return null;
  return {
    kind: row.lguRole ? "lgu" : "organisation",
    targetName: row.lguName ?? row.organisationName ?? "",
    role: (row.lguRole ?? row.organisationRole)!,
    status: row.status,
    expired: row.expired,
    expiresAt: row.expiresAt.toISOString(),
    forYou: claims ? row.email === (claims.email ?? "").toLowerCase() : null,
  };
}

const RESPONSE_ERRORS: Record<string, [string, number]> = {
  not_confirmed: ["organisations:invitations.errors.notConfirmed", 403],
  wrong_email: ["organisations:invitations.errors.wrongEmail", 403],
  invalid_invitation: ["organisations:invitations.errors.invalid", 410],
};

async function respondByHash(claims: JwtClaims, tokenHash: string, accept: boolean) {
  try {
    await withRls(claims, (tx) => tx.execute(sql`select public.respond_to_invitation(${tokenHash}, ${accept})`));
  } catch (error) {
    const hint = databaseFailure(error)?.hint;
    const known = hint ? RESPONSE_ERRORS[hint] : undefined;
    if (!known) throw error;
    let [key, status] = known;
    if (hint === "invalid_invitation") {
      const [row] = await asService((tx) =>
        tx
          .select({ expired: sql<boolean>`${invitations.expiresAt} < now()`, status: invitations.status })
          .from(invitations)
          .where(eq(invitations.tokenHash, tokenHash))
      );
      if (row?.status === "pending" && row.expired) key = "organisations:invitations.errors.expired";
      else if (row?.status === "revoked") key = "organisations:invitations.errors.revoked";
      else if (!row) status = 404;
    }
    throw new FormProblem("", key, status, `invitation refused: ${hint}`);
  }
  // After accepting, the caller belongs there and RLS shows them where they now work.
  return withRls(claims, async (tx) => {
    const [row] = await tx
      .select({ lguSlug: lgus.slug, organisationSlug: organisations.slug, status: invitations.status })
      .from(invitations)
      .leftJoin(lgus, eq(lgus.id, invitations.lguId))
      .leftJoin(organisations, eq(organisations.id, invitations.organisationId))
      .where(eq(invitations.tokenHash, tokenHash));
    return { lguSlug: row?.lguSlug ?? null, organisationSlug: row?.organisationSlug ?? null };
  });
}

export async function respondToInvitation(claims: JwtClaims, token: string, accept: boolean) {
  if (!INVITATION_TOKEN.test(token)) throw new FormProblem("", "organisations:invitations.errors.invalid", 404, "malformed token");
  return respondByHash(claims, hashInvitationToken(token), accept);
}

/** Answering from /me/organisations: the invitee reads their own invitation's hash through RLS. */
export async function respondToMyInvitation(claims: JwtClaims, invitationId: string, accept: boolean) {
  const [row] = await withRls(claims, (tx) =>
    tx
      .select({ tokenHash: invitations.tokenHash })
      .from(invitations)
      .where(and(eq(invitations.id, invitationId), eq(invitations.email, (claims.email ?? "").toLowerCase())))
  );
  if (!row) throw new FormProblem("", "organisations:invitations.errors.notFound", 404, "not the caller's invitation");
  return respondByHash(claims, row.tokenHash, accept);
}

/**
 * Pending, unexpired invitations addressed to the caller's email (RLS shows an invitee exactly
 * these), with what each is for (service role, as in describeInvitation, for those rows only).
 */
export async function listMyInvitations(claims: JwtClaims) {
  const email = (claims.email ?? "").toLowerCase();
  if (!email) return [];
  const rows = await withRls(claims, (tx) =>
    tx
      .select({
        id: invitations.id,
        lguId: invitations.lguId,
        organisationId: invitations.organisationId,
        role: sql<string>`coalesce(${invitations.lguRole}::text, ${invitations.organisationRole}::text)`,
        expiresAt: invitations.expiresAt,
      })
      .from(invitations)
      .where(
        and(
          eq(invitations.email, email),
          eq(invitations.status, "pending"),
          gt(invitations.expiresAt, sql`now()`),
          isNull(invitations.respondedAt)
        )
      )
      .orderBy(asc(invitations.expiresAt))
  );
  const lguIds = rows.flatMap((r) => (r.lguId ? [r.lguId] : []));
  const organisationIds = rows.flatMap((r) => (r.organisationId ? [r.organisationId] : []));
  const names = await asService(async (tx) => {
    const found = new Map<string, string>();
    if (lguIds.length)
      for (const l of await tx.select({ id: lgus.id, name: lgus.name }).from(lgus).where(inArray(lgus.id, lguIds))) found.set(l.id, l.name);
    if (organisationIds.length) {
      for (const o of await tx
        .select({ id: organisations.id, name: organisations.name })
        .from(organisations)
        .where(inArray(organisations.id, organisationIds))) {
        found.set(o.id, o.name);
      }
    }
    return found;
  });
  return rows.map((row) => ({
    id: row.id,
    kind: row.lguId ? ("lgu" as const) : ("organisation" as const),
    targetName: names.get((row.lguId ?? row.organisationId)!) ?? "",
    role: row.role,
    expiresAt: row.expiresAt.toISOString(),
  }));
}
