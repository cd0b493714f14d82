-- Rules about accounts and organisations that must hold whichever code path changes the data
-- (the portal, a job, an operator in psql): so they are triggers and functions, not app code.

-- updated_at on the new tables.
create trigger organisations_set_updated_at before update on public.organisations
  for each row execute function public.set_updated_at();
--> statement-breakpoint
create trigger profile_sensitive_set_updated_at before update on public.profile_sensitive
  for each row execute function public.set_updated_at();
--> statement-breakpoint

-- Verification columns change only through a platform admin's decision on a verification request
-- (carried over by the trigger further down, which runs as the table owner) — never directly by
-- the API roles, whatever their policies allow on the rest of the row.
create or replace function app_private.guard_verification_columns() returns trigger
  language plpgsql
  set search_path = ''
as $$
begin
  if current_user in ('anon', 'authenticated')
     and (new.verification_status is distinct from old.verification_status
          or new.verified_at is distinct from old.verified_at) then
    raise exception 'verification status changes only through a verification decision'
      using errcode = '42501';
  end if;
  return new;
end
$$;
--> statement-breakpoint
create trigger lgus_guard_verification before update on public.lgus
  for each row execute function app_private.guard_verification_columns();
--> statement-breakpoint
create trigger organisations_guard_verification before update on public.organisations
  for each row execute function app_private.guard_verification_columns();
--> statement-breakpoint

-- Whoever registers an LGU becomes its first admin; whoever creates an organisation, its first officer.
create or replace function app_private.creator_becomes_admin() returns trigger
  language plpgsql security definer
  set search_path = ''
as $$
begin
  if new.created_by is not null then
    if tg_table_name = 'lgus' then
      insert into public.lgu_memberships (lgu_id, user_id, role) values (new.id, new.created_by, 'admin')
        on conflict do nothing;
    else
      insert into public.organisation_memberships (organisation_id, user_id, role) values (new.id, new.created_by, 'officer')
        on conflict do nothing;
    end if;
  end if;
  return null;
end
$$;
--> statement-breakpoint
create trigger lgus_creator_becomes_admin after insert on public.lgus
  for each row execute function app_private.creator_becomes_admin();
--> statement-breakpoint
create trigger organisations_creator_becomes_officer after insert on public.organisations
  for each row execute function app_private.creator_becomes_admin();
--> statement-breakpoint

-- An LGU always keeps at least one admin, an organisation at least one officer (unless the LGU or
-- organisation itself is being deleted, when the cascade finds no parent left).
create or replace function app_private.keep_one_admin() returns trigger
  language plpgsql security definer
  set search_path = ''
as $$
begin
  if tg_table_name = 'lgu_memberships' then
    if old.role = 'admin'
       and exists (select 1 from public.lgus where id = old.lgu_id)
       and not exists (select 1 from public.lgu_memberships where lgu_id = old.lgu_id and role = 'admin') then
      raise exception 'an LGU must keep at least one admin' using errcode = 'P0001', hint = 'last_admin';
    end if;
  else
    if old.role = 'officer'
       and exists (select 1 from public.organisations where id = old.organisation_id)
       and not exists (select 1 from public.organisation_memberships where organisation_id = old.organisation_id and role = 'officer') then
      raise exception 'an organisation must keep at least one officer' using errcode = 'P0001', hint = 'last_admin';
    end if;
  end if;
  return null;
end
$$;
--> statement-breakpoint
create trigger lgu_memberships_keep_one_admin after delete or update on public.lgu_memberships
  for each row execute function app_private.keep_one_admin();
--> statement-breakpoint
create trigger organisation_memberships_keep_one_officer after delete or update on public.organisation_memberships
  for each row execute function app_private.keep_one_admin();
--> statement-breakpoint

-- Verification requests: applying marks the LGU/organisation pending; a decision is final, stamped,
-- and carried to the LGU/organisation.
create or replace function app_private.verification_request_applied() returns trigger
  language plpgsql security definer
  set search_path = ''
as $$
begin
  if new.lgu_id is not null then
    if exists (select 1 from public.lgus where id = new.lgu_id and verification_status in ('verified', 'suspended')) then
      raise exception 'this LGU is already verified or suspended' using errcode = 'P0001', hint = 'not_applicable';
    end if;
    update public.lgus set verification_status = 'pending', verified_at = null where id = new.lgu_id;
  else
    if exists (select 1 from public.organisations where id = new.organisation_id and verification_status in ('verified', 'suspended')) then
      raise exception 'this organisation is already verified or suspended' using errcode = 'P0001', hint = 'not_applicable';
    end if;
    update public.organisations set verification_status = 'pending', verified_at = null where id = new.organisation_id;
  end if;
  return null;
end
$$;
--> statement-breakpoint
create trigger verification_requests_applied after insert on public.verification_requests
  for each row execute function app_private.verification_request_applied();
--> statement-breakpoint
create or replace function app_private.verification_request_decision() returns trigger
  language plpgsql security definer
  set search_path = ''
as $$
declare
  v_status public.verification_status;
begin
  if old.status <> 'pending' then
    raise exception 'this request has already been decided' using errcode = 'P0001', hint = 'already_decided';
  end if;
  if new.lgu_id is distinct from old.lgu_id or new.organisation_id is distinct from old.organisation_id
     or new.evidence_path is distinct from old.evidence_path or new.submitted_by is distinct from old.submitted_by then
    raise exception 'only the decision of a request can change' using errcode = '42501';
  end if;
  if tg_when = 'BEFORE' then
    new.decided_at := case when new.status = 'pending' then null else now() end;
    return new;
  end if;
  v_status := case new.status when 'approved' then 'verified' when 'rejected' then 'rejected' else 'pending' end;
  if new.lgu_id is not null then
    update public.lgus set verification_status = v_status,
      verified_at = case when v_status = 'verified' then now() else null end
      where id = new.lgu_id;
  else
    update public.organisations set verification_status = v_status,
      verified_at = case when v_status = 'verified' then now() else null end
      where id = new.organisation_id;
  end if;
  return null;
end
$$;
--> statement-breakpoint
create trigger verification_requests_decision_stamp before update on public.verification_requests
  for each row execute function app_private.verification_request_decision();
--> statement-breakpoint
create trigger verification_requests_decision_apply after update on public.verification_requests
  for each row execute function app_private.verification_request_decision();
--> statement-breakpoint

-- The audit log: who (auth.uid(), null for the system), what, when, before and after. Tokens never
-- reach it.
create or replace function app_private.audit_row() returns trigger
  language plpgsql security definer
  set search_path = ''
as $$
declare
  v_before jsonb := case when tg_op in ('UPDATE', 'DELETE') then to_jsonb(old) - 'token_hash' end;
  v_after jsonb := case when tg_op in ('INSERT', 'UPDATE') then to_jsonb(new) - 'token_hash' end;
  v_row jsonb := coalesce(v_after, v_before);
  v_lgu uuid;
  v_organisation uuid;
begin
  if tg_table_name = 'lgus' then
    v_lgu := (v_row ->> 'id')::uuid;
  elsif tg_table_name = 'organisations' then
    v_organisation := (v_row ->> 'id')::uuid;
  else
    v_lgu := (v_row ->> 'lgu_id')::uuid;
    v_organisation := (v_row ->> 'organisation_id')::uuid;
  end if;
  insert into public.audit_log (actor_id, action, lgu_id, organisation_id, subject_table, subject_id, before, after)
  values (auth.uid(), tg_table_name || '.' || lower(tg_op), v_lgu, v_organisation, tg_table_name,
          coalesce(v_row ->> 'id', v_row ->> 'user_id'), v_before, v_after);
  return null;
end
$$;
--> statement-breakpoint
create trigger lgu_memberships_audit after insert or update or delete on public.lgu_memberships
  for each row execute function app_private.audit_row();
--> statement-breakpoint
create trigger organisation_memberships_audit after insert or update or delete on public.organisation_memberships
  for each row execute function app_private.audit_row();
--> statement-breakpoint
create trigger invitations_audit after insert or update or delete on public.invitations
  for each row execute function app_private.audit_row();
--> statement-breakpoint
create trigger verification_requests_audit after insert or update on public.verification_requests
  for each row execute function app_private.audit_row();
--> statement-breakpoint
create trigger platform_admins_audit after insert or delete on public.platform_admins
  for each row execute function app_private.audit_row();
--> statement-breakpoint
create trigger lgus_verification_audit after update on public.lgus
  for each row when (old.verification_status is distinct from new.verification_status)
  execute function app_private.audit_row();
--> statement-breakpoint
create trigger organisations_verification_audit after update on public.organisations
  for each row when (old.verification_status is distinct from new.verification_status)
  execute function app_private.audit_row();
--> statement-breakpoint
-- Nobody writes the audit log directly; the triggers above run as its owner.
revoke insert, update, delete, truncate on public.audit_log from anon, authenticated;
--> statement-breakpoint
revoke all on public.email_outbox, public.rate_limits from anon, authenticated;
--> statement-breakpoint

-- Accepting or declining an invitation: the token (its SHA-256, computed by the server) must match
-- a pending, unexpired invitation addressed to the caller's confirmed email.
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
      insert into public.organisation_memberships (organisation_id, user_id, role)
        values (v_invitation.organisation_id, auth.uid(), v_invitation.organisation_role) on conflict do nothing;
    end if;
  end if;
  update public.invitations
    set status = case when p_accept then 'accepted'::public.invitation_status else 'declined'::public.invitation_status end,
        responded_at = now()
    where id = v_invitation.id;
  return v_invitation.id;
end
$$;
--> statement-breakpoint
revoke all on function public.respond_to_invitation(text, boolean) from public, anon;
--> statement-breakpoint
grant execute on function public.respond_to_invitation(text, boolean) to authenticated;
--> statement-breakpoint

-- What others may see of a profile: only the field groups the person made public, and nothing
-- from profile_sensitive. Runs as the view owner (a plain view), so it can read the rows the
-- profiles policies hide, and masks column by column.
create view public.public_profiles with (security_barrier = true) as
  select p.id,
         case when p.basics_visibility = 'public' then p.display_name end as display_name,
         case when p.basics_visibility = 'public' then p.country_of_residence end as country_of_residence,
         case when p.basics_visibility = 'public' then p.city end as city,
         case when p.engagement_visibility = 'public' then p.languages end as languages,
         case when p.engagement_visibility = 'public' then p.sectors end as sectors,
         case when p.engagement_visibility = 'public' then p.willingness end as willingness,
         case when p.returnee_visibility = 'public' then p.occupation end as occupation,
         case when p.returnee_visibility = 'public' then p.years_abroad end as years_abroad
  from public.profiles p
  where 'public' in (p.basics_visibility, p.engagement_visibility, p.returnee_visibility);
--> statement-breakpoint
revoke all on public.public_profiles from anon, authenticated;
--> statement-breakpoint
grant select on public.public_profiles to anon, authenticated;
