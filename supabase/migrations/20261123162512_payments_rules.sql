-- Payments: only the server writes Stripe's events and the LGUs' payment accounts.
revoke insert, update, delete, truncate on public.stripe_events, public.lgu_payment_accounts from anon, authenticated;
--> statement-breakpoint
revoke select on public.stripe_events from anon, authenticated;
--> statement-breakpoint
-- Contributions, whoever writes them: a new one only to a project that is raising money, of an
-- LGU that may raise funds (verified), in the project's currency; "as part of" an association
-- only by one of its members (attribution is the member's claim, so the database checks it); and
-- a contribution keeps its project and currency.
create or replace function app_private.contribution_rules() returns trigger
  language plpgsql
  set search_path = ''
as $$
declare
  v_project record;
begin
  if tg_op = 'INSERT' then
    select p.status, p.currency, p.lgu_id into v_project from public.projects p where p.id = new.project_id;
    if v_project.status is distinct from 'fundraising' or not app_private.lgu_may_raise_funds(v_project.lgu_id) then
      raise exception 'this project is not raising money' using errcode = '23514', hint = 'project_not_raising';
    end if;
    if new.currency is distinct from v_project.currency then
      raise exception 'a gift is in its project''s currency' using errcode = '23514', hint = 'contribution_wrong_currency';
    end if;
  end if;
  if new.association_id is not null and (new.donor_id is null or not exists (
    select 1 from public.organisation_memberships m
    where m.organisation_id = new.association_id and m.user_id = new.donor_id
  )) then
    raise exception 'only a member may give as part of an association' using errcode = '23514', hint = 'association_member_only';
  end if;
  if tg_op = 'UPDATE' and (new.project_id is distinct from old.project_id or new.currency is distinct from old.currency) then
    raise exception 'a contribution keeps its project and currency' using errcode = '23514', hint = 'contribution_fixed';
  end if;
  return new;
end
$$;
--> statement-breakpoint
create trigger contributions_rules before insert or update on public.contributions
  for each row execute function app_private.contribution_rules();
