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
