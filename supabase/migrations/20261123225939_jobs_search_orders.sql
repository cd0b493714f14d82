-- Job search: one statement per order, so each can walk its own index (docs/performance.md, jobs).
-- The first version ordered every search by a rank column that is null outside "best match" and
-- a CASE for "closing soon": the planner could use no index for those, and sorted every open job
-- to show the newest 20. Same matches, same orders, same counts.
create index job_listings_closing_order_idx on app_private.job_listings (closes_on, published_at desc, job_id);
--> statement-breakpoint
drop index app_private.job_listings_closing_idx;
--> statement-breakpoint
create or replace function app_private.search_jobs(
  p_query text,
  p_place uuid,
  p_remote boolean,
  p_sector text,
  p_occupation text,
  p_type public.employment_type,
  p_salary_min bigint,
  p_currency text,
  p_within_days integer,
  p_sort text,
  p_limit integer,
  p_offset integer,
  p_cap integer
)
  returns table (job_id uuid, total bigint)
  language plpgsql stable security definer
  set search_path = pg_catalog, public
  set plan_cache_mode = 'force_custom_plan'
as $$
declare
  v_query tsquery := case when nullif(btrim(coalesce(p_query, '')), '') is not null then app_private.job_query(p_query) end;
  v_since timestamptz := case when p_within_days is not null then now() - make_interval(days => p_within_days) end;
  v_limit integer := least(greatest(p_limit, 0), 100);
  v_offset integer := greatest(p_offset, 0);
  v_total bigint;
begin
  if v_query is not null and numnode(v_query) = 0 then
    return; -- only stop words
  end if;
  select count(*) into v_total from (
    select 1 from app_private.job_listings l
    where l.closes_on >= current_date
      and (l.lgu_id in (select app_private.verified_lgu_ids()) or l.organisation_id in (select app_private.verified_organisation_ids()))
      and (v_query is null or l.search @@ v_query)
      and (p_place is null or l.place_path @> array[p_place])
      and (p_remote is not true or l.remote)
      and (p_sector is null or l.sector = p_sector)
      and (p_occupation is null or l.occupation_code like p_occupation || '%')
      and (p_type is null or l.employment_type = p_type)
      and (p_salary_min is null or (l.salary_currency = p_currency and coalesce(l.salary_max_minor, l.salary_min_minor) >= p_salary_min))
      and (v_since is null or l.published_at >= v_since)
    limit greatest(p_cap, 0) + 1
  ) c;
  if v_total = 0 then
    return;
  end if;
  if p_sort = 'relevance' and v_query is not null then
    return query
    select l.job_id, v_total
    from app_private.job_listings l
    where l.closes_on >= current_date
      and (l.lgu_id in (select app_private.verified_lgu_ids()) or l.organisation_id in (select app_private.verified_organisation_ids()))
      and l.search @@ v_query
      and (p_place is null or l.place_path @> array[p_place])
      and (p_remote is not true or l.remote)
      and (p_sector is null or l.sector = p_sector)
      and (p_occupation is null or l.occupation_code like p_occupation || '%')
      and (p_type is null or l.employment_type = p_type)
      and (p_salary_min is null or (l.salary_currency = p_currency and coalesce(l.salary_max_minor, l.salary_min_minor) >= p_salary_min))
      and (v_since is null or l.published_at >= v_since)
    order by ts_rank(l.search, v_query) desc, l.published_at desc, l.job_id
    offset v_offset limit v_limit;
  elsif p_sort = 'closing' then
    return query
    select l.job_id, v_total
    from app_private.job_listings l
    where l.closes_on >= current_date
      and (l.lgu_id in (select app_private.verified_lgu_ids()) or l.organisation_id in (select app_private.verified_organisation_ids()))
      and (v_query is null or l.search @@ v_query)
      and (p_place is null or l.place_path @> array[p_place])
      and (p_remote is not true or l.remote)
      and (p_sector is null or l.sector = p_sector)
      and (p_occupation is null or l.occupation_code like p_occupation || '%')
      and (p_type is null or l.employment_type = p_type)
      and (p_salary_min is null or (l.salary_currency = p_currency and coalesce(l.salary_max_minor, l.salary_min_minor) >= p_salary_min))
      and (v_since is null or l.published_at >= v_since)
    order by l.closes_on, l.published_at desc, l.job_id
    offset v_offset limit v_limit;
  else
    return query
    select l.job_id, v_total
    from app_private.job_listings l
    where l.closes_on >= current_date
      and (l.lgu_id in (select app_private.verified_lgu_ids()) or l.organisation_id in (select app_private.verified_organisation_ids()))
      and (v_query is null or l.search @@ v_query)
      and (p_place is null or l.place_path @> array[p_place])
      and (p_remote is not true or l.remote)
      and (p_sector is null or l.sector = p_sector)
      and (p_occupation is null or l.occupation_code like p_occupation || '%')
      and (p_type is null or l.employment_type = p_type)
      and (p_salary_min is null or (l.salary_currency = p_currency and coalesce(l.salary_max_minor, l.salary_min_minor) >= p_salary_min))
      and (v_since is null or l.published_at >= v_since)
    order by l.published_at desc, l.job_id
    offset v_offset limit v_limit;
  end if;
end
$$;
