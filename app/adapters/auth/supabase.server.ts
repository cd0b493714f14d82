/**
 * The Supabase adapter of the auth port: Supabase Auth (GoTrue) through @supabase/ssr, with the
 * session in HttpOnly `sb-…` cookies. One server client per call, built from the request's Cookie
 * header; whatever the client wants to write back comes out as Set-Cookie lines in a Headers object.
 * Emailed links carry `token_hash` + `type` (Supabase's SSR templates), so the PKCE code verifier the
 * client stores along the way is never needed and is not sent back.
 */
import { createServerClient, parseCookieHeader, serializeCookieHeader, type CookieOptions } from "@supabase/ssr";
import {
  AuthUnknownError,
  createClient,
  isAuthError,
  isAuthRetryableFetchError,
  type AuthError,
  type EmailOtpType,
  type User,
  type WebSocketLikeConstructor,
} from "@supabase/supabase-js";
import WebSocket from "ws";
import type { AuthFailure, AuthPort, AuthSession, AuthUser, EmailTokenType } from "./port";

export interface SupabaseAuthOptions {
  url: string;
  anonKey: string;
  serviceRoleKey: string;
  cookieSecure: boolean;
  /** The public origin emailed links point at; defaults to the request's own origin. */
  siteUrl?: (request: Request) => string;
}

// Node 20's WebSocket is experimental; realtime-js needs a real one even though auth never opens it.
// (ws's first constructor overload takes `null`, which hides that it fits the interface.)
const realtime = { transport: WebSocket as unknown as WebSocketLikeConstructor };

// verifyOtp with a token hash: "email" is Supabase's current name for a sign-up confirmation.
const OTP_TYPES: Record<EmailTokenType, EmailOtpType> = {
  signup: "email",
  recovery: "recovery",
  email_change: "email_change",
  magiclink: "magiclink",
};

function toAuthUser(user: User): AuthUser {
  const metadata = (user.user_metadata ?? {}) as { display_name?: unknown; locale?: unknown };
  return {
    id: user.id,
    email: user.email ?? "",
    emailConfirmed: Boolean(user.email_confirmed_at),
    displayName: typeof metadata.display_name === "string" ? metadata.display_name : undefined,
    locale: typeof metadata.locale === "string" ? metadata.locale : undefined,
  };
}

function toSession(user: User): AuthSession {
  return {
    user: toAuthUser(user),
    claims: {
      sub: user.id,
      role: "authenticated",
      email: user.email,
      app_metadata: user.app_metadata,
      user_metadata: user.user_metadata,
    },
  };
}

/** Network failures and 5xx: Supabase is down, which callers must not mistake for a "no". */
function isOutage(error: AuthError): boolean {
  return isAuthRetryableFetchError(error) || error instanceof AuthUnknownError || (error.status ?? 0) >= 500;
}

function failure(error: AuthError, known: Partial<Record<string, AuthFailure>>): { ok: false; error: AuthFailure } {
  const mapped = error.code ? known[error.code] : undefined;
  return { ok: false, error: mapped ?? "unavailable" };
}

export function createSupabaseAuth(options: SupabaseAuthOptions): AuthPort {
  const { url, anonKey, serviceRoleKey, cookieSecure } = options;
  const siteUrl = options.siteUrl ?? ((request: Request) => new URL(request.url).origin);
  const confirmUrl = (request: Request) => `${siteUrl(request).replace(/\/+$/, "")}/auth/confirm`;
  const cookieOptions = { httpOnly: true, sameSite: "lax" as const, path: "/", secure: cookieSecure };

  /** A server client for one request, and the headers it fills as it writes cookies. */
  function clientFor(request: Request) {
    const headers = new Headers();
    const supabase = createServerClient(url, anonKey, {
      cookieOptions,
      cookies: {
        getAll() {
          return parseCookieHeader(request.headers.get("Cookie") ?? "").map(({ name, value }) => ({ name, value: value ?? "" }));
        },
        setAll(cookies: { name: string; value: string; options: CookieOptions }[], cacheHeaders?: Record<string, string>) {
          // The client also "removes" a session it never had; that writes nothing and must not
          // make an anonymous page uncacheable.
          if (cookies.length === 0) return;
          for (const { name, value, options: set } of cookies) {
            headers.append("Set-Cookie", serializeCookieHeader(name, value, { ...set, ...cookieOptions }));
          }
          // Responses that set a session must never be cached by a proxy for someone else.
          for (const [key, value] of Object.entries(cacheHeaders ?? {})) headers.set(key, value);
        },
      },
      auth: { flowType: "pkce" },
      realtime,
    });
    return { supabase, headers };
  }

  /** A client that keeps nothing: for the service role, and for checking a password on the side. */
  function bareClient(key: string) {
    return createClient(url, key, {
      auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
      realtime,
    });
  }

  /** Requests whose outcome must not reveal whether an address has an account. */
  async function silently(run: () => Promise<{ error: AuthError | null }>, what: string) {
    const { error } = await run();
    if (error && isOutage(error)) throw new Error(`Supabase Auth could not ${what} (${error.status ?? "network"}: ${error.message})`);
  }

  return {
    name: "supabase",
    supportsMagicLink: true,

    async getSession(request) {
      const { supabase, headers } = clientFor(request);
      // getUser asks the Auth server; the cookie alone proves nothing.
      const { data, error } = await supabase.auth.getUser();
      if (error || !data.user) return { session: null, headers };
      return { session: toSession(data.user), headers };
    },

    async signUp(request, input) {
      const { supabase } = clientFor(request);
      const { error } = await supabase.auth.signUp({
        email: input.email,
        password: input.password,
        options: {
          data: { display_name: input.displayName, locale: input.locale },
          emailRedirectTo: confirmUrl(request),
        },
      });
      // A registered address comes back as a user without identities (or, with auto-confirm, as
      // user_already_exists): the same answer as a new one, so nobody learns who has an account.
      if (!error || error.code === "user_already_exists" || error.code === "email_exists") return { ok: true };
      return failure(error, { weak_password: "weak_password" });
    },

    async signIn(request, input) {
      const { supabase, headers } = clientFor(request);
      const { data, error } = await supabase.auth.signInWithPassword({ email: input.email, password: input.password });
      if (error) return failure(error, { invalid_credentials: "invalid_credentials", email_not_confirmed: "email_not_confirmed" });
      if (!data.user) return { ok: false, error: "unavailable" };
      return { ok: true, headers, user: toAuthUser(data.user) };
    },

    async signOut(request) {
      const { supabase, headers } = clientFor(request);
      // Local scope: this browser's session ends; the person's other devices stay signed in.
      const { error } = await supabase.auth.signOut({ scope: "local" });
      if (error && isOutage(error)) throw new Error(`Supabase Auth could not sign out (${error.status ?? "network"}: ${error.message})`);
      return headers;
    },

    async verifyEmailToken(request, input) {
      const { supabase, headers } = clientFor(request);
      const { data, error } = await supabase.auth.verifyOtp({ token_hash: input.tokenHash, type: OTP_TYPES[input.type] });
      if (error) return isOutage(error) ? { ok: false, error: "unavailable" } : { ok: false, error: "invalid_token" };
      if (data.user) return { ok: true, headers, user: toAuthUser(data.user) };
      // Secure email change: the first of the two links is accepted without a session or user.
      // The person who asked is usually still signed in here; report them, address not yet changed.
      const { data: current } = await supabase.auth.getUser();
      if (current.user) return { ok: true, headers, user: toAuthUser(current.user) };
      return { ok: false, error: "invalid_token" };
    },

    async requestPasswordReset(request, input) {
      const { supabase } = clientFor(request);
      await silently(() => supabase.auth.resetPasswordForEmail(input.email, { redirectTo: confirmUrl(request) }), "send a reset link");
    },

    async sendMagicLink(request, input) {
      const { supabase } = clientFor(request);
      // shouldCreateUser false: an unknown address gets 422 otp_disabled, which stays unsaid.
      await silently(
        () => supabase.auth.signInWithOtp({ email: input.email, options: { shouldCreateUser: false, emailRedirectTo: confirmUrl(request) } }),
        "send a sign-in link",
      );
    },

    async verifyPassword(email, password) {
      const client = bareClient(anonKey);
      const { data, error } = await client.auth.signInWithPassword({ email, password });
      if (error) {
        if (isOutage(error)) throw new Error(`Supabase Auth could not check a password (${error.status ?? "network"}: ${error.message})`);
        return false;
      }
      // The check opened a session of its own; close it so it does not linger in auth.sessions.
      if (data.session) await client.auth.signOut({ scope: "local" });
      return true;
    },

    async updatePassword(request, _session, newPassword) {
      const { supabase, headers } = clientFor(request);
      const { error } = await supabase.auth.updateUser({ password: newPassword });
      // same_password is a policy refusal like a weak one: the person must choose another password.
      if (error) return failure(error, { weak_password: "weak_password", same_password: "weak_password" });
      // Supabase already ends the other sessions when a password changes; this says it again and
      // stays harmless if it fails, because the password is changed either way.
      await supabase.auth.signOut({ scope: "others" });
      return { ok: true, headers };
    },

    async requestEmailChange(request, session, input) {
      if (input.newEmail.trim().toLowerCase() === session.user.email.trim().toLowerCase()) return { ok: false, error: "same_email" };
      const { supabase } = clientFor(request);
      const { error } = await supabase.auth.updateUser({ email: input.newEmail }, { emailRedirectTo: confirmUrl(request) });
      // An address that belongs to someone else is answered like any other: no enumeration.
      if (!error || error.code === "email_exists") return { ok: true };
      return failure(error, {});
    },

    async deleteUser(userId) {
      const { error } = await bareClient(serviceRoleKey).auth.admin.deleteUser(userId);
      if (!error || (isAuthError(error) && error.status === 404)) return;
      throw new Error(`Supabase Auth could not delete user ${userId} (${error.status ?? "network"}: ${error.message})`);
    },
  };
}
