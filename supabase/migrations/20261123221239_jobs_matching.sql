-- "Jobs for you" (issue 8): the open jobs that fit the caller's job-seeking profile, scored and
-- explained, computed here over the narrow listing. The weights come from the caller
-- (app/modules/matching/weights.ts holds them, with the engine's), so changing a weight needs no
-- migration. Deterministic: same profile, same jobs, same order (score, then newest, then id).
--
-- A job is a candidate when it shares the person's ISCO-08 major group or at least one of their
-- skills: where it is and which languages it asks only add to a job that fits the person's work.
-- Reasons returned per job: the occupation level matched ('sub_major' | 'major'), the skills
-- matched, the place ('area': in a place the person wants to work, or under it; 'nearby': in the
-- same province or region; 'remote'), and whether the person speaks the languages asked.
create or replace function app_private.jobs_for_me(p_weights jsonb, p_min_score integer, p_limit integer)
  returns table (job_id uuid, score integer, occupation text, skills_matched text[], place text, languages_ok boolean)
  language plpgsql stable security definer
  set search_path = pg_catalog, public
as $$
declare
  v_me uuid := auth.uid();
  v_occupation text;
  v_skills text[];
  v_places uuid[];
  v_near uuid[];
  v_remote boolean;
  v_languages text[];
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
  v_skills := array(select ms.skill_code from public.member_skills ms where ms.profile_id = v_me);
  select p.languages into v_languages from public.profiles p where p.id = v_me;
  v_skills := coalesce(v_skills, '{}');
  v_languages := coalesce(v_languages, '{}');
  v_remote := coalesce(v_remote, false);
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
  with candidates as (
    select l.job_id, l.published_at, l.occupation_code, l.skills_required, l.skills_all, l.place_path, l.remote, l.languages
    from app_private.job_listings l
    where l.closes_on >= current_date
      and (l.lgu_id in (select app_private.verified_lgu_ids()) or l.organisation_id in (select app_private.verified_organisation_ids()))
      and ((v_occupation is not null and l.occupation_code like left(v_occupation, 1) || '%') or l.skills_all && v_skills)
  ),
  parts as (
    select c.job_id, c.published_at, c.skills_all,
           case when c.occupation_code = v_occupation then 'sub_major'
                when left(c.occupation_code, 1) = left(v_occupation, 1) then 'major' end as occupation,
           case when c.place_path && v_places then 'area'
                when c.place_path && v_near then 'nearby'
                when c.remote and v_remote then 'remote' end as place,
           (cardinality(c.languages) = 0 or c.languages <@ v_languages) as languages_ok,
           case when c.skills_all && v_skills
                then (select count(*) from unnest(c.skills_required) s where s = any (v_skills))::integer else 0 end as required_matched,
           cardinality(c.skills_required) as required_count,
           case when c.skills_all && v_skills
                then (select count(*) from unnest(c.skills_all) s where s = any (v_skills))::integer else 0 end as all_matched,
           cardinality(c.skills_all) - cardinality(c.skills_required) as preferred_count
    from candidates c
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
  select s.job_id, s.score, s.occupation,
         array(select k from unnest(s.skills_all) k where k = any (v_skills) order by k),
         s.place, s.languages_ok
  from scored s
  where s.score >= p_min_score
  order by s.score desc, s.published_at desc, s.job_id
  limit least(greatest(p_limit, 0), 100);
end
$$;
--> statement-breakpoint
revoke all on function app_private.jobs_for_me(jsonb, integer, integer) from public, anon;
--> statement-breakpoint
grant execute on function app_private.jobs_for_me(jsonb, integer, integer) to authenticated;
