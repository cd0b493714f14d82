/**
 * The matching engine: what to offer a person (skill needs to volunteer for, projects to support,
 * investment opportunities) and whom an LGU may invite for a need or an investment opportunity.
 * Deterministic and explainable: each ranking is one SQL query in Postgres that adds MATCH_WEIGHTS
 * for the signals that hold and returns which held, so every result carries its reasons; ties go to
 * the newest, then the id. Person-side rankings run under the person's own RLS (their profile,
 * skills and hometowns; the public projects). The LGU-side rankings read only people whose privacy
 * choices allow it: for a need, those who show their skills publicly (public_member_skills,
 * public_profiles); for an opportunity, those who allowed investment invitations (a database
 * function that checks the caller's role). docs/decisions/0010-matching-engine.md.
 */
import { sql } from "drizzle-orm";
import { withRls, type JwtClaims } from "~/db/client.server";
import type { LocalizedText } from "~/db/schema";
import { currencyMinorDigits } from "~/i18n/format";
import { localized } from "~/i18n/localized";
import { investmentProblem } from "~/modules/investments/errors.server";
import { opportunitiesFor } from "~/modules/investments/matching.server";
import { opportunityCurrencies } from "~/modules/investments/schema";
import { jobsForPerson } from "./jobs.server";
import { MATCH_WEIGHTS as W, RECENT_DAYS } from "./weights";

export type Reason =
  | { code: "skill_exact"; skill: string; wanted: number; mode: string | null; startsOn: string | null }
  | { code: "skill_related"; skill: string; via: string }
  | { code: "hometown"; place: string }
  | { code: "home_province"; place: string }
  | { code: "sector"; sector: string }
  | { code: "language"; language: string }
  | { code: "place"; mode: string }
  | { code: "willingness"; willingness: string }
  | { code: "ticket" }
  | { code: "recent" }
  | { code: "job_occupation"; occupation: string }
  | { code: "job_occupation_major"; group: string }
  | { code: "job_skills"; skills: string }
  | { code: "job_place"; place: string }
  | { code: "job_nearby"; place: string }
  | { code: "job_remote" }
  | { code: "job_languages" };

export interface Match {
  kind: "need" | "project" | "opportunity" | "job";
  id: string;
  href: string;
  title: { text: string; lang: string } | null;
  context: { text: string; lang: string } | null;
  lguName: string;
  score: number;
  reasons: Reason[];
}

const PUBLISHED = sql`('fundraising', 'funded', 'in_progress')`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type NeedRow = {
  id: string;
  description: LocalizedText;
  project_title: LocalizedText;
  project_slug: string;
  lgu_name: string;
  skill: string;
  skill_label: string;
  quantity: number;
  mode: string | null;
  starts_on: string | null;
  exact: boolean;
  via_label: string | null;
  hometown: string | null;
  home_province: string | null;
  sector: string | null;
  language: string | null;
  place: boolean;
  willing: boolean;
  recent: boolean;
  score: number;
};

/**
 * Open skill needs for the signed-in person: those asking for a skill they listed (or one related
 * to it), or in their hometowns; never needs they already offered for, closed, full or past.
 */
export async function needsFor(claims: JwtClaims, language: string, limit = 10): Promise<Match[]> {
  // First pass (app_private.needs_for_me): the ids of the best `limit`, scored from narrow rows.
  const ids = await withRls(claims, (tx) =>
    tx.execute<{ need_id: string }>(sql`select need_id from app_private.needs_for_me(${JSON.stringify(W)}::jsonb, ${RECENT_DAYS}, ${limit})`),
  );
  return rankNeeds(claims, language, limit, ids.map((r) => r.need_id));
}

/**
 * The ranking of skill needs as one query under the person's RLS, with the reasons in words: over
 * the given ids (the first pass's), or over every candidate when `only` is null — the definition
 * the first pass must agree with (tests/integration/matching-fast.test.ts).
 */
export async function rankNeeds(claims: JwtClaims, language: string, limit: number, only: string[] | null): Promise<Match[]> {
  if (only && only.length === 0) return [];
  const restrict = only ? sql`and n.id = any (${`{${only.join(",")}}`}::uuid[])` : sql``;
  const rows = await withRls(claims, (tx) =>
    tx.execute<NeedRow>(sql`
      with me as (
        select p.sectors, p.languages, p.preferred_locale, p.country_of_residence, p.willingness from public.profiles p where p.id = auth.uid()
      ), mine as (
        select m.skill_code from public.member_skills m where m.profile_id = auth.uid()
      ), related as (
        select l.linked_code as code, min(l.code) as via from public.skill_links l
        where l.kind = 'related' and l.code in (select skill_code from mine) group by l.linked_code
      ), homes as (
        select h.place_id, pl.name, pl.parent_id from public.profile_hometowns h join public.places pl on pl.id = h.place_id where h.profile_id = auth.uid()
      ), candidates as (
        select n.id, n.description, n.skill, n.quantity, n.mode::text as mode, n.starts_on::text as starts_on, n.language as need_language,
               p.title as project_title, p.slug as project_slug, p.sector::text as sector, p.published_at, l.name as lgu_name, l.place_id,
               pc.country_code as need_country
        from public.project_needs n
        join public.projects p on p.id = n.project_id
        join public.lgus l on l.id = p.lgu_id
        left join public.places pc on pc.id = l.place_id
        where n.kind = 'skill' and n.closed_at is null and n.fulfilled < n.quantity
          and (n.ends_on is null or n.ends_on >= (now() at time zone 'utc')::date)
          and p.status in ${PUBLISHED} ${restrict}
          and (n.skill in (select skill_code from mine) or n.skill in (select code from related)
               or l.place_id in (select place_id from homes) or l.place_id in (select parent_id from homes)
               or pc.parent_id in (select place_id from homes))
          and not exists (select 1 from public.volunteer_offers o where o.need_id = n.id and o.volunteer_id = auth.uid() and o.status in ('offered', 'accepted', 'done'))
      ), signals as (
        select c.*, 
          c.skill in (select skill_code from mine) as exact,
          (select coalesce(s.labels ->> ${language}, s.labels ->> 'en') from related r join public.skills s on s.code = r.via
            where r.code = c.skill and c.skill not in (select skill_code from mine)) as via_label,
          (select h.name from homes h where h.place_id = c.place_id order by h.name limit 1) as hometown,
          (select h.name from homes h join public.places lp on lp.id = c.place_id
            where h.parent_id = c.place_id or lp.parent_id = h.place_id order by h.name limit 1) as home_province,
          (select c.sector from me where c.sector = any (me.sectors)) as matched_sector,
          (select c.need_language from me where c.need_language is not null and (c.need_language = me.preferred_locale or c.need_language = any (me.languages))) as matched_language,
          (c.mode in ('remote', 'either') or (select me.country_of_residence = c.need_country from me)) as place,
          (select 'volunteer' = any (me.willingness) or 'mentor' = any (me.willingness) from me) as willing,
          c.published_at > now() - make_interval(days => ${RECENT_DAYS}) as recent
        from candidates c
      )
      select s.id, s.description, s.project_title, s.project_slug, s.lgu_name, s.skill, s.quantity, s.mode, s.starts_on,
        coalesce(sk.labels ->> ${language}, sk.labels ->> 'en') as skill_label,
        s.exact, s.via_label, s.hometown, s.home_province, s.matched_sector as sector, s.matched_language as language,
        coalesce(s.place, false) as place, coalesce(s.willing, false) as willing, s.recent,
        (case when s.exact then ${W.skillExact}::int when s.via_label is not null then ${W.skillRelated}::int else 0 end
         + case when s.hometown is not null then ${W.hometown}::int when s.home_province is not null then ${W.homeProvince}::int else 0 end
         + case when s.matched_sector is not null then ${W.sector}::int else 0 end
         + case when s.matched_language is not null then ${W.language}::int else 0 end
         + case when coalesce(s.place, false) then ${W.place}::int else 0 end
         + case when coalesce(s.willing, false) then ${W.willingness}::int else 0 end
         + case when s.recent then ${W.recency}::int else 0 end) as score
      from signals s
      join public.skills sk on sk.code = s.skill
      order by score desc, s.published_at desc, s.id
      limit ${limit}`),
  );
  return [...rows].map((r) => {
    const reasons: Reason[] = [];
    if (r.exact) reasons.push({ code: "skill_exact", skill: r.skill_label, wanted: r.quantity, mode: r.mode, startsOn: r.starts_on });
    else if (r.via_label) reasons.push({ code: "skill_related", skill: r.skill_label, via: r.via_label });
    if (r.hometown) reasons.push({ code: "hometown", place: r.hometown });
    else if (r.home_province) reasons.push({ code: "home_province", place: r.home_province });
    if (r.sector) reasons.push({ code: "sector", sector: r.sector });
    if (r.language) reasons.push({ code: "language", language: r.language });
    if (r.place && r.mode) reasons.push({ code: "place", mode: r.mode });
    if (r.willing) reasons.push({ code: "willingness", willingness: "volunteer" });
    if (r.recent) reasons.push({ code: "recent" });
    return {
      kind: "need" as const,
      id: r.id,
      href: `/volunteer/needs/${r.id}`,
      title: localized(r.description, language),
      context: localized(r.project_title, language),
      lguName: r.lgu_name,
      score: Number(r.score),
      reasons,
    };
  });
}

type ProjectRow = {
  id: string;
  slug: string;
  title: LocalizedText;
  lgu_name: string;
  hometown: string | null;
  home_province: string | null;
  sector: string | null;
  language: string | null;
  willing: boolean;
  recent: boolean;
  score: number;
};

/** Public projects raising money, for the signed-in person: in their hometowns, or in sectors they care about. */
export async function projectsFor(claims: JwtClaims, language: string, limit = 10): Promise<Match[]> {
  // First pass (app_private.projects_for_me): the ids of the best `limit`, scored from the listing.
  const ids = await withRls(claims, (tx) =>
    tx.execute<{ project_id: string }>(sql`select project_id from app_private.projects_for_me(${JSON.stringify(W)}::jsonb, ${RECENT_DAYS}, ${limit})`),
  );
  return rankProjects(claims, language, limit, ids.map((r) => r.project_id));
}

/** The ranking of projects as one query under the person's RLS, over the given ids or (null) every candidate; see rankNeeds. */
export async function rankProjects(claims: JwtClaims, language: string, limit: number, only: string[] | null): Promise<Match[]> {
  if (only && only.length === 0) return [];
  const restrict = only ? sql`and p.id = any (${`{${only.join(",")}}`}::uuid[])` : sql``;
  const rows = await withRls(claims, (tx) =>
    tx.execute<ProjectRow>(sql`
      with me as (
        select p.sectors, p.languages, p.preferred_locale, p.willingness from public.profiles p where p.id = auth.uid()
      ), homes as (
        select h.place_id, pl.name, pl.parent_id from public.profile_hometowns h join public.places pl on pl.id = h.place_id where h.profile_id = auth.uid()
      ), candidates as (
        select p.id, p.slug, p.title, p.sector::text as sector, p.published_at, l.name as lgu_name, l.place_id
        from public.projects p
        join public.lgus l on l.id = p.lgu_id
        left join public.places lp on lp.id = l.place_id
        where p.status in ('fundraising', 'funded') ${restrict}
          and (p.sector::text = any ((select sectors from me)::text[])
               or l.place_id in (select place_id from homes) or l.place_id in (select parent_id from homes) or lp.parent_id in (select place_id from homes))
      ), signals as (
        select c.*,
          (select h.name from homes h where h.place_id = c.place_id order by h.name limit 1) as hometown,
          (select h.name from homes h join public.places lp on lp.id = c.place_id
            where h.parent_id = c.place_id or lp.parent_id = h.place_id order by h.name limit 1) as home_province,
          (select c.sector from me where c.sector = any (me.sectors)) as matched_sector,
          (select lng from me, unnest(array_prepend(me.preferred_locale, me.languages)) with ordinality as u(lng, n)
            where lng is not null and coalesce(c.title ->> lng, '') <> '' order by n limit 1) as language,
          coalesce((select 'donate' = any (me.willingness) from me), false) as willing,
          c.published_at > now() - make_interval(days => ${RECENT_DAYS}) as recent
        from candidates c
      )
      select s.id, s.slug, s.title, s.lgu_name, s.hometown, s.home_province, s.matched_sector as sector, s.language, s.willing, s.recent,
        (case when s.hometown is not null then ${W.hometown}::int when s.home_province is not null then ${W.homeProvince}::int else 0 end
         + case when s.matched_sector is not null then ${W.sector}::int else 0 end
         + case when s.language is not null then ${W.language}::int else 0 end
         + case when s.willing then ${W.willingness}::int else 0 end
         + case when s.recent then ${W.recency}::int else 0 end) as score
      from signals s
      order by score desc, s.published_at desc, s.id
      limit ${limit}`),
  );
  return [...rows].map((r) => {
    const reasons: Reason[] = [];
    if (r.hometown) reasons.push({ code: "hometown", place: r.hometown });
    else if (r.home_province) reasons.push({ code: "home_province", place: r.home_province });
    if (r.sector) reasons.push({ code: "sector", sector: r.sector });
    if (r.language) reasons.push({ code: "language", language: r.language });
    if (r.willing) reasons.push({ code: "willingness", willingness: "donate" });
    if (r.recent) reasons.push({ code: "recent" });
    return { kind: "project" as const, id: r.id, href: `/projects/${r.slug}`, title: localized(r.title, language), context: null, lguName: r.lgu_name, score: Number(r.score), reasons };
  });
}

/** Investment opportunities, ranked by the investments module with the engine's weights. */
export async function opportunityMatches(claims: JwtClaims, language: string, limit = 5): Promise<Match[]> {
  const ranked = await opportunitiesFor(claims, language, limit);
  return ranked.map((o) => ({
    kind: "opportunity" as const,
    id: o.slug,
    href: `/invest/${o.slug}`,
    title: o.title,
    context: null,
    lguName: o.lguName,
    score: o.score,
    reasons: o.reasons.map((r): Reason => {
      switch (r.code) {
        case "sector":
          return { code: "sector", sector: r.sectors[0] ?? "" };
        case "hometown":
          return { code: "hometown", place: r.place };
        case "home_province":
          return { code: "home_province", place: r.place };
        case "ticket":
          return { code: "ticket" };
        case "language":
          return { code: "language", language: r.language };
      }
    }),
  }));
}

/** Open jobs for the person's job-seeking profile (jobs.server.ts, JOB_MATCH_WEIGHTS), as matches. */
export async function jobMatches(claims: JwtClaims, language: string, limit = 5): Promise<Match[]> {
  const found = await withRls(claims, (tx) => jobsForPerson(tx, language, limit));
  return found.map(({ match, card, reasons }) => ({
    kind: "job" as const,
    id: match.jobId,
    href: `/jobs/${match.jobId}`,
    title: card.title,
    context: null,
    lguName: card.posterName ?? "",
    score: match.score,
    reasons,
  }));
}

/** Everything for a person, by kind: the "For you" page reads this. */
export async function matchesFor(claims: JwtClaims, language: string) {
  const [needs, projects, jobs, opportunities] = await Promise.all([
    needsFor(claims, language, 10),
    projectsFor(claims, language, 10),
    jobMatches(claims, language, 5),
    opportunityMatches(claims, language, 5),
  ]);
  return { needs: needs.filter((m) => m.score > 0), projects: projects.filter((m) => m.score > 0), jobs, opportunities };
}

export type PersonReason =
  | { code: "has_skill"; skill: string; level: string; years: number }
  | { code: "has_related_skill"; skill: string; level: string; years: number }
  | { code: "speaks"; language: string }
  | { code: "can_work" }
  | { code: "willing" }
  // People for an investment opportunity:
  | { code: "from_hometown"; place: string }
  | { code: "from_near_hometown"; place: string }
  | { code: "cares_about"; sector: string }
  | { code: "willing_to_invest" }
  | { code: "ticket_fits" }
  | { code: "reads"; language: string };

export interface PersonMatch {
  profileId: string;
  name: string | null;
  country: string | null;
  invited: boolean;
  score: number;
  reasons: PersonReason[];
}

type PersonRow = {
  profile_id: string;
  display_name: string | null;
  country: string | null;
  skill_label: string;
  level: string;
  years: number;
  exact: boolean;
  language: string | null;
  place: boolean;
  willing: boolean;
  invited: boolean;
  score: number;
};

/**
 * People an LGU's editors may invite for one of its skill needs: only those who show their skills
 * publicly (public_member_skills; their name only if their basics are public too), with the need's
 * skill or a related one, ranked by the engine's weights. `null` when the need is not the LGU's.
 */
export async function peopleForNeed(claims: JwtClaims, lguId: string, needId: string, language: string, limit = 20): Promise<PersonMatch[] | null> {
  return rankPeopleForNeed(claims, lguId, needId, language, limit, "first pass");
}

/**
 * The people for a need as one query through the public views, with the reasons: over the ids of
 * the first pass (app_private.people_for_need, from app_private.skill_people), or over everyone
 * with the skill when `mode` is "everyone" — the definition the first pass must agree with
 * (tests/integration/matching-fast.test.ts).
 */
export async function rankPeopleForNeed(
  claims: JwtClaims,
  lguId: string,
  needId: string,
  language: string,
  limit: number,
  mode: "first pass" | "everyone",
): Promise<PersonMatch[] | null> {
  return withRls(claims, async (tx) => {
    const [need] = await tx.execute<{ id: string }>(sql`
      select n.id from public.project_needs n join public.projects p on p.id = n.project_id
      where n.id = ${needId}::uuid and p.lgu_id = ${lguId}::uuid and n.kind = 'skill'`);
    if (!need) return null;
    let restrict = sql``;
    let profiles = sql`public.public_profiles`;
    if (mode === "first pass") {
      const ids = await tx.execute<{ profile_id: string }>(
        sql`select profile_id from app_private.people_for_need(${JSON.stringify(W)}::jsonb, ${needId}::uuid, ${limit})`,
      );
      if (ids.length === 0) return [];
      const list = `{${ids.map((r) => r.profile_id).join(",")}}`;
      restrict = sql`and m.profile_id = any (${list}::uuid[])`;
      // The view is a security barrier: a join cannot reach into it, a filter on its id can.
      profiles = sql`(select * from public.public_profiles where id = any (${list}::uuid[]))`;
    }
    const rows = await tx.execute<PersonRow>(sql`
      with need as (
        select n.id, n.skill, n.mode::text as mode, n.language, pc.country_code
        from public.project_needs n join public.projects p on p.id = n.project_id join public.lgus l on l.id = p.lgu_id
        left join public.places pc on pc.id = l.place_id where n.id = ${needId}::uuid
      ), wanted as (
        select need.skill as code, true as exact from need
        union all
        select l.linked_code, false from public.skill_links l, need where l.code = need.skill and l.kind = 'related'
      ), people as (
        select distinct on (m.profile_id) m.profile_id, m.skill_code, m.level::text as level, m.years, w.exact
        from public.public_member_skills m join wanted w on w.code = m.skill_code
        where m.profile_id <> auth.uid() ${restrict}
        order by m.profile_id, w.exact desc, m.years desc, m.skill_code
      ), signals as (
        select pe.*, pp.display_name, pp.country_of_residence as country,
          (select need.language from need where need.language is not null and need.language = any (coalesce(pp.languages, '{}'))) as language,
          (select need.mode in ('remote', 'either') or pp.country_of_residence = need.country_code from need) as place,
          coalesce('volunteer' = any (pp.willingness) or 'mentor' = any (pp.willingness), false) as willing,
          exists (select 1 from public.volunteer_invitations vi where vi.need_id = ${needId}::uuid and vi.profile_id = pe.profile_id) as invited
        from people pe left join ${profiles} pp on pp.id = pe.profile_id
        where not exists (select 1 from public.volunteer_offers o where o.need_id = ${needId}::uuid and o.volunteer_id = pe.profile_id and o.status in ('offered', 'accepted', 'done'))
      )
      select s.profile_id, s.display_name, s.country, coalesce(sk.labels ->> ${language}, sk.labels ->> 'en') as skill_label, s.level, s.years, s.exact,
        s.language, coalesce(s.place, false) as place, s.willing, s.invited,
        (case when s.exact then ${W.skillExact}::int else ${W.skillRelated}::int end
         + case when s.language is not null then ${W.language}::int else 0 end
         + case when coalesce(s.place, false) then ${W.place}::int else 0 end
         + case when s.willing then ${W.willingness}::int else 0 end) as score
      from signals s join public.skills sk on sk.code = s.skill_code
      order by score desc, s.years desc, s.profile_id
      limit ${limit}`);
    return [...rows].map((r) => {
      const reasons: PersonReason[] = [{ code: r.exact ? "has_skill" : "has_related_skill", skill: r.skill_label, level: r.level, years: Number(r.years) }];
      if (r.language) reasons.push({ code: "speaks", language: r.language });
      if (r.place) reasons.push({ code: "can_work" });
      if (r.willing) reasons.push({ code: "willing" });
      return { profileId: r.profile_id, name: r.display_name, country: r.country, invited: r.invited, score: Number(r.score), reasons };
    });
  });
}


type InvestorRow = {
  profile_id: string;
  display_name: string | null;
  country: string | null;
  hometown: string | null;
  home_province: string | null;
  sectors: string[];
  willing: boolean;
  ticket: boolean;
  language: string | null;
  invited: boolean;
  score: number;
};

/** Minor units per major unit of the currencies the forms offer, for comparing ticket sizes across currencies. */
const MINOR_UNITS = JSON.stringify(Object.fromEntries(opportunityCurrencies.map((c) => [c, 10 ** currencyMinorDigits(c)])));

/**
 * People an LGU's investment staff may invite to one of its opportunities: only members who
 * allowed investment invitations on their profile (never anyone else, whatever else they made
 * public), ranked in Postgres by the engine's weights — hometown or home province, the sectors they
 * care about, that they said they would invest, a ticket size that overlaps, a language the
 * opportunity is written in. Their name and country only when their basics are public; never an
 * address. The database function checks the caller's role (public.people_for_investment_opportunity).
 * `null` when the opportunity is not the LGU's.
 */
export async function peopleForOpportunity(claims: JwtClaims, lguId: string, opportunityId: string, language: string, limit = 20): Promise<PersonMatch[] | null> {
  if (!UUID.test(opportunityId) || !UUID.test(lguId)) return null;
  return withRls(claims, async (tx) => {
    const [own] = await tx.execute<{ id: string }>(sql`
      select o.id from public.investment_opportunities o where o.id = ${opportunityId}::uuid and o.lgu_id = ${lguId}::uuid`);
    if (!own) return null;
    const rows = await tx.execute<InvestorRow>(sql`
      select * from public.people_for_investment_opportunity(${lguId}::uuid, ${opportunityId}::uuid, ${JSON.stringify(W)}::jsonb, ${MINOR_UNITS}::jsonb, ${limit})`);
    return [...rows].map((r) => {
      const reasons: PersonReason[] = [];
      if (r.hometown) reasons.push({ code: "from_hometown", place: r.hometown });
      else if (r.home_province) reasons.push({ code: "from_near_hometown", place: r.home_province });
      if (r.sectors.length > 0) reasons.push({ code: "cares_about", sector: r.sectors[0]! });
      if (r.willing) reasons.push({ code: "willing_to_invest" });
      if (r.ticket) reasons.push({ code: "ticket_fits" });
      if (r.language) reasons.push({ code: "reads", language: r.language });
      return { profileId: r.profile_id, name: r.display_name, country: r.country, invited: r.invited, score: Number(r.score), reasons };
    });
  }).catch(investmentProblem);
}