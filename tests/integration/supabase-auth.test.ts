/**
 * Contract tests of the Supabase auth adapter against the fake Supabase (tests/support/fake-supabase.ts):
 * what the adapter sends over the wire, what it makes of Supabase's answers, and the cookies it sets.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createSupabaseAuth } from "../../app/adapters/auth/supabase.server";
import type { AuthPort } from "../../app/adapters/auth/port";
import { startFakeSupabase, type FakeSupabase, type RecordedRequest } from "../support/fake-supabase";

const SITE = "https://tulay.example.org";
const PASSWORD = "correct horse battery";

let fake: FakeSupabase;
let auth: AuthPort;

beforeAll(async () => {
  fake = await startFakeSupabase();
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  fake.reset();
  auth = makeAuth();
});

function makeAuth(cookieSecure = false): AuthPort {
  return createSupabaseAuth({
    url: fake.url,
    anonKey: fake.anonKey,
    serviceRoleKey: fake.serviceRoleKey,
    cookieSecure,
    siteUrl: () => SITE,
  });
}

interface SetCookie {
  name: string;
  value: string;
  attributes: Record<string, string | true>;
}

function setCookies(headers: Headers): SetCookie[] {
  return headers.getSetCookie().map((line) => {
    const [pair = "", ...rest] = line.split(";").map((part) => part.trim());
    const index = pair.indexOf("=");
    const attributes: Record<string, string | true> = {};
    for (const attribute of rest) {
      const [key = "", value] = attribute.split("=");
      attributes[key.toLowerCase()] = value ?? true;
    }
    return { name: pair.slice(0, index), value: pair.slice(index + 1), attributes };
  });
}

/** What a browser would send back after these responses, as a Cookie header. */
function cookieHeader(...responses: Headers[]): string {
  const jar = new Map<string, string>();
  for (const headers of responses) {
    for (const cookie of setCookies(headers)) {
      if (cookie.attributes["max-age"] === "0" || cookie.value === "") jar.delete(cookie.name);
      else jar.set(cookie.name, cookie.value);
    }
  }
  return [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
}

function request(path = "/", cookie?: string): Request {
  return new Request(`http://127.0.0.1:3000${path}`, { method: "POST", headers: cookie ? { Cookie: cookie } : {} });
}

function sent(method: string, path: string): RecordedRequest[] {
  return fake.requests.filter((r) => r.method === method && r.path === path);
}

function lastSent(method: string, path: string): RecordedRequest {
  const found = sent(method, path).at(-1);
  if (!found) throw new Error(`the fake received no ${method} ${path}`);
  return found;
}

async function signedIn(email = "amihan@example.org", password = PASSWORD) {
  if (!fake.userByEmail(email)) fake.addUser({ email, password, userMetadata: { display_name: "Amihan" } });
  const result = await auth.signIn(request("/login"), { email, password });
  if (!result.ok) throw new Error(`sign-in failed: ${result.error}`);
  return { result, cookie: cookieHeader(result.headers) };
}

describe("supabase auth adapter", () => {
  it("names itself and offers magic links", () => {
    expect(auth.name).toBe("supabase");
    expect(auth.supportsMagicLink).toBe(true);
  });

  describe("signUp", () => {
    it("creates the account with the display name and locale, and a confirmation link back to /auth/confirm", async () => {
      const result = await auth.signUp(request("/signup"), { email: "Bayani@Example.org", password: PASSWORD, displayName: "Bayani", locale: "fil" });
      expect(result).toEqual({ ok: true });

      const call = lastSent("POST", "/auth/v1/signup");
      expect(call.headers.apikey).toBe(fake.anonKey);
      expect(call.query.redirect_to).toBe(`${SITE}/auth/confirm`);
      expect(call.body).toMatchObject({ email: "Bayani@Example.org", password: PASSWORD, data: { display_name: "Bayani", locale: "fil" } });
      expect(call.status).toBe(200);

      const user = fake.userByEmail("bayani@example.org");
      expect(user?.emailConfirmedAt).toBeNull();
      expect(user?.userMetadata).toEqual({ display_name: "Bayani", locale: "fil" });
      expect(fake.mails).toEqual([expect.objectContaining({ type: "signup", to: "bayani@example.org", redirectTo: `${SITE}/auth/confirm` })]);
    });

    it("answers an already registered address exactly like a new one", async () => {
      const existing = fake.addUser({ email: "taken@example.org", password: PASSWORD });
      const result = await auth.signUp(request("/signup"), { email: "taken@example.org", password: "another password", displayName: "X", locale: "en" });
      expect(result).toEqual({ ok: true });
      expect(lastSent("POST", "/auth/v1/signup").status).toBe(200);
      expect([...fake.users.values()].map((u) => u.id)).toEqual([existing.id]);
      expect(fake.users.get(existing.id)?.password).toBe(PASSWORD);
    });

    it("also says ok where Supabase auto-confirms and reports user_already_exists", async () => {
      fake.settings.autoconfirm = true;
      fake.addUser({ email: "taken@example.org", password: PASSWORD });
      const result = await auth.signUp(request("/signup"), { email: "taken@example.org", password: PASSWORD, displayName: "X", locale: "en" });
      expect(lastSent("POST", "/auth/v1/signup").status).toBe(422);
      expect(result).toEqual({ ok: true });
    });

    it("maps Supabase's weak_password to weak_password, and a server failure to unavailable", async () => {
      const weak = await auth.signUp(request("/signup"), { email: "new@example.org", password: "short", displayName: "N", locale: "en" });
      expect(lastSent("POST", "/auth/v1/signup").status).toBe(422);
      expect(weak).toEqual({ ok: false, error: "weak_password" });

      fake.failNext({ path: "/auth/v1/signup" }, 500);
      const down = await auth.signUp(request("/signup"), { email: "new@example.org", password: PASSWORD, displayName: "N", locale: "en" });
      expect(down).toEqual({ ok: false, error: "unavailable" });
      expect(fake.userByEmail("new@example.org")).toBeUndefined();
    });
  });

  describe("signIn and getSession", () => {
    it("signs in and sets HttpOnly, SameSite=Lax sb- cookies on path /", async () => {
      const user = fake.addUser({ email: "amihan@example.org", password: PASSWORD });
      const result = await auth.signIn(request("/login"), { email: "amihan@example.org", password: PASSWORD });
      if (!result.ok) throw new Error(result.error);
      expect(result.user).toEqual({ id: user.id, email: "amihan@example.org", emailConfirmed: true });

      const cookies = setCookies(result.headers);
      expect(cookies.length).toBeGreaterThan(0);
      for (const cookie of cookies) {
        expect(cookie.name).toMatch(/^sb-127-auth-token(\.\d+)?$/);
        expect(cookie.attributes.httponly).toBe(true);
        expect(cookie.attributes.samesite).toBe("Lax");
        expect(cookie.attributes.path).toBe("/");
        expect(cookie.attributes.secure).toBeUndefined();
      }
      // A response that carries a session must not be cached for someone else.
      expect(result.headers.get("Cache-Control")).toContain("no-store");
      expect(lastSent("POST", "/auth/v1/token").query.grant_type).toBe("password");
    });

    it("marks the cookies Secure when cookieSecure is set", async () => {
      fake.addUser({ email: "amihan@example.org", password: PASSWORD });
      const result = await makeAuth(true).signIn(request("/login"), { email: "amihan@example.org", password: PASSWORD });
      if (!result.ok) throw new Error(result.error);
      expect(setCookies(result.headers).every((c) => c.attributes.secure === true)).toBe(true);
    });

    it("reads the session back from the cookies, verified by the Auth server", async () => {
      const { result, cookie } = await signedIn();
      const { session, headers } = await auth.getSession(request("/me", cookie));
      // The name given at sign-up comes along (user metadata) for the first profile.
      expect(session?.user).toEqual({ id: result.user.id, email: "amihan@example.org", emailConfirmed: true, displayName: "Amihan", locale: undefined });
      expect(session?.claims).toMatchObject({
        sub: result.user.id,
        role: "authenticated",
        email: "amihan@example.org",
        app_metadata: { provider: "email", providers: ["email"] },
        user_metadata: { display_name: "Amihan" },
      });
      const call = lastSent("GET", "/auth/v1/user");
      expect(call.headers.authorization).toMatch(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
      expect(call.headers.apikey).toBe(fake.anonKey);
      expect(headers.getSetCookie()).toEqual([]);
    });

    it("has no session without cookies, with a garbage cookie, or once Supabase ended the session", async () => {
      const none = await auth.getSession(request("/"));
      expect(none.session).toBeNull();
      expect(none.headers.getSetCookie()).toEqual([]);
      expect(none.headers.get("Cache-Control")).toBeNull();
      expect(sent("GET", "/auth/v1/user")).toEqual([]);

      const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
      const garbage = await auth.getSession(request("/", "sb-127-auth-token=base64-bm90LWpzb24"));
      expect(garbage.session).toBeNull();
      expect(warn).toHaveBeenCalledWith(expect.stringContaining("@supabase/ssr: chunked cookie decoded to invalid JSON"));
      warn.mockRestore();

      const { result, cookie } = await signedIn();
      // Signed out everywhere from another device, say: Supabase no longer knows the session.
      fake.endSessionsOf(result.user.id);

      const ended = await auth.getSession(request("/me", cookie));
      expect(lastSent("GET", "/auth/v1/user").status).toBe(403);
      expect(ended.session).toBeNull();
      // Supabase said the session is gone: the adapter clears the stale cookies.
      expect(setCookies(ended.headers).map((c) => c.attributes["max-age"])).toContain("0");
    });

    it("refreshes an expiring access token and sends the new cookies", async () => {
      fake.settings.jwtExpirySeconds = 30; // inside auth-js's refresh margin: refreshed on next use
      const { result, cookie } = await signedIn();
      const { session, headers } = await auth.getSession(request("/me", cookie));
      expect(lastSent("POST", "/auth/v1/token").query.grant_type).toBe("refresh_token");
      expect(session?.user.id).toBe(result.user.id);
      const refreshed = cookieHeader(headers);
      expect(refreshed).toMatch(/^sb-127-auth-token/);
      expect(refreshed).not.toBe(cookie);
    });

    it("maps a wrong password and an unknown address to invalid_credentials", async () => {
      fake.addUser({ email: "amihan@example.org", password: PASSWORD });
      const wrong = await auth.signIn(request("/login"), { email: "amihan@example.org", password: "wrong password" });
      expect(wrong).toEqual({ ok: false, error: "invalid_credentials" });
      const unknown = await auth.signIn(request("/login"), { email: "nobody@example.org", password: PASSWORD });
      expect(unknown).toEqual({ ok: false, error: "invalid_credentials" });
      expect(sent("POST", "/auth/v1/token").map((r) => r.status)).toEqual([400, 400]);
    });

    it("maps an unconfirmed address to email_not_confirmed and an outage to unavailable", async () => {
      fake.addUser({ email: "new@example.org", password: PASSWORD, confirmed: false });
      const unconfirmed = await auth.signIn(request("/login"), { email: "new@example.org", password: PASSWORD });
      expect(unconfirmed).toEqual({ ok: false, error: "email_not_confirmed" });

      fake.failNext({ path: "/auth/v1/token" }, 503);
      const down = await auth.signIn(request("/login"), { email: "new@example.org", password: PASSWORD });
      expect(down).toEqual({ ok: false, error: "unavailable" });
    });
  });

  describe("signOut", () => {
    it("ends this session on the server and clears the cookies", async () => {
      const { result, cookie } = await signedIn();
      const headers = await auth.signOut(request("/logout", cookie));
      expect(lastSent("POST", "/auth/v1/logout").query.scope).toBe("local");
      expect(fake.sessionsOf(result.user.id)).toEqual([]);

      const cleared = setCookies(headers);
      expect(cleared.length).toBeGreaterThan(0);
      for (const c of cleared) {
        expect(c.name).toMatch(/^sb-/);
        expect(c.value).toBe("");
        expect(c.attributes["max-age"]).toBe("0");
      }
      expect(cookieHeader(result.headers, headers)).toBe("");
      expect((await auth.getSession(request("/me", cookie))).session).toBeNull();
    });
  });

  describe("verifyEmailToken", () => {
    async function signUpAndGetLink(email = "bayani@example.org") {
      await auth.signUp(request("/signup"), { email, password: PASSWORD, displayName: "Bayani", locale: "en" });
      const mail = fake.mails.find((m) => m.to === email && m.type === "signup");
      if (!mail) throw new Error("no confirmation mail");
      return mail.tokenHash;
    }

    it("confirms a sign-up and signs the person in", async () => {
      const tokenHash = await signUpAndGetLink();
      expect(tokenHash).toMatch(/^pkce_[0-9a-f]{56}$/);
      const result = await auth.verifyEmailToken(request("/auth/confirm"), { tokenHash, type: "signup" });
      if (!result.ok) throw new Error(result.error);
      expect(result.user).toMatchObject({ email: "bayani@example.org", emailConfirmed: true });
      expect(lastSent("POST", "/auth/v1/verify").body).toMatchObject({ token_hash: tokenHash, type: "email" });
      expect(setCookies(result.headers).map((c) => c.name)).toContain("sb-127-auth-token");
      const { session } = await auth.getSession(request("/me", cookieHeader(result.headers)));
      expect(session?.user.id).toBe(result.user.id);
    });

    it("refuses a used, an expired or an unknown token as invalid_token", async () => {
      const tokenHash = await signUpAndGetLink();
      expect((await auth.verifyEmailToken(request(), { tokenHash, type: "signup" })).ok).toBe(true);
      expect(await auth.verifyEmailToken(request(), { tokenHash, type: "signup" })).toEqual({ ok: false, error: "invalid_token" });

      const late = await signUpAndGetLink("late@example.org");
      fake.advanceClock(3601);
      expect(await auth.verifyEmailToken(request(), { tokenHash: late, type: "signup" })).toEqual({ ok: false, error: "invalid_token" });
      expect(lastSent("POST", "/auth/v1/verify").status).toBe(403);
      expect(fake.userByEmail("late@example.org")?.emailConfirmedAt).toBeNull();

      expect(await auth.verifyEmailToken(request(), { tokenHash: "pkce_0000", type: "recovery" })).toEqual({ ok: false, error: "invalid_token" });
    });

    it("signs in with a recovery link and with a magic link", async () => {
      fake.addUser({ email: "amihan@example.org", password: PASSWORD });
      await auth.requestPasswordReset(request("/forgot-password"), { email: "amihan@example.org", locale: "en" });
      const recovery = fake.mails.find((m) => m.type === "recovery");
      const viaRecovery = await auth.verifyEmailToken(request(), { tokenHash: recovery?.tokenHash ?? "", type: "recovery" });
      expect(viaRecovery.ok && viaRecovery.user.email).toBe("amihan@example.org");
      expect(lastSent("POST", "/auth/v1/verify").body).toMatchObject({ type: "recovery" });

      await auth.sendMagicLink(request("/login"), { email: "amihan@example.org", locale: "en" });
      const magic = fake.mails.find((m) => m.type === "magiclink");
      const viaMagic = await auth.verifyEmailToken(request(), { tokenHash: magic?.tokenHash ?? "", type: "magiclink" });
      expect(viaMagic.ok && setCookies(viaMagic.headers).length).toBeGreaterThan(0);
      expect(lastSent("POST", "/auth/v1/verify").body).toMatchObject({ type: "magiclink" });
    });
  });

  describe("requestPasswordReset and sendMagicLink", () => {
    it("send links back to /auth/confirm for a known address", async () => {
      fake.addUser({ email: "amihan@example.org", password: PASSWORD });
      await auth.requestPasswordReset(request("/forgot-password"), { email: "amihan@example.org", locale: "en" });
      const reset = lastSent("POST", "/auth/v1/recover");
      expect(reset.query.redirect_to).toBe(`${SITE}/auth/confirm`);
      expect(reset.body).toMatchObject({ email: "amihan@example.org" });
      expect(reset.headers.apikey).toBe(fake.anonKey);

      await auth.sendMagicLink(request("/login"), { email: "amihan@example.org", locale: "en" });
      const otp = lastSent("POST", "/auth/v1/otp");
      expect(otp.query.redirect_to).toBe(`${SITE}/auth/confirm`);
      expect(otp.body).toMatchObject({ email: "amihan@example.org", create_user: false });

      expect(fake.mails.map((m) => [m.type, m.to, m.redirectTo])).toEqual([
        ["recovery", "amihan@example.org", `${SITE}/auth/confirm`],
        ["magiclink", "amihan@example.org", `${SITE}/auth/confirm`],
      ]);
    });

    it("stay silent for an unknown address, even where Supabase answers 422", async () => {
      await expect(auth.requestPasswordReset(request(), { email: "nobody@example.org", locale: "en" })).resolves.toBeUndefined();
      await expect(auth.sendMagicLink(request(), { email: "nobody@example.org", locale: "en" })).resolves.toBeUndefined();
      expect(lastSent("POST", "/auth/v1/otp").status).toBe(422);
      expect(fake.mails).toEqual([]);
      expect(fake.users.size).toBe(0);
    });

    it("throw when Supabase is down, without the keys in the message", async () => {
      fake.failNext({ path: "/auth/v1/recover" }, 502);
      const reset = await auth.requestPasswordReset(request(), { email: "a@example.org", locale: "en" }).catch((e: Error) => e);
      expect(reset).toBeInstanceOf(Error);
      expect((reset as Error).message).toMatch(/Supabase Auth could not send a reset link \(502/);
      expect((reset as Error).message).not.toContain(fake.anonKey);

      fake.failNext({ path: "/auth/v1/otp" }, 500);
      await expect(auth.sendMagicLink(request(), { email: "a@example.org", locale: "en" })).rejects.toThrow(/sign-in link/);
    });

    it("uses the request's origin when no site URL is configured", async () => {
      const plain = createSupabaseAuth({ url: fake.url, anonKey: fake.anonKey, serviceRoleKey: fake.serviceRoleKey, cookieSecure: false });
      await plain.requestPasswordReset(new Request("http://127.0.0.1:4321/forgot-password", { method: "POST" }), { email: "x@example.org", locale: "en" });
      expect(lastSent("POST", "/auth/v1/recover").query.redirect_to).toBe("http://127.0.0.1:4321/auth/confirm");
    });
  });

  describe("verifyPassword", () => {
    it("is true only for the right password, and leaves no session behind", async () => {
      const user = fake.addUser({ email: "amihan@example.org", password: PASSWORD });
      expect(await auth.verifyPassword("amihan@example.org", PASSWORD)).toBe(true);
      expect(lastSent("POST", "/auth/v1/logout").query.scope).toBe("local");
      expect(fake.sessionsOf(user.id)).toEqual([]);
      expect(await auth.verifyPassword("amihan@example.org", "wrong password")).toBe(false);
      expect(await auth.verifyPassword("nobody@example.org", PASSWORD)).toBe(false);
    });

    it("throws rather than answer false when Supabase is down", async () => {
      fake.failNext({ path: "/auth/v1/token" }, 500);
      await expect(auth.verifyPassword("amihan@example.org", PASSWORD)).rejects.toThrow(/could not check a password/);
    });
  });

  describe("updatePassword", () => {
    it("sets the new password, ends the other sessions and keeps this one", async () => {
      const { result, cookie } = await signedIn();
      const elsewhere = await auth.signIn(request("/login"), { email: "amihan@example.org", password: PASSWORD });
      if (!elsewhere.ok) throw new Error(elsewhere.error);
      const { session } = await auth.getSession(request("/me", cookie));
      if (!session) throw new Error("no session");

      const updated = await auth.updatePassword(request("/me/security", cookie), session, "a brand new password");
      if (!updated.ok) throw new Error(updated.error);
      expect(lastSent("PUT", "/auth/v1/user").body).toMatchObject({ password: "a brand new password" });
      expect(lastSent("POST", "/auth/v1/logout").query.scope).toBe("others");
      expect(fake.sessionsOf(result.user.id)).toHaveLength(1);

      expect((await auth.getSession(request("/me", cookie))).session?.user.id).toBe(result.user.id);
      expect((await auth.getSession(request("/me", cookieHeader(elsewhere.headers)))).session).toBeNull();
      expect(await auth.verifyPassword("amihan@example.org", "a brand new password")).toBe(true);
      expect(await auth.verifyPassword("amihan@example.org", PASSWORD)).toBe(false);
    });

    it("maps a weak or unchanged password to weak_password", async () => {
      const { cookie } = await signedIn();
      const { session } = await auth.getSession(request("/me", cookie));
      if (!session) throw new Error("no session");
      expect(await auth.updatePassword(request("/", cookie), session, "short")).toEqual({ ok: false, error: "weak_password" });
      expect(lastSent("PUT", "/auth/v1/user").status).toBe(422);
      expect(await auth.updatePassword(request("/", cookie), session, PASSWORD)).toEqual({ ok: false, error: "weak_password" });
      expect(sent("POST", "/auth/v1/logout")).toEqual([]);
    });
  });

  describe("requestEmailChange", () => {
    async function sessionFor(email: string) {
      const { cookie } = await signedIn(email);
      const { session } = await auth.getSession(request("/me", cookie));
      if (!session) throw new Error("no session");
      return { cookie, session };
    }

    it("refuses the current address as same_email without asking Supabase", async () => {
      const { cookie, session } = await sessionFor("amihan@example.org");
      const before = fake.requests.length;
      expect(await auth.requestEmailChange(request("/", cookie), session, { newEmail: " Amihan@Example.org ", locale: "en" })).toEqual({
        ok: false,
        error: "same_email",
      });
      expect(fake.requests.length).toBe(before);
    });

    it("emails a link to the new address, and the change applies once it is followed", async () => {
      const { cookie, session } = await sessionFor("amihan@example.org");
      expect(await auth.requestEmailChange(request("/", cookie), session, { newEmail: "amihan@example.net", locale: "en" })).toEqual({ ok: true });
      const call = lastSent("PUT", "/auth/v1/user");
      expect(call.body).toMatchObject({ email: "amihan@example.net" });
      expect(call.query.redirect_to).toBe(`${SITE}/auth/confirm`);
      expect(fake.userByEmail("amihan@example.org")?.newEmail).toBe("amihan@example.net");

      const mail = fake.mails.find((m) => m.type === "email_change");
      expect(mail?.to).toBe("amihan@example.net");
      const confirmed = await auth.verifyEmailToken(request("/auth/confirm", cookie), { tokenHash: mail?.tokenHash ?? "", type: "email_change" });
      expect(confirmed.ok && confirmed.user.email).toBe("amihan@example.net");
      expect(lastSent("POST", "/auth/v1/verify").body).toMatchObject({ type: "email_change" });
    });

    it("with secure email change, accepts the first link and reports the signed-in person", async () => {
      fake.settings.secureEmailChange = true;
      const { cookie, session } = await sessionFor("amihan@example.org");
      await auth.requestEmailChange(request("/", cookie), session, { newEmail: "amihan@example.net", locale: "en" });
      const [toNew, toCurrent] = ["email_change", "email_change_current"].map((type) => fake.mails.find((m) => m.type === type));
      const first = await auth.verifyEmailToken(request("/auth/confirm", cookie), { tokenHash: toCurrent?.tokenHash ?? "", type: "email_change" });
      expect(first.ok && first.user).toMatchObject({ id: session.user.id, email: "amihan@example.org" });
      const second = await auth.verifyEmailToken(request("/auth/confirm", cookie), { tokenHash: toNew?.tokenHash ?? "", type: "email_change" });
      expect(second.ok && second.user.email).toBe("amihan@example.net");
    });

    it("answers an address owned by someone else like any other, and sends nothing", async () => {
      fake.addUser({ email: "taken@example.org", password: PASSWORD });
      const { cookie, session } = await sessionFor("amihan@example.org");
      expect(await auth.requestEmailChange(request("/", cookie), session, { newEmail: "taken@example.org", locale: "en" })).toEqual({ ok: true });
      expect(lastSent("PUT", "/auth/v1/user").status).toBe(422);
      expect(fake.mails).toEqual([]);
    });
  });

  describe("deleteUser", () => {
    it("calls the admin endpoint with the service-role key, never the anon key", async () => {
      const user = fake.addUser({ email: "amihan@example.org", password: PASSWORD });
      await auth.deleteUser(user.id);
      const call = lastSent("DELETE", `/auth/v1/admin/users/${user.id}`);
      expect(call.status).toBe(200);
      expect(call.headers.apikey).toBe(fake.serviceRoleKey);
      expect(call.headers.authorization).toBe(`Bearer ${fake.serviceRoleKey}`);
      expect(JSON.stringify(call.headers)).not.toContain(fake.anonKey);
      expect(fake.users.has(user.id)).toBe(false);
    });

    it("treats an account that is already gone as deleted, and throws on an outage", async () => {
      await expect(auth.deleteUser(crypto.randomUUID())).resolves.toBeUndefined();
      expect(fake.requests.at(-1)?.status).toBe(404);
      fake.failNext({ path: /^\/auth\/v1\/admin\/users\// }, 500);
      await expect(auth.deleteUser(crypto.randomUUID())).rejects.toThrow(/could not delete user/);
    });
  });
});
