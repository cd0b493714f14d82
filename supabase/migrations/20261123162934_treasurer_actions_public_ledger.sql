-- Treasurers' actions on money, as database functions called as the treasurer (through withRls):
-- the role check, the ledger write and the audit row happen together, whatever calls them.
-- A non-treasurer is refused (42501, hint not_treasurer) and nothing changes.

-- Audit: every movement of money and every change of a contribution's status, under the LGU.
create trigger contribution_events_audit after insert on public.contribution_events
  for each row execute function app_private.audit_row();
--> statement-breakpoint
create trigger contributions_status_audit after update on public.contributions
  for each row when (old.status is distinct from new.status)
  execute function app_private.audit_row();
--> statement-breakpoint

create or replace function app_private.require_treasurer(p_contribution uuid) returns public.contributions
  language plpgsql security definer
  set search_path = ''
as $$
declare
  v_row public.contributions;
begin
  select * into v_row from public.contributions c where c.id = p_contribution for update;
  if not found or not app_private.project_lgu_role(v_row.project_id, array['admin', 'treasurer']) then
    raise exception 'only the project LGU''s treasurer or admin may do this' using errcode = '42501', hint = 'not_treasurer';
  end if;
  return v_row;
end
$$;
--> statement-breakpoint

-- Money arrived for an offline pledge (the amount received may differ from the pledge).
create or replace function public.confirm_contribution(p_contribution uuid, p_amount_minor bigint, p_received_on date)
  returns void
  language plpgsql security definer
  set search_path = ''
as $$
declare
  v_row public.contributions := app_private.require_treasurer(p_contribution);
begin
  if v_row.channel not in ('bank_transfer', 'remittance', 'cash') then
    raise exception 'card gifts are confirmed by the payment provider' using errcode = '23514', hint = 'not_offline';
  end if;
  if v_row.status <> 'pending' then
    raise exception 'this pledge is no longer pending' using errcode = '23514', hint = 'not_pending';
  end if;
  if p_amount_minor is null or p_amount_minor <= 0 then
    raise exception 'the amount received must be positive' using errcode = '23514', hint = 'amount_positive';
  end if;
  if p_received_on is null or p_received_on > (now() at time zone 'utc')::date + 1 then
    raise exception 'the day received cannot be in the future' using errcode = '23514', hint = 'received_in_future';
  end if;
  -- One confirmation per pledge: its external id is the pledge's own.
  insert into public.contribution_events (contribution_id, project_id, type, amount_minor, currency, source, external_id, recorded_by, occurred_at)
  values (v_row.id, v_row.project_id, 'received', p_amount_minor, v_row.currency, 'treasurer', 'confirm-' || v_row.id, auth.uid(),
          p_received_on::timestamp at time zone 'utc' + interval '12 hours');
end
$$;
--> statement-breakpoint

-- The money never came.
create or replace function public.lapse_contribution(p_contribution uuid)
  returns void
  language plpgsql security definer
  set search_path = ''
as $$
declare
  v_row public.contributions := app_private.require_treasurer(p_contribution);
begin
  if v_row.status <> 'pending' then
    raise exception 'this pledge is no longer pending' using errcode = '23514', hint = 'not_pending';
  end if;
  update public.contributions set status = 'lapsed', updated_at = now() where id = v_row.id;
end
$$;
--> statement-breakpoint

-- Money given back for an offline gift (a card gift is refunded through the provider, whose
-- webhook records it). p_key makes a retried form submission record nothing twice.
create or replace function public.refund_offline_contribution(p_contribution uuid, p_amount_minor bigint, p_key uuid)
  returns void
  language plpgsql security definer
  set search_path = ''
as $$
declare
  v_row public.contributions := app_private.require_treasurer(p_contribution);
begin
  if v_row.channel not in ('bank_transfer', 'remittance', 'cash', 'sandbox') then
    raise exception 'card gifts are refunded through the payment provider' using errcode = '23514', hint = 'not_offline';
  end if;
  if p_amount_minor is null or p_amount_minor <= 0 then
    raise exception 'the refund must be positive' using errcode = '23514', hint = 'amount_positive';
  end if;
  insert into public.contribution_events (contribution_id, project_id, type, amount_minor, currency, source, external_id, recorded_by)
  values (v_row.id, v_row.project_id, 'refunded', p_amount_minor, v_row.currency, 'treasurer', 'refund-' || p_key, auth.uid())
  on conflict (source, external_id) do nothing;
end
$$;
--> statement-breakpoint

-- The public ledger of a project: every movement of money in (gifts received, refunds) and out
-- (spending reports), newest first, for a project anyone may see. A donor's name appears only when
-- the gift was not anonymous and their profile's basics are public; otherwise no name.
create or replace function public.public_project_ledger(p_project uuid)
  returns table (kind text, occurred_on date, amount_minor bigint, currency text, donor_name text, channel text, detail text, reference_id text)
  language plpgsql stable security definer
  set search_path = ''
as $$
begin
  if not app_private.project_visible(p_project) then
    return;
  end if;
  return query
  select e.type::text, (e.occurred_at at time zone 'utc')::date, e.amount_minor, e.currency::text,
         case when not c.anonymous and pr.basics_visibility = 'public' then pr.display_name end,
         c.channel::text, null::text, e.id::text
  from public.contribution_events e
  join public.contributions c on c.id = e.contribution_id
  left join public.profiles pr on pr.id = c.donor_id
  where e.project_id = p_project
  union all
  select 'spent', s.spent_on, s.amount_minor, p.currency::text, null, null, s.payee, s.id::text
  from public.spending_reports s join public.projects p on p.id = s.project_id
  where s.project_id = p_project
  order by 2 desc, 8 desc;
end
$$;
--> statement-breakpoint
revoke all on function app_private.require_treasurer(uuid) from public, anon, authenticated;
--> statement-breakpoint
revoke all on function public.confirm_contribution(uuid, bigint, date), public.lapse_contribution(uuid), public.refund_offline_contribution(uuid, bigint, uuid) from public, anon;
--> statement-breakpoint
grant execute on function public.confirm_contribution(uuid, bigint, date), public.lapse_contribution(uuid), public.refund_offline_contribution(uuid, bigint, uuid) to authenticated;
--> statement-breakpoint
revoke all on function public.public_project_ledger(uuid) from public;
--> statement-breakpoint
grant execute on function public.public_project_ledger(uuid) to anon, authenticated, service_role;
