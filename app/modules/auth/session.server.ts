/**
 * Who is asking, and what they may do. Every loader and action that needs a person goes through
 * these helpers; they throw (a redirect to sign in, or a 403) so a route cannot forget to stop.
 * The database says the same thing again through RLS: the claims returned here are what withRls
 * puts in request.jwt.claims.
 */
import { redirect } from "@remix-run/node";
import { and, eq, inArray, sql } from "drizzle-orm";
import { getAuthPort } from "~/adapters/index.server";
import type { AuthSession } from "~/adapters/auth/port";
import { withRls, type JwtClaims } from "~/db/client.server";
import { lguMemberships, organisationMemberships, platformAdmins, profiles, type LguRole, type OrganisationRole } from "~/db/schema";
import { forbidden } from "~/utils/errors";

type Auth = { session: AuthSession | null; headers: Headers };
const cache = new WeakMap<Request, Promise<Auth>>();
// Remix hands the root's loader and the page's loader each their own copy of the request, and they
// run at once: a lookup under way for the same cookies is shared (only while it is under way, so a
// sign-out or a new session is seen by the next request).
const underWay = new Map<string, Promise<Auth>>();

/** The session for this request (read once per request), with any Set-Cookie the adapter needs sent. */
export function getAuth(request: Request) {
  let pending = cache.get(request);
  if (!pending) {
    const cookies = request.headers.get("Cookie") ?? "";
    pending = cookies ? underWay.get(cookies) : undefined;
    if (!pending) {
      const lookup = getAuthPort().getSession(request);
      pending = lookup;
      if (cookies) {
        underWay.set(cookies, lookup);
        const done = () => {
          if (underWay.get(cookies) === lookup) underWay.delete(cookies);
        };
        lookup.then(done, done);
      }
    }
    cache.set(request, pending);
  }
  return pending;
}

export async function getClaims(request: Request): Promise<JwtClaims | null> {
  return (await getAuth(request)).session?.claims ?? null;
}

function signInUrl(request: Request) {
  const url = new URL(request.url);
  return `/login?${new URLSearchParams({ redirectTo: `${url.pathname}${url.search}` })}`;
}

/** The signed-in person, or a redirect to /login that brings them back here afterwards. */
export async function requireUser(request: Request): Promise<AuthSession> {
  const { session } = await getAuth(request);
  if (!session) throw redirect(signInUrl(request));
  return session;
}

/** For pages that make no sense when signed in (sign-up, sign-in). */
export async function requireAnonymous(request: Request, to = "/me") {
  const { session } = await getAuth(request);
  if (session) throw redirect(to);
}

/** Whether this user is a platform admin, in SQL (as far as the caller's RLS lets them see). */
const platformAdminSql = (userId: string) => sql`exists (select 1 from ${platformAdmins} where ${platformAdmins.userId} = ${userId})`;

/** What the header shows of the signed-in person. */
export async function headerUser(session: AuthSession) {
  // One statement in one transaction (every signed-in page asks): the name and the admin flag.
  const [row] = await withRls(session.claims, (tx) =>
    tx.execute<{ display_name: string | null; is_platform_admin: boolean }>(sql`
      select (select ${profiles.displayName} from ${profiles} where ${profiles.id} = ${session.user.id}) as display_name,
             ${platformAdminSql(session.user.id)} as is_platform_admin`),
  );
  return { displayName: row?.display_name ?? session.user.email, isPlatformAdmin: row?.is_platform_admin === true };
}

export async function isPlatformAdmin(session: AuthSession): Promise<boolean> {
  const [row] = await withRls(session.claims, (tx) => tx.execute<{ admin: boolean }>(sql`select ${platformAdminSql(session.user.id)} as admin`));
  return row?.admin === true;
}

export async function requirePlatformAdmin(request: Request): Promise<AuthSession> {
  const session = await requireUser(request);
  if (!(await isPlatformAdmin(session))) throw forbidden("not a platform admin");
  return session;
}

/** The signed-in person when they hold one of `roles` at this LGU (any role when omitted). */
export async function requireLguRole(request: Request, lguId: string, roles?: LguRole[]): Promise<AuthSession> {
  const session = await requireUser(request);
  const rows = await withRls(session.claims, (tx) =>
    tx
      .select({ role: lguMemberships.role })
      .from(lguMemberships)
      .where(
        and(
          eq(lguMemberships.lguId, lguId),
          eq(lguMemberships.userId, session.user.id),
          roles ? inArray(lguMemberships.role, roles) : undefined,
        ),
      ),
  );
  if (rows.length === 0) throw forbidden(`lacks lgu role ${roles?.join("|") ?? "any"}`);
  return session;
}

export async function requireOrganisationRole(
  request: Request,
  organisationId: string,
  roles?: OrganisationRole[],
): Promise<AuthSession> {
  const session = await requireUser(request);
  const rows = await withRls(session.claims, (tx) =>
    tx
      .select({ role: organisationMemberships.role })
      .from(organisationMemberships)
      .where(
        and(
          eq(organisationMemberships.organisationId, organisationId),
          eq(organisationMemberships.userId, session.user.id),
          roles ? inArray(organisationMemberships.role, roles) : undefined,
        ),
      ),
  );
  if (rows.length === 0) throw forbidden(`lacks organisation role ${roles?.join("|") ?? "any"}`);
  return session;
}

/** The client's address for rate limits (Express sets it; behind a proxy, from X-Forwarded-For via trust proxy). */
export function clientIp(context: { clientIp?: string }): string {
  return context.clientIp ?? "unknown";
}
