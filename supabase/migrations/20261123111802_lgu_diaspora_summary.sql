-- What an LGU's staff may learn about the diaspora of their place: counts only, only from people who
-- chose to share that part of their profile with their hometown LGUs (as aggregates or publicly),
-- and no count under 5 (a small group could be recognised). No total is given, so a hidden count
-- cannot be worked out by subtraction. Sensitive details (profile_sensitive) are never read.
create or replace function public.lgu_diaspora_summary(p_lgu uuid)
  returns table (dimension text, value text, members integer)
  language plpgsql stable security definer
  set search_path = ''
as $$
begin
  if not app_private.has_lgu_role(p_lgu) then
    raise exception 'only staff of this LGU may see its diaspora summary' using errcode = '42501';
  end if;
  return query
  with recursive area as (
    select pl.id from public.places pl join public.lgus l on l.place_id = pl.id where l.id = p_lgu
    union
    select child.id from public.places child join area on child.parent_id = area.id
  ),
  people as (
    select distinct p.* from public.profiles p
    join public.profile_hometowns h on h.profile_id = p.id
    where h.place_id in (select id from area)
  ),
  cells as (
    select 'country'::text as dimension, p.country_of_residence::text as value, count(*)::integer as members
      from people p
      where p.basics_visibility in ('lgu_aggregate', 'public') and p.country_of_residence is not null
      group by p.country_of_residence
    union all
    select 'willingness', w, count(*)::integer
      from people p, unnest(p.willingness) as w
      where p.engagement_visibility in ('lgu_aggregate', 'public')
      group by w
    union all
    select 'sector', s, count(*)::integer
      from people p, unnest(p.sectors) as s
      where p.engagement_visibility in ('lgu_aggregate', 'public')
      group by s
  )
  select c.dimension, c.value, c.members from cells c where c.members >= 5
  order by c.dimension, c.members desc, c.value;
end
$$;
--> statement-breakpoint
revoke all on function public.lgu_diaspora_summary(uuid) from public, anon;
--> statement-breakpoint
grant execute on function public.lgu_diaspora_summary(uuid) to authenticated;
