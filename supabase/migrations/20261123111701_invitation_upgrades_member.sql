-- Accepting an officer invitation as an existing member makes the person an officer (it used to
-- mark the invitation accepted and leave the role unchanged).
create or replace function public.respond_to_invitation(p_token_hash text, p_accept boolean) returns uuid
  language plpgsql security definer
  set search_path = ''
as $$
declare
  v_invitation public.invitations;
  v_email text;
begin
  select lower(email) into v_email from auth.users
    where id = auth.uid() and email_confirmed_at is not null;
  if v_email is null then
    raise exception 'sign in with a confirmed email first' using errcode = '42501', hint = 'not_confirmed';
  end if;
  select * into v_invitation from public.invitations where token_hash = p_token_hash for update;
  if not found or v_invitation.status <> 'pending' or v_invitation.expires_at < now() then
    raise exception 'this invitation is no longer valid' using errcode = 'P0001', hint = 'invalid_invitation';
  end if;
  if v_invitation.email <> v_email then
    raise exception 'this invitation is for another email address' using errcode = '42501', hint = 'wrong_email';
  end if;
  if p_accept then
    if v_invitation.lgu_id is not null then
      insert into public.lgu_memberships (lgu_id, user_id, role)
        values (v_invitation.lgu_id, auth.uid(), v_invitation.lgu_role) on conflict do nothing;
    else
      -- One row per person per organisation: an officer invitation promotes a member; an accepted
      -- invitation never demotes an officer.
      insert into public.organisation_memberships as m (organisation_id, user_id, role)
        values (v_invitation.organisation_id, auth.uid(), v_invitation.organisation_role)
        on conflict (organisation_id, user_id) do update set role = excluded.role where m.role = 'member';
    end if;
  end if;
  update public.invitations
    set status = case when p_accept then 'accepted'::public.invitation_status else 'declined'::public.invitation_status end,
        responded_at = now()
    where id = v_invitation.id;
  return v_invitation.id;
end
$$;
