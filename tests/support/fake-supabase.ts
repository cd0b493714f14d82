/**
 * A small stand-in for a Supabase project (Auth/GoTrue and Storage) on 127.0.0.1, for contract tests
 * of the Supabase adapters. It answers in Supabase's wire format as read from supabase/auth and
 * supabase/storage: session and user objects, `{ code, message }` errors when the client sends
 * X-Supabase-Api-Version 2024-01-01 (the legacy `{ code: <status>, error_code, msg }` otherwise),
 * Storage's "HTTP 400 with the real status in statusCode" errors. State is in memory; every request
 * is recorded (with the status answered) and a test can make the next matching request fail.
 */
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeUser {
  id: string;
  email: string;
  password: string;
  emailConfirmedAt: string | null;
  userMetadata: Record<string, unknown>;
  appMetadata: Record<string, unknown>;
  identityId: string;
  newEmail: string | null;
  confirmationSentAt: string | null;
  recoverySentAt: string | null;
  emailChangeSentAt: string | null;
  lastSignInAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export type MailType = "signup" | "recovery" | "magiclink" | "email_change" | "email_change_current";

export interface SentMail {
  type: MailType;
  to: string;
  tokenHash: string;
  redirectTo: string | null;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  /** Lower-case header names. */
  headers: Record<string, string>;
  /** Parsed JSON when the request carried JSON, else null (see rawBody). */
  body: unknown;
  rawBody: Buffer;
  /** The HTTP status the fake answered. */
  status: number;
}

export interface FakeObject {
  id: string;
  bucket: string;
  name: string;
  body: Buffer;
  contentType: string;
  createdAt: string;
}

export interface FakeSettings {
  minPasswordLength: number;
  /** Sign-ups are confirmed at once and get a session (Supabase's "Confirm email" off). */
  autoconfirm: boolean;
  /** Email changes need a link from both addresses (Supabase's "Secure email change"). */
  secureEmailChange: boolean;
  jwtExpirySeconds: number;
  otpExpirySeconds: number;
}

export interface FakeSupabase {
  url: string;
  anonKey: string;
  serviceRoleKey: string;
  settings: FakeSettings;
  users: Map<string, FakeUser>;
  objects: Map<string, FakeObject>;
  buckets: Set<string>;
  requests: RecordedRequest[];
  mails: SentMail[];
  addUser(input: { email: string; password: string; confirmed?: boolean; userMetadata?: Record<string, unknown> }): FakeUser;
  userByEmail(email: string): FakeUser | undefined;
  /** Live sessions (sign-ins not yet ended) of a user. */
  sessionsOf(userId: string): string[];
  /** Ends every session of a user, as a global sign-out elsewhere would. */
  endSessionsOf(userId: string): void;
  /** Answers the next request matching `path` (and `method`) with `status` instead of serving it. */
  failNext(match: { path: string | RegExp; method?: string }, status: number, body?: unknown): void;
  /** Moves the fake's clock forward: tokens, links and signed URLs expire by it. */
  advanceClock(seconds: number): void;
  reset(): void;
  close(): Promise<void>;
}

const DEFAULT_SETTINGS: FakeSettings = {
  minPasswordLength: 8,
  autoconfirm: false,
  secureEmailChange: false,
  jwtExpirySeconds: 3600,
  otpExpirySeconds: 3600,
};

const b64url = (value: Buffer | string) => Buffer.from(value).toString("base64url");

function signJwt(secret: string, payload: Record<string, unknown>): string {
  const head = b64url(JSON.stringify({ alg: "HS256", typ: "JWT" }));
  const body = b64url(JSON.stringify(payload));
  const signature = b64url(crypto.createHmac("sha256", secret).update(`${head}.${body}`).digest());
  return `${head}.${body}.${signature}`;
}

function verifyJwt(secret: string, token: string): Record<string, unknown> | null {
  const [head, body, signature] = token.split(".");
  if (!head || !body || !signature) return null;
  const expected = b64url(crypto.createHmac("sha256", secret).update(`${head}.${body}`).digest());
  if (expected.length !== signature.length || !crypto.timingSafeEqual(Buffer.from(expected), Buffer.from(signature))) return null;
  try {
    return JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as Record<string, unknown>;
  } catch {
    return null;
  }
}

class Reply {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {}
}

interface Session {
  id: string;
  userId: string;
  refreshToken: string;
}

interface EmailToken {
  type: MailType;
  userId: string;
  email: string;
  expiresAt: number;
}

export async function startFakeSupabase(options: { bucket?: string; settings?: Partial<FakeSettings> } = {}): Promise<FakeSupabase> {
  const jwtSecret = crypto.randomBytes(32).toString("hex");
  const keyExp = Math.floor(Date.now() / 1000) + 10 * 365 * 24 * 3600;
  // Legacy Supabase API keys are JWTs with a role; supabase-js treats them as opaque.
  const anonKey = signJwt(jwtSecret, { iss: "supabase-demo", role: "anon", exp: keyExp });
  const serviceRoleKey = signJwt(jwtSecret, { iss: "supabase-demo", role: "service_role", exp: keyExp });
  const initialBucket = options.bucket ?? "tulay-private";

  let clockOffsetMs = 0;
  const now = () => Date.now() + clockOffsetMs;
  const iso = (ms = now()) => new Date(ms).toISOString();
  const seconds = () => Math.floor(now() / 1000);

  const settings: FakeSettings = { ...DEFAULT_SETTINGS, ...options.settings };
  const users = new Map<string, FakeUser>();
  const sessions = new Map<string, Session>();
  const refreshTokens = new Map<string, string>(); // refresh token → session id
  const emailTokens = new Map<string, EmailToken>(); // token hash → token
  const objects = new Map<string, FakeObject>();
  const buckets = new Set<string>([initialBucket]);
  const requests: RecordedRequest[] = [];
  const mails: SentMail[] = [];
  let failures: { path: string | RegExp; method?: string; status: number; body?: unknown }[] = [];
  let baseUrl = "";

  const userByEmail = (email: string) => [...users.values()].find((u) => u.email === email.trim().toLowerCase());

  function userJson(user: FakeUser) {
    const identityData = { email: user.email, email_verified: Boolean(user.emailConfirmedAt), phone_verified: false, sub: user.id };
    return {
      id: user.id,
      aud: "authenticated",
      role: "authenticated",
      email: user.email,
      ...(user.emailConfirmedAt ? { email_confirmed_at: user.emailConfirmedAt } : {}),
      phone: "",
      ...(user.confirmationSentAt ? { confirmation_sent_at: user.confirmationSentAt } : {}),
      ...(user.emailConfirmedAt ? { confirmed_at: user.emailConfirmedAt } : {}),
      ...(user.recoverySentAt ? { recovery_sent_at: user.recoverySentAt } : {}),
      ...(user.newEmail ? { new_email: user.newEmail } : {}),
      ...(user.emailChangeSentAt ? { email_change_sent_at: user.emailChangeSentAt } : {}),
      ...(user.lastSignInAt ? { last_sign_in_at: user.lastSignInAt } : {}),
      app_metadata: user.appMetadata,
      user_metadata: { ...user.userMetadata, ...identityData },
      identities: [
        {
          identity_id: user.identityId,
          id: user.id,
          user_id: user.id,
          identity_data: identityData,
          provider: "email",
          last_sign_in_at: user.lastSignInAt ?? user.createdAt,
          created_at: user.createdAt,
          updated_at: user.updatedAt,
          email: user.email,
        },
      ],
      created_at: user.createdAt,
      updated_at: user.updatedAt,
      is_anonymous: false,
    };
  }

  function addUser(input: { email: string; password: string; confirmed?: boolean; userMetadata?: Record<string, unknown> }): FakeUser {
    const at = iso();
    const user: FakeUser = {
      id: crypto.randomUUID(),
      email: input.email.trim().toLowerCase(),
      password: input.password,
      emailConfirmedAt: input.confirmed === false ? null : at,
      userMetadata: input.userMetadata ?? {},
      appMetadata: { provider: "email", providers: ["email"] },
      identityId: crypto.randomUUID(),
      newEmail: null,
      confirmationSentAt: null,
      recoverySentAt: null,
      emailChangeSentAt: null,
      lastSignInAt: null,
      createdAt: at,
      updatedAt: at,
    };
    users.set(user.id, user);
    return user;
  }

  function issueSession(user: FakeUser, method: string) {
    const session: Session = { id: crypto.randomUUID(), userId: user.id, refreshToken: crypto.randomBytes(9).toString("base64url") };
    sessions.set(session.id, session);
    refreshTokens.set(session.refreshToken, session.id);
    user.lastSignInAt = iso();
    return tokenResponse(user, session, method);
  }

  function tokenResponse(user: FakeUser, session: Session, method: string) {
    const iat = seconds();
    const exp = iat + settings.jwtExpirySeconds;
    const accessToken = signJwt(jwtSecret, {
      iss: `${baseUrl}/auth/v1`,
      sub: user.id,
      aud: "authenticated",
      exp,
      iat,
      email: user.email,
      phone: "",
      app_metadata: user.appMetadata,
      user_metadata: userJson(user).user_metadata,
      role: "authenticated",
      aal: "aal1",
      amr: [{ method, timestamp: iat }],
      session_id: session.id,
      is_anonymous: false,
    });
    return {
      access_token: accessToken,
      token_type: "bearer",
      expires_in: settings.jwtExpirySeconds,
      expires_at: exp,
      refresh_token: session.refreshToken,
      user: userJson(user),
    };
  }

  function endSession(sessionId: string) {
    const session = sessions.get(sessionId);
    if (!session) return;
    sessions.delete(sessionId);
    refreshTokens.delete(session.refreshToken);
  }

  /** GoTrue keeps the hash of email + OTP; PKCE flows prefix it so /verify knows to expect a code exchange. */
  function sendMail(type: MailType, user: FakeUser, to: string, redirectTo: string | null, pkce: boolean) {
    const otp = String(crypto.randomInt(0, 1_000_000)).padStart(6, "0");
    const hash = crypto.createHash("sha224").update(to + otp).digest("hex");
    const tokenHash = pkce ? `pkce_${hash}` : hash;
    emailTokens.set(tokenHash, { type, userId: user.id, email: to, expiresAt: now() + settings.otpExpirySeconds * 1000 });
    mails.push({ type, to, tokenHash, redirectTo });
  }

  // ---- errors, in the two shapes GoTrue speaks -------------------------------------------------

  function authError(req: http.IncomingMessage, status: number, code: string, message: string, extra: Record<string, unknown> = {}) {
    const version = String(req.headers["x-supabase-api-version"] ?? "");
    if (version >= "2024-01-01") {
      return new Reply(status, { code, message, ...extra }, { "X-Supabase-Api-Version": "2024-01-01", "x-sb-error-code": code });
    }
    return new Reply(status, { code: status, error_code: code, msg: message, ...extra }, { "x-sb-error-code": code });
  }

  function weakPassword(req: http.IncomingMessage, password: string) {
    if (password.length >= settings.minPasswordLength) return null;
    return authError(req, 422, "weak_password", `Password should be at least ${settings.minPasswordLength} characters.`, {
      weak_password: { reasons: ["length"] },
    });
  }

  function storageError(httpStatusCode: number, code: string, error: string, message: string) {
    return new Reply(httpStatusCode >= 500 ? 500 : 400, { statusCode: String(httpStatusCode), code, error, message });
  }

  // ---- Auth ------------------------------------------------------------------------------------

  function bearer(req: http.IncomingMessage): string | null {
    const header = req.headers.authorization ?? "";
    return header.startsWith("Bearer ") ? header.slice(7) : null;
  }

  /** The signed-in caller, as GoTrue's requireAuthentication finds them. */
  function caller(req: http.IncomingMessage): { user: FakeUser; session: Session } | Reply {
    const token = bearer(req);
    if (!token) return authError(req, 401, "no_authorization", "This endpoint requires a valid Bearer token");
    const claims = verifyJwt(jwtSecret, token);
    if (!claims) return authError(req, 403, "bad_jwt", "invalid JWT: unable to parse or verify signature, token signature is invalid");
    if (typeof claims.exp !== "number" || claims.exp <= seconds()) {
      return authError(req, 403, "bad_jwt", "invalid JWT: unable to parse or verify signature, token has invalid claims: token is expired");
    }
    if (typeof claims.sub !== "string") return authError(req, 403, "bad_jwt", "invalid claim: missing sub claim");
    const user = users.get(claims.sub);
    if (!user) return authError(req, 403, "user_not_found", "User from sub claim in JWT does not exist");
    const session = typeof claims.session_id === "string" ? sessions.get(claims.session_id) : undefined;
    if (!session) return authError(req, 403, "session_not_found", "Session from session_id claim in JWT does not exist");
    return { user, session };
  }

  function handleAuth(req: http.IncomingMessage, path: string, query: URLSearchParams, body: Record<string, unknown>): Reply {
    const method = req.method ?? "GET";
    const redirectTo = query.get("redirect_to");
    const pkce = typeof body.code_challenge === "string" && body.code_challenge !== "";
    const str = (value: unknown) => (typeof value === "string" ? value : "");

    if (method === "POST" && path === "/signup") {
      const email = str(body.email).trim().toLowerCase();
      const password = str(body.password);
      if (!email) return authError(req, 400, "validation_failed", "To signup, please provide your email");
      const weak = weakPassword(req, password);
      if (weak) return weak;
      const data = (body.data as Record<string, unknown> | undefined) ?? {};
      const existing = userByEmail(email);
      if (existing?.emailConfirmedAt) {
        if (settings.autoconfirm) return authError(req, 422, "user_already_exists", "User already registered");
        // The obfuscated user GoTrue answers with, so a sign-up cannot tell who is registered.
        const at = iso();
        return new Reply(200, {
          id: crypto.randomUUID(),
          aud: "authenticated",
          role: "authenticated",
          email,
          phone: "",
          confirmation_sent_at: at,
          app_metadata: { provider: "email", providers: ["email"] },
          user_metadata: data,
          identities: [],
          created_at: at,
          updated_at: at,
          is_anonymous: false,
        });
      }
      const user = existing ?? addUser({ email, password, confirmed: settings.autoconfirm, userMetadata: data });
      if (settings.autoconfirm) return new Reply(200, issueSession(user, "password"));
      user.confirmationSentAt = iso();
      sendMail("signup", user, user.email, redirectTo, pkce);
      return new Reply(200, userJson(user));
    }

    if (method === "POST" && path === "/token") {
      const grant = query.get("grant_type");
      if (grant === "password") {
        const user = userByEmail(str(body.email));
        if (!user || user.password !== str(body.password)) return authError(req, 400, "invalid_credentials", "Invalid login credentials");
        if (!user.emailConfirmedAt) return authError(req, 400, "email_not_confirmed", "Email not confirmed");
        return new Reply(200, issueSession(user, "password"));
      }
      if (grant === "refresh_token") {
        const sessionId = refreshTokens.get(str(body.refresh_token));
        const session = sessionId ? sessions.get(sessionId) : undefined;
        const user = session ? users.get(session.userId) : undefined;
        if (!session || !user) return authError(req, 400, "refresh_token_not_found", "Invalid Refresh Token: Refresh Token Not Found");
        refreshTokens.delete(session.refreshToken);
        session.refreshToken = crypto.randomBytes(9).toString("base64url");
        refreshTokens.set(session.refreshToken, session.id);
        return new Reply(200, tokenResponse(user, session, "password"));
      }
      return new Reply(400, { error: "unsupported_grant_type", error_description: "" });
    }

    if (path === "/user" && (method === "GET" || method === "PUT")) {
      const found = caller(req);
      if (found instanceof Reply) return found;
      const { user, session } = found;
      if (method === "PUT") {
        if (typeof body.password === "string") {
          const weak = weakPassword(req, body.password);
          if (weak) return weak;
          if (body.password === user.password) return authError(req, 422, "same_password", "New password should be different from the old password.");
          user.password = body.password;
          // GoTrue ends every other session of the user when the password changes.
          for (const other of [...sessions.values()]) if (other.userId === user.id && other.id !== session.id) endSession(other.id);
        }
        if (typeof body.email === "string" && body.email.trim().toLowerCase() !== user.email) {
          const email = body.email.trim().toLowerCase();
          if (userByEmail(email)) return authError(req, 422, "email_exists", "A user with this email address has already been registered");
          user.newEmail = email;
          user.emailChangeSentAt = iso();
          sendMail("email_change", user, email, redirectTo, pkce);
          if (settings.secureEmailChange) sendMail("email_change_current", user, user.email, redirectTo, pkce);
        }
        if (body.data && typeof body.data === "object") user.userMetadata = { ...user.userMetadata, ...(body.data as object) };
        user.updatedAt = iso();
      }
      return new Reply(200, userJson(user));
    }

    if (method === "POST" && path === "/logout") {
      const found = caller(req);
      if (found instanceof Reply) return found;
      const scope = query.get("scope") ?? "global";
      for (const session of [...sessions.values()]) {
        if (session.userId !== found.user.id) continue;
        const isThis = session.id === found.session.id;
        if (scope === "global" || (scope === "local" && isThis) || (scope === "others" && !isThis)) endSession(session.id);
      }
      return new Reply(204, null);
    }

    if (method === "POST" && path === "/verify") {
      const tokenHash = str(body.token_hash);
      const type = str(body.type);
      const token = emailTokens.get(tokenHash);
      const fits: Record<string, MailType[]> = {
        signup: ["signup"],
        email: ["signup", "magiclink"],
        magiclink: ["magiclink"],
        recovery: ["recovery"],
        email_change: ["email_change", "email_change_current"],
      };
      const user = token ? users.get(token.userId) : undefined;
      if (!token || !user || token.expiresAt <= now() || !(fits[type] ?? []).includes(token.type)) {
        return authError(req, 403, "otp_expired", "Email link is invalid or has expired");
      }
      emailTokens.delete(tokenHash);
      if (token.type === "email_change" || token.type === "email_change_current") {
        const other = [...emailTokens.entries()].find(([, t]) => t.userId === user.id && t.type !== token.type && t.type.startsWith("email_change"));
        if (other) {
          // Secure email change: the first of the two links only counts.
          return new Reply(200, { msg: "Confirmation link accepted. Please proceed to confirm link sent to the other email", code: 200 });
        }
        if (user.newEmail) user.email = user.newEmail;
        user.newEmail = null;
        user.emailChangeSentAt = null;
      }
      if (!user.emailConfirmedAt) user.emailConfirmedAt = iso();
      user.updatedAt = iso();
      return new Reply(200, issueSession(user, token.type === "signup" ? "otp" : token.type === "recovery" ? "recovery" : "otp"));
    }

    if (method === "POST" && path === "/recover") {
      const user = userByEmail(str(body.email));
      // No account, same answer: GoTrue does not say who is registered.
      if (user) {
        user.recoverySentAt = iso();
        sendMail("recovery", user, user.email, redirectTo, pkce);
      }
      return new Reply(200, {});
    }

    if (method === "POST" && path === "/otp") {
      const user = userByEmail(str(body.email));
      if (!user && body.create_user === false) return authError(req, 422, "otp_disabled", "Signups not allowed for otp");
      if (user) sendMail("magiclink", user, user.email, redirectTo, pkce);
      return new Reply(200, {});
    }

    const adminUser = /^\/admin\/users\/([^/]+)$/.exec(path);
    if (adminUser && method === "DELETE") {
      if (bearer(req) !== serviceRoleKey) return authError(req, 403, "not_admin", "User not allowed");
      const user = users.get(decodeURIComponent(adminUser[1] ?? ""));
      if (!user) return authError(req, 404, "user_not_found", "User not found");
      users.delete(user.id);
      for (const session of [...sessions.values()]) if (session.userId === user.id) endSession(session.id);
      for (const [hash, token] of [...emailTokens.entries()]) if (token.userId === user.id) emailTokens.delete(hash);
      return new Reply(200, {});
    }

    return authError(req, 404, "not_found", "Not Found");
  }

  // ---- Storage ---------------------------------------------------------------------------------

  const objectRow = (object: FakeObject) => ({
    bucket_id: object.bucket,
    name: object.name,
    owner: "",
    owner_id: "",
    version: object.id,
    id: object.id,
    updated_at: object.createdAt,
    created_at: object.createdAt,
    last_accessed_at: object.createdAt,
    metadata: {
      eTag: `"${crypto.createHash("md5").update(object.body).digest("hex")}"`,
      size: object.body.length,
      mimetype: object.contentType,
      cacheControl: "max-age=3600",
      lastModified: object.createdAt,
      contentLength: object.body.length,
      httpStatusCode: 200,
    },
  });

  const notFound = () => storageError(404, "NoSuchKey", "not_found", "Object not found");

  function serveObject(object: FakeObject) {
    return new Reply(200, object.body, {
      "Content-Type": object.contentType,
      "Cache-Control": "max-age=3600",
      ETag: `"${crypto.createHash("md5").update(object.body).digest("hex")}"`,
      "Last-Modified": new Date(object.createdAt).toUTCString(),
    });
  }

  function handleStorage(req: http.IncomingMessage, path: string, query: URLSearchParams, body: unknown, raw: Buffer): Reply {
    const method = req.method ?? "GET";
    // /object/sign/<bucket>/<name>, /object/authenticated/<bucket>/<name>, /object/<bucket>/<name>
    const match = /^\/object\/(?:(sign|authenticated)\/)?([^/]+)(?:\/(.+))?$/.exec(path);
    if (!match) return storageError(404, "InvalidRequest", "Not Found", `Route ${method}:${path} not found`);
    const [, kind, bucketName = "", rawName] = match;
    const bucket = decodeURIComponent(bucketName);
    const name = rawName ? rawName.split("/").map(decodeURIComponent).join("/") : "";
    const key = `${bucket}/${name}`;

    // Signed links are the one route that needs no key: the token in the URL is the credential.
    if (kind === "sign" && method === "GET") {
      const claims = verifyJwt(jwtSecret, query.get("token") ?? "");
      if (!claims || claims.url !== key) return storageError(400, "InvalidSignature", "InvalidSignature", "Invalid signature");
      if (typeof claims.exp !== "number" || claims.exp <= seconds()) return storageError(400, "InvalidJWT", "InvalidJWT", "jwt expired");
      const object = objects.get(key);
      return object ? serveObject(object) : notFound();
    }

    if (bearer(req) !== serviceRoleKey) return storageError(403, "AccessDenied", "Unauthorized", "new row violates row-level security policy");
    if (!buckets.has(bucket)) return storageError(404, "NoSuchBucket", "Bucket not found", "Bucket not found");

    if (kind === "sign" && method === "POST") {
      const expiresIn = Number((body as { expiresIn?: unknown } | null)?.expiresIn);
      if (!Number.isFinite(expiresIn) || expiresIn < 1) return storageError(400, "InvalidParameter", "InvalidParameter", "expiresIn must be >= 1");
      if (!objects.has(key)) return notFound();
      const token = signJwt(jwtSecret, { url: key, iat: seconds(), exp: seconds() + Math.floor(expiresIn) });
      return new Reply(200, { signedURL: `/object/sign/${key}?token=${token}` });
    }

    if (!kind && method === "POST" && name) {
      const upsert = String(req.headers["x-upsert"] ?? "false") === "true";
      if (objects.has(key) && !upsert) return storageError(409, "KeyAlreadyExists", "Duplicate", "The resource already exists");
      const contentType = String(req.headers["content-type"] ?? "application/octet-stream");
      const object: FakeObject = { id: crypto.randomUUID(), bucket, name, body: raw, contentType, createdAt: iso() };
      objects.set(key, object);
      return new Reply(200, { Id: object.id, Key: key });
    }

    if ((kind === "authenticated" || !kind) && method === "GET" && name) {
      const object = objects.get(key);
      return object ? serveObject(object) : notFound();
    }

    if (!kind && method === "DELETE" && !name) {
      const prefixes = (body as { prefixes?: unknown } | null)?.prefixes;
      if (!Array.isArray(prefixes)) return storageError(400, "InvalidRequest", "Bad Request", "body must have required property 'prefixes'");
      const deleted = [];
      for (const prefix of prefixes) {
        const object = objects.get(`${bucket}/${String(prefix)}`);
        if (!object) continue;
        objects.delete(`${bucket}/${object.name}`);
        deleted.push(objectRow(object));
      }
      return new Reply(200, deleted);
    }

    return storageError(404, "InvalidRequest", "Not Found", `Route ${method}:${path} not found`);
  }

  // ---- the server ------------------------------------------------------------------------------

  function route(req: http.IncomingMessage, raw: Buffer, record: Omit<RecordedRequest, "status">): Reply {
    const failure = failures.find((f) => (!f.method || f.method === record.method) && (typeof f.path === "string" ? f.path === record.path : f.path.test(record.path)));
    if (failure) {
      failures = failures.filter((f) => f !== failure);
      const fallback = record.path.startsWith("/storage/")
        ? { statusCode: String(failure.status), code: "InternalError", error: "internal", message: "Internal server error" }
        : { code: "unexpected_failure", message: "Unexpected failure, please check server logs for more information" };
      return new Reply(failure.status, failure.body ?? fallback);
    }

    const isSignedLink = req.method === "GET" && record.path.startsWith("/storage/v1/object/sign/");
    if (!isSignedLink) {
      // What Supabase's API gateway says before a request reaches Auth or Storage.
      const apikey = record.headers.apikey ?? record.query.apikey;
      if (!apikey) return new Reply(401, { message: "No API key found in request", hint: "No `apikey` request header or url param was found." });
      if (apikey !== anonKey && apikey !== serviceRoleKey) {
        return new Reply(401, { message: "Invalid API key", hint: "Double check your Supabase `anon` or `service_role` API key." });
      }
    }

    const query = new URLSearchParams(record.query);
    if (record.path.startsWith("/auth/v1/")) {
      const body = record.body && typeof record.body === "object" ? (record.body as Record<string, unknown>) : {};
      return handleAuth(req, record.path.slice("/auth/v1".length), query, body);
    }
    if (record.path.startsWith("/storage/v1/")) return handleStorage(req, record.path.slice("/storage/v1".length), query, record.body, raw);
    return new Reply(404, { message: "no Route matched with those values" });
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const raw = Buffer.concat(chunks);
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v.join(", ") : (v ?? "")]));
      let body: unknown = null;
      if ((headers["content-type"] ?? "").includes("json") && raw.length) {
        try {
          body = JSON.parse(raw.toString("utf8"));
        } catch {
          body = null;
        }
      }
      const record = { method: req.method ?? "GET", path: url.pathname, query: Object.fromEntries(url.searchParams), headers, body, rawBody: raw };
      let reply: Reply;
      try {
        reply = route(req, raw, record);
      } catch (error) {
        reply = new Reply(500, { code: "unexpected_failure", message: `fake-supabase: ${(error as Error).message}` });
      }
      requests.push({ ...record, status: reply.status });
      const isBytes = Buffer.isBuffer(reply.body);
      const payload = reply.status === 204 || reply.body === null ? undefined : isBytes ? (reply.body as Buffer) : JSON.stringify(reply.body);
      res.writeHead(reply.status, {
        ...(payload !== undefined && !isBytes ? { "Content-Type": "application/json" } : {}),
        ...(payload !== undefined ? { "Content-Length": String(Buffer.byteLength(payload)) } : {}),
        ...reply.headers,
      });
      res.end(payload);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: baseUrl,
    anonKey,
    serviceRoleKey,
    settings,
    users,
    objects,
    buckets,
    requests,
    mails,
    addUser,
    userByEmail,
    sessionsOf: (userId) => [...sessions.values()].filter((s) => s.userId === userId).map((s) => s.id),
    endSessionsOf(userId) {
      for (const session of [...sessions.values()]) if (session.userId === userId) endSession(session.id);
    },
    failNext(match, status, body) {
      failures.push({ ...match, status, body });
    },
    advanceClock(by) {
      clockOffsetMs += by * 1000;
    },
    reset() {
      users.clear();
      sessions.clear();
      refreshTokens.clear();
      emailTokens.clear();
      objects.clear();
      buckets.clear();
      buckets.add(initialBucket);
      requests.length = 0;
      mails.length = 0;
      failures = [];
      clockOffsetMs = 0;
      Object.assign(settings, DEFAULT_SETTINGS, options.settings);
    },
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
