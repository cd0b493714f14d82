-- Speed of the public project list and search (issue 4, docs/performance.md).
--
-- 1. Set-returning helpers for the projects SELECT policy. Written as `lgu_id in (select …)`, the
--    planner runs each once per query (a hashed SubPlan) instead of calling a function for every
--    row, which cost about 1 s per list query with 50,000 projects.
create or replace function app_private.verified_lgu_ids() returns setof uuid
  language sql stable security definer
  set search_path = ''
as $$
  select id from public.lgus where verification_status = 'verified'
$$;
--> statement-breakpoint
create or replace function app_private.my_lgu_ids() returns setof uuid
  language sql stable security definer
  set search_path = ''
as $$
  select lgu_id from public.lgu_memberships where user_id = auth.uid()
$$;
--> statement-breakpoint
-- 2. A lexicon for misspellings: every distinct word of every project's titles and summaries
--    (unaccented, lower case, 3–40 letters), kept by a trigger. A misspelt query word is matched
--    by trigram similarity against this small table (thousands of words, not 50,000 documents),
--    and the closest real words then go through the full-text index, as the pg_trgm manual
--    suggests. It lives in app_private, which the API does not expose; only the search function
--    below reads it. Words of drafts are in it too: they only steer a correction, and a corrected
--    query still finds nothing the caller may not see.
create table app_private.project_search_words (
  word text primary key check (char_length(word) between 3 and 40)
);
--> statement-breakpoint
alter table app_private.project_search_words enable row level security;
--> statement-breakpoint
revoke all on app_private.project_search_words from public, anon, authenticated;
--> statement-breakpoint
create index project_search_words_trgm_idx on app_private.project_search_words using gin (word gin_trgm_ops);
--> statement-breakpoint
create or replace function app_private.search_words(p_text text) returns setof text
  language sql immutable parallel safe
  set search_path = pg_catalog, public, extensions
as $$
  select distinct w from unnest(tsvector_to_array(to_tsvector('pg_catalog.simple', public.immutable_unaccent(lower(p_text))))) w
  where char_length(w) between 3 and 40 and w !~ '^[0-9]+$'
$$;
--> statement-breakpoint
create or replace function app_private.project_search_words_add() returns trigger
  language plpgsql security definer
  set search_path = ''
as $$
begin
  insert into app_private.project_search_words (word)
  select app_private.search_words(t.value)
  from (select value from jsonb_each_text(new.title) union all select value from jsonb_each_text(new.summary)) t
  on conflict do nothing;
  return null;
end
$$;
--> statement-breakpoint
create trigger projects_search_words after insert or update of title, summary on public.projects
  for each row execute function app_private.project_search_words_add();
--> statement-breakpoint
insert into app_private.project_search_words (word)
select app_private.search_words(t.value)
from public.projects p
cross join lateral (select value from jsonb_each_text(p.title) union all select value from jsonb_each_text(p.summary)) t
on conflict do nothing;
--> statement-breakpoint
-- The search document no longer needs its trigram copy (search_text): the lexicon replaces it, and
-- a later migration drops the column.
create or replace function app_private.project_search_document() returns trigger
  language plpgsql
  set search_path = ''
as $$
declare
  v_doc tsvector := ''::tsvector;
  v_entry record;
  v_config regconfig;
begin
  for v_entry in
    select 'A' as weight, key, value from jsonb_each_text(new.title)
    union all
    select 'B', key, value from jsonb_each_text(new.summary)
  loop
    v_config := case v_entry.key
      when 'en' then 'pg_catalog.english' when 'es' then 'pg_catalog.spanish'
      when 'fr' then 'pg_catalog.french' when 'ar' then 'pg_catalog.arabic'
      else 'pg_catalog.simple' end::regconfig;
    v_doc := v_doc
      || setweight(to_tsvector(v_config, public.immutable_unaccent(v_entry.value)), v_entry.weight::"char")
      || setweight(to_tsvector('pg_catalog.simple', public.immutable_unaccent(v_entry.value)), v_entry.weight::"char");
  end loop;
  new.search := v_doc;
  return new;
end
$$;
--> statement-breakpoint
-- 3. The public search's own copy of what it filters and ranks on: one narrow row per project the
--    public may see (published, not in draft or review, LGU verified), kept by triggers on
--    projects, lgus and places. Search reads and ranks thousands of matches; in `projects` each
--    row carries every language's texts (about 3 KB, one row per page), here about 1 KB, which
--    made a common word's search 3-4 times faster. In app_private: only the search function
--    reads it.
create table app_private.project_listings (
  project_id uuid primary key references public.projects (id) on delete cascade,
  lgu_id uuid not null,
  country_code text not null,
  sector public.project_sector not null,
  status public.project_status not null,
  published_at timestamptz not null,
  ends_on date,
  slug text not null,
  search tsvector not null
);
--> statement-breakpoint
alter table app_private.project_listings enable row level security;
--> statement-breakpoint
revoke all on app_private.project_listings from public, anon, authenticated;
--> statement-breakpoint
create index project_listings_search_idx on app_private.project_listings using gin (search);
--> statement-breakpoint
create index project_listings_lgu_idx on app_private.project_listings (lgu_id);
--> statement-breakpoint
-- Rewrites the listing rows of one project, or of all projects of some LGUs, from the source. (Two
-- statements rather than one with `or`: each must use its index, or a bulk insert turns quadratic.)
create or replace function app_private.refresh_project_listing(p_project uuid) returns void
  language sql security definer
  set search_path = ''
as $$
  delete from app_private.project_listings where project_id = p_project;
  insert into app_private.project_listings (project_id, lgu_id, country_code, sector, status, published_at, ends_on, slug, search)
  select p.id, p.lgu_id, pl.country_code, p.sector, p.status, p.published_at, p.ends_on, p.slug, coalesce(p.search, ''::tsvector)
  from public.projects p
  join public.lgus l on l.id = p.lgu_id
  join public.places pl on pl.id = l.place_id
  where p.id = p_project
    and p.published_at is not null and p.status not in ('draft', 'review')
    and l.verification_status = 'verified';
$$;
--> statement-breakpoint
create or replace function app_private.refresh_lgu_listings(p_lgus uuid[]) returns void
  language sql security definer
  set search_path = ''
as $$
  delete from app_private.project_listings where lgu_id = any (p_lgus);
  insert into app_private.project_listings (project_id, lgu_id, country_code, sector, status, published_at, ends_on, slug, search)
  select p.id, p.lgu_id, pl.country_code, p.sector, p.status, p.published_at, p.ends_on, p.slug, coalesce(p.search, ''::tsvector)
  from public.projects p
  join public.lgus l on l.id = p.lgu_id
  join public.places pl on pl.id = l.place_id
  where p.lgu_id = any (p_lgus)
    and p.published_at is not null and p.status not in ('draft', 'review')
    and l.verification_status = 'verified';
$$;
--> statement-breakpoint
create or replace function app_private.project_listings_follow_project() returns trigger
  language plpgsql security definer
  set search_path = ''
as $$
begin
  if tg_op = 'DELETE' then
    delete from app_private.project_listings where project_id = old.id;
  else
    perform app_private.refresh_project_listing(new.id);
  end if;
  return null;
end
$$;
--> statement-breakpoint
create trigger projects_listing after insert or update or delete on public.projects
  for each row execute function app_private.project_listings_follow_project();
--> statement-breakpoint
create or replace function app_private.project_listings_follow_lgu() returns trigger
  language plpgsql security definer
  set search_path = ''
as $$
begin
  perform app_private.refresh_lgu_listings(array[new.id]);
  return null;
end
$$;
--> statement-breakpoint
create trigger lgus_project_listing after update of verification_status, place_id on public.lgus
  for each row execute function app_private.project_listings_follow_lgu();
--> statement-breakpoint
create or replace function app_private.project_listings_follow_place() returns trigger
  language plpgsql security definer
  set search_path = ''
as $$
begin
  perform app_private.refresh_lgu_listings(array(select id from public.lgus where place_id = new.id));
  return null;
end
$$;
--> statement-breakpoint
create trigger places_project_listing after update of country_code on public.places
  for each row execute function app_private.project_listings_follow_place();
--> statement-breakpoint
select app_private.refresh_lgu_listings(array(select id from public.lgus));
--> statement-breakpoint
-- 4. Public search. Under row-level security PostgreSQL will not use the GIN index for `@@`: the
--    operator is not LEAKPROOF, so it may only run after the policy, on every row. This function
--    runs as its owner, so the index works. It returns nothing but the ids, ranks and total count
--    of one page of projects anyone may see (published, not in draft or review, LGU verified: the
--    public branch of the projects policy), with the list's filters and sorts applied. The caller
--    reads those rows from `projects` under its own RLS, so the policy still decides what is shown.
--
--    Full text first: per-language stems plus plain unaccented words (Filipino has no stemmer).
--    Only when that finds less than a page does the correction run: each query word is replaced
--    by up to three lexicon words that look like it (trigram similarity ≥ 0.4, so "iskolarsp"
--    becomes "iskolarship"), and those matches rank after every exact one.
-- One page of public projects matching `p_exact` (or, ranked after them, `p_corrected`), with the
-- list's filters and order, numbered, and the count of all matches, from the listings. Only
-- search_public_projects calls it.
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
  -- plpgsql, not sql: only plpgsql plans with this call's values (a SQL function plans once with
  -- placeholders, cannot tell which filters are null, and chose a nested loop costing 1.2 s).
  set plan_cache_mode = 'force_custom_plan'
as $$
begin
  return query
  select m.id, m.rank, count(*) over (), row_number() over (
           order by case when p_sort = 'relevance' then m.rank end desc nulls last,
                    case when p_sort = 'closing' then m.ends_on end asc nulls last,
                    m.published_at desc nulls last, m.slug)
  from (
    select p.project_id as id, p.slug, p.published_at, p.ends_on,
           -- Ranking reads every match's document, so it is skipped when the order does not use it.
           (case when p_sort <> 'relevance' then 0
                 when p_corrected is null or p.search @@ p_exact then 1 + ts_rank(p.search, p_exact)
                 else ts_rank(p.search, p_corrected) / 2 end)::real as rank
    from app_private.project_listings p
    where (p.search @@ p_exact or (p_corrected is not null and p.search @@ p_corrected))
      and (p_sector is null or p.sector = p_sector)
      and (p_status is null or p.status = p_status)
      and (p_country is null or p.country_code = p_country)
      and (p_lgu is null or p.lgu_id = (select l.id from public.lgus l where l.slug = p_lgu))
      and (p_need is null or exists (select 1 from public.project_needs n where n.project_id = p.project_id and n.kind = p_need))
  ) m
  order by 4 offset greatest(p_offset, 0) limit least(greatest(p_limit, 0), 100);
end
$$;
--> statement-breakpoint
create or replace function app_private.search_public_projects(
  p_query text,
  p_config regconfig,
  p_sector public.project_sector default null,
  p_status public.project_status default null,
  p_country text default null,
  p_lgu text default null,
  p_need public.need_kind default null,
  p_sort text default 'relevance',
  p_limit integer default 12,
  p_offset integer default 0
)
  returns table (project_id uuid, rank real, total bigint)
  language plpgsql stable security definer
  set search_path = pg_catalog, public, extensions
  set pg_trgm.similarity_threshold = '0.4'
  -- Plan each query with this call's values: a cached generic plan cannot see which filters are
  -- null, and chose a sequential scan (1.7 s instead of 30 ms with 50,000 projects).
  set plan_cache_mode = 'force_custom_plan'
as $$
declare
  v_text text := public.immutable_unaccent(lower(coalesce(p_query, '')));
  v_exact tsquery := websearch_to_tsquery('pg_catalog.simple', v_text) || websearch_to_tsquery(p_config, v_text);
  v_corrected tsquery;
  v_alternatives tsquery;
  v_ids uuid[];
  v_ranks real[];
  v_total bigint;
  v_word text;
  v_similar text;
begin
  if numnode(v_exact) = 0 then
    return;
  end if;
  -- Exact matches first, kept aside: only if they are fewer than a page is the query corrected.
  select array_agg(m.id order by m.n), array_agg(m.rank order by m.n), max(m.total)
    into v_ids, v_ranks, v_total
    from app_private.public_project_matches(v_exact, null, p_sector, p_status, p_country, p_lgu, p_need, p_sort, p_limit, p_offset) m;
  if v_total is null and p_offset > 0 then
    return; -- a page past the end: the caller counts with the first page
  end if;
  if coalesce(v_total, 0) < 12 then
    for v_word in select app_private.search_words(v_text) loop
      select string_agg(quote_literal(w.word), ' | ')
        into v_similar
        from (select s.word from app_private.project_search_words s
              where s.word % v_word
              order by similarity(s.word, v_word) desc, s.word
              limit 3) w;
      if v_similar is not null then
        v_alternatives := to_tsquery('pg_catalog.simple', v_similar);
        v_corrected := case when v_corrected is null then v_alternatives else v_corrected && v_alternatives end;
      end if;
    end loop;
  end if;
  if v_corrected is not null then
    return query
      select m.id, m.rank, m.total
      from app_private.public_project_matches(v_exact, v_corrected, p_sector, p_status, p_country, p_lgu, p_need, p_sort, p_limit, p_offset) m
      order by m.n;
  else
    return query select * from unnest(v_ids, v_ranks) as u(id, rank), lateral (select v_total) t;
  end if;
end
$$;
--> statement-breakpoint
revoke all on function app_private.refresh_project_listing(uuid), app_private.refresh_lgu_listings(uuid[]), app_private.project_listings_follow_project(), app_private.project_listings_follow_lgu(), app_private.project_listings_follow_place(), app_private.public_project_matches(tsquery, tsquery, public.project_sector, public.project_status, text, text, public.need_kind, text, integer, integer), app_private.verified_lgu_ids(), app_private.my_lgu_ids(), app_private.search_public_projects(text, regconfig, public.project_sector, public.project_status, text, text, public.need_kind, text, integer, integer), app_private.project_search_words_add(), app_private.search_words(text) from public;
--> statement-breakpoint
grant execute on function app_private.verified_lgu_ids(), app_private.my_lgu_ids(), app_private.search_public_projects(text, regconfig, public.project_sector, public.project_status, text, text, public.need_kind, text, integer, integer) to anon, authenticated, service_role;
