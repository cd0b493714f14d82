-- A member opts out of a topic and back in; nothing else to change on the row. Nothing for anon.
revoke all on public.digest_opt_outs from anon;
--> statement-breakpoint
revoke update, truncate on public.digest_opt_outs from authenticated;
--> statement-breakpoint
-- The job's own tables: no API role reads or writes them (the policies refuse too).
revoke all on public.digest_deliveries, public.digest_link_keys, public.digest_runs from anon, authenticated;
--> statement-breakpoint
-- Needs that existed before: opened when their project was published (or created, for drafts).
-- Not an editor's act, so without the audit and workflow triggers.
alter table public.project_needs disable trigger user;
--> statement-breakpoint
update public.project_needs n set opened_at = coalesce(p.published_at, p.created_at)
  from public.projects p where p.id = n.project_id;
--> statement-breakpoint
alter table public.project_needs enable trigger user;
--> statement-breakpoint
-- When a skill need started taking offers: on insert, and again when an editor reopens it. Nobody
-- sets it by hand (the weekly digest trusts it to say what is new).
create or replace function app_private.project_need_opened_at() returns trigger
  language plpgsql
  set search_path = pg_catalog, public
as $$
begin
  if tg_op = 'INSERT' then
    new.opened_at := now();
  elsif old.closed_at is not null and new.closed_at is null then
    new.opened_at := now();
  else
    new.opened_at := old.opened_at;
  end if;
  return new;
end;
$$;
--> statement-breakpoint
create trigger project_needs_opened_at before insert or update on public.project_needs
  for each row execute function app_private.project_need_opened_at();
--> statement-breakpoint
-- The digest's skill-needs topic: open skill needs, newest first, found by skill.
create index project_needs_open_skill_opened_idx on public.project_needs (opened_at)
  where kind = 'skill' and closed_at is null;
