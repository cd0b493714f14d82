-- Helpers the volunteering tables' policies use (created before the tables; plpgsql resolves the
-- table when it runs). A testimonial is public once its offer is done and, for an offer to a
-- project's need, while that project is public.
create or replace function app_private.volunteer_offer_public(p_offer uuid) returns boolean
  language plpgsql stable security definer
  set search_path = ''
as $$
begin
  return exists (
    select 1 from public.volunteer_offers o
    where o.id = p_offer and o.status = 'done'
      and (o.project_id is null or app_private.project_visible(o.project_id))
      and o.lgu_id in (select app_private.verified_lgu_ids())
  );
end
$$;
--> statement-breakpoint
revoke all on function app_private.volunteer_offer_public(uuid) from public;
--> statement-breakpoint
grant execute on function app_private.volunteer_offer_public(uuid) to anon, authenticated, service_role;
