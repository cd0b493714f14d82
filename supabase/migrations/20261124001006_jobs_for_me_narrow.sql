-- "Jobs for you" within its budget (issue 7: p95 ≤ 50 ms with 100,000 jobs and 1,000,000 people).
-- jobs_for_me used to read, for every candidate (the ~11,000 open jobs sharing the person's ISCO
-- major group or a skill), the whole listing row with its search document, and counted the
-- skills in common with a subquery per row: 150 ms of PostgreSQL per request. Now:
--
-- * app_private.job_match_jobs: one narrow row per open job with only what the score reads;
-- * app_private.job_match_skills: one row per (skill, job), so the skills a person has in common
--   with every job are counted by one index range scan per skill of theirs, not per job;
-- * jobs_for_me scores exactly only the jobs whose score can depend on more than the occupation
--   and the languages (a skill in common, or in the person's occupation group and where they want
--   to work or remote); every other job of their occupation group scores the occupation's weight
--   plus, maybe, the languages', so only the best p_limit of those can make the list, and they
--   are read in that order. Same results, same order as before (tests/integration/jobs-matching).
--
-- Both tables are kept by refresh_job_listing, which the jobs trigger already calls for every
-- change (closing included: a job that is not open has no rows).
create table app_private.job_match_jobs (
  job_id uuid primary key references public.jobs (id) on delete cascade,
  lgu_id uuid,
  organisation_id uuid,
  published_at timestamptz not null,
  closes_on date not null,
  occupation_code text not null,
  occupation_major text not null,
  required_count smallint not null,
  preferred_count smallint not null,
  place_path uuid[] not null,
  remote boolean not null,
  languages text[] not null
);
--> statement-breakpoint
alter table app_private.job_match_jobs enable row level security;
--> statement-breakpoint
revoke all on app_private.job_match_jobs from public, anon, authenticated;
--> statement-breakpoint
create index job_match_jobs_major_idx on app_private.job_match_jobs (occupation_major, published_at desc, job_id);
--> statement-breakpoint
create index job_match_jobs_place_idx on app_private.job_match_jobs using gin (place_path);
--> statement-breakpoint
create table app_private.job_match_skills (
  skill_code text not null,
  job_id uuid not null references public.jobs (id) on delete cascade,
  required boolean not null,
  primary key (skill_code, job_id, required)
);
--> statement-breakpoint
alter table app_private.job_match_skills enable row level security;
--> statement-breakpoint
revoke all on app_private.job_match_skills from public, anon, authenticated;
--> statement-breakpoint
create index job_match_skills_job_idx on app_private.job_match_skills (job_id);
--> statement-breakpoint

create or replace function app_private.refresh_job_listing(p_job uuid) returns void
  language sql security definer
  set search_path = ''
as $$
  delete from app_private.job_listings where job_id = p_job;
  insert into app_private.job_listings (job_id, lgu_id, organisation_id, published_at, closes_on, sector, occupation_code, employment_type,
    place_path, remote, skills_required, skills_all, languages, salary_min_minor, salary_max_minor, salary_currency, search)
  select j.id, j.lgu_id, j.organisation_id, j.published_at, j.closes_on, j.sector, j.occupation_code, j.employment_type,
         j.place_path, j.remote, j.skills_required, array(select distinct s from unnest(j.skills_required || j.skills_preferred) s order by s), j.languages,
         j.salary_min_minor, j.salary_max_minor, j.salary_currency,
         app_private.job_document(
           (select string_agg(v, ' ') from jsonb_each_text(j.title) as e(k, v)),
           (select string_agg(v, ' ') from jsonb_each_text(j.description) as e(k, v)),
           concat_ws(' ', (select l.name from public.lgus l where l.id = j.lgu_id), (select o.name from public.organisations o where o.id = j.organisation_id),
             (select string_agg(p.name, ' ') from public.places p where p.id = any (j.place_path))))
  from public.jobs j
  where j.id = p_job and j.status = 'open';
  delete from app_private.job_match_skills where job_id = p_job;
  delete from app_private.job_match_jobs where job_id = p_job;
  insert into app_private.job_match_jobs (job_id, lgu_id, organisation_id, published_at, closes_on, occupation_code, occupation_major,
    required_count, preferred_count, place_path, remote, languages)
  select j.id, j.lgu_id, j.organisation_id, j.published_at, j.closes_on, j.occupation_code, left(j.occupation_code, 1),
         cardinality(j.skills_required),
         cardinality(array(select distinct s from unnest(j.skills_required || j.skills_preferred) s)) - cardinality(j.skills_required),
         j.place_path, j.remote, j.languages
  from public.jobs j
  where j.id = p_job and j.status = 'open';
  -- A skill both required and preferred counts as required (as in skills_all above).
  insert into app_private.job_match_skills (skill_code, job_id, required)
  select s.code, j.id, bool_or(s.required)
  from public.jobs j,
       lateral (select r, true from unnest(j.skills_required) r union all select p, false from unnest(j.skills_preferred) p) s(code, required)
  where j.id = p_job and j.status = 'open'
  group by s.code, j.id;
$$;
--> statement-breakpoint

-- The open jobs of today, as the function above would write them.
insert into app_private.job_match_jobs (job_id, lgu_id, organisation_id, published_at, closes_on, occupation_code, occupation_major,
  required_count, preferred_count, place_path, remote, languages)
select j.id, j.lgu_id, j.organisation_id, j.published_at, j.closes_on, j.occupation_code, left(j.occupation_code, 1),
       cardinality(j.skills_required),
       cardinality(array(select distinct s from unnest(j.skills_required || j.skills_preferred) s)) - cardinality(j.skills_required),
       j.place_path, j.remote, j.languages
from public.jobs j
where j.status = 'open';
--> statement-breakpoint
insert into app_private.job_match_skills (skill_code, job_id, required)
select s.code, j.id, bool_or(s.required)
from public.jobs j,
     lateral (select r, true from unnest(j.skills_required) r union all select p, false from unnest(j.skills_preferred) p) s(code, required)
where j.status = 'open'
group by s.code, j.id;
--> statement-breakpoint

create or replace function app_private.jobs_for_me(p_weights jsonb, p_min_score integer, p_limit integer)
  returns table (job_id uuid, score integer, occupation text, skills_matched text[], place text, languages_ok boolean)
  language plpgsql stable security definer
  set search_path = pg_catalog, public
as $$
declare
  v_me uuid := auth.uid();
  v_occupation text;
  v_major text;
  v_skills text[];
  v_places uuid[];
  v_near uuid[];
  v_remote boolean;
  v_languages text[];
  v_limit integer := least(greatest(p_limit, 0), 100);
  w_occupation integer := coalesce((p_weights ->> 'occupation')::integer, 0);
  w_major integer := coalesce((p_weights ->> 'occupationMajor')::integer, 0);
  w_required integer := coalesce((p_weights ->> 'skillsRequired')::integer, 0);
  w_preferred integer := coalesce((p_weights ->> 'skillsPreferred')::integer, 0);
  w_area integer := coalesce((p_weights ->> 'place')::integer, 0);
  w_nearby integer := coalesce((p_weights ->> 'placeNearby')::integer, 0);
  w_remote integer := coalesce((p_weights ->> 'remote')::integer, 0);
  w_languages integer := coalesce((p_weights ->> 'languages')::integer, 0);
begin
  if v_me is null then
    return;
  end if;
  select jp.occupation_code, jp.preferred_place_ids, jp.open_to_remote
    into v_occupation, v_places, v_remote
    from public.jobseeker_profiles jp where jp.profile_id = v_me;
  -- The person's skills are their member skills registry's.
  v_skills := coalesce(array(select ms.skill_code from public.member_skills ms where ms.profile_id = v_me), '{}');
  select p.languages into v_languages from public.profiles p where p.id = v_me;
  v_languages := coalesce(v_languages, '{}');
  v_remote := coalesce(v_remote, false);
  v_major := left(v_occupation, 1);
  -- Where the person wants to work; their hometowns when they have not said.
  if coalesce(cardinality(v_places), 0) = 0 then
    v_places := array(select h.place_id from public.profile_hometowns h where h.profile_id = v_me);
  end if;
  -- Nearby: the provinces or regions those places are in (never a whole country).
  v_near := array(select parent.id from public.places p join public.places parent on parent.id = p.parent_id
                  where p.id = any (v_places) and parent.kind <> 'country');
  if v_occupation is null and cardinality(v_skills) = 0 then
    return;
  end if;

  return query
  with hits as (
    -- The skills each job shares with the person: one index range scan per skill of theirs.
    select s.job_id, count(*) filter (where s.required)::integer as required_matched, count(*)::integer as all_matched,
           array_agg(s.skill_code order by s.skill_code) as matched
    from app_private.job_match_skills s
    where s.skill_code = any (v_skills)
    group by s.job_id
  ),
  placed as (
    -- In the person's occupation group and where they want to work (or remote, if they are open to it).
    select m.job_id from app_private.job_match_jobs m
    where m.occupation_major = v_major
      and (m.place_path && v_places or m.place_path && v_near or (v_remote and m.remote))
  ),
  exact as (
    select m.job_id, m.published_at, m.occupation_code, m.place_path, m.remote, m.languages, m.required_count, m.preferred_count,
           coalesce(h.required_matched, 0) as required_matched, coalesce(h.all_matched, 0) as all_matched, coalesce(h.matched, '{}') as matched
    from (select hits.job_id from hits union select placed.job_id from placed) c
    join app_private.job_match_jobs m on m.job_id = c.job_id
    left join hits h on h.job_id = c.job_id
    where m.closes_on >= current_date
      and (m.lgu_id in (select app_private.verified_lgu_ids()) or m.organisation_id in (select app_private.verified_organisation_ids()))
  ),
  rest as (
    -- The rest of the person's occupation group: no skill in common, not where they want to work.
    -- Score = the occupation's weight (+ the languages'): only the best v_limit can make the list.
    select m.job_id, m.published_at, m.occupation_code, m.place_path, m.remote, m.languages, m.required_count, m.preferred_count,
           0 as required_matched, 0 as all_matched, '{}'::text[] as matched
    from app_private.job_match_jobs m
    where m.occupation_major = v_major
      and m.closes_on >= current_date
      and (m.lgu_id in (select app_private.verified_lgu_ids()) or m.organisation_id in (select app_private.verified_organisation_ids()))
      and not (m.place_path && v_places or m.place_path && v_near or (v_remote and m.remote))
      and not exists (select 1 from hits h where h.job_id = m.job_id)
    order by case when m.occupation_code = v_occupation then w_occupation else w_major end
             + case when cardinality(m.languages) = 0 or m.languages <@ v_languages then w_languages else 0 end desc,
             m.published_at desc, m.job_id
    limit v_limit
  ),
  parts as (
    select c.job_id, c.published_at, c.matched,
           case when c.occupation_code = v_occupation then 'sub_major'
                when left(c.occupation_code, 1) = v_major then 'major' end as occupation,
           case when c.place_path && v_places then 'area'
                when c.place_path && v_near then 'nearby'
                when c.remote and v_remote then 'remote' end as place,
           (cardinality(c.languages) = 0 or c.languages <@ v_languages) as languages_ok,
           c.required_matched, c.required_count, c.all_matched, c.preferred_count
    from (select * from exact union all select * from rest) c
  ),
  scored as (
    select p.*,
           (case p.occupation when 'sub_major' then w_occupation when 'major' then w_major else 0 end
            + case when p.required_count > 0 then round(w_required * p.required_matched::numeric / p.required_count)::integer else 0 end
            + case when p.preferred_count > 0 then round(w_preferred * (p.all_matched - p.required_matched)::numeric / p.preferred_count)::integer else 0 end
            + case p.place when 'area' then w_area when 'nearby' then w_nearby when 'remote' then w_remote else 0 end
            + case when p.languages_ok then w_languages else 0 end) as score
    from parts p
  )
  select s.job_id, s.score, s.occupation, s.matched, s.place, s.languages_ok
  from scored s
  where s.score >= p_min_score
  order by s.score desc, s.published_at desc, s.job_id
  limit v_limit;
end
$$;
