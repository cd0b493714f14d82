-- Access helpers the row-level security policies call. They live in a schema the Supabase API does
-- not expose, run as their owner (security definer) so a policy on a membership table can ask
-- "is the caller staff here?" without recursing into that table's own policies, and are plpgsql so
-- they can be created before the tables they read (the bodies are checked when first called).
create schema if not exists app_private;
--> statement-breakpoint
grant usage on schema app_private to anon, authenticated, service_role;
--> statement-breakpoint
create or replace function app_private.is_platform_admin() returns boolean
  language plpgsql stable security definer
  set search_path = ''
as $$
begin
  return exists (select 1 from public.platform_admins where user_id = auth.uid());
end
$$;
--> statement-breakpoint
-- p_roles null = any role.
create or replace function app_private.has_lgu_role(p_lgu uuid, p_roles text[] default null) returns boolean
  language plpgsql stable security definer
  set search_path = ''
as $$
begin
  return exists (
    select 1 from public.lgu_memberships m
    where m.lgu_id = p_lgu and m.user_id = auth.uid()
      and (p_roles is null or m.role::text = any (p_roles))
  );
end
$$;
--> statement-breakpoint
create or replace function app_private.has_organisation_role(p_organisation uuid, p_roles text[] default null) returns boolean
  language plpgsql stable security definer
  set search_path = ''
as $$
begin
  return exists (
    select 1 from public.organisation_memberships m
    where m.organisation_id = p_organisation and m.user_id = auth.uid()
      and (p_roles is null or m.role::text = any (p_roles))
  );
end
$$;
--> statement-breakpoint
revoke all on all functions in schema app_private from public;
--> statement-breakpoint
grant execute on all functions in schema app_private to anon, authenticated, service_role;
