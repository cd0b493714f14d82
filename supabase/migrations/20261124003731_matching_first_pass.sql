-- The matching engine for a person, within its budget (issue 9: top 20 with a p95 of 50 ms or less
-- with 1,000,000 profiles and 50,000 projects). The rankings of skill needs and projects were one
-- query each under the person's RLS: every candidate (thousands of open needs for a common skill,
-- thousands of projects in a sector) went through the projects and needs policies and a dozen
-- subqueries for its reasons' words: 0.6-2.3 s. Now each ranking has a first pass here, which
-- scores the candidates from narrow rows with the person's data read once into arrays, and returns
-- only the ids of the best p_limit; the engine then reads those few under the person's RLS with the
-- same query as before, which puts the reasons into words. The first pass's score is the same sum
-- of the same weights (passed in, from app/modules/matching/weights.ts), and it only considers
-- public things (the search listing holds exactly what anyone may see), so the answers are the
-- same (tests/integration/matching-fast.test.ts compares both ways on generated data).

-- A project's listing says in which languages its title is written (the "in a language you speak" signal).
alter table app_private.project_listings add column title_languages text[] not null default '{}';
--> statement-breakpoint
create or replace function app_private.title_languages(p_title jsonb) returns text[]
  language sql immutable parallel safe
  set search_path = ''
as $$
  select coalesce(array(select e.key from jsonb_each_text(p_title) e where coalesce(e.value, '') <> '' order by e.key), '{}')
$$;
--> statement-breakpoint
-- The open skill needs of public projects raising money or under way, narrow, with what the
-- ranking reads; kept from project_needs (trigger below) and from the project's listing (the
-- refresh functions below, which every change of a project, its LGU or the LGU's place calls).
create table app_private.need_matching (
  need_id uuid primary key references public.project_needs (id) on delete cascade,
  project_id uuid not null,
  skill text not null,
  lgu_id uuid not null,
  country_code text,
  sector text not null,
  published_at timestamptz not null,
  mode public.work_mode,
  language text,
  ends_on date
);
--> statement-breakpoint
alter table app_private.need_matching enable row level security;
--> statement-breakpoint
revoke all on app_private.need_matching from public, anon, authenticated;
--> statement-breakpoint
create index need_matching_skill_idx on app_private.need_matching (skill);
--> statement-breakpoint
create index need_matching_lgu_idx on app_private.need_matching (lgu_id);
--> statement-breakpoint
create or replace function app_private.refresh_need_matching(p_needs uuid[]) returns void
  language sql security definer
  set search_path = ''
as $$
  delete from app_private.need_matching where need_id = any (p_needs);
  insert into app_private.need_matching (need_id, project_id, skill, lgu_id, country_code, sector, published_at, mode, language, ends_on)
  select n.id, n.project_id, n.skill, pl.lgu_id, pl.country_code, pl.sector::text, pl.published_at, n.mode, n.language, n.ends_on
  from public.project_needs n
  join app_private.project_listings pl on pl.project_id = n.project_id
  where n.id = any (p_needs)
    and n.kind = 'skill' and n.closed_at is null and n.fulfilled < n.quantity
    and pl.status in ('fundraising', 'funded', 'in_progress');
$$;
--> statement-breakpoint
create or replace function app_private.need_matching_follow_need() returns trigger
  language plpgsql security definer
  set search_path = ''
as $$
begin
  if tg_op <> 'DELETE' then
    perform app_private.refresh_need_matching(array[new.id]);
  end if;
  return null;
end
$$;
--> statement-breakpoint
create trigger project_needs_matching after insert or update on public.project_needs
  for each row execute function app_private.need_matching_follow_need();
--> statement-breakpoint
create or replace function app_private.refresh_project_listing(p_project uuid) returns void
  language sql security definer
  set search_path = ''
as $$
  delete from app_private.project_listings where project_id = p_project;
  insert into app_private.project_listings (project_id, lgu_id, country_code, sector, status, published_at, ends_on, slug, search, title_languages)
  select p.id, p.lgu_id, pl.country_code, p.sector, p.status, p.published_at, p.ends_on, p.slug, coalesce(p.search, ''::tsvector),
         app_private.title_languages(p.title)
  from public.projects p
  join public.lgus l on l.id = p.lgu_id
  join public.places pl on pl.id = l.place_id
  where p.id = p_project
    and p.published_at is not null and p.status not in ('draft', 'review')
    and l.verification_status = 'verified';
  select app_private.refresh_need_matching(array(select n.id from public.project_needs n where n.project_id = p_project));
$$;
--> statement-breakpoint
create or replace function app_private.refresh_lgu_listings(p_lgus uuid[]) returns void
  language sql security definer
  set search_path = ''
as $$
  delete from app_private.project_listings where lgu_id = any (p_lgus);
  insert into app_private.project_listings (project_id, lgu_id, country_code, sector, status, published_at, ends_on, slug, search, title_languages)
  select p.id, p.lgu_id, pl.country_code, p.sector, p.status, p.published_at, p.ends_on, p.slug, coalesce(p.search, ''::tsvector),
         app_private.title_languages(p.title)
  from public.projects p
  join public.lgus l on l.id = p.lgu_id
  join public.places pl on pl.id = l.place_id
  where p.lgu_id = any (p_lgus)
    and p.published_at is not null and p.status not in ('draft', 'review')
    and l.verification_status = 'verified';
  select app_private.refresh_need_matching(array(select n.id from public.project_needs n join public.projects p on p.id = n.project_id where p.lgu_id = any (p_lgus)));
$$;
--> statement-breakpoint
update app_private.project_listings pl set title_languages = app_private.title_languages(p.title)
from public.projects p where p.id = pl.project_id;
--> statement-breakpoint
select app_private.refresh_need_matching(array(select n.id from public.project_needs n where n.kind = 'skill' and n.closed_at is null));
--> statement-breakpoint
-- The projects of a sector with what the ranking reads, so it needs no visit to the wide rows.
create index project_listings_matching_idx on app_private.project_listings (sector) include (status, lgu_id, published_at, project_id, title_languages);
--> statement-breakpoint

-- What the first passes read of the signed-in person, once. Hometowns as LGUs: the LGUs of the
-- person's hometowns, and those one inside the other with a hometown (its province, its towns).
create or replace function app_private.match_me()
  returns table (sectors text[], languages text[], locale text, country text, willingness text[], skills text[], related text[],
                 hometown_lgus uuid[], province_lgus uuid[])
  language sql stable security definer
  set search_path = ''
as $$
  with me as (
    select p.sectors, p.languages, p.preferred_locale, p.country_of_residence, p.willingness from public.profiles p where p.id = auth.uid()
  ), homes as (
    select array(select h.place_id from public.profile_hometowns h where h.profile_id = auth.uid()) as ids
  ), parents as (
    select array(select pl.parent_id from public.places pl, homes where pl.id = any (homes.ids) and pl.parent_id is not null) as ids
  ), skills as (
    select array(select m.skill_code from public.member_skills m where m.profile_id = auth.uid()) as codes
  )
  select me.sectors, me.languages, me.preferred_locale, me.country_of_residence, me.willingness, skills.codes,
         array(select distinct l.linked_code from public.skill_links l where l.kind = 'related' and l.code = any (skills.codes)),
         array(select l.id from public.lgus l where l.place_id = any (homes.ids)),
         array(select l.id from public.lgus l join public.places lp on lp.id = l.place_id
               where l.place_id = any (parents.ids) or lp.parent_id = any (homes.ids))
  from me, homes, parents, skills
$$;
--> statement-breakpoint

-- Skill needs for the person (the engine's needsFor): open needs of public projects raising money
-- or under way, asking a skill the person listed or a related one, or in their hometowns; not full,
-- not past, not already offered for.
create or replace function app_private.needs_for_me(p_weights jsonb, p_recent_days integer, p_limit integer)
  returns table (need_id uuid)
  language plpgsql stable security definer
  set search_path = pg_catalog, public
  set max_parallel_workers_per_gather = 0
as $$
declare
  m record;
  v_offered uuid[];
  v_willing boolean;
  v_wanted text[];
  v_homes uuid[];
begin
  if auth.uid() is null then
    return;
  end if;
  select * into m from app_private.match_me();
  if not found then
    return;
  end if;
  v_willing := coalesce('volunteer' = any (m.willingness) or 'mentor' = any (m.willingness), false);
  v_offered := array(select o.need_id from public.volunteer_offers o
                     where o.volunteer_id = auth.uid() and o.status in ('offered', 'accepted', 'done'));
  v_wanted := m.skills || m.related;
  v_homes := m.hometown_lgus || m.province_lgus;
  return query
  select x.need_id
  from app_private.need_matching x
  where (x.skill = any (v_wanted) or x.lgu_id = any (v_homes))
    and (x.ends_on is null or x.ends_on >= (now() at time zone 'utc')::date)
    and not (x.need_id = any (v_offered))
  order by (case when x.skill = any (m.skills) then (p_weights ->> 'skillExact')::integer
                 when x.skill = any (m.related) then (p_weights ->> 'skillRelated')::integer else 0 end
            + case when x.lgu_id = any (m.hometown_lgus) then (p_weights ->> 'hometown')::integer
                   when x.lgu_id = any (m.province_lgus) then (p_weights ->> 'homeProvince')::integer else 0 end
            + case when x.sector = any (m.sectors) then (p_weights ->> 'sector')::integer else 0 end
            + case when x.language is not null and (x.language = m.locale or x.language = any (m.languages)) then (p_weights ->> 'language')::integer else 0 end
            + case when x.mode in ('remote', 'either') or m.country = x.country_code then (p_weights ->> 'place')::integer else 0 end
            + case when v_willing then (p_weights ->> 'willingness')::integer else 0 end
            + case when x.published_at > now() - make_interval(days => p_recent_days) then (p_weights ->> 'recency')::integer else 0 end) desc,
           x.published_at desc, x.need_id
  limit least(greatest(p_limit, 0), 100);
end
$$;
--> statement-breakpoint

-- Projects for the person (the engine's projectsFor): public projects raising money, in their
-- hometowns or in sectors they care about.
create or replace function app_private.projects_for_me(p_weights jsonb, p_recent_days integer, p_limit integer)
  returns table (project_id uuid)
  language plpgsql stable security definer
  set search_path = pg_catalog, public
  set max_parallel_workers_per_gather = 0
as $$
declare
  m record;
  v_willing boolean;
  v_speaks text[];
  v_homes uuid[];
  v_sectors public.project_sector[];
begin
  if auth.uid() is null then
    return;
  end if;
  select * into m from app_private.match_me();
  if not found then
    return;
  end if;
  v_willing := coalesce('donate' = any (m.willingness), false);
  v_speaks := array_remove(array_prepend(m.locale, m.languages), null);
  v_homes := m.hometown_lgus || m.province_lgus;
  -- As the enum, so the sector index serves (a profile may care about sectors projects do not have).
  v_sectors := array(select e from unnest(enum_range(null::public.project_sector)) e where e::text = any (m.sectors));
  return query
  select pl.project_id
  from app_private.project_listings pl
  where pl.status in ('fundraising', 'funded')
    and (pl.sector = any (v_sectors) or pl.lgu_id = any (v_homes))
  order by (case when pl.lgu_id = any (m.hometown_lgus) then (p_weights ->> 'hometown')::integer
                 when pl.lgu_id = any (m.province_lgus) then (p_weights ->> 'homeProvince')::integer else 0 end
            + case when pl.sector = any (v_sectors) then (p_weights ->> 'sector')::integer else 0 end
            + case when pl.title_languages && v_speaks then (p_weights ->> 'language')::integer else 0 end
            + case when v_willing then (p_weights ->> 'willingness')::integer else 0 end
            + case when pl.published_at > now() - make_interval(days => p_recent_days) then (p_weights ->> 'recency')::integer else 0 end) desc,
           pl.published_at desc, pl.project_id
  limit least(greatest(p_limit, 0), 100);
end
$$;
--> statement-breakpoint
revoke all on function app_private.title_languages(jsonb), app_private.match_me(), app_private.refresh_need_matching(uuid[]), app_private.need_matching_follow_need(), app_private.needs_for_me(jsonb, integer, integer),
  app_private.projects_for_me(jsonb, integer, integer) from public, anon;
--> statement-breakpoint
grant execute on function app_private.needs_for_me(jsonb, integer, integer), app_private.projects_for_me(jsonb, integer, integer) to authenticated;
