-- What an association's members gave "as part of" it: per project the public may see, the money
-- received minus refunded and the number of gifts, and the members who may be named (their gift
-- was not anonymous and their profile's basics are public). Anyone may read it for a verified
-- association; for an unverified one, only what RLS on the organisation allows (none otherwise).
create or replace function public.association_giving(p_organisation uuid)
  returns table (project_id uuid, project_slug text, project_title jsonb, currency text, raised_minor bigint, gifts bigint, named_donors text[])
  language plpgsql stable security definer
  set search_path = ''
as $$
begin
  if not exists (select 1 from public.organisations o where o.id = p_organisation and o.verification_status = 'verified') then
    return;
  end if;
  return query
  select p.id, p.slug, p.title, p.currency::text,
         sum(case when e.type = 'received' then e.amount_minor else -e.amount_minor end)::bigint,
         count(distinct c.id) filter (where e.type = 'received'),
         coalesce(array_agg(distinct pr.display_name) filter (where not c.anonymous and pr.basics_visibility = 'public'), '{}')
  from public.contributions c
  join public.contribution_events e on e.contribution_id = c.id
  join public.projects p on p.id = c.project_id
  left join public.profiles pr on pr.id = c.donor_id
  where c.association_id = p_organisation and app_private.project_visible(p.id)
  group by p.id, p.slug, p.title, p.currency
  order by 5 desc;
end
$$;
--> statement-breakpoint
revoke all on function public.association_giving(uuid) from public;
--> statement-breakpoint
grant execute on function public.association_giving(uuid) to anon, authenticated, service_role;
