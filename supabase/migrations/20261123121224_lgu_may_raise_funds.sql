-- The one rule every money-related policy calls: only a verified LGU may publish a fundraising
-- project or receive money. Projects, pledges and contributions (later migrations) use it in their
-- row-level security policies, so an unverified LGU is refused by the database, not only by the UI.
create or replace function app_private.lgu_may_raise_funds(p_lgu uuid) returns boolean
  language plpgsql stable security definer
  set search_path = ''
as $$
begin
  return exists (select 1 from public.lgus where id = p_lgu and verification_status = 'verified');
end
$$;
--> statement-breakpoint
revoke all on function app_private.lgu_may_raise_funds(uuid) from public;
--> statement-breakpoint
grant execute on function app_private.lgu_may_raise_funds(uuid) to anon, authenticated, service_role;
