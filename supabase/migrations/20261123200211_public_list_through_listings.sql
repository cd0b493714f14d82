-- The public project list reads its page through app_private.project_listings, as search already
-- does, and search sorts narrow rows (issue 4, docs/performance.md, fourth pass).
--
-- 1. Search: the matches are ranked into narrow rows (id, sort keys) before they are sorted, and
--    project_funding is read only for the money orders. Before, every match carried its ~1 KB
--    search document through the sort, and every search hash-joined all 50,000 funding rows even
--    when the order did not need them: a common word's search took 12-18 ms of PostgreSQL, now 4.
--    Same matches, ranks, order and totals.
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
  -- With a custom plan the parameters are constants, so the CASEs on p_sort fold away: the funding
  -- subqueries exist only for the money orders, ts_rank only for relevance.
  return query
  select s.id, s.rank, s.total,
         greatest(p_offset, 0) + row_number() over (
           order by s.by_rank desc nulls last, s.by_end asc nulls last, s.by_funded desc nulls last, s.published_at desc nulls last, s.slug)
  from (
    select m.*, case when p_sort = 'relevance' then m.rank end as by_rank, count(*) over () as total
    from (
      select p.project_id as id, p.slug, p.published_at,
             (case when p_sort <> 'relevance' then 0
                   when p_corrected is null or p.search @@ p_exact then 1 + ts_rank(p.search, p_exact)
                   else ts_rank(p.search, p_corrected) / 2 end)::real as rank,
             case when p_sort = 'closing' then p.ends_on end as by_end,
             case when p_sort in ('most_funded', 'nearest_goal')
                  then (select f.funded_basis_points from public.project_funding f where f.project_id = p.project_id) end as by_funded
      from app_private.project_listings p
      where (p.search @@ p_exact or (p_corrected is not null and p.search @@ p_corrected))
        and (p_sector is null or p.sector = p_sector)
        and (p_status is null or p.status = p_status)
        and (p_country is null or p.country_code = p_country)
        and (p_lgu is null or p.lgu_id = (select l.id from public.lgus l where l.slug = p_lgu))
        and (p_need is null or exists (select 1 from public.project_needs n where n.project_id = p.project_id and n.kind = p_need))
        and (p_sort <> 'nearest_goal' or exists (
              select 1 from public.project_funding f
              where f.project_id = p.project_id and f.fundraising and f.funded_basis_points < 10000))
      -- A fence: the rows are ranked once here and leave without their search document.
      offset 0
    ) m
    order by by_rank desc nulls last, m.by_end asc nulls last, m.by_funded desc nulls last, m.published_at desc nulls last, m.slug
    offset greatest(p_offset, 0) limit least(greatest(p_limit, 0), 100)
  ) s;
end
$$;
--> statement-breakpoint
-- 2. The list without a query: its filters, order, capped count and page, over the listings. The
--    list is read as anon (what the public may see), and the listings hold exactly those projects
--    (tests/integration/project-rules.test.ts keeps them equal). Through `projects` under RLS,
--    every row the count or an offset passed paid the policy and a read of a ~3 KB row, and the
--    money orders called project_funding's policy function for all 50,000 rows (0.5-0.9 s).
--    The caller still reads the page's rows from `projects` under its own RLS.
--
--    Returns the page's ids in order, with `total`, the number of matches counted up to p_cap + 1
--    (so the caller can say "more than p_cap"), and `page`: p_page, or the last page when p_page is
--    past what the count allows (a stale link).
create index project_listings_newest_idx on app_private.project_listings
  (published_at desc nulls last, slug) include (project_id, sector, status, country_code, lgu_id);
--> statement-breakpoint
create index project_listings_closing_idx on app_private.project_listings
  (ends_on asc nulls last, published_at desc nulls last) include (project_id, sector, status, country_code, lgu_id);
--> statement-breakpoint
create index project_listings_country_sector_idx on app_private.project_listings (country_code, sector, status);
--> statement-breakpoint
create or replace function app_private.list_public_projects(
  p_sector public.project_sector,
  p_status public.project_status,
  p_country text,
  p_lgu text,
  p_need public.need_kind,
  p_sort text,
  p_page integer,
  p_per_page integer,
  p_cap integer
)
  returns table (project_id uuid, total bigint, page integer)
  language plpgsql stable security definer
  set search_path = pg_catalog, public
  set plan_cache_mode = 'force_custom_plan'
as $$
declare
  v_lgu uuid;
  v_total bigint;
  v_page integer;
  v_per_page integer := least(greatest(p_per_page, 1), 100);
  v_offset integer;
begin
  if p_lgu is not null then
    select l.id into v_lgu from public.lgus l where l.slug = p_lgu;
    if v_lgu is null then
      return;
    end if;
  end if;
  -- The count stops at p_cap + 1: counting 40,000 rows exactly costs more than the page. "Nearest
  -- to goal" counts from its partial index on project_funding (every listed project has its
  -- funding row, which a trigger makes).
  if p_sort = 'nearest_goal' then
    select count(*) into v_total from (
      select 1 from public.project_funding f
      join app_private.project_listings p on p.project_id = f.project_id
      where f.fundraising and f.funded_basis_points < 10000
        and (p_sector is null or p.sector = p_sector)
        and (p_status is null or p.status = p_status)
        and (p_country is null or p.country_code = p_country)
        and (v_lgu is null or p.lgu_id = v_lgu)
        and (p_need is null or exists (select 1 from public.project_needs n where n.project_id = p.project_id and n.kind = p_need))
      limit greatest(p_cap, 0) + 1
    ) c;
  else
    select count(*) into v_total from (
      select 1 from app_private.project_listings p
      where (p_sector is null or p.sector = p_sector)
        and (p_status is null or p.status = p_status)
        and (p_country is null or p.country_code = p_country)
        and (v_lgu is null or p.lgu_id = v_lgu)
        and (p_need is null or exists (select 1 from public.project_needs n where n.project_id = p.project_id and n.kind = p_need))
      limit greatest(p_cap, 0) + 1
    ) c;
  end if;
  if v_total = 0 then
    return;
  end if;
  v_page := least(greatest(p_page, 1), greatest(1, ceil(least(v_total, p_cap)::numeric / v_per_page)::integer));
  v_offset := (v_page - 1) * v_per_page;

  if p_sort in ('most_funded', 'nearest_goal') then
    -- In project_funding's index order (share of the goal raised, then id), as the list always had.
    return query
    select p.project_id, v_total, v_page
    from public.project_funding f
    join app_private.project_listings p on p.project_id = f.project_id
    where (p_sector is null or p.sector = p_sector)
      and (p_status is null or p.status = p_status)
      and (p_country is null or p.country_code = p_country)
      and (v_lgu is null or p.lgu_id = v_lgu)
      and (p_need is null or exists (select 1 from public.project_needs n where n.project_id = p.project_id and n.kind = p_need))
      and (p_sort <> 'nearest_goal' or (f.fundraising and f.funded_basis_points < 10000))
    order by f.funded_basis_points desc nulls last, f.project_id
    offset v_offset limit v_per_page;
  elsif p_sort = 'closing' then
    return query
    select p.project_id, v_total, v_page
    from app_private.project_listings p
    where (p_sector is null or p.sector = p_sector)
      and (p_status is null or p.status = p_status)
      and (p_country is null or p.country_code = p_country)
      and (v_lgu is null or p.lgu_id = v_lgu)
      and (p_need is null or exists (select 1 from public.project_needs n where n.project_id = p.project_id and n.kind = p_need))
    order by p.ends_on asc nulls last, p.published_at desc nulls last
    offset v_offset limit v_per_page;
  else
    return query
    select p.project_id, v_total, v_page
    from app_private.project_listings p
    where (p_sector is null or p.sector = p_sector)
      and (p_status is null or p.status = p_status)
      and (p_country is null or p.country_code = p_country)
      and (v_lgu is null or p.lgu_id = v_lgu)
      and (p_need is null or exists (select 1 from public.project_needs n where n.project_id = p.project_id and n.kind = p_need))
    order by p.published_at desc nulls last, p.slug
    offset v_offset limit v_per_page;
  end if;
end
$$;
--> statement-breakpoint
revoke all on function app_private.list_public_projects(public.project_sector, public.project_status, text, text, public.need_kind, text, integer, integer, integer) from public;
--> statement-breakpoint
grant execute on function app_private.list_public_projects(public.project_sector, public.project_status, text, text, public.need_kind, text, integer, integer, integer) to anon, authenticated, service_role;
