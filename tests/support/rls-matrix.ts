/**
 * What the RLS matrices share: running one statement as a caller and reading back either the number
 * of rows it saw or changed, or the database's refusal, classified; and reading rows as the owner.
 */
import type { SQL } from "drizzle-orm";
import type { JwtClaims } from "../../app/db/client.server";
import type { TestDatabase } from "./db";

export const RLS = "RLS error";
export const DENIED = "permission denied";

class RolledBack extends Error {
  constructor(readonly value: number) {
    super("rolled back on purpose");
  }
}

/** The database's message for a failed query (drizzle wraps it as the error's cause). */
export function messageOf(error: unknown): string {
  const cause = (error as { cause?: unknown }).cause;
  return cause instanceof Error ? cause.message : error instanceof Error ? error.message : String(error);
}

/** RLS refusals and missing grants become RLS / DENIED; any other message is returned as it is. */
export function classify(message: string): string {
  if (/^new row violates row-level security policy/.test(message)) return RLS;
  if (/^permission denied for (table|view|function)/.test(message)) return DENIED;
  return message;
}

export function matrixProbe(db: () => TestDatabase, claimsOf: (actor: string) => JwtClaims | null) {
  /** Runs `query` as the actor: rows seen for a select, rows changed otherwise, or the classified error. */
  async function attempt(actor: string, op: "select" | "insert" | "update" | "delete", query: SQL, rollback: boolean): Promise<number | string> {
    try {
      return await db().client.withRls(claimsOf(actor), async (tx) => {
        const result = await tx.execute(query);
        const value = op === "select" ? result.length : result.count;
        if (rollback) throw new RolledBack(value);
        return value;
      });
    } catch (error) {
      if (error instanceof RolledBack) return error.value;
      return classify(messageOf(error));
    }
  }
  /** As the database owner, outside row-level security. */
  const asOwner = (query: SQL) => db().client.db.execute(query);
  const snapshotOf = async (query: SQL) => JSON.stringify(await asOwner(query));
  return { attempt, asOwner, snapshotOf };
}
