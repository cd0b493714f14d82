-- A spending report stays in its reporter's name: a correction by another treasurer or an admin
-- cannot reassign who reported the money as spent.
create or replace function app_private.spending_report_keeps_reporter() returns trigger
  language plpgsql
  set search_path = ''
as $$
begin
  if current_user in ('anon', 'authenticated') and new.reported_by is distinct from old.reported_by then
    raise exception 'a spending report stays in its reporter''s name' using errcode = '42501', hint = 'not_allowed';
  end if;
  return new;
end
$$;
--> statement-breakpoint
create trigger spending_reports_keep_reporter before update on public.spending_reports
  for each row execute function app_private.spending_report_keeps_reporter();
