/**
 * What an LGU's staff see of their diaspora: counts by country of residence, willingness and
 * sector, from people who chose to share that part of their profile, never under 5 people (the
 * database function public.lgu_diaspora_summary enforces all three, and refuses non-staff).
 */
import { sql } from "drizzle-orm";
import type { AuthSession } from "~/adapters/auth/port";
import { withRls } from "~/db/client.server";

export const MIN_GROUP = 5;

export interface DiasporaCell {
  dimension: "country" | "willingness" | "sector";
  value: string;
  members: number;
}

export async function diasporaSummary(session: AuthSession, lguId: string): Promise<DiasporaCell[]> {
  const rows = await withRls(session.claims, (tx) =>
    tx.execute<{ dimension: DiasporaCell["dimension"]; value: string; members: number }>(
      sql`select dimension, value, members from public.lgu_diaspora_summary(${lguId}::uuid)`,
    ),
  );
  return rows.map((r) => ({ dimension: r.dimension, value: r.value, members: Number(r.members) }));
}
