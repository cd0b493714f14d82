-- Whether a permit is the caller's own and of this LGU (for renewals). Security definer: the
-- permits and applications policies refer to each other, so a policy cannot ask them directly.
create or replace function app_private.own_permit(p_permit uuid, p_lgu uuid) returns boolean
  language plpgsql stable security definer
  set search_path = ''
as $$
begin
  return exists (select 1 from public.permits p join public.permit_applications a on a.id = p.application_id
                 where p.id = p_permit and a.applicant_id = auth.uid() and a.lgu_id = p_lgu);
end
$$;
--> statement-breakpoint
revoke all on function app_private.own_permit(uuid, uuid) from public, anon;
--> statement-breakpoint
grant execute on function app_private.own_permit(uuid, uuid) to authenticated;
