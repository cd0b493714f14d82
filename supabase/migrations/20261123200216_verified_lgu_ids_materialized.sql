-- The projects SELECT policy (and permit_types') asks `lgu_id in (select app_private.verified_lgu_ids())`
-- once per query: every public page pays it, even one that reads 12 projects. As a SQL function
-- called in a select list, it handed its 1,700 ids over one call at a time (about 1 ms of
-- PostgreSQL per page); in plpgsql, `return query` hands over the whole set at once (about 0.4 ms).
-- Same ids, same security definer, same search_path; the policies are unchanged.
create or replace function app_private.verified_lgu_ids() returns setof uuid
  language plpgsql stable security definer
  set search_path = ''
as $$
begin
  return query select id from public.lgus where verification_status = 'verified';
end
$$;
