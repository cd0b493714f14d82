-- Photos: a photo keeps who uploaded it, and the facts about its bytes (project, update, storage
-- key, size) never change after upload; only its alt text and position do. An update's photo
-- belongs to that update's own project.
create or replace function app_private.project_photo_rules() returns trigger
  language plpgsql
  set search_path = ''
as $$
begin
  if tg_op = 'INSERT' then
    if auth.uid() is not null then
      new.uploaded_by := auth.uid();
    end if;
  elsif new.project_id is distinct from old.project_id or new.update_id is distinct from old.update_id
     or new.storage_key is distinct from old.storage_key or new.width is distinct from old.width
     or new.height is distinct from old.height or new.uploaded_by is distinct from old.uploaded_by
     or new.created_at is distinct from old.created_at then
    raise exception 'only a photo''s alt text and position can change' using errcode = '42501';
  end if;
  if new.update_id is not null and not exists (
    select 1 from public.project_updates u where u.id = new.update_id and u.project_id = new.project_id
  ) then
    raise exception 'the update belongs to another project' using errcode = '23514';
  end if;
  return new;
end
$$;
--> statement-breakpoint
create trigger project_photos_rules before insert or update on public.project_photos
  for each row execute function app_private.project_photo_rules();
--> statement-breakpoint

-- Audit: what an LGU promises and plans is part of the public record, so every change to budget
-- lines, co-funding offers, needs, milestones and photos is audited under the project's LGU, as
-- status changes and spending reports already are.
create trigger project_budget_lines_audit after insert or update or delete on public.project_budget_lines
  for each row execute function app_private.audit_row();
--> statement-breakpoint
create trigger project_cofunders_audit after insert or update or delete on public.project_cofunders
  for each row execute function app_private.audit_row();
--> statement-breakpoint
create trigger project_needs_audit after insert or update or delete on public.project_needs
  for each row execute function app_private.audit_row();
--> statement-breakpoint
create trigger project_milestones_audit after insert or update or delete on public.project_milestones
  for each row execute function app_private.audit_row();
--> statement-breakpoint
create trigger project_photos_audit after insert or update or delete on public.project_photos
  for each row execute function app_private.audit_row();
