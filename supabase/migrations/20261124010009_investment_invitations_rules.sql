-- People an LGU's investment staff may invite to one of its opportunities (issue 9, ADR 0010): only
-- members who allowed it on their profile (profiles.investment_invitations_since, off by default).
-- Nobody reads other members' profiles, hometowns or ticket sizes: the ranking below runs as its
-- owner, checks the caller's role first and returns only why each person fits (never an address,
-- a name only where the person's basics are public). Invitations are written only by
-- invite_investor, once per opportunity and member, and audited.
revoke insert, update, delete, truncate on public.investment_invitations from anon, authenticated;
--> statement-breakpoint
revoke select on public.investment_invitations from anon;
--> statement-breakpoint
create trigger investment_invitations_audit after insert on public.investment_invitations
  for each row execute function app_private.audit_row();
--> statement-breakpoint

-- The signals of every member who allowed investment invitations, for one opportunity: the hometown
-- when it is the opportunity's LGU, or a hometown inside or around it (its name); the sectors they
-- care about that the opportunity concerns; whether they said they would invest; whether what they
-- could invest overlaps the ticket size (through the admin-kept exchange rates when the currencies
-- differ, `p_divisors` giving minor units per major unit by currency; no rate, no claim); the first
-- of their languages the opportunity's title is written in. Leaves out the caller and members who
-- already expressed interest in it. Called only by the security-definer functions below.
create or replace function app_private.investment_invitees(p_opportunity uuid, p_divisors jsonb)
  returns table (profile_id uuid, hometown text, home_province text, sectors text[], willing boolean, ticket boolean, language text)
  language sql stable
  set search_path = ''
as $$
  with o as (
    select o.id, o.title, o.interest_sectors, o.ticket_min_minor, o.ticket_max_minor, o.currency, l.place_id, lp.parent_id as lgu_parent
    from public.investment_opportunities o
    join public.lgus l on l.id = o.lgu_id
    left join public.places lp on lp.id = l.place_id
    where o.id = p_opportunity
  ), usd as (
    select r.currency, r.usd_per_unit / coalesce((p_divisors ->> r.currency)::numeric, 100) as per_minor from public.exchange_rates r
  ), people as (
    select p.id, p.sectors as own_sectors, p.willingness, p.languages, p.preferred_locale
    from public.profiles p
    where p.investment_invitations_since is not null
      and p.id is distinct from auth.uid()
      and not exists (select 1 from public.investment_interests i where i.opportunity_id = p_opportunity and i.member_id = p.id)
  )
  select pe.id,
    (select pl.name from public.profile_hometowns h join public.places pl on pl.id = h.place_id
      where h.profile_id = pe.id and h.place_id = o.place_id limit 1),
    (select pl.name from public.profile_hometowns h join public.places pl on pl.id = h.place_id
      where h.profile_id = pe.id and h.place_id is distinct from o.place_id and (pl.parent_id = o.place_id or h.place_id = o.lgu_parent)
      order by pl.name limit 1),
    coalesce(array(select unnest(o.interest_sectors) intersect select unnest(pe.own_sectors) order by 1), '{}'),
    'invest' = any (pe.willingness),
    coalesce((select ip.ticket_max_minor * pu.per_minor >= o.ticket_min_minor * ou.per_minor
                     and ip.ticket_min_minor * pu.per_minor <= o.ticket_max_minor * ou.per_minor
                from public.investment_preferences ip
                left join usd pu on pu.currency = ip.currency
                left join usd ou on ou.currency = o.currency
               where ip.member_id = pe.id and ip.currency <> o.currency), false)
      -- Same currency: compared as they are (no rate needed).
      or coalesce((select ip.ticket_max_minor >= o.ticket_min_minor and ip.ticket_min_minor <= o.ticket_max_minor
                     from public.investment_preferences ip where ip.member_id = pe.id and ip.currency = o.currency), false),
    (select u.lng from unnest(array_prepend(pe.preferred_locale, pe.languages)) with ordinality as u(lng, n)
      where u.lng is not null and coalesce(o.title ->> u.lng, '') <> '' order by u.n limit 1)
  from people pe cross join o
$$;
--> statement-breakpoint

-- The people to invite to an opportunity, best first, for the opportunity's LGU's admins and
-- investment officers only (platform admins included in the refusal, as for leads). The score is
-- the sum of the weights (from the caller: app/modules/matching/weights.ts) of the signals that
-- hold; people with no signal are left out; ties go to the profile id. `invited`: already invited.
create or replace function public.people_for_investment_opportunity(p_lgu uuid, p_opportunity uuid, p_weights jsonb, p_divisors jsonb, p_limit integer)
  returns table (profile_id uuid, display_name text, country text, hometown text, home_province text, sectors text[],
                 willing boolean, ticket boolean, language text, invited boolean, score integer)
  language plpgsql stable security definer
  set search_path = ''
as $$
declare
  w_hometown integer := coalesce((p_weights ->> 'hometown')::integer, 0);
  w_province integer := coalesce((p_weights ->> 'homeProvince')::integer, 0);
  w_sector integer := coalesce((p_weights ->> 'sector')::integer, 0);
  w_willing integer := coalesce((p_weights ->> 'willingness')::integer, 0);
  w_ticket integer := coalesce((p_weights ->> 'ticket')::integer, 0);
  w_language integer := coalesce((p_weights ->> 'language')::integer, 0);
begin
  if not app_private.has_lgu_role(p_lgu, array['admin', 'investment_officer']) then
    raise exception 'only the LGU''s investment staff find people to invite' using errcode = '42501', hint = 'not_investment_staff';
  end if;
  if not exists (select 1 from public.investment_opportunities o where o.id = p_opportunity and o.lgu_id = p_lgu) then
    raise exception 'no such opportunity of this LGU' using errcode = 'P0002', hint = 'opportunity_not_found';
  end if;
  return query
  with scored as (
    select s.*,
      (case when s.hometown is not null then w_hometown when s.home_province is not null then w_province else 0 end
       + case when cardinality(s.sectors) > 0 then w_sector else 0 end
       + case when s.willing then w_willing else 0 end
       + case when s.ticket then w_ticket else 0 end
       + case when s.language is not null then w_language else 0 end) as total
    from app_private.investment_invitees(p_opportunity, p_divisors) s
  )
  select s.profile_id,
    case when p.basics_visibility = 'public' then p.display_name end,
    case when p.basics_visibility = 'public' then p.country_of_residence::text end,
    s.hometown, s.home_province, s.sectors, s.willing, s.ticket, s.language,
    exists (select 1 from public.investment_invitations vi where vi.opportunity_id = p_opportunity and vi.profile_id = s.profile_id),
    s.total
  from scored s join public.profiles p on p.id = s.profile_id
  where s.total > 0
  order by s.total desc, s.profile_id
  limit greatest(1, least(coalesce(p_limit, 20), 100));
end
$$;
--> statement-breakpoint

-- Invites a member to an opportunity: the caller must be an admin or investment officer of the
-- opportunity's LGU, the opportunity published (open, of a verified LGU), the member must have
-- allowed investment invitations and not already be a lead on it; once per opportunity and member.
-- The portal emails the member afterwards (app/modules/investments/invitations.server.ts).
create or replace function public.invite_investor(p_opportunity uuid, p_profile uuid) returns void
  language plpgsql security definer
  set search_path = ''
as $$
declare
  v_opportunity public.investment_opportunities;
begin
  select o.* into v_opportunity from public.investment_opportunities o where o.id = p_opportunity;
  if not found then
    raise exception 'no such opportunity' using errcode = 'P0002', hint = 'opportunity_not_found';
  end if;
  if not app_private.has_lgu_role(v_opportunity.lgu_id, array['admin', 'investment_officer']) then
    raise exception 'only the LGU''s investment staff invite people' using errcode = '42501', hint = 'not_investment_staff';
  end if;
  if v_opportunity.status = 'closed' then
    raise exception 'this opportunity is closed' using errcode = '23514', hint = 'opportunity_closed';
  end if;
  if v_opportunity.status <> 'open' or v_opportunity.lgu_id not in (select app_private.verified_lgu_ids()) then
    raise exception 'only a published opportunity of a verified LGU' using errcode = '23514', hint = 'opportunity_not_open';
  end if;
  if p_profile is not distinct from auth.uid()
     or not exists (select 1 from public.profiles p where p.id = p_profile and p.investment_invitations_since is not null) then
    raise exception 'this person has not allowed investment invitations' using errcode = '23514', hint = 'not_invitable';
  end if;
  if exists (select 1 from public.investment_interests i where i.opportunity_id = p_opportunity and i.member_id = p_profile) then
    raise exception 'this person already expressed interest' using errcode = '23514', hint = 'already_a_lead';
  end if;
  begin
    insert into public.investment_invitations (opportunity_id, profile_id, lgu_id, invited_by)
    values (p_opportunity, p_profile, v_opportunity.lgu_id, auth.uid());
  exception when unique_violation then
    raise exception 'already invited' using errcode = '23514', hint = 'already_invited';
  end;
end
$$;
--> statement-breakpoint
revoke all on function app_private.investment_invitees(uuid, jsonb) from public, anon, authenticated;
--> statement-breakpoint
revoke all on function public.people_for_investment_opportunity(uuid, uuid, jsonb, jsonb, integer), public.invite_investor(uuid, uuid) from public, anon;
--> statement-breakpoint
grant execute on function public.people_for_investment_opportunity(uuid, uuid, jsonb, jsonb, integer), public.invite_investor(uuid, uuid) to authenticated, service_role;
