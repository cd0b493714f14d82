-- Rates keep who set them last (the API cannot name someone else) and every change is audited.
create or replace function app_private.exchange_rate_rules() returns trigger
  language plpgsql
  set search_path = ''
as $$
begin
  if auth.uid() is not null then
    new.updated_by := auth.uid();
  end if;
  new.updated_at := now();
  return new;
end
$$;
--> statement-breakpoint
create trigger exchange_rates_rules before insert or update on public.exchange_rates
  for each row execute function app_private.exchange_rate_rules();
--> statement-breakpoint
create trigger exchange_rates_audit after insert or update or delete on public.exchange_rates
  for each row execute function app_private.audit_row();
