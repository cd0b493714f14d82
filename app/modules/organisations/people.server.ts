/**
 * Names of the people an LGU's staff or an organisation's officers work with. Profiles are private
 * to their owner under RLS; the database function public.visible_display_names decides whose name
 * the caller may see (colleagues, people in audit entries they may read, public profiles; anyone for
 * platform admins) and returns the name alone, nothing else of the profile.
 */
import { sql } from "drizzle-orm";
import { withRls, type JwtClaims } from "~/db/client.server";

export async function displayNamesOf(claims: JwtClaims, userIds: Iterable<string>): Promise<Map<string, string>> {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return new Map();
  const rows = await withRls(claims, (tx) =>
    tx.execute<{ id: string; display_name: string }>(
      sql`select id, display_name from public.visible_display_names(${`{${ids.join(",")}}`}::uuid[])`,
    ),
  );
  return new Map(rows.map((row) => [row.id, row.display_name]));
}
