-- Numbers keep at least six digits and grow past them (a millionth receipt in a year is
-- ...-1000000, not a truncated, repeated ...-100000): lpad cuts a longer string to its width.
create or replace function app_private.next_service_number(p_lgu uuid, p_kind text, p_year integer) returns text
  language plpgsql security definer
  set search_path = ''
as $$
declare
  v_slug text;
  v_last integer;
begin
  select l.slug into strict v_slug from public.lgus l where l.id = p_lgu;
  insert into public.service_counters as c (lgu_id, kind, year, last) values (p_lgu, p_kind, p_year, 1)
    on conflict (lgu_id, kind, year) do update set last = c.last + 1
    returning last into v_last;
  return upper(v_slug) || '-' || p_kind || '-' || p_year || '-' || lpad(v_last::text, greatest(6, length(v_last::text)), '0');
end
$$;
--> statement-breakpoint
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
          upper(v_slug) || '-' || v_year || '-' || lpad(v_sequence::text, greatest(6, length(v_sequence::text)), '0'), new.amount_minor, new.currency, now());
  return null;
end
$$;
