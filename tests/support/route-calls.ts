/**
 * Calling route modules' loaders and actions as a browser would: people signed up and signed in
 * through the local auth adapter (cookie sessions), form posts (urlencoded or multipart), and the
 * Response a loader or action answered, whether returned or thrown.
 */
import { beforeAll } from "vitest";
import { createLocalAuth } from "../../app/adapters/auth/local.server";
import type { AuthPort } from "../../app/adapters/auth/port";
import { setAdapters } from "../../app/adapters/index.server";
import type { TestDatabase } from "./db";

const SECRET = "test-secret-test-secret-test-secret-123";

export const url = (path: string) => `http://127.0.0.1:3000${path}`;
export const context = { cspNonce: "test-nonce" };

/** Sets the local auth adapter up before the file's tests; `signedIn` then makes confirmed, signed-in people. */
export function routeCalls(db: () => TestDatabase) {
  let auth: AuthPort;
  const links = new Map<string, string>();
  const cookieOf = (headers: Headers) => headers.get("Set-Cookie")!.split(";")[0]!;

  beforeAll(() => {
    auth = createLocalAuth({
      db: () => db().client,
      secret: SECRET,
      cookieSecure: false,
      siteUrl: () => "http://portal.test",
      sendEmail: async (_request, _kind, input) => void links.set(input.to, input.link ?? ""),
    });
    setAdapters({ auth });
  });

  async function signedIn(email: string) {
    await auth.signUp(new Request(url("/signup")), { email, password: "a good long password", displayName: email, locale: "en" });
    const tokenHash = new URL(links.get(email)!).searchParams.get("token_hash")!;
    const confirmed = await auth.verifyEmailToken(new Request(url("/auth/confirm")), { tokenHash, type: "signup" });
    if (!confirmed.ok) throw new Error(confirmed.error);
    return { id: confirmed.user.id, cookie: cookieOf(confirmed.headers) };
  }

  return { signedIn };
}

export const post = (path: string, cookie: string, fields: Record<string, string>) =>
  new Request(url(path), {
    method: "POST",
    headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded", "User-Agent": "vitest" },
    body: new URLSearchParams(fields),
  });

/** A multipart post: text fields, and files as { name, bytes, type }. */
export const postMultipart = (path: string, cookie: string, fields: Record<string, string>, files: Record<string, { name: string; bytes: Uint8Array; type: string }> = {}) => {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  for (const [name, file] of Object.entries(files)) form.append(name, new File([new Uint8Array(file.bytes)], file.name, { type: file.type }));
  return new Request(url(path), { method: "POST", headers: { Cookie: cookie, "User-Agent": "vitest" }, body: form });
};

/** What a loader or action answered: its Response, returned or thrown (redirects and 403/404 are thrown). */
export async function answer(run: () => Promise<unknown>): Promise<Response> {
  try {
    return (await run()) as Response;
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
}
