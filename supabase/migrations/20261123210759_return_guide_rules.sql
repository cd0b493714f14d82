-- The returnee guide: who may write which columns, who edited and when, the audit of every edit of
-- the guide and the directory, and "mark as reviewed" as a function that names the reviewer itself.

-- Topics: editors write the text and its language; the dates and who did it are the database's.
revoke insert, update, delete, truncate on public.return_guide_topics from anon, authenticated;
--> statement-breakpoint
grant insert (lgu_id, topic, body, source_language) on public.return_guide_topics to authenticated;
--> statement-breakpoint
grant update (body, source_language) on public.return_guide_topics to authenticated;
--> statement-breakpoint
-- Directory entries: switched off (active = false), never deleted, so the audit log keeps meaning.
revoke insert, update, delete, truncate on public.return_services from anon, authenticated;
--> statement-breakpoint
grant insert (lgu_id, kind, name, description, place_id, address, phone, email, website, opening_hours, languages, eligibility, eligibility_note, active)
  on public.return_services to authenticated;
--> statement-breakpoint
grant update (kind, name, description, place_id, address, phone, email, website, opening_hours, languages, eligibility, eligibility_note, active)
  on public.return_services to authenticated;
--> statement-breakpoint
-- Checklists are a member's own: nothing for anon; the owner starts, ticks, notes and adds.
revoke all on public.return_checklists, public.return_checklist_items from anon;
--> statement-breakpoint
revoke insert, update, delete, truncate on public.return_checklists, public.return_checklist_items from authenticated;
--> statement-breakpoint
grant insert (user_id, source_topic_id, lgu_id), delete on public.return_checklists to authenticated;
--> statement-breakpoint
grant insert (checklist_id, position, label, own, note), update (note, done_at), delete on public.return_checklist_items to authenticated;
--> statement-breakpoint

-- Who wrote a topic and when; a changed text counts as reviewed now (and its reminder starts over).
-- The reminder job's bookkeeping (review_reminded_at alone) is no edit.
create or replace function app_private.return_topic_stamp() returns trigger
  language plpgsql
  set search_path = ''
as $$
begin
  if tg_op = 'INSERT' or (new.body, new.source_language) is distinct from (old.body, old.source_language) then
    new.updated_at := now();
    new.updated_by := auth.uid();
    new.reviewed_at := now();
    new.reviewed_by := auth.uid();
    new.review_reminded_at := null;
  end if;
  return new;
end
$$;
--> statement-breakpoint
create trigger return_guide_topics_stamp before insert or update on public.return_guide_topics
  for each row execute function app_private.return_topic_stamp();
--> statement-breakpoint
create or replace function app_private.return_service_stamp() returns trigger
  language plpgsql
  set search_path = ''
as $$
begin
  new.updated_at := now();
  new.updated_by := auth.uid();
  return new;
end
$$;
--> statement-breakpoint
create trigger return_services_stamp before insert or update on public.return_services
  for each row execute function app_private.return_service_stamp();
--> statement-breakpoint
-- Audit: every edit of a topic (not the reminder bookkeeping) and of a directory entry.
create trigger return_guide_topics_audit after insert on public.return_guide_topics
  for each row execute function app_private.audit_row();
--> statement-breakpoint
create trigger return_guide_topics_audit_update after update on public.return_guide_topics
  for each row when ((old.body, old.source_language, old.reviewed_at) is distinct from (new.body, new.source_language, new.reviewed_at))
  execute function app_private.audit_row();
--> statement-breakpoint
create trigger return_services_audit after insert or update on public.return_services
  for each row execute function app_private.audit_row();
--> statement-breakpoint

-- "The text is still right": the scope's editor (platform admins for the national guide) marks a
-- topic reviewed today. 42501 (hint not_editor) for anyone else.
create or replace function public.mark_return_topic_reviewed(p_topic uuid) returns timestamptz
  language plpgsql security definer
  set search_path = ''
as $$
declare
  v_lgu uuid;
  v_now timestamptz := now();
begin
  select t.lgu_id into v_lgu from public.return_guide_topics t where t.id = p_topic for update;
  if not found or not ((v_lgu is null and app_private.is_platform_admin()) or (v_lgu is not null and app_private.has_lgu_role(v_lgu, array['admin', 'editor']))) then
    raise exception 'only the guide''s editors mark it reviewed' using errcode = '42501', hint = 'not_editor';
  end if;
  update public.return_guide_topics set reviewed_at = v_now, updated_at = v_now, updated_by = auth.uid(), reviewed_by = auth.uid(), review_reminded_at = null where id = p_topic;
  return v_now;
end
$$;
--> statement-breakpoint
revoke all on function public.mark_return_topic_reviewed(uuid) from public, anon;
--> statement-breakpoint
grant execute on function public.mark_return_topic_reviewed(uuid) to authenticated;
