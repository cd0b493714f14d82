/**
 * opportunities: investment opportunities first published (opened) in the window, still open, of
 * verified LGUs, that fit the member: the signals of "opportunities for you"
 * (app/modules/investments/matching.server.ts, opportunitiesFor) with the engine's weights
 * (MATCH_WEIGHTS), plus the member's willingness to invest, kept from OPPORTUNITY_DIGEST_MIN_SCORE
 * up (app/modules/matching/weights.ts says which combinations reach it):
 *
 *   hometown       the opportunity's LGU is one of the member's hometowns
 *   home province  the LGU and a hometown are one inside the other (a province and its town)
 *   sector         the opportunity concerns sectors the member cares about
 *   ticket         its ticket size overlaps what the member could invest (investment_preferences;
 *                  through the admin-kept exchange rates when the currencies differ; no rate, no claim)
 *   willingness    the member said they are willing to invest
 *   language       it is written in the member's language (their preferred one first)
 *
 * Opportunities the member already expressed interest in are left out. Two queries per batch:
 * the scored pairs (at most RANKED_ITEMS_PER_MEMBER per member) and the opportunities they name.
 */
import { sql } from "drizzle-orm";
import type { LocalizedText } from "~/db/schema";
import { supportedLanguages } from "~/i18n/config";
import { currencyMinorDigits, languageName } from "~/i18n/format";
import { resources } from "~/i18n/resources.server";
import { opportunityCurrencies } from "~/modules/investments/schema";
import {
  MATCH_WEIGHTS,
  OPPORTUNITY_DIGEST_MIN_SCORE,
} from "~/modules/matching/weights";
import {
  push,
  RANKED_ITEMS_PER_MEMBER,
  uuidArray,
  type DigestItem,
  type DigestProvider,
  type DigestReason,
} from "../provider";

type PairRow = {
  member_id: string;
  opportunity_id: string;
  score: number;
  shared_sectors: string[];
  hometown: string | null;
  home_province: string | null;
  ticket: boolean;
  willing: boolean;
  language: string | null;
};

type OpportunityRow = {
  id: string;
  slug: string;
  title: LocalizedText;
  summary: LocalizedText;
  published_at: string;
  lgu_name: string;
};

/** Minor units per major unit, for the currencies the forms offer (the rest count as 2 decimals), as opportunitiesFor. */
const divisors = sql.join(
  opportunityCurrencies.map(
    (c) => sql`(${c}::text, ${10 ** currencyMinorDigits(c)}::numeric)`
  ),
  sql`, `
);

/** A member sector's name in every language (account:sectors.<code>). */
function sectorName(code: string): LocalizedText {
  return Object.fromEntries(
    supportedLanguages.map((lng) => [
      lng,
      (resources[lng].account.sectors as Record<string, string>)[code] ?? code,
    ])
  );
}

/** A language's name in every language ("Filipino", "Filipino", "filipino", "philippin", "الفلبينية"). */
function languageText(code: string): LocalizedText {
  return Object.fromEntries(
    supportedLanguages.map((lng) => [lng, languageName(code, lng)])
  );
}

export const opportunitiesProvider: DigestProvider = {
  topic: "opportunities",
  async collect(tx, memberIds, since, until) {
    const items = new Map<string, DigestItem[]>();
    if (memberIds.length === 0) return items;
    const w = MATCH_WEIGHTS;
    const pairs = await tx.execute<PairRow>(sql`
      with divisor(currency, per_major) as (values ${divisors}),
      usd as (
        select r.currency, r.usd_per_unit / coalesce((select d.per_major from divisor d where d.currency = r.currency), 100) as per_minor
        from public.exchange_rates r
      ),
      new_opportunities as materialized (
        select o.id, o.published_at, o.interest_sectors, o.ticket_min_minor, o.ticket_max_minor, o.currency,
               l.place_id, lp.parent_id as place_parent,
               array(select e.key from jsonb_each_text(o.title) e where e.value <> '') as title_languages,
               o.ticket_min_minor * ou.per_minor as usd_min, o.ticket_max_minor * ou.per_minor as usd_max
        from public.investment_opportunities o
        join public.lgus l on l.id = o.lgu_id
        left join public.places lp on lp.id = l.place_id
        left join usd ou on ou.currency = o.currency
        where o.status = 'open' and l.verification_status = 'verified'
          and o.published_at >= ${since.toISOString()}::timestamptz and o.published_at < ${until.toISOString()}::timestamptz
      ),
      people as materialized (
        select p.id, coalesce(p.sectors, '{}') as sectors, coalesce('invest' = any (p.willingness), false) as willing,
               -- The languages they read, their preferred one first.
               array_remove(array_prepend(p.preferred_locale, coalesce(p.languages, '{}')), null) as reads,
               ip.ticket_min_minor, ip.ticket_max_minor, ip.currency,
               ip.ticket_min_minor * pu.per_minor as usd_min, ip.ticket_max_minor * pu.per_minor as usd_max
        from public.profiles p
        left join public.investment_preferences ip on ip.member_id = p.id
        left join usd pu on pu.currency = ip.currency
        where p.id = any(${uuidArray(memberIds)}::uuid[]) and exists (select 1 from new_opportunities)
      ),
      -- Hometowns (first by name) that are the opportunity's LGU, or one inside the other with it.
      places_hit as (
        select h.profile_id as member_id, o.id as opportunity_id,
               min(hp.name) filter (where hp.id = o.place_id) as hometown,
               min(hp.name) filter (where hp.parent_id = o.place_id or hp.id = o.place_parent) as home_province
        from public.profile_hometowns h
        join public.places hp on hp.id = h.place_id
        join new_opportunities o on o.place_id = hp.id or o.place_id = hp.parent_id or o.place_parent = hp.id
        where h.profile_id in (select id from people)
        group by h.profile_id, o.id
      ),
      -- Every member against every new opportunity (a week's few), each signal a cheap test.
      signals as (
        select pe.id as member_id, o.id as opportunity_id, o.published_at, pe.willing,
               pe.sectors && o.interest_sectors as sector,
               ph.hometown, ph.home_province,
               -- Same currency: compared as they are (the rates drop out); otherwise through US dollars.
               coalesce(pe.currency = o.currency and pe.ticket_max_minor >= o.ticket_min_minor and pe.ticket_min_minor <= o.ticket_max_minor, false)
                 or coalesce(pe.usd_max >= o.usd_min and pe.usd_min <= o.usd_max, false) as ticket,
               (select u.lng from unnest(pe.reads) with ordinality as u(lng, n) where u.lng = any (o.title_languages) order by u.n limit 1) as language
        from people pe
        cross join new_opportunities o
        left join places_hit ph on ph.member_id = pe.id and ph.opportunity_id = o.id
        where not exists (select 1 from public.investment_interests i where i.opportunity_id = o.id and i.member_id = pe.id)
      ),
      scored as (
        select s.*,
          (case when s.sector then ${w.sector}::int else 0 end
           + case when s.hometown is not null then ${w.hometown}::int when s.home_province is not null then ${w.homeProvince}::int else 0 end
           + case when s.ticket then ${w.ticket}::int else 0 end
           + case when s.willing then ${w.willingness}::int else 0 end
           + case when s.language is not null then ${w.language}::int else 0 end) as score
        from signals s
      ),
      ranked as (
        select s.*, row_number() over (partition by s.member_id order by s.score desc, s.published_at desc, s.opportunity_id) as n
        from scored s
        where s.score >= ${OPPORTUNITY_DIGEST_MIN_SCORE}::int
      )
      -- The sectors in common, for the words: only for the pairs kept.
      select r.member_id, r.opportunity_id, r.score, r.hometown, r.home_province, r.ticket, r.willing, r.language,
             array(select unnest(o.interest_sectors) intersect select unnest(pe.sectors) order by 1) as shared_sectors
      from ranked r
      join people pe on pe.id = r.member_id
      join new_opportunities o on o.id = r.opportunity_id
      where r.n <= ${RANKED_ITEMS_PER_MEMBER}::int
      order by r.member_id, r.n`);
    if (pairs.length === 0) return items;

    const ids = [...new Set(pairs.map((p) => p.opportunity_id))];
    const opportunities = await tx.execute<OpportunityRow>(sql`
      select o.id, o.slug, o.title, o.summary, o.published_at, l.name as lgu_name
      from public.investment_opportunities o join public.lgus l on l.id = o.lgu_id
      where o.id = any(${uuidArray(ids)}::uuid[])`);
    const byId = new Map(opportunities.map((o) => [o.id, o]));

    for (const pair of pairs) {
      const opportunity = byId.get(pair.opportunity_id);
      if (!opportunity) continue;
      const reasons: DigestReason[] = [];
      if (pair.hometown)
        reasons.push({ key: "reasons.opportunityHometown", values: { place: pair.hometown } });
      else if (pair.home_province)
        reasons.push({ key: "reasons.opportunityNearHometown", values: { place: pair.home_province } });
      if (pair.shared_sectors.length)
        reasons.push({
          key: "reasons.opportunitySectors",
          values: { sectors: pair.shared_sectors.map(sectorName) },
        });
      if (pair.ticket) reasons.push({ key: "reasons.opportunityTicket" });
      if (pair.willing) reasons.push({ key: "reasons.opportunityWilling" });
      if (pair.language)
        reasons.push({
          key: "reasons.opportunityLanguage",
          values: { language: languageText(pair.language) },
        });
      push(items, pair.member_id, {
        topic: "opportunities",
        key: opportunity.id,
        title: opportunity.title,
        href: `/invest/${opportunity.slug}`,
        at: opportunity.published_at,
        context: opportunity.lgu_name,
        body: opportunity.summary,
        reasons,
        rank: Number(pair.score),
      });
    }
    return items;
  },
};
