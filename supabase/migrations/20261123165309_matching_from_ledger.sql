-- Matching funds (the 3x1 idea) derived from the ledger, never kept by hand: what each co-funder
-- has committed to a project is its ratio of what the project raised (received minus refunded),
-- up to its cap. A 3:1 co-funder commits 3 for every 1 given. It follows every movement of money
-- and every change of a co-funder's ratio or cap, in the same transaction.
create or replace function app_private.matching_committed(p_raised bigint, p_matched smallint, p_given smallint, p_cap bigint)
  returns bigint
  language sql immutable
  set search_path = ''
as $$
  select least(p_cap, greatest(p_raised, 0) * p_matched / greatest(p_given, 1))
$$;
--> statement-breakpoint
-- A co-funder's new terms (ratio, cap) may not take back matching it has already committed.
create or replace function app_private.cofunder_committed() returns trigger
  language plpgsql security definer
  set search_path = ''
as $$
begin
  new.committed_minor := app_private.matching_committed(
    coalesce((select f.raised_minor from public.project_funding f where f.project_id = new.project_id), 0),
    new.ratio_matched, new.ratio_given, new.cap_minor);
  if tg_op = 'UPDATE' and new.committed_minor < old.committed_minor
     and (new.ratio_matched, new.ratio_given, new.cap_minor) is distinct from (old.ratio_matched, old.ratio_given, old.cap_minor) then
    raise exception 'new terms cannot reduce the matching already committed' using errcode = '23514', constraint = 'project_cofunders_cap';
  end if;
  return new;
end
$$;
--> statement-breakpoint
create trigger project_cofunders_committed before insert or update on public.project_cofunders
  for each row execute function app_private.cofunder_committed();
--> statement-breakpoint
create or replace function app_private.cofunders_follow_funding() returns trigger
  language plpgsql security definer
  set search_path = ''
as $$
begin
  update public.project_cofunders c
     set committed_minor = app_private.matching_committed(new.raised_minor, c.ratio_matched, c.ratio_given, c.cap_minor)
   where c.project_id = new.project_id
     and c.committed_minor is distinct from app_private.matching_committed(new.raised_minor, c.ratio_matched, c.ratio_given, c.cap_minor);
  return null;
end
$$;
--> statement-breakpoint
create trigger project_funding_matching after update on public.project_funding
  for each row when (old.raised_minor is distinct from new.raised_minor)
  execute function app_private.cofunders_follow_funding();
--> statement-breakpoint
-- The audit of co-funders records what people change (who, ratio, cap), not the matching that
-- follows each gift: the update trigger now ignores changes to committed_minor alone.
drop trigger project_cofunders_audit on public.project_cofunders;
--> statement-breakpoint
create trigger project_cofunders_audit after insert or delete on public.project_cofunders
  for each row execute function app_private.audit_row();
--> statement-breakpoint
create trigger project_cofunders_audit_update after update on public.project_cofunders
  for each row when ((old.kind, old.name, old.ratio_matched, old.ratio_given, old.cap_minor)
                     is distinct from (new.kind, new.name, new.ratio_matched, new.ratio_given, new.cap_minor))
  execute function app_private.audit_row();
--> statement-breakpoint
-- Existing co-funders: from what their projects have raised.
update public.project_cofunders c
   set committed_minor = app_private.matching_committed(coalesce(f.raised_minor, 0), c.ratio_matched, c.ratio_given, c.cap_minor)
  from public.project_funding f
 where f.project_id = c.project_id;
--> statement-breakpoint
revoke all on function app_private.cofunder_committed(), app_private.cofunders_follow_funding() from public, anon, authenticated;
