-- Receipts are issued by the database with each money received, in the same transaction, whatever
-- wrote it (a Stripe webhook, a treasurer's confirmation, the demo sandbox): numbered per LGU and
-- year from a counter row locked for the update, so numbers never repeat or skip.
create or replace function app_private.issue_receipt() returns trigger
  language plpgsql security definer
  set search_path = ''
as $$
declare
  v_lgu uuid;
  v_slug text;
  v_year integer := extract(year from (new.occurred_at at time zone 'utc'))::integer;
  v_sequence integer;
begin
  if new.type <> 'received' then
    return null;
  end if;
  select p.lgu_id, l.slug into v_lgu, v_slug
    from public.projects p join public.lgus l on l.id = p.lgu_id where p.id = new.project_id;
  insert into public.receipt_counters as rc (lgu_id, year, last) values (v_lgu, v_year, 1)
    on conflict (lgu_id, year) do update set last = rc.last + 1
    returning last into v_sequence;
  insert into public.receipts (event_id, contribution_id, lgu_id, year, sequence, number, amount_minor, currency, issued_at)
  values (new.id, new.contribution_id, v_lgu, v_year, v_sequence,
          upper(v_slug) || '-' || v_year || '-' || lpad(v_sequence::text, 6, '0'), new.amount_minor, new.currency, now());
  return null;
end
$$;
--> statement-breakpoint
create trigger contribution_events_receipt after insert on public.contribution_events
  for each row execute function app_private.issue_receipt();
--> statement-breakpoint
revoke all on function app_private.issue_receipt() from public, anon, authenticated;
--> statement-breakpoint
revoke insert, update, delete, truncate on public.receipts, public.receipt_counters from anon, authenticated;
--> statement-breakpoint
-- Receipts for money already received.
do $$
declare
  r record;
  v_sequence integer;
begin
  for r in select e.*, p.lgu_id, l.slug from public.contribution_events e
           join public.projects p on p.id = e.project_id join public.lgus l on l.id = p.lgu_id
           where e.type = 'received' and not exists (select 1 from public.receipts x where x.event_id = e.id)
           order by e.occurred_at, e.id loop
    insert into public.receipt_counters as rc (lgu_id, year, last)
      values (r.lgu_id, extract(year from (r.occurred_at at time zone 'utc'))::integer, 1)
      on conflict (lgu_id, year) do update set last = rc.last + 1
      returning last into v_sequence;
    insert into public.receipts (event_id, contribution_id, lgu_id, year, sequence, number, amount_minor, currency, issued_at, emailed_at)
    values (r.id, r.contribution_id, r.lgu_id, extract(year from (r.occurred_at at time zone 'utc'))::integer, v_sequence,
            upper(r.slug) || '-' || extract(year from (r.occurred_at at time zone 'utc'))::integer || '-' || lpad(v_sequence::text, 6, '0'),
            r.amount_minor, r.currency, now(), now());
  end loop;
end
$$;
