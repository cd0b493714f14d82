-- updated_at is maintained by the database, so "last updated" on public pages can be trusted
-- whichever code path (app, job, admin SQL) changed the row.
create or replace function public.set_updated_at() returns trigger
  language plpgsql
  set search_path = ''
as $$
begin
  new.updated_at = now();
  return new;
end
$$;
--> statement-breakpoint
create trigger places_set_updated_at before update on public.places
  for each row execute function public.set_updated_at();
--> statement-breakpoint
create trigger lgus_set_updated_at before update on public.lgus
  for each row execute function public.set_updated_at();
--> statement-breakpoint
create trigger profiles_set_updated_at before update on public.profiles
  for each row execute function public.set_updated_at();
