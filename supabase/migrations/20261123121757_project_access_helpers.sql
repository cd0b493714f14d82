-- Access helpers for projects and the rows that hang off them (plpgsql so they can precede the
-- tables; security definer so child-table policies do not recurse into the projects policies).

-- Public: published (fundraising onwards, or cancelled after publication) and the LGU verified.
-- Staff of the LGU see every project of theirs; platform admins see all.
create or replace function app_private.project_visible(p_project uuid) returns boolean
  language plpgsql stable security definer
  set search_path = ''
as $$
begin
  return exists (
    select 1 from public.projects p join public.lgus l on l.id = p.lgu_id
    where p.id = p_project and (
      (l.verification_status = 'verified' and p.published_at is not null and p.status <> 'draft' and p.status <> 'review')
      or app_private.has_lgu_role(p.lgu_id)
      or app_private.is_platform_admin()
    )
  );
end
$$;
--> statement-breakpoint
create or replace function app_private.project_lgu_role(p_project uuid, p_roles text[]) returns boolean
  language plpgsql stable security definer
  set search_path = ''
as $$
begin
  return exists (
    select 1 from public.projects p where p.id = p_project and app_private.has_lgu_role(p.lgu_id, p_roles)
  );
end
$$;
--> statement-breakpoint
-- Editors and admins maintain a project's details (budget lines, needs, milestones, updates),
-- except once it is completed or cancelled.
create or replace function app_private.project_editable(p_project uuid) returns boolean
  language plpgsql stable security definer
  set search_path = ''
as $$
begin
  return exists (
    select 1 from public.projects p
    where p.id = p_project and p.status not in ('completed', 'cancelled')
      and app_private.has_lgu_role(p.lgu_id, array['admin', 'editor'])
  );
end
$$;
--> statement-breakpoint
revoke all on function app_private.project_visible(uuid), app_private.project_lgu_role(uuid, text[]), app_private.project_editable(uuid) from public;
--> statement-breakpoint
grant execute on function app_private.project_visible(uuid), app_private.project_lgu_role(uuid, text[]), app_private.project_editable(uuid) to anon, authenticated, service_role;
