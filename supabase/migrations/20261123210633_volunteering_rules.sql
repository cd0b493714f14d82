-- Volunteering: who may write what. The tables take no direct writes; each step is a function that
-- checks the caller, the offer's status and the need's, and writes in one transaction, audited by
-- the trigger below. Refusals: 42501 (hint sign_in / not_volunteer / not_lgu_staff) for the wrong
-- person; 23514 with a hint naming the rule (need_closed, need_full, mode_mismatch, …). Nothing
-- changes on a refusal.

revoke insert, update, delete, truncate on public.volunteer_offers, public.volunteer_testimonials from anon, authenticated;
--> statement-breakpoint
revoke select on public.volunteer_offers from anon;
--> statement-breakpoint
create trigger volunteer_offers_set_updated_at before update on public.volunteer_offers
  for each row execute function public.set_updated_at();
--> statement-breakpoint
create trigger volunteer_offers_audit after insert or update on public.volunteer_offers
  for each row execute function app_private.audit_row();
--> statement-breakpoint

-- People taken on for a need: offers accepted or done. Kept in project_needs.fulfilled, which the
-- project page shows ("3 of 5 found").
create or replace function app_private.sync_need_fulfilled(p_need uuid) returns void
  language plpgsql security definer
  set search_path = ''
as $$
begin
  if p_need is null then
    return;
  end if;
  update public.project_needs n
     set fulfilled = (select count(*) from public.volunteer_offers o where o.need_id = p_need and o.status in ('accepted', 'done'))
   where n.id = p_need
     and n.fulfilled is distinct from (select count(*) from public.volunteer_offers o where o.need_id = p_need and o.status in ('accepted', 'done'));
end
$$;
--> statement-breakpoint

-- An offer, by the signed-in member: to a skill need of a published project of a verified LGU (the
-- LGU and skill are the need's), or to a verified LGU in general with a skill of their choosing
-- (p_need null). Returns the offer's id.
create or replace function public.offer_volunteer_help(p_need uuid, p_lgu uuid, p_skill text, p_mode public.work_mode, p_from date, p_until date, p_message text)
  returns uuid
  language plpgsql security definer
  set search_path = ''
as $$
declare
  v_user uuid := auth.uid();
  v_need public.project_needs;
  v_project public.projects;
  v_lgu uuid := p_lgu;
  v_skill text := p_skill;
  v_id uuid;
begin
  if v_user is null then
    raise exception 'sign in to offer help' using errcode = '42501', hint = 'sign_in';
  end if;
  if p_mode is null then
    raise exception 'say how you can work' using errcode = '23514', hint = 'mode_required';
  end if;
  if p_need is not null then
    select * into v_need from public.project_needs n where n.id = p_need;
    if found then
      select * into v_project from public.projects p where p.id = v_need.project_id;
    end if;
    if not found or v_need.kind <> 'skill' or not app_private.project_visible(v_need.project_id)
       or v_project.status not in ('fundraising', 'funded', 'in_progress')
       or v_project.lgu_id not in (select app_private.verified_lgu_ids()) then
      raise exception 'no such need' using errcode = '23514', hint = 'need_not_found';
    end if;
    if v_need.closed_at is not null or (v_need.ends_on is not null and v_need.ends_on < (now() at time zone 'utc')::date) then
      raise exception 'this need takes no more offers' using errcode = '23514', hint = 'need_closed';
    end if;
    if (select count(*) from public.volunteer_offers o where o.need_id = p_need and o.status in ('accepted', 'done')) >= v_need.quantity then
      raise exception 'this need has all the people it asked for' using errcode = '23514', hint = 'need_full';
    end if;
    if v_need.mode is not null and v_need.mode <> 'either' and p_mode <> 'either' and p_mode <> v_need.mode then
      raise exception 'this need is for work done another way' using errcode = '23514', hint = 'mode_mismatch';
    end if;
    v_lgu := v_project.lgu_id;
    v_skill := v_need.skill;
  else
    if p_lgu is null or p_lgu not in (select app_private.verified_lgu_ids()) then
      raise exception 'no such LGU' using errcode = '23514', hint = 'lgu_not_found';
    end if;
    if v_skill is null or v_skill !~ '^[a-z0-9_.:-]{2,80}$' then
      raise exception 'choose a skill' using errcode = '23514', hint = 'skill_required';
    end if;
  end if;
  if p_until is not null and (p_from is null or p_until < p_from) then
    raise exception 'the availability ends before it starts' using errcode = '23514', hint = 'availability_invalid';
  end if;
  if p_message is null or length(btrim(p_message)) not between 10 and 1000 then
    raise exception 'write a short message (10 to 1,000 characters)' using errcode = '23514', hint = 'message_length';
  end if;
  begin
    insert into public.volunteer_offers (lgu_id, need_id, project_id, volunteer_id, skill, mode, available_from, available_until, message)
    values (v_lgu, p_need, v_need.project_id, v_user, v_skill, p_mode, p_from, p_until, btrim(p_message))
    returning id into v_id;
  exception when unique_violation then
    raise exception 'you have already offered this' using errcode = '23514', hint = 'already_offered';
  end;
  return v_id;
end
$$;
--> statement-breakpoint

-- The offer as its LGU's editors and admins act on it, locked; 42501 for anyone else.
create or replace function app_private.volunteer_offer_for_staff(p_offer uuid) returns public.volunteer_offers
  language plpgsql security definer
  set search_path = ''
as $$
declare
  v_row public.volunteer_offers;
begin
  select * into v_row from public.volunteer_offers o where o.id = p_offer for update;
  if not found or not app_private.has_lgu_role(v_row.lgu_id, array['admin', 'editor']) then
    raise exception 'only the LGU''s editors and admins act on its volunteer offers' using errcode = '42501', hint = 'not_lgu_staff';
  end if;
  return v_row;
end
$$;
--> statement-breakpoint

-- Accept (with the dates agreed; the need must still have room) or decline (with a reason).
create or replace function public.decide_volunteer_offer(p_offer uuid, p_accept boolean, p_from date, p_until date, p_note text)
  returns void
  language plpgsql security definer
  set search_path = ''
as $$
declare
  v_row public.volunteer_offers := app_private.volunteer_offer_for_staff(p_offer);
  v_quantity integer;
  v_note text := nullif(btrim(coalesce(p_note, '')), '');
begin
  if v_row.status <> 'offered' then
    raise exception 'this offer is already answered' using errcode = '23514', hint = 'offer_not_open';
  end if;
  if v_note is not null and length(v_note) > 1000 then
    raise exception 'the note is too long' using errcode = '23514', hint = 'note_length';
  end if;
  if p_accept then
    if p_from is null or p_until is null or p_until < p_from or p_from < (now() at time zone 'utc')::date - 1 then
      raise exception 'give the dates of the work, from today on' using errcode = '23514', hint = 'schedule_invalid';
    end if;
    if v_row.need_id is not null then
      select n.quantity into v_quantity from public.project_needs n where n.id = v_row.need_id for update;
      if (select count(*) from public.volunteer_offers o where o.need_id = v_row.need_id and o.status in ('accepted', 'done')) >= v_quantity then
        raise exception 'this need has all the people it asked for' using errcode = '23514', hint = 'need_full';
      end if;
    end if;
    update public.volunteer_offers o
       set status = 'accepted', scheduled_from = p_from, scheduled_until = p_until, lgu_note = v_note, decided_by = auth.uid(), decided_at = now()
     where o.id = v_row.id;
  else
    if v_note is null then
      raise exception 'say why the offer is declined' using errcode = '23514', hint = 'reason_required';
    end if;
    update public.volunteer_offers o
       set status = 'declined', lgu_note = v_note, decided_by = auth.uid(), decided_at = now()
     where o.id = v_row.id;
  end if;
  perform app_private.sync_need_fulfilled(v_row.need_id);
end
$$;
--> statement-breakpoint

-- After the work: done, with the hours given (more than 0, at most 2,000, in tenths).
create or replace function public.complete_volunteer_offer(p_offer uuid, p_hours numeric)
  returns void
  language plpgsql security definer
  set search_path = ''
as $$
declare
  v_row public.volunteer_offers := app_private.volunteer_offer_for_staff(p_offer);
begin
  if v_row.status <> 'accepted' then
    raise exception 'only accepted offers are marked done' using errcode = '23514', hint = 'offer_not_accepted';
  end if;
  if p_hours is null or p_hours <= 0 or p_hours > 2000 or p_hours <> round(p_hours, 1) then
    raise exception 'the hours must be more than 0 and at most 2,000' using errcode = '23514', hint = 'hours_invalid';
  end if;
  update public.volunteer_offers o set status = 'done', hours = p_hours, completed_at = now() where o.id = v_row.id;
  perform app_private.sync_need_fulfilled(v_row.need_id);
end
$$;
--> statement-breakpoint

-- The volunteer takes back an offer not yet done.
create or replace function public.withdraw_volunteer_offer(p_offer uuid)
  returns void
  language plpgsql security definer
  set search_path = ''
as $$
declare
  v_row public.volunteer_offers;
begin
  select * into v_row from public.volunteer_offers o where o.id = p_offer for update;
  if not found or v_row.volunteer_id is distinct from auth.uid() then
    raise exception 'only the volunteer withdraws an offer' using errcode = '42501', hint = 'not_volunteer';
  end if;
  if v_row.status not in ('offered', 'accepted') then
    raise exception 'this offer can no longer be withdrawn' using errcode = '23514', hint = 'offer_not_open';
  end if;
  update public.volunteer_offers o set status = 'withdrawn' where o.id = v_row.id;
  perform app_private.sync_need_fulfilled(v_row.need_id);
end
$$;
--> statement-breakpoint

-- A thank-you or testimonial, once the work is done: the volunteer's, or the LGU's (its editors
-- and admins). One per side; writing again replaces it.
create or replace function public.leave_volunteer_testimonial(p_offer uuid, p_body text)
  returns void
  language plpgsql security definer
  set search_path = ''
as $$
declare
  v_row public.volunteer_offers;
  v_side public.testimonial_side;
  v_body text := btrim(coalesce(p_body, ''));
begin
  select * into v_row from public.volunteer_offers o where o.id = p_offer;
  if found and v_row.volunteer_id = auth.uid() then
    v_side := 'volunteer';
  elsif found and app_private.has_lgu_role(v_row.lgu_id, array['admin', 'editor']) then
    v_side := 'lgu';
  else
    raise exception 'only the volunteer and the LGU write about this work' using errcode = '42501', hint = 'not_volunteer';
  end if;
  if v_row.status <> 'done' then
    raise exception 'testimonials come after the work is done' using errcode = '23514', hint = 'offer_not_done';
  end if;
  if length(v_body) not between 3 and 500 then
    raise exception 'write 3 to 500 characters' using errcode = '23514', hint = 'testimonial_length';
  end if;
  insert into public.volunteer_testimonials as t (offer_id, side, author_id, body) values (v_row.id, v_side, auth.uid(), v_body)
  on conflict (offer_id, side) do update set body = excluded.body, author_id = excluded.author_id, created_at = now();
end
$$;
--> statement-breakpoint

-- A public project's volunteering: hours given and people who gave them (done offers), and its
-- thank-yous with the volunteer's name only where their profile shows it publicly.
create or replace function public.project_volunteering(p_project uuid)
  returns table (hours numeric, people integer)
  language sql stable security definer
  set search_path = ''
as $$
  select coalesce(sum(o.hours), 0), count(distinct coalesce(o.volunteer_id::text, o.id::text))::integer
  from public.volunteer_offers o
  where o.project_id = p_project and o.status = 'done' and app_private.project_visible(p_project);
$$;
--> statement-breakpoint
create or replace function public.project_volunteer_testimonials(p_project uuid)
  returns table (offer_id uuid, side public.testimonial_side, body text, written_at timestamptz, volunteer_name text, skill text, hours numeric)
  language sql stable security definer
  set search_path = ''
as $$
  select t.offer_id, t.side, t.body, t.created_at, pp.display_name, o.skill, o.hours
  from public.volunteer_testimonials t
  join public.volunteer_offers o on o.id = t.offer_id
  left join public.public_profiles pp on pp.id = o.volunteer_id
  where o.project_id = p_project and o.status = 'done' and app_private.project_visible(p_project)
  order by t.created_at desc
  limit 50;
$$;
--> statement-breakpoint

revoke all on function app_private.sync_need_fulfilled(uuid), app_private.volunteer_offer_for_staff(uuid) from public, anon, authenticated;
--> statement-breakpoint
revoke all on function public.offer_volunteer_help(uuid, uuid, text, public.work_mode, date, date, text), public.decide_volunteer_offer(uuid, boolean, date, date, text),
  public.complete_volunteer_offer(uuid, numeric), public.withdraw_volunteer_offer(uuid), public.leave_volunteer_testimonial(uuid, text) from public, anon;
--> statement-breakpoint
grant execute on function public.offer_volunteer_help(uuid, uuid, text, public.work_mode, date, date, text), public.decide_volunteer_offer(uuid, boolean, date, date, text),
  public.complete_volunteer_offer(uuid, numeric), public.withdraw_volunteer_offer(uuid), public.leave_volunteer_testimonial(uuid, text) to authenticated, service_role;
--> statement-breakpoint
revoke all on function public.project_volunteering(uuid), public.project_volunteer_testimonials(uuid) from public;
--> statement-breakpoint
grant execute on function public.project_volunteering(uuid), public.project_volunteer_testimonials(uuid) to anon, authenticated, service_role;
