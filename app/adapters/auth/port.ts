/**
 * The auth port: who is signed in, and the account flows. Two adapters implement it — `local`
 * (users in auth.users with bcrypt hashes and server-side sessions, for the embedded default and
 * tests) and `supabase` (Supabase Auth through @supabase/ssr, chosen when SUPABASE_URL is set).
 * Routes never talk to an adapter's internals; they call this interface through
 * app/modules/auth/*.server.ts, which adds rate limits and the generic messages.
 */
import type { JwtClaims } from "~/db/client.server";

export interface AuthUser {
  id: string;
  email: string;
  emailConfirmed: boolean;
  /** The name and language given at sign-up (user metadata), for the first profile. */
  displayName?: string;
  locale?: string;
}

export interface AuthSession {
  user: AuthUser;
  /** What withRls() puts in request.jwt.claims for this person. */
  claims: JwtClaims;
}

/** The links emailed to people carry `token_hash` and `type`, as Supabase's templates do. */
export type EmailTokenType = "signup" | "recovery" | "email_change" | "magiclink";

export type AuthFailure =
  | "invalid_credentials"
  | "email_not_confirmed"
  | "invalid_token"
  | "weak_password"
  | "same_email"
  | "unavailable";

export type AuthResult<T = object> = ({ ok: true } & T) | { ok: false; error: AuthFailure };

export interface SignUpInput {
  email: string;
  password: string;
  displayName: string;
  locale: string;
}

export interface AuthPort {
  readonly name: "local" | "supabase";
  /** Magic links are offered only where the adapter supports them. */
  readonly supportsMagicLink: boolean;
  /**
   * The session carried by the request's cookies, or null. `headers` holds any Set-Cookie the
   * adapter needs to send back (a refreshed Supabase session, an expired local one cleared).
   */
  getSession(request: Request): Promise<{ session: AuthSession | null; headers: Headers }>;
  /**
   * Creates the account and emails a confirmation link. When the email is already registered it
   * succeeds the same way (no account enumeration); the adapter may email the owner instead.
   */
  signUp(request: Request, input: SignUpInput): Promise<AuthResult>;
  /** Checks the password and starts a new session (a fresh id: sessions rotate on sign-in). */
  signIn(request: Request, input: { email: string; password: string }): Promise<AuthResult<{ headers: Headers; user: AuthUser }>>;
  /** Ends the current session on the server and clears the cookies. */
  signOut(request: Request): Promise<Headers>;
  /**
   * Consumes an emailed token. signup/email_change confirm the address; recovery and magiclink
   * sign the person in (recovery then lets them set a new password).
   */
  verifyEmailToken(
    request: Request,
    input: { tokenHash: string; type: EmailTokenType },
  ): Promise<AuthResult<{ headers: Headers; user: AuthUser }>>;
  /** Emails a recovery link when the address has an account; silent otherwise. */
  requestPasswordReset(request: Request, input: { email: string; locale: string }): Promise<void>;
  /** Emails a sign-in link when the address has an account (Supabase only). */
  sendMagicLink(request: Request, input: { email: string; locale: string }): Promise<void>;
  /** True when the password is this account's (used before sensitive changes). */
  verifyPassword(email: string, password: string): Promise<boolean>;
  /** Sets a new password for the signed-in person and ends their other sessions. */
  updatePassword(request: Request, session: AuthSession, newPassword: string): Promise<AuthResult<{ headers: Headers }>>;
  /** Emails a confirmation link to the new address; the change applies once it is followed. */
  requestEmailChange(request: Request, session: AuthSession, input: { newEmail: string; locale: string }): Promise<AuthResult>;
  /** Deletes the account (auth.users row; everything that references it cascades or is anonymised). */
  deleteUser(userId: string): Promise<void>;
}
