-- Inviting a person to a need: only through invite_volunteer, which checks that the caller is an
-- editor or admin of the need's LGU, that the person shows their skills publicly and has the
-- need's skill (or a related one), and that the need still takes offers; once per need and person.
revoke insert, update, delete, truncate on public.volunteer_invitations from anon, authenticated;
--> statement-breakpoint
revoke select on public.volunteer_invitations from anon;
--> statement-breakpoint
create trigger volunteer_invitations_audit after insert on public.volunteer_invitations
  for each row execute function app_private.audit_row();
--> statement-breakpoint
create or replace function public.invite_volunteer(p_need uuid, p_profile uuid) returns void
  language plpgsql security definer
  set search_path = ''
as $$
declare
  v_need public.project_needs;
  v_lgu uuid;
begin
  select n.* into v_need from public.project_needs n where n.id = p_need;
  select p.lgu_id into v_lgu from public.projects p where p.id = v_need.project_id;
  if v_lgu is null or not app_private.has_lgu_role(v_lgu, array['admin', 'editor']) then
    raise exception 'only the LGU''s editors and admins invite volunteers' using errcode = '42501', hint = 'not_lgu_staff';
  end if;
  if v_need.kind <> 'skill' or v_need.closed_at is not null or v_need.fulfilled >= v_need.quantity then
    raise exception 'this need takes no more offers' using errcode = '23514', hint = 'need_closed';
  end if;
  if not exists (
    select 1 from public.member_skills m join public.profiles pr on pr.id = m.profile_id
    where m.profile_id = p_profile and pr.engagement_visibility = 'public'
      and (m.skill_code = v_need.skill or m.skill_code in (select l.linked_code from public.skill_links l where l.code = v_need.skill and l.kind = 'related'))
  ) then
    raise exception 'this person cannot be invited for this need' using errcode = '23514', hint = 'not_invitable';
  end if;
  begin
    insert into public.volunteer_invitations (need_id, profile_id, lgu_id, invited_by) values (p_need, p_profile, v_lgu, auth.uid());
  exception when unique_violation then
    raise exception 'already invited' using errcode = '23514', hint = 'already_invited';
  end;
end
$$;
--> statement-breakpoint
revoke all on function public.invite_volunteer(uuid, uuid) from public, anon;
--> statement-breakpoint
grant execute on function public.invite_volunteer(uuid, uuid) to authenticated, service_role;
