/**
 * Local governments as the public sees them. Every function takes the transaction that withRls
 * opened, so the database's policies decide which LGUs exist for the caller (only verified ones for
 * the public); nothing here filters by verification status a second time.
 */
import { asc, count, eq, sql } from "drizzle-orm";
import type { Tx } from "~/db/client.server";
import { lgus, places, type LocalizedText } from "~/db/schema";
import { localized } from "~/i18n/localized";

export const LGUS_PER_PAGE = 12;

export interface PlaceInPath {
  id: string;
  name: string;
  kind: string;
  countryCode: string;
}

const lguSummaryColumns = {
  id: lgus.id,
  slug: lgus.slug,
  name: lgus.name,
  description: lgus.description,
  verificationStatus: lgus.verificationStatus,
  placeName: places.name,
  placeKind: places.kind,
  countryCode: places.countryCode,
};

/** Only the reader's language goes to the page: the other translations would be dead weight in the HTML. */
export function inLanguage<T extends { description: LocalizedText }>(lgu: T, language: string) {
  return { ...lgu, description: localized(lgu.description, language) };
}

export async function listLgus(tx: Tx, { page, perPage = LGUS_PER_PAGE }: { page: number; perPage?: number }) {
  const [{ total } = { total: 0 }] = await tx.select({ total: count() }).from(lgus);
  const pages = Math.max(1, Math.ceil(total / perPage));
  const current = Math.min(Math.max(1, page), pages);
  const rows = await tx
    .select(lguSummaryColumns)
    .from(lgus)
    .innerJoin(places, eq(places.id, lgus.placeId))
    .orderBy(asc(places.countryCode), asc(lgus.name))
    .limit(perPage)
    .offset((current - 1) * perPage);
  return { lgus: rows, total, page: current, pages };
}

export async function getLguBySlug(tx: Tx, slug: string) {
  const [lgu] = await tx
    .select({
      ...lguSummaryColumns,
      placeId: lgus.placeId,
      website: lgus.website,
      contactEmail: lgus.contactEmail,
      contactPhone: lgus.contactPhone,
      address: lgus.address,
      verifiedAt: lgus.verifiedAt,
      updatedAt: lgus.updatedAt,
    })
    .from(lgus)
    .innerJoin(places, eq(places.id, lgus.placeId))
    .where(eq(lgus.slug, slug))
    .limit(1);
  if (!lgu) return null;
  return { ...lgu, placePath: await placePath(tx, lgu.placeId) };
}

/** The chain of places from the country down to this one, e.g. Philippines › Bicol Region › Camarines Sur › Naga City. */
export async function placePath(tx: Tx, placeId: string): Promise<PlaceInPath[]> {
  const rows = await tx.execute<{ id: string; name: string; kind: string; country_code: string; depth: number }>(sql`
    with recursive chain as (
      select id, parent_id, name, kind, country_code, 0 as depth from places where id = ${placeId}::uuid
      union all
      select p.id, p.parent_id, p.name, p.kind, p.country_code, chain.depth + 1
      from places p join chain on p.id = chain.parent_id
      where chain.depth < 10
    )
    select id, name, kind::text, country_code, depth from chain order by depth desc`);
  return rows.map((r) => ({ id: r.id, name: r.name, kind: r.kind, countryCode: r.country_code }));
}
