/**
 * The local auth adapter (embedded default and tests). Users live in auth.users exactly as Supabase
 * Auth keeps them — bcrypt hashes in encrypted_password (cost 10, Supabase's own), SHA-256 of the
 * emailed tokens in confirmation_token / recovery_token / email_change_token_new — so the same RLS
 * works and the accounts could move to Supabase. Sessions are rows in auth.sessions; the cookie
 * holds only the signed session id, so signing out ends the session on the server.
 */
import crypto from "node:crypto";
import { createCookie } from "@remix-run/node";
import bcrypt from "bcryptjs";
import type { DbClient } from "~/db/client.server";
import type { AuthPort, AuthResult, AuthSession, AuthUser, EmailTokenType } from "./port";

export type AuthEmailKind = "confirm-signup" | "account-exists" | "reset-password" | "confirm-email-change";

export interface LocalAuthOptions {
  db: () => DbClient;
  secret: string;
  cookieSecure: boolean;
  /** Sends one of the account emails; `link` is absent for notices that need none. */
  sendEmail: (request: Request, kind: AuthEmailKind, input: { to: string; locale: string; link?: string }) => Promise<void>;
  /** The absolute origin for emailed links (APP_URL, or the request's origin in development). */
  siteUrl: (request: Request) => string;
  sessionDays?: number;
}

const BCRYPT_COST = 10;
const CONFIRM_HOURS = 24;
const RECOVERY_HOURS = 1;
// A real hash of a random string: comparing against it when the email is unknown takes as long as
// a real check, so response times do not reveal which addresses have accounts.
const DUMMY_HASH = bcrypt.hashSync(crypto.randomBytes(16).toString("hex"), BCRYPT_COST);

const sha256 = (value: string) => crypto.createHash("sha256").update(value).digest("hex");
const newToken = () => crypto.randomBytes(32).toString("base64url");

interface UserRow {
  id: string;
  email: string;
  encrypted_password: string | null;
  email_confirmed_at: Date | null;
}

export function createLocalAuth(options: LocalAuthOptions): AuthPort {
  const sessionDays = options.sessionDays ?? 30;
  const cookie = createCookie("tulay_session", {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure: options.cookieSecure,
    secrets: [options.secret],
    maxAge: sessionDays * 24 * 60 * 60,
  });
  // The connection's owner role, like Supabase's own auth server (supabase_auth_admin): auth.* is
  // outside RLS by design. (Drizzle shares this client and passes JSON through unserialised, hence
  // JSON.stringify(...)::jsonb below rather than sql.json.)
  const sql = () => options.db().sql;

  const toUser = (row: UserRow): AuthUser => ({ id: row.id, email: row.email, emailConfirmed: Boolean(row.email_confirmed_at) });
  const toSession = (user: AuthUser): AuthSession => ({
    user,
    claims: { sub: user.id, role: "authenticated", email: user.email, aal: "aal1", is_anonymous: false },
  });

  async function sessionIdFrom(request: Request): Promise<string | null> {
    const value: unknown = await cookie.parse(request.headers.get("Cookie"));
    return typeof value === "string" && /^[0-9a-f-]{36}$/.test(value) ? value : null;
  }

  async function startSession(request: Request, userId: string): Promise<Headers> {
    const previous = await sessionIdFrom(request);
    const id = crypto.randomUUID();
    await sql().begin(async (tx) => {
      // Rotation: the session someone had before signing in (perhaps planted) never becomes theirs.
      if (previous) await tx`delete from auth.sessions where id = ${previous}`;
      await tx`insert into auth.sessions (id, user_id, not_after, user_agent)
        values (${id}, ${userId}, now() + make_interval(days => ${sessionDays}), ${request.headers.get("User-Agent")?.slice(0, 300) ?? null})`;
      await tx`update auth.users set last_sign_in_at = now(), updated_at = now() where id = ${userId}`;
    });
    return new Headers({ "Set-Cookie": await cookie.serialize(id) });
  }

  async function findUser(email: string): Promise<UserRow | undefined> {
    const [row] = await sql()<UserRow[]>`
      select id, email, encrypted_password, email_confirmed_at from auth.users
      where lower(email) = ${email.toLowerCase()} and deleted_at is null and is_anonymous is false`;
    return row;
  }

  async function passwordMatches(row: UserRow | undefined, password: string): Promise<boolean> {
    const ok = await bcrypt.compare(password, row?.encrypted_password || DUMMY_HASH);
    return Boolean(row?.encrypted_password) && ok;
  }

  const link = (request: Request, token: string, type: EmailTokenType) =>
    `${options.siteUrl(request)}/auth/confirm?${new URLSearchParams({ token_hash: token, type })}`;

  return {
    name: "local",
    supportsMagicLink: false,

    async getSession(request) {
      const headers = new Headers();
      const id = await sessionIdFrom(request);
      if (!id) return { session: null, headers };
      const [row] = await sql()<UserRow[]>`
        select u.id, u.email, u.encrypted_password, u.email_confirmed_at
        from auth.sessions s join auth.users u on u.id = s.user_id
        where s.id = ${id} and (s.not_after is null or s.not_after > now())
          and u.deleted_at is null and (u.banned_until is null or u.banned_until < now())`;
      if (!row) {
        headers.append("Set-Cookie", await cookie.serialize("", { maxAge: 0 }));
        return { session: null, headers };
      }
      return { session: toSession(toUser(row)), headers };
    },

    async signUp(request, input) {
      const email = input.email.toLowerCase();
      const existing = await findUser(email);
      if (existing) {
        // Same answer as for a new address; the owner hears about it by email instead.
        if (existing.email_confirmed_at) {
          await options.sendEmail(request, "account-exists", { to: email, locale: input.locale });
        } else {
          const token = newToken();
          await sql()`update auth.users set confirmation_token = ${sha256(token)}, confirmation_sent_at = now() where id = ${existing.id}`;
          await options.sendEmail(request, "confirm-signup", { to: email, locale: input.locale, link: link(request, token, "signup") });
        }
        return { ok: true };
      }
      const token = newToken();
      const hash = await bcrypt.hash(input.password, BCRYPT_COST);
      await sql().begin(async (tx) => {
        const [user] = await tx<{ id: string }[]>`
          insert into auth.users (instance_id, aud, role, email, encrypted_password, confirmation_token, confirmation_sent_at,
                                  raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
          values ('00000000-0000-0000-0000-000000000000', 'authenticated', 'authenticated', ${email}, ${hash},
                  ${sha256(token)}, now(), ${JSON.stringify({ provider: "email", providers: ["email"] })}::jsonb,
                  ${JSON.stringify({ display_name: input.displayName, locale: input.locale })}::jsonb, now(), now())
          returning id`;
        await tx`insert into public.profiles (id, display_name, preferred_locale)
          values (${user!.id}, ${input.displayName}, ${input.locale})`;
      });
      await options.sendEmail(request, "confirm-signup", { to: email, locale: input.locale, link: link(request, token, "signup") });
      return { ok: true };
    },

    async signIn(request, input) {
      const row = await findUser(input.email);
      if (!(await passwordMatches(row, input.password)) || !row) return { ok: false, error: "invalid_credentials" };
      if (!row.email_confirmed_at) return { ok: false, error: "email_not_confirmed" };
      return { ok: true, headers: await startSession(request, row.id), user: toUser(row) };
    },

    async signOut(request) {
      const id = await sessionIdFrom(request);
      if (id) await sql()`delete from auth.sessions where id = ${id}`;
      return new Headers({ "Set-Cookie": await cookie.serialize("", { maxAge: 0 }) });
    },

    async verifyEmailToken(request, { tokenHash, type }): Promise<AuthResult<{ headers: Headers; user: AuthUser }>> {
      const hashed = sha256(tokenHash);
      let rows: UserRow[] = [];
      if (type === "signup") {
        rows = await sql()<UserRow[]>`
          update auth.users set email_confirmed_at = coalesce(email_confirmed_at, now()), confirmation_token = '', updated_at = now()
          where confirmation_token = ${hashed} and confirmation_sent_at > now() - make_interval(hours => ${CONFIRM_HOURS})
          returning id, email, encrypted_password, email_confirmed_at`;
      } else if (type === "recovery") {
        rows = await sql()<UserRow[]>`
          update auth.users set recovery_token = '', email_confirmed_at = coalesce(email_confirmed_at, now()), updated_at = now()
          where recovery_token = ${hashed} and recovery_sent_at > now() - make_interval(hours => ${RECOVERY_HOURS})
          returning id, email, encrypted_password, email_confirmed_at`;
      } else if (type === "email_change") {
        try {
          rows = await sql()<UserRow[]>`
            update auth.users set email = email_change, email_change = '', email_change_token_new = '', updated_at = now()
            where email_change_token_new = ${hashed} and email_change <> ''
              and email_change_sent_at > now() - make_interval(hours => ${CONFIRM_HOURS})
            returning id, email, encrypted_password, email_confirmed_at`;
        } catch (error) {
          // The address was taken by someone else since the change was asked for.
          if ((error as { code?: string }).code === "23505") return { ok: false, error: "invalid_token" };
          throw error;
        }
      }
      const [row] = rows;
      if (!row) return { ok: false, error: "invalid_token" };
      return { ok: true, headers: await startSession(request, row.id), user: toUser(row) };
    },

    async requestPasswordReset(request, input) {
      const row = await findUser(input.email);
      if (!row) return;
      const token = newToken();
      await sql()`update auth.users set recovery_token = ${sha256(token)}, recovery_sent_at = now() where id = ${row.id}`;
      await options.sendEmail(request, "reset-password", { to: row.email, locale: input.locale, link: link(request, token, "recovery") });
    },

    async sendMagicLink() {
      // Not offered by this adapter (supportsMagicLink = false); the route never calls it.
      throw new Error("magic links need the Supabase auth adapter");
    },

    async verifyPassword(email, password) {
      return passwordMatches(await findUser(email), password);
    },

    async updatePassword(request, session, newPassword) {
      const hash = await bcrypt.hash(newPassword, BCRYPT_COST);
      const current = await sessionIdFrom(request);
      await sql().begin(async (tx) => {
        await tx`update auth.users set encrypted_password = ${hash}, recovery_token = '', updated_at = now() where id = ${session.user.id}`;
        // Everyone else signed in as this person (a stolen session, an old device) is signed out.
        await tx`delete from auth.sessions where user_id = ${session.user.id} and id is distinct from ${current}`;
      });
      return { ok: true, headers: new Headers() };
    },

    async requestEmailChange(request, session, input) {
      const newEmail = input.newEmail.toLowerCase();
      if (newEmail === session.user.email.toLowerCase()) return { ok: false, error: "same_email" };
      // Taken by another account: answer as if it worked (no enumeration); nothing is sent.
      if (await findUser(newEmail)) return { ok: true };
      const token = newToken();
      await sql()`update auth.users set email_change = ${newEmail}, email_change_token_new = ${sha256(token)}, email_change_sent_at = now()
        where id = ${session.user.id}`;
      await options.sendEmail(request, "confirm-email-change", { to: newEmail, locale: input.locale, link: link(request, token, "email_change") });
      return { ok: true };
    },

    async deleteUser(userId) {
      await sql()`delete from auth.users where id = ${userId}`;
    },
  };
}
