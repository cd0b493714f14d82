/**
 * "Opportunities for you": open opportunities ranked for one member, deterministic and explainable,
 * computed by Postgres under the member's RLS (their own profile, hometowns and ticket size; the
 * public opportunities). Each factor adds its weight when it holds and names itself as a reason:
 *
 *   sector         the opportunity's sector concerns one of the member's sector interests
 *   hometown       the opportunity's LGU is the member's hometown
 *   home_province  the LGU and a hometown are one inside the other (a province and its town)
 *   ticket         the ticket size overlaps what the member could invest (through the admin-kept
 *                  exchange rates when the currencies differ; no rate, no claim)
 *   language       the opportunity is written in the member's language
 *
 * The weights are the matching engine's (app/modules/matching/weights.ts), and nowhere else. Ties go to the newest published, then the slug.
 * Opportunities the member already expressed interest in, and those with no reason at all, are left
 * out. The later matching engine (projects, jobs, needs) can take this module as it is: a scoring
 * query per kind of thing, the same weights-and-reasons shape.
 */
import { sql } from "drizzle-orm";
import { withRls, type JwtClaims } from "~/db/client.server";
import type { LocalizedText } from "~/db/schema";
import { currencyMinorDigits } from "~/i18n/format";
import { localized } from "~/i18n/localized";
import { MATCH_WEIGHTS } from "~/modules/matching/weights";
import { opportunityCurrencies } from "./schema";

/** The engine's weights (app/modules/matching/weights.ts), under this ranking's names. */
export const RANKING_WEIGHTS = {
  sector: MATCH_WEIGHTS.sector,
  hometown: MATCH_WEIGHTS.hometown,
  home_province: MATCH_WEIGHTS.homeProvince,
  ticket: MATCH_WEIGHTS.ticket,
  language: MATCH_WEIGHTS.language,
} as const;

export type MatchReason =
  | { code: "sector"; sectors: string[] }
  | { code: "hometown"; place: string }
  | { code: "home_province"; place: string }
  | { code: "ticket" }
  | { code: "language"; language: string };

export interface RankedOpportunity {
  slug: string;
  title: { text: string; lang: string } | null;
  lguName: string;
  sector: string;
  score: number;
  reasons: MatchReason[];
}

type Row = {
  slug: string;
  title: LocalizedText;
  lgu_name: string;
  sector: string;
  shared_sectors: string[];
  hometown: string | null;
  home_province: string | null;
  ticket: boolean;
  language: string | null;
  score: number;
};

/** Minor units per major unit, for the currencies the forms offer (the rest count as 2 decimals). */
const divisors = sql.join(
  opportunityCurrencies.map((c) => sql`(${c}::text, ${10 ** currencyMinorDigits(c)}::numeric)`),
  sql`, `,
);

/** Minor units per major unit of those currencies, for the first pass. */
const divisorsJson = JSON.stringify(Object.fromEntries(opportunityCurrencies.map((c) => [c, 10 ** currencyMinorDigits(c)])));

export async function opportunitiesFor(claims: JwtClaims, language: string, limit = 5): Promise<RankedOpportunity[]> {
  // First pass (app_private.opportunities_for_me): the ids of the best `limit`, each opportunity
  // scored with plain comparisons; then the query below words them, under the member's RLS.
  const ids = await withRls(claims, (tx) =>
    tx.execute<{ opportunity_id: string }>(
      sql`select opportunity_id from app_private.opportunities_for_me(${JSON.stringify(RANKING_WEIGHTS)}::jsonb, ${divisorsJson}::jsonb, ${limit})`,
    ),
  );
  return rankOpportunities(claims, language, limit, ids.map((r) => r.opportunity_id));
}

/**
 * The ranking as one query under the member's RLS, with the reasons: over the given ids (the
 * first pass's), or over every open opportunity when `only` is null — the definition the first
 * pass must agree with (tests/integration/matching-fast.test.ts).
 */
export async function rankOpportunities(claims: JwtClaims, language: string, limit: number, only: string[] | null): Promise<RankedOpportunity[]> {
  if (only && only.length === 0) return [];
  const restrict = only ? sql`and o.id = any (${`{${only.join(",")}}`}::uuid[])` : sql``;
  const w = RANKING_WEIGHTS;
  const rows = await withRls(claims, (tx) =>
    tx.execute<Row>(sql`
      with me as (
        select p.sectors, p.languages, p.preferred_locale from public.profiles p where p.id = auth.uid()
      ), homes as (
        select h.place_id, pl.name, pl.parent_id from public.profile_hometowns h join public.places pl on pl.id = h.place_id where h.profile_id = auth.uid()
      ), pref as (
        select ip.ticket_min_minor, ip.ticket_max_minor, ip.currency from public.investment_preferences ip where ip.member_id = auth.uid()
      ), divisor(currency, per_major) as (values ${divisors}),
      usd as (
        select r.currency, r.usd_per_unit / coalesce((select d.per_major from divisor d where d.currency = r.currency), 100) as per_minor from public.exchange_rates r
      ), candidates as (
        select o.slug, o.title, o.sector, o.published_at, l.name as lgu_name,
          coalesce(array(select unnest(o.interest_sectors) intersect select unnest(me.sectors) order by 1), '{}') as shared_sectors,
          (select h.name from homes h where h.place_id = l.place_id order by h.name limit 1) as hometown,
          (select h.name from homes h join public.places lp on lp.id = l.place_id
            where h.parent_id = l.place_id or lp.parent_id = h.place_id order by h.name limit 1) as home_province,
          coalesce((select (pref.ticket_max_minor * pu.per_minor >= o.ticket_min_minor * ou.per_minor
                            and pref.ticket_min_minor * pu.per_minor <= o.ticket_max_minor * ou.per_minor)
                      from pref
                      left join usd pu on pu.currency = pref.currency
                      left join usd ou on ou.currency = o.currency
                     where pref.currency = o.currency or (pu.per_minor is not null and ou.per_minor is not null)), false)
            -- Same currency: compared as they are (the rates drop out).
            or coalesce((select pref.ticket_max_minor >= o.ticket_min_minor and pref.ticket_min_minor <= o.ticket_max_minor
                           from pref where pref.currency = o.currency), false) as ticket,
          (select lng from unnest(array_prepend(me.preferred_locale, me.languages)) with ordinality as u(lng, n)
            where lng is not null and coalesce(o.title ->> lng, '') <> '' order by n limit 1) as language
        from public.investment_opportunities o
        join public.lgus l on l.id = o.lgu_id
        cross join me
        where o.status = 'open' and o.lgu_id in (select app_private.verified_lgu_ids()) ${restrict}
          and not exists (select 1 from public.investment_interests i where i.opportunity_id = o.id and i.member_id = auth.uid())
      )
      select c.slug, c.title, c.sector, c.lgu_name, c.shared_sectors, c.hometown, c.home_province, c.ticket, c.language,
        (case when cardinality(c.shared_sectors) > 0 then ${w.sector}::int else 0 end
         + case when c.hometown is not null then ${w.hometown}::int when c.home_province is not null then ${w.home_province}::int else 0 end
         + case when c.ticket then ${w.ticket}::int else 0 end
         + case when c.language is not null then ${w.language}::int else 0 end) as score
      from candidates c
      order by score desc, c.published_at desc, c.slug
      limit ${limit * 4}`),
  );
  return [...rows]
    .filter((r) => r.score > 0)
    .slice(0, limit)
    .map((r) => {
      const reasons: MatchReason[] = [];
      if (r.shared_sectors.length > 0) reasons.push({ code: "sector", sectors: r.shared_sectors });
      if (r.hometown) reasons.push({ code: "hometown", place: r.hometown });
      else if (r.home_province) reasons.push({ code: "home_province", place: r.home_province });
      if (r.ticket) reasons.push({ code: "ticket" });
      if (r.language) reasons.push({ code: "language", language: r.language });
      return { slug: r.slug, title: localized(r.title, language), lguName: r.lgu_name, sector: r.sector, score: Number(r.score), reasons };
    });
}
