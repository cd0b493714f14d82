/**
 * Who works for an LGU (one row per role) and who belongs to an organisation: listing, removing a
 * role or a member, changing an organisation member's role, leaving. The database refuses to leave
 * an LGU without an admin or an organisation without an officer (HINT 'last_admin'); that refusal
 * becomes a translated message here. Every change is audited by trigger.
 */
import { and, asc, eq } from "drizzle-orm";
import { withRls, type JwtClaims } from "~/db/client.server";
import { lguMemberships, organisationMemberships, type LguRole, type OrganisationRole } from "~/db/schema";
import { AppError } from "~/utils/errors";
import { FormProblem, hasHint } from "./errors.server";
import { displayNamesOf } from "./people.server";

const LAST_ADMIN = {
  lgu: "organisations:staff.errors.lastAdmin",
  organisation: "organisations:members.errors.lastOfficer",
} as const;

async function guardLastAdmin<T>(kind: keyof typeof LAST_ADMIN, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (hasHint(error, "last_admin")) throw new FormProblem("", LAST_ADMIN[kind], 409, `last ${kind} admin`);
    throw error;
  }
}

const notFound = (label: string) => new AppError("organisations:errors.membershipNotFound", 404, label);

export interface StaffMember {
  userId: string;
  displayName: string | null;
  isMe: boolean;
  roles: { membershipId: string; role: LguRole; since: string }[];
}

export async function listLguStaff(claims: JwtClaims, lguId: string): Promise<StaffMember[]> {
  const rows = await withRls(claims, (tx) =>
    tx
      .select({ id: lguMemberships.id, userId: lguMemberships.userId, role: lguMemberships.role, createdAt: lguMemberships.createdAt })
      .from(lguMemberships)
      .where(eq(lguMemberships.lguId, lguId))
      .orderBy(asc(lguMemberships.createdAt), asc(lguMemberships.role))
  );
  const names = await displayNamesOf(claims, rows.map((r) => r.userId));
  const people = new Map<string, StaffMember>();
  for (const row of rows) {
    const person = people.get(row.userId) ?? {
      userId: row.userId,
      displayName: names.get(row.userId) ?? null,
      isMe: row.userId === claims.sub,
      roles: [],
    };
    person.roles.push({ membershipId: row.id, role: row.role, since: row.createdAt.toISOString() });
    people.set(row.userId, person);
  }
  return [...people.values()];
}

export async function removeLguRole(claims: JwtClaims, lguId: string, membershipId: string) {
  const removed = await guardLastAdmin("lgu", () =>
    withRls(claims, (tx) =>
      tx
        .delete(lguMemberships)
        .where(and(eq(lguMemberships.id, membershipId), eq(lguMemberships.lguId, lguId)))
        .returning({ id: lguMemberships.id, role: lguMemberships.role })
    )
  );
  if (removed.length === 0) throw notFound("lgu membership not found or not removable");
  return removed[0]!;
}

/** Gives up every role the caller holds at the LGU. */
export async function leaveLgu(claims: JwtClaims, lguId: string) {
  const removed = await guardLastAdmin("lgu", () =>
    withRls(claims, (tx) =>
      tx
        .delete(lguMemberships)
        .where(and(eq(lguMemberships.lguId, lguId), eq(lguMemberships.userId, claims.sub)))
        .returning({ id: lguMemberships.id })
    )
  );
  if (removed.length === 0) throw notFound("not on this LGU's staff");
}

export interface OrganisationMember {
  membershipId: string;
  userId: string;
  displayName: string | null;
  isMe: boolean;
  role: OrganisationRole;
  since: string;
}

export async function listOrganisationMembers(claims: JwtClaims, organisationId: string): Promise<OrganisationMember[]> {
  const rows = await withRls(claims, (tx) =>
    tx
      .select({
        id: organisationMemberships.id,
        userId: organisationMemberships.userId,
        role: organisationMemberships.role,
        createdAt: organisationMemberships.createdAt,
      })
      .from(organisationMemberships)
      .where(eq(organisationMemberships.organisationId, organisationId))
      .orderBy(asc(organisationMemberships.role), asc(organisationMemberships.createdAt))
  );
  const names = await displayNamesOf(claims, rows.map((r) => r.userId));
  return rows.map((row) => ({
    membershipId: row.id,
    userId: row.userId,
    displayName: names.get(row.userId) ?? null,
    isMe: row.userId === claims.sub,
    role: row.role,
    since: row.createdAt.toISOString(),
  }));
}

export async function removeOrganisationMember(claims: JwtClaims, organisationId: string, membershipId: string) {
  const removed = await guardLastAdmin("organisation", () =>
    withRls(claims, (tx) =>
      tx
        .delete(organisationMemberships)
        .where(and(eq(organisationMemberships.id, membershipId), eq(organisationMemberships.organisationId, organisationId)))
        .returning({ id: organisationMemberships.id })
    )
  );
  if (removed.length === 0) throw notFound("organisation membership not found or not removable");
}

export async function changeOrganisationRole(claims: JwtClaims, organisationId: string, membershipId: string, role: OrganisationRole) {
  const changed = await guardLastAdmin("organisation", () =>
    withRls(claims, (tx) =>
      tx
        .update(organisationMemberships)
        .set({ role })
        .where(and(eq(organisationMemberships.id, membershipId), eq(organisationMemberships.organisationId, organisationId)))
        .returning({ id: organisationMemberships.id })
    )
  );
  if (changed.length === 0) throw notFound("organisation membership not found or not changeable");
}

export async function leaveOrganisation(claims: JwtClaims, organisationId: string) {
  const removed = await guardLastAdmin("organisation", () =>
    withRls(claims, (tx) =>
      tx
        .delete(organisationMemberships)
        .where(and(eq(organisationMemberships.organisationId, organisationId), eq(organisationMemberships.userId, claims.sub)))
        .returning({ id: organisationMemberships.id })
    )
  );
  if (removed.length === 0) throw notFound("not a member of this organisation");
}
