-- The narrow job rows (app_private.job_listings for the search, job_match_jobs and job_match_skills
-- for "jobs for you") now hold only the open jobs of verified posters, kept so by triggers on the
-- jobs and on their posters' verification, as project_listings are. Every search and "jobs for you"
-- used to check each candidate against the sets of verified LGUs (2,300 in the benchmark) and
-- employers, built on every call: about 2 ms of a search and 1.5 ms of "jobs for you".
--
-- And "best match" reads its matches once: it ranks every match anyway, so it counts them on the
-- way, instead of a separate capped count first (which the planner ran as a sequential scan: 12 ms
-- of a 30 ms search for a word in 6,665 open jobs). Same matches, same orders, same counts
-- (tests/integration/jobs.test.ts, jobs-matching.test.ts).
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
  where j.id = p_job and j.status = 'open'
    and (exists (select 1 from public.lgus l where l.id = j.lgu_id and l.verification_status = 'verified')
         or exists (select 1 from public.organisations o where o.id = j.organisation_id and o.verification_status = 'verified'));
  delete from app_private.job_match_skills where job_id = p_job;
  delete from app_private.job_match_jobs where job_id = p_job;
  insert into app_private.job_match_jobs (job_id, lgu_id, organisation_id, published_at, closes_on, occupation_code, occupation_major,
    required_count, preferred_count, place_path, remote, languages)
  select j.id, j.lgu_id, j.organisation_id, j.published_at, j.closes_on, j.occupation_code, left(j.occupation_code, 1),
         cardinality(j.skills_required),
         cardinality(array(select distinct s from unnest(j.skills_required || j.skills_preferred) s)) - cardinality(j.skills_required),
         j.place_path, j.remote, j.languages
  from public.jobs j
  join app_private.job_listings l on l.job_id = j.id
  where j.id = p_job;
  -- One row per skill the job asks; a skill both required and preferred counts as required.
  insert into app_private.job_match_skills (skill_code, job_id, required, lgu_id, organisation_id, published_at, closes_on, occupation_code,
    required_count, preferred_count, place_path, remote, languages)
  select s.code, m.job_id, s.required, m.lgu_id, m.organisation_id, m.published_at, m.closes_on, m.occupation_code,
         m.required_count, m.preferred_count, m.place_path, m.remote, m.languages
  from app_private.job_match_jobs m
  join public.jobs j on j.id = m.job_id,
  lateral (select k.code, bool_or(k.required) as required
           from (select r, true from unnest(j.skills_required) r union all select p, false from unnest(j.skills_preferred) p) k(code, required)
           group by k.code) s
  where m.job_id = p_job;
$$;
--> statement-breakpoint

-- A poster verified, suspended or renamed (its name is in its jobs' search text): its jobs again.
create or replace function app_private.job_listings_follow_poster() returns trigger
  language plpgsql security definer
  set search_path = ''
as $$
begin
  if tg_table_name = 'lgus' then
    perform app_private.refresh_job_listing(j.id) from public.jobs j where j.lgu_id = new.id and j.status = 'open';
  else
    perform app_private.refresh_job_listing(j.id) from public.jobs j where j.organisation_id = new.id and j.status = 'open';
  end if;
  return null;
end
$$;
--> statement-breakpoint
create trigger lgus_job_listing after update of verification_status, name on public.lgus
  for each row when (old.verification_status is distinct from new.verification_status or old.name is distinct from new.name)
  execute function app_private.job_listings_follow_poster();
--> statement-breakpoint
create trigger organisations_job_listing after update of verification_status, name on public.organisations
  for each row when (old.verification_status is distinct from new.verification_status or old.name is distinct from new.name)
  execute function app_private.job_listings_follow_poster();
--> statement-breakpoint
revoke all on function app_private.job_listings_follow_poster() from public, anon, authenticated;
--> statement-breakpoint

-- The jobs of posters that are not verified now leave the narrow rows.
delete from app_private.job_match_skills s
where not exists (select 1 from public.lgus l where l.id = s.lgu_id and l.verification_status = 'verified')
  and not exists (select 1 from public.organisations o where o.id = s.organisation_id and o.verification_status = 'verified');
--> statement-breakpoint
delete from app_private.job_match_jobs m
where not exists (select 1 from public.lgus l where l.id = m.lgu_id and l.verification_status = 'verified')
  and not exists (select 1 from public.organisations o where o.id = m.organisation_id and o.verification_status = 'verified');
--> statement-breakpoint
delete from app_private.job_listings j
where not exists (select 1 from public.lgus l where l.id = j.lgu_id and l.verification_status = 'verified')
  and not exists (select 1 from public.organisations o where o.id = j.organisation_id and o.verification_status = 'verified');
--> statement-breakpoint

-- Remote jobs are few (3% in the benchmark): counting them scanned a third of the table.
create index job_listings_remote_idx on app_private.job_listings (published_at desc, job_id) where remote;
--> statement-breakpoint

create or replace function app_private.search_jobs(
  p_query text,
  p_place uuid,
  p_remote boolean,
  p_sector text,
  p_occupation text,
  p_type public.employment_type,
  p_salary_min bigint,
  p_currency text,
  p_within_days integer,
  p_sort text,
  p_limit integer,
  p_offset integer,
  p_cap integer
)
  returns table (job_id uuid, total bigint)
  language plpgsql stable security definer
  set search_path = pg_catalog, public
  set plan_cache_mode = 'force_custom_plan'
as $$
declare
  v_query tsquery := case when nullif(btrim(coalesce(p_query, '')), '') is not null then app_private.job_query(p_query) end;
  v_since timestamptz := case when p_within_days is not null then now() - make_interval(days => p_within_days) end;
  v_limit integer := least(greatest(p_limit, 0), 100);
  v_offset integer := greatest(p_offset, 0);
  v_total bigint;
begin
  if v_query is not null and numnode(v_query) = 0 then
    return; -- only stop words
  end if;
  if p_sort = 'relevance' and v_query is not null then
    -- Every match is ranked, so every match is read: counted on the way (capped like the others).
    return query
    select r.job_id, least(r.total, greatest(p_cap, 0) + 1)
    from (
      select m.job_id, m.published_at, m.rank, count(*) over () as total
      from (
        -- Ranked as they are read (offset 0 keeps the planner from ranking after the count, which
        -- kept every match's whole search text until then).
        select l.job_id, l.published_at, ts_rank(l.search, v_query) as rank
        from app_private.job_listings l
        where l.closes_on >= current_date
          and l.search @@ v_query
          and (p_place is null or l.place_path @> array[p_place])
          and (p_remote is not true or l.remote)
          and (p_sector is null or l.sector = p_sector)
          and (p_occupation is null or l.occupation_code like p_occupation || '%')
          and (p_type is null or l.employment_type = p_type)
          and (p_salary_min is null or (l.salary_currency = p_currency and coalesce(l.salary_max_minor, l.salary_min_minor) >= p_salary_min))
          and (v_since is null or l.published_at >= v_since)
        offset 0
      ) m
    ) r
    order by r.rank desc, r.published_at desc, r.job_id
    offset v_offset limit v_limit;
    return;
  end if;
  -- The count, capped. A materialized CTE is planned for all its rows, so a word's matches come
  -- from the full-text index, and is read lazily, so the count stops at the cap. Planned with the
  -- cap, it was a sequential scan testing each job's text until the cap (14 ms, not 3, for a word
  -- in 6,665 open jobs).
  with matches as materialized (
    select 1 from app_private.job_listings l
    where l.closes_on >= current_date
      and (v_query is null or l.search @@ v_query)
      and (p_place is null or l.place_path @> array[p_place])
      and (p_remote is not true or l.remote)
      and (p_sector is null or l.sector = p_sector)
      and (p_occupation is null or l.occupation_code like p_occupation || '%')
      and (p_type is null or l.employment_type = p_type)
      and (p_salary_min is null or (l.salary_currency = p_currency and coalesce(l.salary_max_minor, l.salary_min_minor) >= p_salary_min))
      and (v_since is null or l.published_at >= v_since)
  )
  select count(*) into v_total from (select 1 from matches limit greatest(p_cap, 0) + 1) c;
  if v_total = 0 then
    return;
  end if;
  if p_sort = 'closing' then
    return query
    select l.job_id, v_total
    from app_private.job_listings l
    where l.closes_on >= current_date
      and (v_query is null or l.search @@ v_query)
      and (p_place is null or l.place_path @> array[p_place])
      and (p_remote is not true or l.remote)
      and (p_sector is null or l.sector = p_sector)
      and (p_occupation is null or l.occupation_code like p_occupation || '%')
      and (p_type is null or l.employment_type = p_type)
      and (p_salary_min is null or (l.salary_currency = p_currency and coalesce(l.salary_max_minor, l.salary_min_minor) >= p_salary_min))
      and (v_since is null or l.published_at >= v_since)
    order by l.closes_on, l.published_at desc, l.job_id
    offset v_offset limit v_limit;
  else
    return query
    select l.job_id, v_total
    from app_private.job_listings l
    where l.closes_on >= current_date
      and (v_query is null or l.search @@ v_query)
      and (p_place is null or l.place_path @> array[p_place])
      and (p_remote is not true or l.remote)
      and (p_sector is null or l.sector = p_sector)
      and (p_occupation is null or l.occupation_code like p_occupation || '%')
      and (p_type is null or l.employment_type = p_type)
      and (p_salary_min is null or (l.salary_currency = p_currency and coalesce(l.salary_max_minor, l.salary_min_minor) >= p_salary_min))
      and (v_since is null or l.published_at >= v_since)
    order by l.published_at desc, l.job_id
    offset v_offset limit v_limit;
  end if;
end
$$;
--> statement-breakpoint

-- "Jobs for you" without the verified posters' sets (the narrow rows hold only their jobs), without
-- a second pass over the person's (skill, job) rows for the ids to leave out of the rest (the first
-- pass's, materialized, serve), and with the skills in common gathered for the jobs returned only
-- (array_agg over ~2,700 rows was a third of the first pass).
create or replace function app_private.jobs_for_me(p_weights jsonb, p_min_score integer, p_limit integer)
  returns table (job_id uuid, score integer, occupation text, skills_matched text[], place text, languages_ok boolean)
  language plpgsql stable security definer
  set search_path = pg_catalog, public
  -- A few thousand rows at most: starting parallel workers costs more than it saves (on two busy
  -- CPUs, 60 ms more).
  set max_parallel_workers_per_gather = 0
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
  v_places := coalesce(v_places, '{}');
  -- Nearby: the provinces or regions those places are in (never a whole country).
  v_near := array(select parent.id from public.places p join public.places parent on parent.id = p.parent_id
                  where p.id = any (v_places) and parent.kind <> 'country');
  if v_occupation is null and cardinality(v_skills) = 0 then
    return;
  end if;

  return query
  with hits as (
    -- Jobs sharing a skill with the person, with what their score reads: no join.
    select s.job_id, any_value(s.published_at) as published_at, any_value(s.occupation_code) as occupation_code,
           any_value(s.place_path) as place_path, any_value(s.remote) as remote, any_value(s.languages) as languages,
           any_value(s.required_count) as required_count, any_value(s.preferred_count) as preferred_count,
           (count(*) filter (where s.required))::integer as required_matched, count(*)::integer as all_matched
    from app_private.job_match_skills s
    where s.skill_code = any (v_skills)
      and s.closes_on >= current_date
    group by s.job_id
  ),
  others as not materialized (
    -- Jobs of the person's occupation group without a skill in common.
    select m.job_id, m.published_at, m.occupation_code, m.place_path, m.remote, m.languages, m.required_count, m.preferred_count,
           (m.place_path && v_places or m.place_path && v_near or (v_remote and m.remote)) as placed,
           (cardinality(m.languages) = 0 or m.languages <@ v_languages) as speaks
    from app_private.job_match_jobs m
    where m.occupation_major = v_major
      and m.closes_on >= current_date
      and m.job_id not in (select h.job_id from hits h)
  ),
  placed as (
    -- ... where the person wants to work (or remote): scored exactly.
    select m.job_id, m.published_at, m.occupation_code, m.place_path, m.remote, m.languages, m.required_count, m.preferred_count,
           0 as required_matched, 0 as all_matched
    from app_private.job_match_jobs m
    where m.occupation_major = v_major
      and (m.place_path && v_places or m.place_path && v_near or (v_remote and m.remote))
      and m.closes_on >= current_date
      and m.job_id not in (select h.job_id from hits h)
  ),
  -- Each candidate's score, once: kinds as small integers (words only for the jobs returned), and
  -- offset 0 so that the minimum score is not pushed down and the score worked out twice.
  parts as (
    select c.job_id, c.published_at,
           case when c.occupation_code = v_occupation then 2
                when left(c.occupation_code, 1) = v_major then 1 else 0 end as occupation,
           case when c.place_path && v_places then 3
                when c.place_path && v_near then 2
                when c.remote and v_remote then 1 else 0 end as place,
           (cardinality(c.languages) = 0 or c.languages <@ v_languages) as languages_ok,
           c.required_matched, c.required_count, c.all_matched, c.preferred_count
    from (select * from hits union all select * from placed) c
  ),
  exact as (
    select p.job_id, p.published_at, p.occupation, p.place, p.languages_ok,
           (case p.occupation when 2 then w_occupation when 1 then w_major else 0 end
            + case when p.required_count > 0 then (2 * w_required * p.required_matched + p.required_count) / (2 * p.required_count) else 0 end
            + case when p.preferred_count > 0 then (2 * w_preferred * (p.all_matched - p.required_matched) + p.preferred_count) / (2 * p.preferred_count) else 0 end
            + case p.place when 3 then w_area when 2 then w_nearby when 1 then w_remote else 0 end
            + case when p.languages_ok then w_languages else 0 end) as score
    from parts p
    offset 0
  ),
  best as (
    select e.* from exact e where e.score >= p_min_score
    order by e.score desc, e.published_at desc, e.job_id
    limit v_limit
  ),
  -- The rest of the occupation group (no skill in common, not where the person wants to work):
  -- in each of four kinds every job has the same score (the occupation's weight, plus the
  -- languages' if the person speaks them), so only the newest v_limit of a kind can make the
  -- list, and none if that score is under the minimum or v_limit jobs above already beat it.
  rest (job_id, published_at, occupation, place, languages_ok, score) as (
    (select o.job_id, o.published_at, 2, 0, true, w_occupation + w_languages
     from others o
     where o.occupation_code = v_occupation and o.speaks = true and not o.placed
       and w_occupation + w_languages >= p_min_score and (select count(*) from best b where b.score > w_occupation + w_languages) < v_limit
     order by o.published_at desc, o.job_id limit v_limit)
    union all
    (select o.job_id, o.published_at, 2, 0, false, w_occupation
     from others o
     where o.occupation_code = v_occupation and o.speaks = false and not o.placed
       and w_occupation >= p_min_score and (select count(*) from best b where b.score > w_occupation) < v_limit
     order by o.published_at desc, o.job_id limit v_limit)
    union all
    (select o.job_id, o.published_at, 1, 0, true, w_major + w_languages
     from others o
     where o.occupation_code <> v_occupation and o.speaks = true and not o.placed
       and w_major + w_languages >= p_min_score and (select count(*) from best b where b.score > w_major + w_languages) < v_limit
     order by o.published_at desc, o.job_id limit v_limit)
    union all
    (select o.job_id, o.published_at, 1, 0, false, w_major
     from others o
     where o.occupation_code <> v_occupation and o.speaks = false and not o.placed
       and w_major >= p_min_score and (select count(*) from best b where b.score > w_major) < v_limit
     order by o.published_at desc, o.job_id limit v_limit)
  )
  -- The skills in common, for the few jobs returned only.
  select s.job_id, s.score,
         case s.occupation when 2 then 'sub_major' when 1 then 'major' end,
         array(select k.skill_code from app_private.job_match_skills k where k.job_id = s.job_id and k.skill_code = any (v_skills) order by k.skill_code),
         case s.place when 3 then 'area' when 2 then 'nearby' when 1 then 'remote' end,
         s.languages_ok
  from (select * from best union all select * from rest) s
  where s.score >= p_min_score
  order by s.score desc, s.published_at desc, s.job_id
  limit v_limit;
end
$$;
