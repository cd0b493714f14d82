/**
 * Names of the people an LGU's staff or an organisation's officers work with. Profiles are private
 * to their owner under RLS, so the caller's own transaction cannot read a colleague's name: the
 * *ids* always come from rows the caller's RLS lets them see (memberships, audit entries), and only
 * then does the service role read the display names of exactly those ids — nothing else of the
 * profile, and never for ids the caller could not already see.
 */
import { inArray } from "drizzle-orm";
import { asService } from "~/db/client.server";
import { profiles } from "~/db/schema";

export async function displayNamesOf(userIds: Iterable<string>): Promise<Map<string, string>> {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return new Map();
  const rows = await asService((tx) =>
    tx.select({ id: profiles.id, displayName: profiles.displayName }).from(profiles).where(inArray(profiles.id, ids))
  );
  return new Map(rows.map((row) => [row.id, row.displayName]));
}
