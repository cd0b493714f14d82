-- The ledger's rules, for every code path (webhooks, treasurers, the sandbox, a console):
-- 1. It is append-only: a movement is never changed or deleted (a mistake is corrected by another
--    movement, as in any ledger).
-- 2. A movement is in its contribution's currency, which is its project's, and on its project.
-- 3. A refund never exceeds what that contribution received and has not yet refunded.
-- 4. Each movement updates the project's totals in the same transaction, so they cannot drift;
--    app_private.project_funding_drift() lists any project whose totals differ from its ledger.
create or replace function app_private.contribution_event_rules() returns trigger
  language plpgsql
  set search_path = ''
as $$
declare
  v_contribution public.contributions%rowtype;
  v_project_currency text;
  v_balance bigint;
begin
  if tg_op <> 'INSERT' then
    raise exception 'the contribution ledger is append-only' using errcode = '42501', hint = 'ledger_append_only';
  end if;
  select * into v_contribution from public.contributions c where c.id = new.contribution_id for update;
  select p.currency into v_project_currency from public.projects p where p.id = v_contribution.project_id;
  if new.project_id is distinct from v_contribution.project_id then
    raise exception 'a movement belongs to its contribution''s project' using errcode = '23514', hint = 'ledger_wrong_project';
  end if;
  if new.currency is distinct from v_contribution.currency or new.currency is distinct from v_project_currency then
    raise exception 'a movement is in its project''s currency' using errcode = '23514', hint = 'ledger_wrong_currency';
  end if;
  if new.type = 'refunded' then
    select coalesce(sum(case when e.type = 'received' then e.amount_minor else -e.amount_minor end), 0)
      into v_balance
      from public.contribution_events e where e.contribution_id = new.contribution_id;
    if new.amount_minor > v_balance then
      raise exception 'a refund cannot exceed what the gift received' using errcode = '23514', hint = 'ledger_refund_too_large';
    end if;
  end if;
  return new;
end
$$;
--> statement-breakpoint
create trigger contribution_events_rules before insert or update or delete on public.contribution_events
  for each row execute function app_private.contribution_event_rules();
--> statement-breakpoint
create trigger contribution_events_no_truncate before truncate on public.contribution_events
  for each statement execute function app_private.contribution_event_rules();
--> statement-breakpoint

-- The share of the goal raised, in basis points (10,000 = the whole goal), capped so it fits.
create or replace function app_private.funded_basis_points(p_raised bigint, p_goal bigint) returns integer
  language sql immutable
  set search_path = ''
as $$
  select case when p_goal is null or p_goal <= 0 then 0
              else least(greatest(p_raised, 0) * 10000 / p_goal, 1000000)::integer end
$$;
--> statement-breakpoint
create or replace function app_private.project_funding_follow_event() returns trigger
  language plpgsql security definer
  set search_path = ''
as $$
declare
  v_first boolean;
begin
  -- A contribution's first receipt counts as one gift (a monthly gift's later months do not).
  v_first := new.type = 'received' and not exists (
    select 1 from public.contribution_events e where e.contribution_id = new.contribution_id and e.type = 'received' and e.id <> new.id);
  update public.project_funding f
     set received_minor = f.received_minor + case when new.type = 'received' then new.amount_minor else 0 end,
         refunded_minor = f.refunded_minor + case when new.type = 'refunded' then new.amount_minor else 0 end,
         gifts = f.gifts + case when v_first then 1 else 0 end,
         funded_basis_points = app_private.funded_basis_points(
           f.received_minor + case when new.type = 'received' then new.amount_minor else -new.amount_minor end - f.refunded_minor,
           (select p.goal_minor from public.projects p where p.id = new.project_id)),
         updated_at = now()
   where f.project_id = new.project_id;
  -- A contribution is confirmed once money arrived, refunded once all of it went back.
  update public.contributions c
     set status = case when b.balance <= 0 then 'refunded'::public.contribution_status else 'confirmed'::public.contribution_status end,
         updated_at = now()
    from (select coalesce(sum(case when e.type = 'received' then e.amount_minor else -e.amount_minor end), 0) as balance
            from public.contribution_events e where e.contribution_id = new.contribution_id) b
   where c.id = new.contribution_id;
  return null;
end
$$;
--> statement-breakpoint
create trigger contribution_events_funding after insert on public.contribution_events
  for each row execute function app_private.project_funding_follow_event();
--> statement-breakpoint

-- Every project has its funding row from the start (so the orders can use an index without an
-- outer join), kept in step with its goal and status.
create or replace function app_private.project_funding_follow_project() returns trigger
  language plpgsql security definer
  set search_path = ''
as $$
begin
  if tg_op = 'INSERT' then
    insert into public.project_funding (project_id, fundraising) values (new.id, new.status = 'fundraising');
  else
    update public.project_funding f
       set fundraising = new.status = 'fundraising',
           funded_basis_points = app_private.funded_basis_points(f.raised_minor, new.goal_minor)
     where f.project_id = new.id;
  end if;
  return null;
end
$$;
--> statement-breakpoint
create trigger projects_funding_insert after insert on public.projects
  for each row execute function app_private.project_funding_follow_project();
--> statement-breakpoint
create trigger projects_funding_update after update of status, goal_minor on public.projects
  for each row when (old.status is distinct from new.status or old.goal_minor is distinct from new.goal_minor)
  execute function app_private.project_funding_follow_project();
--> statement-breakpoint
insert into public.project_funding (project_id, fundraising)
select p.id, p.status = 'fundraising' from public.projects p
on conflict (project_id) do nothing;
--> statement-breakpoint

-- Reconciliation: projects whose stored totals differ from the sum of their ledger (none, ever).
create or replace function app_private.project_funding_drift()
  returns table (project_id uuid, stored_received bigint, ledger_received bigint, stored_refunded bigint, ledger_refunded bigint)
  language sql stable security definer
  set search_path = ''
as $$
  select f.project_id, f.received_minor, coalesce(l.received, 0), f.refunded_minor, coalesce(l.refunded, 0)
  from public.project_funding f
  left join (
    select e.project_id,
           sum(e.amount_minor) filter (where e.type = 'received')::bigint as received,
           sum(e.amount_minor) filter (where e.type = 'refunded')::bigint as refunded
    from public.contribution_events e group by e.project_id
  ) l on l.project_id = f.project_id
  where f.received_minor <> coalesce(l.received, 0) or f.refunded_minor <> coalesce(l.refunded, 0)
$$;
--> statement-breakpoint
revoke all on function app_private.contribution_event_rules(), app_private.project_funding_follow_event(), app_private.project_funding_follow_project(), app_private.project_funding_drift() from public, anon, authenticated;
--> statement-breakpoint
grant execute on function app_private.project_funding_drift() to service_role;
--> statement-breakpoint
-- Only the server writes money: the API roles read (under RLS) and nothing more.
revoke insert, update, delete, truncate on public.contributions, public.contribution_events, public.project_funding from anon, authenticated;
--> statement-breakpoint

-- The search learns the two money orders: "most funded" (share of the goal raised) and "nearest
-- to goal" (projects still raising money, closest to their goal first).
create or replace function app_private.public_project_matches(
  p_exact tsquery,
  p_corrected tsquery,
  p_sector public.project_sector,
  p_status public.project_status,
  p_country text,
  p_lgu text,
  p_need public.need_kind,
  p_sort text,
  p_limit integer,
  p_offset integer
)
  returns table (id uuid, rank real, total bigint, n bigint)
  language plpgsql stable
  set search_path = pg_catalog, public
  set plan_cache_mode = 'force_custom_plan'
as $$
begin
  return query
  select m.id, m.rank, count(*) over (), row_number() over (
           order by case when p_sort = 'relevance' then m.rank end desc nulls last,
                    case when p_sort = 'closing' then m.ends_on end asc nulls last,
                    case when p_sort in ('most_funded', 'nearest_goal') then m.funded end desc nulls last,
                    m.published_at desc nulls last, m.slug)
  from (
    select p.project_id as id, p.slug, p.published_at, p.ends_on, f.funded_basis_points as funded,
           (case when p_sort <> 'relevance' then 0
                 when p_corrected is null or p.search @@ p_exact then 1 + ts_rank(p.search, p_exact)
                 else ts_rank(p.search, p_corrected) / 2 end)::real as rank
    from app_private.project_listings p
    join public.project_funding f on f.project_id = p.project_id
    where (p.search @@ p_exact or (p_corrected is not null and p.search @@ p_corrected))
      and (p_sector is null or p.sector = p_sector)
      and (p_status is null or p.status = p_status)
      and (p_country is null or p.country_code = p_country)
      and (p_lgu is null or p.lgu_id = (select l.id from public.lgus l where l.slug = p_lgu))
      and (p_need is null or exists (select 1 from public.project_needs n where n.project_id = p.project_id and n.kind = p_need))
      and (p_sort <> 'nearest_goal' or (f.fundraising and f.funded_basis_points < 10000))
  ) m
  order by 4 offset greatest(p_offset, 0) limit least(greatest(p_limit, 0), 100);
end
$$;
