-- "Jobs for you", fourth step: the skill shares in integer arithmetic (round(w * a / b) for
-- non-negative numbers is (2wa + b) / 2b in integers; numeric division was a third of the
-- scoring's time over 1,600 candidates) and the verified posters read directly (not through the
-- set-returning helpers). Same answers (tests/integration/jobs-matching.test.ts).
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
  v_hits uuid[];
  v_places uuid[];
  v_near uuid[];
  v_remote boolean;
  v_languages text[];
  v_lgus uuid[];
  v_organisations uuid[];
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
  -- Posters whose jobs are shown: verified LGUs and employers.
  v_lgus := array(select l.id from public.lgus l where l.verification_status = 'verified');
  v_organisations := array(select o.id from public.organisations o where o.verification_status = 'verified');
  v_hits := array(select distinct s.job_id from app_private.job_match_skills s where s.skill_code = any (v_skills));

  return query
  with hits as (
    -- Jobs sharing a skill with the person, with what their score reads: no join.
    select s.job_id, any_value(s.published_at) as published_at, any_value(s.occupation_code) as occupation_code,
           any_value(s.place_path) as place_path, any_value(s.remote) as remote, any_value(s.languages) as languages,
           any_value(s.required_count) as required_count, any_value(s.preferred_count) as preferred_count,
           (count(*) filter (where s.required))::integer as required_matched, count(*)::integer as all_matched,
           array_agg(s.skill_code) as matched
    from app_private.job_match_skills s
    where s.skill_code = any (v_skills)
      and s.closes_on >= current_date
      and (s.lgu_id in (select unnest(v_lgus)) or s.organisation_id in (select unnest(v_organisations)))
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
      and (m.lgu_id in (select unnest(v_lgus)) or m.organisation_id in (select unnest(v_organisations)))
      and m.job_id not in (select unnest(v_hits))
  ),
  placed as (
    -- ... where the person wants to work (or remote): scored exactly.
    select m.job_id, m.published_at, m.occupation_code, m.place_path, m.remote, m.languages, m.required_count, m.preferred_count,
           0 as required_matched, 0 as all_matched, '{}'::text[] as matched
    from app_private.job_match_jobs m
    where m.occupation_major = v_major
      and (m.place_path && v_places or m.place_path && v_near or (v_remote and m.remote))
      and m.closes_on >= current_date
      and (m.lgu_id in (select unnest(v_lgus)) or m.organisation_id in (select unnest(v_organisations)))
      and m.job_id not in (select unnest(v_hits))
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
    from (select * from hits union all select * from placed) c
  ),
  exact as (
    select p.job_id, p.published_at, p.matched, p.occupation, p.place, p.languages_ok,
           (case p.occupation when 'sub_major' then w_occupation when 'major' then w_major else 0 end
            + case when p.required_count > 0 then (2 * w_required * p.required_matched + p.required_count) / (2 * p.required_count) else 0 end
            + case when p.preferred_count > 0 then (2 * w_preferred * (p.all_matched - p.required_matched) + p.preferred_count) / (2 * p.preferred_count) else 0 end
            + case p.place when 'area' then w_area when 'nearby' then w_nearby when 'remote' then w_remote else 0 end
            + case when p.languages_ok then w_languages else 0 end) as score
    from parts p
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
  rest (job_id, published_at, matched, occupation, place, languages_ok, score) as (
    (select o.job_id, o.published_at, '{}'::text[], 'sub_major', null::text, true, w_occupation + w_languages
     from others o
     where o.occupation_code = v_occupation and o.speaks = true and not o.placed
       and w_occupation + w_languages >= p_min_score and (select count(*) from best b where b.score > w_occupation + w_languages) < v_limit
     order by o.published_at desc, o.job_id limit v_limit)
    union all
    (select o.job_id, o.published_at, '{}'::text[], 'sub_major', null::text, false, w_occupation
     from others o
     where o.occupation_code = v_occupation and o.speaks = false and not o.placed
       and w_occupation >= p_min_score and (select count(*) from best b where b.score > w_occupation) < v_limit
     order by o.published_at desc, o.job_id limit v_limit)
    union all
    (select o.job_id, o.published_at, '{}'::text[], 'major', null::text, true, w_major + w_languages
     from others o
     where o.occupation_code <> v_occupation and o.speaks = true and not o.placed
       and w_major + w_languages >= p_min_score and (select count(*) from best b where b.score > w_major + w_languages) < v_limit
     order by o.published_at desc, o.job_id limit v_limit)
    union all
    (select o.job_id, o.published_at, '{}'::text[], 'major', null::text, false, w_major
     from others o
     where o.occupation_code <> v_occupation and o.speaks = false and not o.placed
       and w_major >= p_min_score and (select count(*) from best b where b.score > w_major) < v_limit
     order by o.published_at desc, o.job_id limit v_limit)
  )
  select s.job_id, s.score, s.occupation, array(select k from unnest(s.matched) k order by k), s.place, s.languages_ok
  from (select * from best union all select * from rest) s
  where s.score >= p_min_score
  order by s.score desc, s.published_at desc, s.job_id
  limit v_limit;
end
$$;
