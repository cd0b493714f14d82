-- Investments: who may write what, and the lead's and the case's life as database functions. Each
-- function checks the caller's role and the lead's stage, writes the lead's history
-- (investment_lead_events) and, through the audit triggers, the audit log, in one transaction.
-- Refusals: 42501 (hint not_investment_staff / not_member) for the wrong person, 23514 or 23505
-- with a hint naming the rule for the wrong stage or input; nothing changes.

-- Leads, contacts, history, messages and cases change only through the functions below.
revoke insert, update, delete, truncate on public.investment_interests, public.investment_interest_contacts, public.investment_lead_events,
  public.investment_messages, public.investment_cases from anon, authenticated;
--> statement-breakpoint
revoke delete, truncate on public.investment_opportunities from anon, authenticated;
--> statement-breakpoint
revoke update, delete, truncate on public.investment_case_documents, public.investment_opportunity_documents from anon, authenticated;
--> statement-breakpoint
grant delete on public.investment_opportunity_documents to authenticated;
--> statement-breakpoint
-- Tasks: staff add them and tick them off; the rest of a task stays as written.
revoke update, delete, truncate on public.investment_case_tasks from anon, authenticated;
--> statement-breakpoint
grant update (done_at) on public.investment_case_tasks to authenticated;
--> statement-breakpoint
revoke all on public.investment_preferences from anon;
--> statement-breakpoint

-- An opportunity's dates follow its status: published when first opened, closed when closed. Once
-- published it cannot go back to draft (people may have expressed interest); it stays in its LGU.
create or replace function app_private.investment_opportunity_dates() returns trigger
  language plpgsql
  set search_path = ''
as $$
begin
  if tg_op = 'UPDATE' then
    if new.lgu_id <> old.lgu_id or new.created_by is distinct from old.created_by then
      raise exception 'an opportunity stays in its lgu' using errcode = '23514', hint = 'lgu_fixed';
    end if;
    if new.status = 'draft' and old.status <> 'draft' then
      raise exception 'a published opportunity cannot go back to draft' using errcode = '23514', hint = 'already_published';
    end if;
    new.updated_at := now();
  end if;
  if new.status <> 'draft' and new.published_at is null then
    new.published_at := now();
  end if;
  new.closed_at := case when new.status = 'closed' then coalesce(new.closed_at, now()) end;
  return new;
end
$$;
--> statement-breakpoint
create trigger investment_opportunities_dates before insert or update on public.investment_opportunities
  for each row execute function app_private.investment_opportunity_dates();
--> statement-breakpoint
create trigger investment_guide_steps_set_updated_at before update on public.investment_guide_steps
  for each row execute function public.set_updated_at();
--> statement-breakpoint

-- Audit: every staff write on opportunities, the guide, leads, their history and messages, cases,
-- tasks and documents. The contacts table is never audited (its phone numbers stay in one place).
create trigger investment_opportunities_audit after insert or update on public.investment_opportunities
  for each row execute function app_private.audit_row();
--> statement-breakpoint
create trigger investment_opportunity_documents_audit after insert or delete on public.investment_opportunity_documents
  for each row execute function app_private.audit_row();
--> statement-breakpoint
create trigger investment_guide_steps_audit after insert or update or delete on public.investment_guide_steps
  for each row execute function app_private.audit_row();
--> statement-breakpoint
create trigger investment_interests_audit after update on public.investment_interests
  for each row when ((old.stage, old.assigned_to, old.next_action, old.next_action_on) is distinct from (new.stage, new.assigned_to, new.next_action, new.next_action_on))
  execute function app_private.audit_row();
--> statement-breakpoint
create trigger investment_lead_events_audit after insert on public.investment_lead_events
  for each row execute function app_private.audit_row();
--> statement-breakpoint
create trigger investment_messages_audit after insert on public.investment_messages
  for each row when (new.from_staff) execute function app_private.audit_row();
--> statement-breakpoint
create trigger investment_cases_audit after insert or update on public.investment_cases
  for each row execute function app_private.audit_row();
--> statement-breakpoint
create trigger investment_case_tasks_audit after insert or update on public.investment_case_tasks
  for each row execute function app_private.audit_row();
--> statement-breakpoint
create trigger investment_case_documents_audit after insert on public.investment_case_documents
  for each row execute function app_private.audit_row();
--> statement-breakpoint

-- A member expresses interest in an open opportunity of a verified LGU, once per opportunity. The
-- amount range is in the opportunity's currency. The phone is kept only with consent.
create or replace function public.express_investment_interest(
  p_opportunity uuid, p_amount_min bigint, p_amount_max bigint, p_timeline text, p_role text, p_message text, p_consent boolean, p_phone text
) returns uuid
  language plpgsql security definer
  set search_path = ''
as $$
declare
  v_opportunity public.investment_opportunities;
  v_profile public.profiles;
  v_id uuid;
  v_phone text := nullif(btrim(coalesce(p_phone, '')), '');
begin
  if auth.uid() is null then
    raise exception 'sign in to express interest' using errcode = '42501', hint = 'not_member';
  end if;
  select * into v_opportunity from public.investment_opportunities o
   where o.id = p_opportunity and o.status <> 'draft' and o.lgu_id in (select app_private.verified_lgu_ids());
  if not found then
    raise exception 'no such opportunity' using errcode = 'P0002', hint = 'opportunity_not_found';
  end if;
  if v_opportunity.status <> 'open' then
    raise exception 'this opportunity is closed' using errcode = '23514', hint = 'opportunity_closed';
  end if;
  if p_amount_min is null or p_amount_max is null or p_amount_min <= 0 or p_amount_max > 1000000000000000 then
    raise exception 'the amounts must be more than zero' using errcode = '23514', hint = 'amount_invalid';
  end if;
  if p_amount_min > p_amount_max then
    raise exception 'the smallest amount is more than the largest' using errcode = '23514', hint = 'amount_range';
  end if;
  if p_message is null or length(btrim(p_message)) < 10 or length(p_message) > 4000 then
    raise exception 'a message of 10 to 4000 characters is needed' using errcode = '23514', hint = 'message_length';
  end if;
  if v_phone is not null and v_phone !~ '^[+0-9 ()-]{7,24}$' then
    raise exception 'the phone number is not valid' using errcode = '23514', hint = 'phone_invalid';
  end if;
  if exists (select 1 from public.investment_interests i where i.opportunity_id = p_opportunity and i.member_id = auth.uid()) then
    raise exception 'already expressed interest' using errcode = '23505', hint = 'already_interested';
  end if;
  select * into v_profile from public.profiles p where p.id = auth.uid();
  insert into public.investment_interests (opportunity_id, lgu_id, member_id, display_name, country_of_residence, amount_min_minor, amount_max_minor,
                                           currency, timeline, role, message, consent_to_contact)
  values (p_opportunity, v_opportunity.lgu_id, auth.uid(), coalesce(v_profile.display_name, 'Member'), v_profile.country_of_residence, p_amount_min, p_amount_max,
          v_opportunity.currency, p_timeline, p_role, btrim(p_message), coalesce(p_consent, false))
  returning id into v_id;
  insert into public.investment_interest_contacts (interest_id, phone) values (v_id, case when p_consent then v_phone end);
  return v_id;
end
$$;
--> statement-breakpoint

-- The lead, locked, if the caller is one of its LGU's investment staff; 42501 otherwise.
create or replace function app_private.investment_lead_for(p_lead uuid) returns public.investment_interests
  language plpgsql security definer
  set search_path = ''
as $$
declare
  v_row public.investment_interests;
begin
  select * into v_row from public.investment_interests i where i.id = p_lead for update;
  if found and app_private.has_lgu_role(v_row.lgu_id, array['admin', 'investment_officer']) then
    return v_row;
  end if;
  raise exception 'not allowed to act on this lead' using errcode = '42501', hint = 'not_investment_staff';
end
$$;
--> statement-breakpoint

create or replace function app_private.investment_lead_event(p_row public.investment_interests, p_kind text, p_note text,
  p_from public.investment_lead_stage default null, p_to public.investment_lead_stage default null) returns void
  language plpgsql security definer
  set search_path = ''
as $$
begin
  insert into public.investment_lead_events (interest_id, lgu_id, kind, from_stage, to_stage, note, actor_id)
  values (p_row.id, p_row.lgu_id, p_kind, p_from, p_to, p_note, auth.uid());
end
$$;
--> statement-breakpoint

-- Moves a lead along the pipeline. Any stage may follow any other except: nothing goes back to
-- "new", "registered" follows only "committed" and is final, "declined" needs a reason. Moving past
-- "contacted" opens the investor's case (once); "registered" puts the case in its creation phase.
create or replace function public.move_investment_lead(p_lead uuid, p_stage public.investment_lead_stage, p_note text default null) returns void
  language plpgsql security definer
  set search_path = ''
as $$
declare
  v_row public.investment_interests := app_private.investment_lead_for(p_lead);
  v_note text := nullif(btrim(coalesce(p_note, '')), '');
  v_case uuid;
begin
  if p_stage is null or p_stage = v_row.stage then
    raise exception 'the lead is already there' using errcode = '23514', hint = 'same_stage';
  end if;
  if v_row.stage = 'registered' then
    raise exception 'the business is registered: the lead is done' using errcode = '23514', hint = 'lead_done';
  end if;
  if p_stage = 'new' then
    raise exception 'a lead does not go back to new' using errcode = '23514', hint = 'wrong_stage';
  end if;
  if p_stage = 'registered' and v_row.stage <> 'committed' then
    raise exception 'only a committed lead becomes a registered business' using errcode = '23514', hint = 'not_committed';
  end if;
  if p_stage = 'declined' and (v_note is null or length(v_note) < 5) then
    raise exception 'a reason of at least 5 characters is needed' using errcode = '23514', hint = 'reason_required';
  end if;
  if length(coalesce(v_note, '')) > 2000 then
    raise exception 'the note is too long' using errcode = '23514', hint = 'note_length';
  end if;
  update public.investment_interests
     set stage = p_stage, stage_changed_at = now(), updated_at = now(),
         next_action = case when p_stage in ('registered', 'declined') then null else next_action end,
         next_action_on = case when p_stage in ('registered', 'declined') then null else next_action_on end
   where id = v_row.id;
  perform app_private.investment_lead_event(v_row, 'stage', v_note, v_row.stage, p_stage);
  if p_stage in ('meeting', 'due_diligence', 'committed', 'registered') then
    select c.id into v_case from public.investment_cases c where c.interest_id = v_row.id;
    if v_case is null then
      insert into public.investment_cases (interest_id, lgu_id, opened_by) values (v_row.id, v_row.lgu_id, auth.uid()) returning id into v_case;
      perform app_private.investment_lead_event(v_row, 'case', null);
    end if;
    if p_stage = 'registered' then
      update public.investment_cases set phase = 'creation', updated_at = now() where id = v_case and phase <> 'creation';
    end if;
  end if;
end
$$;
--> statement-breakpoint

-- Assigns a lead to one of its LGU's investment staff (or to nobody).
create or replace function public.assign_investment_lead(p_lead uuid, p_officer uuid) returns void
  language plpgsql security definer
  set search_path = ''
as $$
declare
  v_row public.investment_interests := app_private.investment_lead_for(p_lead);
begin
  if p_officer is not null and not exists (select 1 from public.lgu_memberships m where m.lgu_id = v_row.lgu_id and m.user_id = p_officer
                                           and m.role in ('admin', 'investment_officer')) then
    raise exception 'not an investment officer of this lgu' using errcode = '23514', hint = 'not_an_officer';
  end if;
  if p_officer is not distinct from v_row.assigned_to then
    return;
  end if;
  update public.investment_interests set assigned_to = p_officer, updated_at = now() where id = v_row.id;
  perform app_private.investment_lead_event(v_row, 'assign', null);
end
$$;
--> statement-breakpoint

-- The next thing to do on a lead and by when (both, or neither to clear); not in the past.
create or replace function public.plan_investment_lead(p_lead uuid, p_action text, p_on date) returns void
  language plpgsql security definer
  set search_path = ''
as $$
declare
  v_row public.investment_interests := app_private.investment_lead_for(p_lead);
  v_action text := nullif(btrim(coalesce(p_action, '')), '');
begin
  if (v_action is null) <> (p_on is null) then
    raise exception 'a next action needs a date, and a date an action' using errcode = '23514', hint = 'plan_incomplete';
  end if;
  if length(coalesce(v_action, '')) > 300 then
    raise exception 'the next action is too long' using errcode = '23514', hint = 'plan_length';
  end if;
  if p_on < (now() at time zone 'utc')::date then
    raise exception 'the date is in the past' using errcode = '23514', hint = 'plan_in_past';
  end if;
  if v_row.stage in ('registered', 'declined') and v_action is not null then
    raise exception 'the lead is closed' using errcode = '23514', hint = 'lead_done';
  end if;
  update public.investment_interests set next_action = v_action, next_action_on = p_on, reminded_on = null, updated_at = now() where id = v_row.id;
  perform app_private.investment_lead_event(v_row, 'plan', case when v_action is null then null else v_action || ' (' || p_on::text || ')' end);
end
$$;
--> statement-breakpoint

-- An internal note on a lead (the member does not see it).
create or replace function public.note_investment_lead(p_lead uuid, p_note text) returns void
  language plpgsql security definer
  set search_path = ''
as $$
declare
  v_row public.investment_interests := app_private.investment_lead_for(p_lead);
begin
  if p_note is null or length(btrim(p_note)) < 2 or length(p_note) > 2000 then
    raise exception 'a note of 2 to 2000 characters is needed' using errcode = '23514', hint = 'note_length';
  end if;
  perform app_private.investment_lead_event(v_row, 'note', btrim(p_note));
end
$$;
--> statement-breakpoint

-- A message on an expression of interest, from the member or from the LGU's investment staff.
create or replace function public.write_investment_message(p_lead uuid, p_body text) returns uuid
  language plpgsql security definer
  set search_path = ''
as $$
declare
  v_row public.investment_interests;
  v_staff boolean;
  v_id uuid;
begin
  select * into v_row from public.investment_interests i where i.id = p_lead;
  if not found then
    raise exception 'not allowed to write here' using errcode = '42501', hint = 'not_member';
  end if;
  v_staff := app_private.has_lgu_role(v_row.lgu_id, array['admin', 'investment_officer']);
  if not v_staff and v_row.member_id is distinct from auth.uid() then
    raise exception 'not allowed to write here' using errcode = '42501', hint = 'not_member';
  end if;
  if p_body is null or length(btrim(p_body)) < 2 or length(p_body) > 4000 then
    raise exception 'a message of 2 to 4000 characters is needed' using errcode = '23514', hint = 'message_length';
  end if;
  insert into public.investment_messages (interest_id, lgu_id, from_staff, author_id, body)
  values (v_row.id, v_row.lgu_id, v_staff and v_row.member_id is distinct from auth.uid(), auth.uid(), btrim(p_body))
  returning id into v_id;
  update public.investment_interests set updated_at = now() where id = v_row.id;
  return v_id;
end
$$;
--> statement-breakpoint

-- The contact details of the LGU's leads whose members consented: only for the LGU's investment
-- staff. Nobody else (not even a platform admin) reads investors' contact details.
create or replace function public.investment_lead_contacts(p_lgu uuid) returns table (interest_id uuid, email text, phone text)
  language plpgsql stable security definer
  set search_path = ''
as $$
begin
  if not app_private.has_lgu_role(p_lgu, array['admin', 'investment_officer']) then
    raise exception 'not allowed to read these contacts' using errcode = '42501', hint = 'not_investment_staff';
  end if;
  return query
    select i.id, u.email::text, c.phone
      from public.investment_interests i
      join auth.users u on u.id = i.member_id
      left join public.investment_interest_contacts c on c.interest_id = i.id
     where i.lgu_id = p_lgu and i.consent_to_contact;
end
$$;
--> statement-breakpoint

-- The case, locked, if the caller is one of its LGU's investment staff; 42501 otherwise.
create or replace function app_private.investment_case_for(p_case uuid) returns public.investment_cases
  language plpgsql security definer
  set search_path = ''
as $$
declare
  v_row public.investment_cases;
begin
  select * into v_row from public.investment_cases c where c.id = p_case for update;
  if found and app_private.has_lgu_role(v_row.lgu_id, array['admin', 'investment_officer']) then
    return v_row;
  end if;
  raise exception 'not allowed to act on this case' using errcode = '42501', hint = 'not_investment_staff';
end
$$;
--> statement-breakpoint

-- Moves a case to another phase (idea, elaboration, formalisation, creation), with the lead's history.
create or replace function public.set_investment_case_phase(p_case uuid, p_phase public.investment_case_phase) returns void
  language plpgsql security definer
  set search_path = ''
as $$
declare
  v_case public.investment_cases := app_private.investment_case_for(p_case);
  v_lead public.investment_interests;
begin
  if p_phase is null or p_phase = v_case.phase then
    raise exception 'the case is already there' using errcode = '23514', hint = 'same_phase';
  end if;
  select * into v_lead from public.investment_interests i where i.id = v_case.interest_id;
  update public.investment_cases set phase = p_phase, updated_at = now() where id = v_case.id;
  perform app_private.investment_lead_event(v_lead, 'case', v_case.phase::text || ' → ' || p_phase::text);
end
$$;
--> statement-breakpoint

-- Links the case to a business permit application of the same LGU, by its reference. Any
-- application of that LGU may be linked (a local partner may be the applicant); the investor sees
-- its status only when it is their own (permit_applications' policy). Linking puts the case at
-- least in its formalisation phase.
create or replace function public.link_investment_case_permit(p_case uuid, p_reference text) returns uuid
  language plpgsql security definer
  set search_path = ''
as $$
declare
  v_case public.investment_cases := app_private.investment_case_for(p_case);
  v_application public.permit_applications;
  v_lead public.investment_interests;
begin
  select * into v_application from public.permit_applications a where a.reference = upper(btrim(coalesce(p_reference, '')));
  if not found then
    raise exception 'no application has this reference' using errcode = '23514', hint = 'permit_not_found';
  end if;
  if v_application.lgu_id <> v_case.lgu_id then
    raise exception 'the application is for another lgu' using errcode = '23514', hint = 'permit_other_lgu';
  end if;
  select * into v_lead from public.investment_interests i where i.id = v_case.interest_id;
  update public.investment_cases set permit_application_id = v_application.id, phase = greatest(phase, 'formalisation'::public.investment_case_phase), updated_at = now()
   where id = v_case.id;
  perform app_private.investment_lead_event(v_lead, 'permit', v_application.reference);
  return v_application.id;
end
$$;
--> statement-breakpoint

revoke all on function public.express_investment_interest(uuid, bigint, bigint, text, text, text, boolean, text), public.move_investment_lead(uuid, public.investment_lead_stage, text),
  public.assign_investment_lead(uuid, uuid), public.plan_investment_lead(uuid, text, date), public.note_investment_lead(uuid, text), public.write_investment_message(uuid, text),
  public.investment_lead_contacts(uuid), public.set_investment_case_phase(uuid, public.investment_case_phase), public.link_investment_case_permit(uuid, text) from public, anon;
--> statement-breakpoint
grant execute on function public.express_investment_interest(uuid, bigint, bigint, text, text, text, boolean, text), public.move_investment_lead(uuid, public.investment_lead_stage, text),
  public.assign_investment_lead(uuid, uuid), public.plan_investment_lead(uuid, text, date), public.note_investment_lead(uuid, text), public.write_investment_message(uuid, text),
  public.investment_lead_contacts(uuid), public.set_investment_case_phase(uuid, public.investment_case_phase), public.link_investment_case_permit(uuid, text) to authenticated;
--> statement-breakpoint
revoke all on function app_private.investment_lead_for(uuid), app_private.investment_case_for(uuid), app_private.investment_opportunity_dates(),
  app_private.investment_lead_event(public.investment_interests, text, text, public.investment_lead_stage, public.investment_lead_stage) from public, anon, authenticated;
