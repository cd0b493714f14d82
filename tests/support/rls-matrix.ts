/**
 * What the RLS matrices share: running one statement as a caller and reading back either the number
 * of rows it saw or changed, or the database's refusal, classified; and reading rows as the owner.
 */
import type { SQL } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
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

export const OPS = ["select", "insert", "update", "delete"] as const;
export type Op = (typeof OPS)[number];
/** Sees every row the database owner sees (and there is at least one). */
export const ALL = "all";
/**
 * A number: rows seen (select) or rows changed (insert, update, delete), 0 being a silent refusal;
 * ALL; or a refusal: RLS, DENIED or a message of the database's own (a trigger's).
 */
export type Expected = number | string;

export interface MatrixBlock<Actor extends string> {
  /** The table or view, and which rows the matrix is about. */
  title: string;
  ops: Record<Op, () => SQL>;
  /** What the owner sees of the target rows, including any row an insert would add. */
  snapshot: () => SQL;
  /** Run before an operation's cases (e.g. withdraw a row so that inserting it again is possible). */
  arrange?: Partial<Record<Op, () => Promise<void>>>;
  /** One row per actor, in the order of `actors`: what each operation should give. */
  rows: readonly (readonly [Actor, Expected, Expected, Expected, Expected])[];
}

function label(actor: string, op: Op, expected: Expected): string {
  if (expected === ALL) return `${actor}: sees every row`;
  if (typeof expected === "string") return `${actor}: refused (${expected})`;
  if (expected === 0) return `${actor}: ${op === "select" ? "sees nothing" : "changes nothing (0 rows)"}`;
  const rows = `${expected} row${expected === 1 ? "" : "s"}`;
  return op === "select" ? `${actor}: sees ${rows}` : `${actor}: allowed (${rows})`;
}

/**
 * The matrix runner: for each operation and actor, one test that runs the operation as the actor,
 * compares the outcome, and checks as the owner that a refused or rolled-back write changed nothing.
 */
export function matrixRunner<Actor extends string>(actors: readonly Actor[], probe: ReturnType<typeof matrixProbe>) {
  const { attempt, asOwner, snapshotOf } = probe;
  return function matrix(block: MatrixBlock<Actor>) {
    const actorsCovered = block.rows.map(([actor]) => actor);
    if (actorsCovered.join() !== actors.join()) throw new Error(`${block.title}: the matrix must list every actor, in order`);

    describe(block.title, () => {
      OPS.forEach((op, column) => {
        describe(op, () => {
          const arrange = block.arrange?.[op];
          if (arrange) beforeAll(arrange);
          const cases = block.rows.map((row) => {
            const expected = row[column + 1] as Expected;
            return [label(row[0], op, expected), row[0], expected] as const;
          });
          it.each(cases)("%s", async (_name, actor, expected) => {
            const query = block.ops[op]();
            const allowedWrite = op !== "select" && typeof expected === "number" && expected > 0;
            const before = op === "select" ? "" : await snapshotOf(block.snapshot());
            const outcome = await attempt(actor, op, query, op === "select" || allowedWrite);
            if (expected === ALL) {
              const everything = (await asOwner(query)).length;
              expect(everything).toBeGreaterThan(0);
              expect(outcome).toBe(everything);
            } else {
              expect(outcome).toBe(expected);
            }
            if (op !== "select") expect(await snapshotOf(block.snapshot()), "the rows as the database owner sees them").toBe(before);
          });
        });
      });
    });
  };
}
