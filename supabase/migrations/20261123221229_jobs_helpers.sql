-- Access helpers the jobs policies call (issue 8). Security definer, so a policy on jobs can ask
-- about applications (and the reverse) without recursing into the other table's policies; plpgsql,
-- so they can be created before the tables they read.

-- Who runs a poster's jobs and applicants: the LGU's admins and editors, or any member of the
-- organisation (officers post; members such as an HR assistant work the pipeline too).
create or replace function app_private.is_job_staff(p_lgu uuid, p_organisation uuid) returns boolean
  language plpgsql stable security definer
  set search_path = ''
as $$
begin
  if p_lgu is not null then
    return app_private.has_lgu_role(p_lgu, array['admin', 'editor']);
  end if;
  if p_organisation is not null then
    return app_private.has_organisation_role(p_organisation);
  end if;
  return false;
end
$$;
--> statement-breakpoint
-- The verified organisations, handed over at once (as verified_lgu_ids()).
create or replace function app_private.verified_organisation_ids() returns setof uuid
  language plpgsql stable security definer
  set search_path = ''
as $$
begin
  return query select id from public.organisations where verification_status = 'verified';
end
$$;
--> statement-breakpoint
-- Whether the caller applied to this job (they keep seeing it after it closes).
create or replace function app_private.applied_to_job(p_job uuid) returns boolean
  language plpgsql stable security definer
  set search_path = ''
as $$
begin
  return auth.uid() is not null
    and exists (select 1 from public.job_applications a where a.job_id = p_job and a.applicant_id = auth.uid());
end
$$;
--> statement-breakpoint
revoke all on function app_private.is_job_staff(uuid, uuid), app_private.verified_organisation_ids(), app_private.applied_to_job(uuid) from public;
--> statement-breakpoint
grant execute on function app_private.is_job_staff(uuid, uuid), app_private.verified_organisation_ids(), app_private.applied_to_job(uuid) to anon, authenticated, service_role;
