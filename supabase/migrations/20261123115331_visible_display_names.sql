-- Names of the people a caller works with. Profiles are private to their owner under RLS; this
-- function returns the display name (and nothing else of the profile) only for people the caller
-- has a reason to see named: themself, anyone whose basics are public, colleagues in an LGU or
-- organisation they belong to, actors and subjects of audit entries they may read, or anyone for platform admins.
create or replace function public.visible_display_names(p_ids uuid[])
  returns table (id uuid, display_name text)
  language plpgsql stable security definer
  set search_path = ''
as $$
begin
  if auth.uid() is null then
    return;
  end if;
  return query
  select p.id, p.display_name from public.profiles p
  where p.id = any (p_ids) and (
    p.id = auth.uid()
    or p.basics_visibility = 'public'
    or app_private.is_platform_admin()
    or exists (select 1 from public.lgu_memberships mine join public.lgu_memberships theirs on theirs.lgu_id = mine.lgu_id
               where mine.user_id = auth.uid() and theirs.user_id = p.id)
    or exists (select 1 from public.organisation_memberships mine join public.organisation_memberships theirs
                 on theirs.organisation_id = mine.organisation_id
               where mine.user_id = auth.uid() and theirs.user_id = p.id)
    or exists (select 1 from public.audit_log l
               where (l.actor_id = p.id or l.after ->> 'user_id' = p.id::text or l.before ->> 'user_id' = p.id::text)
               and ((l.lgu_id is not null and app_private.has_lgu_role(l.lgu_id, array['admin']))
                 or (l.organisation_id is not null and app_private.has_organisation_role(l.organisation_id, array['officer']))))
  );
end
$$;
--> statement-breakpoint
revoke all on function public.visible_display_names(uuid[]) from public, anon;
--> statement-breakpoint
grant execute on function public.visible_display_names(uuid[]) to authenticated;
