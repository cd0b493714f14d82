/**
 * A person's own account: their profile row on first sign-in, the recovery window after a reset
 * link, the export of everything the portal holds about them, and deletion.
 */
import { createCookie } from "@remix-run/node";
import { and, desc, eq, or, sql } from "drizzle-orm";
import { getAuthPort } from "~/adapters/index.server";
import type { AuthSession, AuthUser } from "~/adapters/auth/port";
import { getEnv } from "~/config/env.server";
import { asService, withRls } from "~/db/client.server";
import {
  auditLog,
  invitations,
  lguMemberships,
  lgus,
  organisationMemberships,
  organisations,
  profileHometowns,
  profiles,
  profileSensitive,
  verificationRequests,
} from "~/db/schema";
import { AppError } from "~/utils/errors";

/**
 * Supabase creates the auth.users row; the profile is ours. Made on the first sign-in from the name
 * given at sign-up (the local adapter makes it at sign-up already).
 */
export async function ensureProfile(user: AuthUser) {
  // From the adapter's user (its metadata), not from auth.users: on Supabase that table is Supabase's.
  const displayName = user.displayName?.trim().slice(0, 120) || user.email.split("@")[0]!.slice(0, 120) || "Member";
  await asService((tx) =>
    tx.insert(profiles).values({ id: user.id, displayName, preferredLocale: user.locale ?? null }).onConflictDoNothing(),
  );
}

/** For 15 minutes after following a reset link, the person may set a password without the old one. */
const recoveryCookie = () =>
  createCookie("tulay_recovery", {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure: getEnv().COOKIE_SECURE,
    secrets: [getEnv().SESSION_SECRET],
    maxAge: 15 * 60,
  });

export async function recoveryHeader(userId: string) {
  return recoveryCookie().serialize({ userId, until: Date.now() + 15 * 60 * 1000 });
}

export async function inRecovery(request: Request, userId: string): Promise<boolean> {
  const value = (await recoveryCookie().parse(request.headers.get("Cookie"))) as { userId?: string; until?: number } | null;
  return value?.userId === userId && typeof value.until === "number" && value.until > Date.now();
}

export async function clearRecoveryHeader() {
  return recoveryCookie().serialize("", { maxAge: 0 });
}

/** Everything the portal holds about the person, read as them (RLS applies), as one JSON document. */
export async function exportAccount(session: AuthSession) {
  const uid = session.user.id;
  return withRls(session.claims, async (tx) => {
    const [profile] = await tx.select().from(profiles).where(eq(profiles.id, uid));
    const [sensitive] = await tx.select().from(profileSensitive).where(eq(profileSensitive.profileId, uid));
    const hometowns = await tx.select().from(profileHometowns).where(eq(profileHometowns.profileId, uid));
    const lguRoles = await tx
      .select({ lgu: lgus.name, lguId: lguMemberships.lguId, role: lguMemberships.role, since: lguMemberships.createdAt })
      .from(lguMemberships)
      .leftJoin(lgus, eq(lgus.id, lguMemberships.lguId))
      .where(eq(lguMemberships.userId, uid));
    const organisationRoles = await tx
      .select({ organisation: organisations.name, organisationId: organisationMemberships.organisationId, role: organisationMemberships.role, since: organisationMemberships.createdAt })
      .from(organisationMemberships)
      .leftJoin(organisations, eq(organisations.id, organisationMemberships.organisationId))
      .where(eq(organisationMemberships.userId, uid));
    const invitationsReceived = await tx
      .select({ id: invitations.id, status: invitations.status, lguId: invitations.lguId, organisationId: invitations.organisationId, createdAt: invitations.createdAt })
      .from(invitations)
      .where(eq(invitations.email, session.user.email.toLowerCase()));
    const verificationRequestsSubmitted = await tx
      .select({ id: verificationRequests.id, status: verificationRequests.status, createdAt: verificationRequests.createdAt, lguId: verificationRequests.lguId, organisationId: verificationRequests.organisationId })
      .from(verificationRequests)
      .where(eq(verificationRequests.submittedBy, uid));
    // Audit entries the person can read about their own actions (admins read more; this is theirs).
    const ownActions = await tx
      .select({ action: auditLog.action, occurredAt: auditLog.occurredAt })
      .from(auditLog)
      .where(or(eq(auditLog.actorId, uid), and(eq(auditLog.subjectTable, "lgu_memberships"), sql`${auditLog.after} ->> 'user_id' = ${uid}`)))
      .orderBy(desc(auditLog.occurredAt));
    const skills = await tx.execute<{ skill_code: string; level: string; years: number; note: string | null; created_at: string; updated_at: string }>(sql`
      select skill_code, level, years, note, created_at, updated_at from public.member_skills where profile_id = ${uid}::uuid order by skill_code`);
    // Expressions of interest in investments, the messages on them and the ticket size (their own rows, RLS).
    const investmentInterests = await tx.execute(sql`
      select i.id, o.slug as opportunity, i.amount_min_minor, i.amount_max_minor, i.currency, i.timeline, i.role, i.message, i.consent_to_contact,
        i.stage, i.created_at, c.phone,
        coalesce((select json_agg(json_build_object('fromStaff', m.from_staff, 'body', m.body, 'at', m.created_at) order by m.created_at)
                  from public.investment_messages m where m.interest_id = i.id), '[]') as messages
      from public.investment_interests i
      join public.investment_opportunities o on o.id = i.opportunity_id
      left join public.investment_interest_contacts c on c.interest_id = i.id
      where i.member_id = ${uid}::uuid order by i.created_at`);
    const [investmentPreferences] = await tx.execute(sql`
      select ticket_min_minor, ticket_max_minor, currency, updated_at from public.investment_preferences where member_id = ${uid}::uuid`);
    // Invitations LGUs sent them to investment opportunities (their consent is on the profile).
    const investmentInvitations = await tx.execute(sql`
      select o.slug as opportunity, l.name as lgu, i.created_at from public.investment_invitations i
      join public.investment_opportunities o on o.id = i.opportunity_id join public.lgus l on l.id = i.lgu_id
      where i.profile_id = ${uid}::uuid order by i.created_at`);
    return {
      exportedAt: new Date().toISOString(),
      account: { id: uid, email: session.user.email, emailConfirmed: session.user.emailConfirmed },
      profile: profile ?? null,
      sensitive: sensitive ?? null,
      hometowns,
      skills: [...skills],
      lguRoles,
      organisationRoles,
      invitationsReceived,
      verificationRequestsSubmitted,
      ownActions,
      investmentInterests: [...investmentInterests],
      investmentPreferences: investmentPreferences ?? null,
      investmentInvitations: [...investmentInvitations],
    };
  });
}

/**
 * Deletes the account and, by cascade, the profile, hometowns, skills, sensitive details and memberships;
 * expressions of interest stay with their LGUs without the person's name, country or phone (a trigger).
 * Refused while the person is the last admin of an LGU or last officer of an organisation (someone
 * must be able to run it); audit entries keep the bare id.
 */
export async function deleteAccount(session: AuthSession) {
  const uid = session.user.id;
  const blocking = await asService((tx) =>
    tx.execute<{ name: string }>(sql`
      select l.name from public.lgu_memberships m join public.lgus l on l.id = m.lgu_id
      where m.user_id = ${uid} and m.role = 'admin'
        and not exists (select 1 from public.lgu_memberships o where o.lgu_id = m.lgu_id and o.role = 'admin' and o.user_id <> ${uid})
      union all
      select g.name from public.organisation_memberships m join public.organisations g on g.id = m.organisation_id
      where m.user_id = ${uid} and m.role = 'officer'
        and not exists (select 1 from public.organisation_memberships o where o.organisation_id = m.organisation_id and o.role = 'officer' and o.user_id <> ${uid})`),
  );
  if (blocking.length > 0) {
    throw new AppError("auth:delete.lastAdmin", 409, `last admin of ${blocking.map((b) => b.name).join(", ")}`);
  }
  await getAuthPort().deleteUser(uid);
}
