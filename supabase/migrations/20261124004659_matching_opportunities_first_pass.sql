-- Investment opportunities for a person, first pass (as needs_for_me and projects_for_me in
-- matching_first_pass): with 5,000 open opportunities the one-query ranking ran its hometown,
-- province and language subqueries for each of them (120 ms). Here the person's data is read once
-- (app_private.match_me) and every open opportunity is scored with plain comparisons; the
-- investments module then reads the best few under the person's RLS with its query as before,
-- which words the reasons. The ticket signal converts through the admin-kept exchange rates as
-- that query does: `p_divisors` gives the minor units per major unit of the currencies the forms
-- offer (the rest count as 100).
-- title_languages without its SET clause, so the queries that call it per row can inline it (it
-- names its schema instead).
create or replace function app_private.title_languages(p_title jsonb) returns text[]
  language sql immutable parallel safe
as $$
  select coalesce(array(select e.key from pg_catalog.jsonb_each_text(p_title) e where coalesce(e.value, '') <> '' order by e.key), '{}')
$$;
--> statement-breakpoint
alter function app_private.title_languages(jsonb) reset all;
--> statement-breakpoint
create or replace function app_private.opportunities_for_me(p_weights jsonb, p_divisors jsonb, p_limit integer)
  returns table (opportunity_id uuid)
  language plpgsql stable security definer
  set search_path = pg_catalog, public
  set max_parallel_workers_per_gather = 0
as $$
declare
  m record;
  v_speaks text[];
  v_min bigint;
  v_max bigint;
  v_currency text;
  v_min_usd numeric;
  v_max_usd numeric;
  v_interested uuid[];
begin
  if auth.uid() is null then
    return;
  end if;
  select * into m from app_private.match_me();
  if not found then
    return;
  end if;
  v_speaks := array_remove(array_prepend(m.locale, m.languages), null);
  select ip.ticket_min_minor, ip.ticket_max_minor, ip.currency into v_min, v_max, v_currency
    from public.investment_preferences ip where ip.member_id = auth.uid();
  -- What the person could invest, in US dollars (null without a rate for their currency).
  select v_min * (r.usd_per_unit / coalesce((p_divisors ->> r.currency)::numeric, 100)),
         v_max * (r.usd_per_unit / coalesce((p_divisors ->> r.currency)::numeric, 100))
    into v_min_usd, v_max_usd
    from public.exchange_rates r where r.currency = v_currency;
  v_interested := array(select i.opportunity_id from public.investment_interests i where i.member_id = auth.uid());
  return query
  with rates as (
    select r.currency, r.usd_per_unit / coalesce((p_divisors ->> r.currency)::numeric, 100) as per_minor from public.exchange_rates r
  ), scored as (
    select o.id, o.published_at, o.slug,
           case when o.interest_sectors && m.sectors then (p_weights ->> 'sector')::integer else 0 end
           + case when o.lgu_id = any (m.hometown_lgus) then (p_weights ->> 'hometown')::integer
                  when o.lgu_id = any (m.province_lgus) then (p_weights ->> 'home_province')::integer else 0 end
           + case when (v_currency = o.currency and v_max >= o.ticket_min_minor and v_min <= o.ticket_max_minor)
                    or (v_max_usd >= o.ticket_min_minor * ou.per_minor and v_min_usd <= o.ticket_max_minor * ou.per_minor)
                  then (p_weights ->> 'ticket')::integer else 0 end
           -- A text in a language the person speaks: looked up key by key for the usual few languages
           -- (a subquery per opportunity cost 12 microseconds each), all of them for a longer list.
           + case when case when cardinality(v_speaks) <= 8
                            then coalesce(o.title ->> v_speaks[1], '') <> ''
                                 or coalesce(o.title ->> v_speaks[2], '') <> ''
                                 or coalesce(o.title ->> v_speaks[3], '') <> ''
                                 or coalesce(o.title ->> v_speaks[4], '') <> ''
                                 or coalesce(o.title ->> v_speaks[5], '') <> ''
                                 or coalesce(o.title ->> v_speaks[6], '') <> ''
                                 or coalesce(o.title ->> v_speaks[7], '') <> ''
                                 or coalesce(o.title ->> v_speaks[8], '') <> ''
                            else app_private.title_languages(o.title) && v_speaks end
                  then (p_weights ->> 'language')::integer else 0 end as score
    from public.investment_opportunities o
    join public.lgus l on l.id = o.lgu_id
    left join rates ou on ou.currency = o.currency
    where o.status = 'open' and l.verification_status = 'verified'
      and not (o.id = any (v_interested))
  )
  select s.id from scored s
  where s.score > 0
  order by s.score desc, s.published_at desc, s.slug
  limit least(greatest(p_limit, 0), 100);
end
$$;
--> statement-breakpoint
revoke all on function app_private.opportunities_for_me(jsonb, jsonb, integer) from public, anon;
--> statement-breakpoint
grant execute on function app_private.opportunities_for_me(jsonb, jsonb, integer) to authenticated;
