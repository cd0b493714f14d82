/** Test data: real rows in the test database, made the way the app would make them. */
import crypto from "node:crypto";
import postgres from "postgres";

export async function createUser(url: string, overrides: { email?: string; displayName?: string } = {}) {
  const id = crypto.randomUUID();
  const email = overrides.email ?? `user-${id.slice(0, 8)}@example.test`;
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await sql`insert into auth.users (id, aud, role, email, email_confirmed_at) values (${id}, 'authenticated', 'authenticated', ${email}, now())`;
    await sql`insert into profiles (id, display_name) values (${id}, ${overrides.displayName ?? `Member ${id.slice(0, 4)}`})`;
  } finally {
    await sql.end();
  }
  return { id, email, claims: { sub: id, role: "authenticated" as const, email } };
}

/** The database's own message for a failed query (drizzle wraps it as the error's cause), or "" if it succeeded. */
export async function databaseError(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "";
  } catch (error) {
    const cause = (error as { cause?: unknown }).cause;
    return cause instanceof Error ? cause.message : String((error as Error).message ?? error);
  }
}

async function withSql<T>(url: string, fn: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    return await fn(sql);
  } finally {
    await sql.end();
  }
}

const suffix = () => crypto.randomBytes(4).toString("hex");

/** A municipality under a test country, for LGUs, hometowns and organisations to point at. */
export async function createPlace(url: string, overrides: { name?: string } = {}) {
  return withSql(url, async (sql) => {
    const [country] = await sql<{ id: string }[]>`
      insert into places (kind, name, country_code) values ('country', 'Testland', 'TL')
      on conflict do nothing returning id`;
    const countryId =
      country?.id ?? (await sql<{ id: string }[]>`select id from places where parent_id is null and name = 'Testland'`)[0]!.id;
    const [place] = await sql<{ id: string }[]>`
      insert into places (parent_id, kind, name, country_code)
      values (${countryId}, 'municipality', ${overrides.name ?? `Town ${suffix()}`}, 'TL') returning id`;
    return place!.id;
  });
}

type VerificationStatus = "unverified" | "pending" | "verified" | "rejected" | "suspended";
export type LguRoleName = "admin" | "editor" | "treasurer" | "permits_officer" | "investment_officer";
export type OrganisationRoleName = "officer" | "member";

/**
 * An LGU, inserted by the database owner. With `createdBy`, the creator becomes its first admin
 * (the database's trigger does it, as when a member registers an LGU on the portal).
 */
export async function createLgu(
  url: string,
  overrides: { createdBy?: string; verificationStatus?: VerificationStatus; name?: string; placeId?: string } = {},
) {
  const placeId = overrides.placeId ?? (await createPlace(url));
  const slug = `lgu-${suffix()}`;
  const status = overrides.verificationStatus ?? "unverified";
  return withSql(url, async (sql) => {
    const [lgu] = await sql<{ id: string }[]>`
      insert into lgus (place_id, name, slug, created_by, verification_status, verified_at)
      values (${placeId}, ${overrides.name ?? `Municipality of ${slug}`}, ${slug}, ${overrides.createdBy ?? null},
              ${status}, ${status === "verified" ? sql`now()` : null})
      returning id`;
    return { id: lgu!.id, slug, placeId };
  });
}

/** An organisation (an association unless told otherwise); its creator becomes its first officer. */
export async function createOrganisation(
  url: string,
  overrides: {
    createdBy?: string;
    kind?: "association" | "employer" | "cooperative" | "ngo";
    verificationStatus?: VerificationStatus;
    name?: string;
  } = {},
) {
  const slug = `org-${suffix()}`;
  const kind = overrides.kind ?? "association";
  const status = overrides.verificationStatus ?? "unverified";
  return withSql(url, async (sql) => {
    const [organisation] = await sql<{ id: string }[]>`
      insert into organisations (kind, name, slug, association_level, created_by, verification_status, verified_at)
      values (${kind}, ${overrides.name ?? `Association ${slug}`}, ${slug}, ${kind === "association" ? "local" : null},
              ${overrides.createdBy ?? null}, ${status}, ${status === "verified" ? sql`now()` : null})
      returning id`;
    return { id: organisation!.id, slug };
  });
}

export async function addLguRole(url: string, lguId: string, userId: string, role: LguRoleName) {
  await withSql(url, (sql) => sql`insert into lgu_memberships (lgu_id, user_id, role) values (${lguId}, ${userId}, ${role})`);
}

export async function addOrganisationRole(url: string, organisationId: string, userId: string, role: OrganisationRoleName) {
  await withSql(
    url,
    (sql) => sql`insert into organisation_memberships (organisation_id, user_id, role) values (${organisationId}, ${userId}, ${role})`,
  );
}

/** What an operator does with `npm run db -- grant-admin`: there is no way to become one through the portal. */
export async function makePlatformAdmin(url: string, userId: string) {
  await withSql(url, (sql) => sql`insert into platform_admins (user_id) values (${userId})`);
}

/** The SHA-256 the server stores and passes to `respond_to_invitation`; the emailed link carries the token. */
export const hashToken = (token: string) => crypto.createHash("sha256").update(token).digest("hex");

/** A pending invitation to an LGU (with `lguRole`) or an organisation (with `organisationRole`). */
export async function createInvitation(
  url: string,
  target:
    | { lguId: string; lguRole: LguRoleName; organisationId?: never; organisationRole?: never }
    | { organisationId: string; organisationRole: OrganisationRoleName; lguId?: never; lguRole?: never },
  overrides: { email: string; invitedBy?: string; expiresAt?: Date; status?: "pending" | "accepted" | "declined" | "revoked" },
) {
  const token = crypto.randomBytes(24).toString("base64url");
  const tokenHash = hashToken(token);
  const expiresAt = overrides.expiresAt ?? new Date(Date.now() + 7 * 24 * 3600 * 1000);
  const id = await withSql(url, async (sql) => {
    const [invitation] = await sql<{ id: string }[]>`
      insert into invitations (lgu_id, lgu_role, organisation_id, organisation_role, email, token_hash, status, invited_by, expires_at)
      values (${target.lguId ?? null}, ${target.lguRole ?? null}, ${target.organisationId ?? null}, ${target.organisationRole ?? null},
              ${overrides.email.toLowerCase()}, ${tokenHash}, ${overrides.status ?? "pending"}, ${overrides.invitedBy ?? null}, ${expiresAt})
      returning id`;
    return invitation!.id;
  });
  return { id, token, tokenHash };
}

/** A pending verification request with its evidence already stored; applying marks the LGU/organisation pending. */
export async function createVerificationRequest(
  url: string,
  target: { lguId: string; organisationId?: never } | { organisationId: string; lguId?: never },
  overrides: { submittedBy?: string } = {},
) {
  return withSql(url, async (sql) => {
    const [request] = await sql<{ id: string }[]>`
      insert into verification_requests (lgu_id, organisation_id, submitted_by, evidence_path, evidence_filename, evidence_content_type, evidence_size)
      values (${target.lguId ?? null}, ${target.organisationId ?? null}, ${overrides.submittedBy ?? null},
              ${`verification/${suffix()}.pdf`}, 'resolution.pdf', 'application/pdf', 2048)
      returning id`;
    return request!.id;
  });
}
