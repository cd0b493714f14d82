import crypto from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { createLocalAuth, type AuthEmailKind } from "../../app/adapters/auth/local.server";
import type { AuthPort, AuthSession } from "../../app/adapters/auth/port";
import { setAdapters } from "../../app/adapters/index.server";
import { setDbClient, type JwtClaims } from "../../app/db/client.server";
import { deleteAccount, exportAccount } from "../../app/modules/auth/account.server";
import { getAuth, headerUser, isPlatformAdmin } from "../../app/modules/auth/session.server";
import { hit, limits } from "../../app/modules/auth/rate-limit.server";
import { setupTestDatabase } from "../support/db";
import { createUser } from "../support/factories";

const db = setupTestDatabase();
const sent: { kind: AuthEmailKind; to: string; link?: string }[] = [];
let auth: AuthPort;

const SECRET = "test-secret-test-secret-test-secret-123";
const request = (cookie?: string) =>
  new Request("http://127.0.0.1:3000/x", { headers: cookie ? { Cookie: cookie, "User-Agent": "vitest" } : { "User-Agent": "vitest" } });
const cookieOf = (headers: Headers) => headers.get("Set-Cookie")!.split(";")[0]!;
const tokenOf = (link: string | undefined) => new URL(link!).searchParams.get("token_hash")!;
const lastEmail = (to: string) => [...sent].reverse().find((e) => e.to === to);

beforeAll(() => {
  setDbClient(db().client);
  auth = createLocalAuth({
    db: () => db().client,
    secret: SECRET,
    cookieSecure: false,
    siteUrl: () => "http://portal.test",
    sendEmail: async (_request, kind, input) => {
      sent.push({ kind, to: input.to, link: input.link });
    },
  });
  setAdapters({ auth });
});

async function signUpAndConfirm(email: string, password = "a good long password") {
  expect(await auth.signUp(request(), { email, password, displayName: "Test Person", locale: "fil" })).toEqual({ ok: true });
  const confirmed = await auth.verifyEmailToken(request(), { tokenHash: tokenOf(lastEmail(email.toLowerCase())?.link), type: "signup" });
  if (!confirmed.ok) throw new Error(`confirmation failed: ${confirmed.error}`);
  return { user: confirmed.user, cookie: cookieOf(confirmed.headers) };
}

describe("local auth adapter", () => {
  it("stores a new account in auth.users the way Supabase does, with its profile, and emails a confirmation link", async () => {
    const result = await auth.signUp(request(), { email: "Rosa@Example.org", password: "a good long password", displayName: "Rosa", locale: "fil" });
    expect(result).toEqual({ ok: true });
    const [row] = await db().client.sql`
      select u.id, u.email, u.aud, u.role, u.encrypted_password, u.confirmation_token, u.email_confirmed_at,
             u.raw_app_meta_data, u.raw_user_meta_data, p.display_name, p.preferred_locale
      from auth.users u join public.profiles p on p.id = u.id where u.email = 'rosa@example.org'`;
    expect(row).toMatchObject({
      aud: "authenticated",
      role: "authenticated",
      email_confirmed_at: null,
      raw_app_meta_data: { provider: "email", providers: ["email"] },
      raw_user_meta_data: { display_name: "Rosa", locale: "fil" },
      display_name: "Rosa",
      preferred_locale: "fil",
    });
    expect(row!.encrypted_password).toMatch(/^\$2[aby]\$10\$/);
    const email = lastEmail("rosa@example.org");
    expect(email?.kind).toBe("confirm-signup");
    expect(email?.link).toMatch(/^http:\/\/portal\.test\/auth\/confirm\?token_hash=[\w-]{43}&type=signup$/);
    // Only the token's hash is stored.
    expect(row!.confirmation_token).toBe(crypto.createHash("sha256").update(tokenOf(email?.link)).digest("hex"));
  });

  it("refuses sign-in before confirmation, with a wrong password and for unknown addresses, without telling them apart", async () => {
    await auth.signUp(request(), { email: "pending@example.org", password: "a good long password", displayName: "P", locale: "en" });
    expect(await auth.signIn(request(), { email: "pending@example.org", password: "wrong password!" })).toEqual({ ok: false, error: "invalid_credentials" });
    expect(await auth.signIn(request(), { email: "nobody@example.org", password: "a good long password" })).toEqual({ ok: false, error: "invalid_credentials" });
    // The right password learns the account is unconfirmed (the owner already knows it exists).
    expect(await auth.signIn(request(), { email: "pending@example.org", password: "a good long password" })).toEqual({ ok: false, error: "email_not_confirmed" });
  });

  it("confirms once, signs in with a server-side session, and signs out for real", async () => {
    const { user, cookie } = await signUpAndConfirm("confirm@example.org");
    expect(user.emailConfirmed).toBe(true);
    const { session } = await auth.getSession(request(cookie));
    expect(session?.user.email).toBe("confirm@example.org");
    expect(session?.claims).toMatchObject({ sub: user.id, role: "authenticated", email: "confirm@example.org" });
    // The same link a second time does nothing.
    const again = await auth.verifyEmailToken(request(), { tokenHash: tokenOf(lastEmail("confirm@example.org")?.link), type: "signup" });
    expect(again).toEqual({ ok: false, error: "invalid_token" });

    await auth.signOut(request(cookie));
    expect((await auth.getSession(request(cookie))).session).toBeNull();
    const [{ count }] = (await db().client.sql`select count(*)::int as count from auth.sessions where user_id = ${user.id}`) as unknown as [{ count: number }];
    expect(count).toBe(0);
  });

  it("refuses an expired confirmation link", async () => {
    await auth.signUp(request(), { email: "late@example.org", password: "a good long password", displayName: "L", locale: "en" });
    await db().client.sql`update auth.users set confirmation_sent_at = now() - interval '25 hours' where email = 'late@example.org'`;
    const result = await auth.verifyEmailToken(request(), { tokenHash: tokenOf(lastEmail("late@example.org")?.link), type: "signup" });
    expect(result).toEqual({ ok: false, error: "invalid_token" });
  });

  it("rotates the session on sign-in and ignores a tampered cookie", async () => {
    const { cookie } = await signUpAndConfirm("rotate@example.org");
    const signedIn = await auth.signIn(request(cookie), { email: "rotate@example.org", password: "a good long password" });
    if (!signedIn.ok) throw new Error(signedIn.error);
    const fresh = cookieOf(signedIn.headers);
    expect(fresh).not.toBe(cookie);
    expect((await auth.getSession(request(cookie))).session).toBeNull();
    expect((await auth.getSession(request(fresh))).session?.user.email).toBe("rotate@example.org");
    const [name, value] = fresh.split("=") as [string, string];
    const tampered = `${name}=${value.slice(0, -4)}AAAA`;
    expect((await auth.getSession(request(tampered))).session).toBeNull();
  });

  it("answers a sign-up for an existing address the same way, and tells the owner by email instead", async () => {
    await signUpAndConfirm("taken@example.org");
    const result = await auth.signUp(request(), { email: "taken@example.org", password: "another long password", displayName: "Impostor", locale: "en" });
    expect(result).toEqual({ ok: true });
    expect(lastEmail("taken@example.org")?.kind).toBe("account-exists");
    const rows = await db().client.sql`select 1 from auth.users where email = 'taken@example.org'`;
    expect(rows).toHaveLength(1);
    expect(await auth.verifyPassword("taken@example.org", "another long password")).toBe(false);
  });

  it("resets a password by emailed link, and signs out the person's other sessions", async () => {
    const { cookie: other } = await signUpAndConfirm("reset@example.org", "the old long password");
    await auth.requestPasswordReset(request(), { email: "nobody-here@example.org", locale: "en" });
    expect(lastEmail("nobody-here@example.org")).toBeUndefined();
    await auth.requestPasswordReset(request(), { email: "reset@example.org", locale: "en" });
    const email = lastEmail("reset@example.org");
    expect(email?.kind).toBe("reset-password");
    const recovered = await auth.verifyEmailToken(request(), { tokenHash: tokenOf(email?.link), type: "recovery" });
    if (!recovered.ok) throw new Error(recovered.error);
    const current = cookieOf(recovered.headers);
    const { session } = await auth.getSession(request(current));
    expect(await auth.updatePassword(request(current), session!, "the new long password")).toMatchObject({ ok: true });
    expect(await auth.verifyPassword("reset@example.org", "the new long password")).toBe(true);
    expect(await auth.verifyPassword("reset@example.org", "the old long password")).toBe(false);
    expect((await auth.getSession(request(other))).session).toBeNull();
    expect((await auth.getSession(request(current))).session).not.toBeNull();
  });

  it("changes the email only once the new address is confirmed, and never to a taken one", async () => {
    const { cookie } = await signUpAndConfirm("old@example.org");
    await signUpAndConfirm("someone-else@example.org");
    const { session } = await auth.getSession(request(cookie));
    expect(await auth.requestEmailChange(request(cookie), session!, { newEmail: "old@example.org", locale: "en" })).toEqual({ ok: false, error: "same_email" });
    expect(await auth.requestEmailChange(request(cookie), session!, { newEmail: "someone-else@example.org", locale: "en" })).toEqual({ ok: true });
    expect(lastEmail("someone-else@example.org")?.kind).not.toBe("confirm-email-change");
    expect(await auth.requestEmailChange(request(cookie), session!, { newEmail: "New@Example.org", locale: "en" })).toEqual({ ok: true });
    expect((await auth.getSession(request(cookie))).session?.user.email).toBe("old@example.org");
    const changed = await auth.verifyEmailToken(request(cookie), { tokenHash: tokenOf(lastEmail("new@example.org")?.link), type: "email_change" });
    expect(changed).toMatchObject({ ok: true, user: { email: "new@example.org" } });
  });

  it("offers no magic links", async () => {
    expect(auth.supportsMagicLink).toBe(false);
    expect(await auth.verifyEmailToken(request(), { tokenHash: "x".repeat(43), type: "magiclink" })).toEqual({ ok: false, error: "invalid_token" });
  });
});

describe("account export and deletion", () => {
  it("exports the person's own data and nobody else's", async () => {
    const { cookie } = await signUpAndConfirm("export@example.org");
    await signUpAndConfirm("neighbour@example.org");
    const { session } = await auth.getSession(request(cookie));
    const data = await exportAccount(session!);
    expect(data.account.email).toBe("export@example.org");
    expect(data.profile?.displayName).toBe("Test Person");
    expect(JSON.stringify(data)).not.toContain("neighbour@example.org");
  });

  it("refuses to delete the last admin of an LGU, then deletes once someone else is admin", async () => {
    const { cookie, user } = await signUpAndConfirm("last-admin@example.org");
    const { user: colleague } = await signUpAndConfirm("colleague@example.org");
    const { session } = await auth.getSession(request(cookie));
    const [place] = await db().client.sql`insert into places (kind, name, country_code) values ('country', 'Testland', 'TL') returning id`;
    const [lgu] = await db().client.sql`
      insert into lgus (place_id, name, slug, created_by) values (${place!.id}, 'Test Town', 'test-town', ${user.id}) returning id`;
    await expect(deleteAccount(session!)).rejects.toMatchObject({ messageKey: "auth:delete.lastAdmin", status: 409 });
    await db().client.sql`insert into lgu_memberships (lgu_id, user_id, role) values (${lgu!.id}, ${colleague.id}, 'admin')`;
    await deleteAccount(session!);
    expect(await db().client.sql`select 1 from auth.users where id = ${user.id}`).toHaveLength(0);
    expect(await db().client.sql`select 1 from profiles where id = ${user.id}`).toHaveLength(0);
    expect(await db().client.sql`select 1 from lgu_memberships where user_id = ${user.id}`).toHaveLength(0);
    // The audit trail of the first admin grant survives with the bare id.
    expect(await db().client.sql`select 1 from audit_log where subject_table = 'lgu_memberships' and after ->> 'user_id' = ${user.id}`).toHaveLength(1);
  });
});

describe("rate limits", () => {
  it("allows up to the limit within the window, then refuses, per subject", async () => {
    const limit = { ...limits.resetPerAccount, name: `test-${crypto.randomUUID()}` };
    const results = [];
    for (let i = 0; i < limit.max + 2; i++) results.push(await hit(limit, "someone@example.org"));
    expect(results).toEqual([...Array(limit.max).fill(true), false, false]);
    expect(await hit(limit, "someone-else@example.org")).toBe(true);
    // A window that has passed starts again.
    await db().client.sql`update rate_limits set window_started_at = now() - interval '2 hours' where key like ${`${limit.name}:%`}`;
    expect(await hit(limit, "someone@example.org")).toBe(true);
  });
});

describe("what the header shows", () => {
  const sessionOf = (user: { id: string; email: string; claims: JwtClaims }) =>
    ({ user: { id: user.id, email: user.email }, claims: user.claims }) as unknown as AuthSession;

  it("reads the person's name and whether they are a platform admin, under their own claims", async () => {
    const member = await createUser(db().url, { displayName: "Ana Member" });
    const admin = await createUser(db().url, { displayName: "Ben Admin" });
    await db().client.sql`insert into platform_admins (user_id) values (${admin.id})`;
    expect(await headerUser(sessionOf(member))).toEqual({ displayName: "Ana Member", isPlatformAdmin: false });
    expect(await headerUser(sessionOf(admin))).toEqual({ displayName: "Ben Admin", isPlatformAdmin: true });
    expect(await isPlatformAdmin(sessionOf(admin))).toBe(true);
    // Without a profile row: the e-mail address, and still the admin flag.
    await db().client.sql`delete from profiles where id = ${admin.id}`;
    expect(await headerUser(sessionOf(admin))).toEqual({ displayName: admin.email, isPlatformAdmin: true });
  });
});

describe("one session lookup per request", () => {
  it("shares a lookup under way between the copies of a request Remix hands its loaders, and only while it is under way", async () => {
    const { user, cookie } = await signUpAndConfirm(`shared-${crypto.randomUUID().slice(0, 8)}@example.org`);
    let lookups = 0;
    setAdapters({ auth: { ...auth, getSession: (r: Request) => (lookups++, auth.getSession(r)) } });
    try {
      const [root, page] = await Promise.all([getAuth(request(cookie)), getAuth(request(cookie))]);
      expect(lookups).toBe(1);
      expect(root.session?.user.id).toBe(user.id);
      expect(page).toBe(root);
      // A request without cookies is looked up on its own.
      expect((await getAuth(request())).session).toBeNull();
      expect(lookups).toBe(2);
      // Once it has finished, the next request asks again: signed out, it is seen at once.
      await auth.signOut(request(cookie));
      expect((await getAuth(request(cookie))).session).toBeNull();
      expect(lookups).toBe(3);
    } finally {
      setAdapters({ auth });
    }
  });
});
