-- People an LGU may invite for a skill need, first pass (as the person-side rankings in
-- matching_first_pass). With 1,000,000 profiles a common skill is listed by tens of thousands of
-- people; the one-query ranking read each of them through public_member_skills and
-- public_profiles (views over the wide profiles rows) and ran its signals per person: 2.6 s. Here
-- app_private.skill_people holds, per skill, the people who show their skills publicly with what
-- the ranking reads of them — exactly what those two views let anyone see (languages and
-- willingness with public engagement, the country only with public basics) — and
-- people_for_need scores them from it and returns the best ids; the engine then reads those few
-- through the views, under the staff member's RLS, with its query as before.
create table app_private.skill_people (
  skill_code text not null,
  profile_id uuid not null references public.profiles (id) on delete cascade,
  level text not null,
  years smallint not null,
  languages text[] not null,
  country text,
  willing boolean not null,
  primary key (skill_code, profile_id)
);
--> statement-breakpoint
alter table app_private.skill_people enable row level security;
--> statement-breakpoint
revoke all on app_private.skill_people from public, anon, authenticated;
--> statement-breakpoint
create index skill_people_profile_idx on app_private.skill_people (profile_id);
--> statement-breakpoint
create or replace function app_private.refresh_skill_people(p_profile uuid) returns void
  language sql security definer
  set search_path = ''
as $$
  delete from app_private.skill_people where profile_id = p_profile;
  insert into app_private.skill_people (skill_code, profile_id, level, years, languages, country, willing)
  select m.skill_code, p.id, m.level::text, m.years, coalesce(p.languages, '{}'),
         case when p.basics_visibility = 'public' then p.country_of_residence end,
         coalesce('volunteer' = any (p.willingness) or 'mentor' = any (p.willingness), false)
  from public.profiles p join public.member_skills m on m.profile_id = p.id
  where p.id = p_profile and p.engagement_visibility = 'public';
$$;
--> statement-breakpoint
create or replace function app_private.skill_people_follow_skill() returns trigger
  language plpgsql security definer
  set search_path = ''
as $$
begin
  perform app_private.refresh_skill_people(case when tg_op = 'DELETE' then old.profile_id else new.profile_id end);
  if tg_op = 'UPDATE' and old.profile_id <> new.profile_id then
    perform app_private.refresh_skill_people(old.profile_id);
  end if;
  return null;
end
$$;
--> statement-breakpoint
create trigger member_skills_people after insert or update or delete on public.member_skills
  for each row execute function app_private.skill_people_follow_skill();
--> statement-breakpoint
create or replace function app_private.skill_people_follow_profile() returns trigger
  language plpgsql security definer
  set search_path = ''
as $$
begin
  perform app_private.refresh_skill_people(new.id);
  return null;
end
$$;
--> statement-breakpoint
create trigger profiles_skill_people after update of engagement_visibility, basics_visibility, languages, country_of_residence, willingness
  on public.profiles for each row execute function app_private.skill_people_follow_profile();
--> statement-breakpoint
insert into app_private.skill_people (skill_code, profile_id, level, years, languages, country, willing)
select m.skill_code, p.id, m.level::text, m.years, coalesce(p.languages, '{}'),
       case when p.basics_visibility = 'public' then p.country_of_residence end,
       coalesce('volunteer' = any (p.willingness) or 'mentor' = any (p.willingness), false)
from public.profiles p join public.member_skills m on m.profile_id = p.id
where p.engagement_visibility = 'public';
--> statement-breakpoint

-- The best people for one of the caller's LGU's skill needs (nothing when the caller is not an
-- admin or editor of the need's LGU): the need's skill or a related one, not the caller, not
-- those who already offered for it; ranked by the weights given, then years, then the id.
create or replace function app_private.people_for_need(p_weights jsonb, p_need uuid, p_limit integer)
  returns table (profile_id uuid)
  language plpgsql stable security definer
  set search_path = pg_catalog, public
  set max_parallel_workers_per_gather = 0
as $$
declare
  v_skill text;
  v_mode text;
  v_language text;
  v_country text;
  v_lgu uuid;
  v_related text[];
  v_offered uuid[];
begin
  select n.skill, n.mode::text, n.language, pc.country_code, p.lgu_id into v_skill, v_mode, v_language, v_country, v_lgu
  from public.project_needs n join public.projects p on p.id = n.project_id join public.lgus l on l.id = p.lgu_id
  left join public.places pc on pc.id = l.place_id
  where n.id = p_need and n.kind = 'skill';
  if v_skill is null or not app_private.has_lgu_role(v_lgu, array['admin', 'editor']) then
    return;
  end if;
  v_related := array(select l.linked_code from public.skill_links l where l.code = v_skill and l.kind = 'related');
  v_offered := array(select o.volunteer_id from public.volunteer_offers o
                     where o.need_id = p_need and o.status in ('offered', 'accepted', 'done'));
  return query
  with best as (
    -- Each person once: with the need's own skill if they have it, else their related skill with the most years.
    select distinct on (s.profile_id) s.profile_id, s.skill_code = v_skill as exact, s.years, s.languages, s.country, s.willing
    from app_private.skill_people s
    where (s.skill_code = v_skill or s.skill_code = any (v_related))
      and s.profile_id <> auth.uid()
      and not (s.profile_id = any (v_offered))
    order by s.profile_id, s.skill_code = v_skill desc, s.years desc, s.skill_code
  )
  select b.profile_id from best b
  order by (case when b.exact then (p_weights ->> 'skillExact')::integer else (p_weights ->> 'skillRelated')::integer end
            + case when v_language is not null and v_language = any (b.languages) then (p_weights ->> 'language')::integer else 0 end
            + case when v_mode in ('remote', 'either') or b.country = v_country then (p_weights ->> 'place')::integer else 0 end
            + case when b.willing then (p_weights ->> 'willingness')::integer else 0 end) desc,
           b.years desc, b.profile_id
  limit least(greatest(p_limit, 0), 100);
end
$$;
--> statement-breakpoint
revoke all on function app_private.refresh_skill_people(uuid), app_private.skill_people_follow_skill(), app_private.skill_people_follow_profile(),
  app_private.people_for_need(jsonb, uuid, integer) from public, anon;
--> statement-breakpoint
grant execute on function app_private.people_for_need(jsonb, uuid, integer) to authenticated;
