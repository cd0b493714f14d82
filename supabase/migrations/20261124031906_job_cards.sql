-- The cards of listed jobs (open, of a verified poster, not past their closing date: exactly the
-- jobs the public policy on `jobs` shows), in the order of the ids given, for the search and
-- "jobs for you". Read under RLS, each page's 20 cards had the policy build the sets of verified
-- LGUs and employers again (about 1 ms of PostgreSQL) in a statement of their own; through this
-- function they come in the same statement as the ids. Ids of jobs that are not listed give no row.
create or replace function app_private.job_cards(p_ids uuid[])
  returns table (id uuid, title jsonb, sector text, occupation_code text, employment_type public.employment_type, remote boolean,
                 salary_min_minor bigint, salary_max_minor bigint, salary_currency text, closes_on date, published_at timestamptz,
                 place_name text, country_code text, poster_name text)
  language sql stable security definer
  set search_path = ''
as $$
  select j.id, j.title, j.sector, j.occupation_code, j.employment_type, j.remote, j.salary_min_minor, j.salary_max_minor, j.salary_currency,
         j.closes_on, j.published_at, p.name, p.country_code::text, coalesce(l.name, o.name)
  from unnest(p_ids) with ordinality as i(job_id, n)
  join app_private.job_listings li on li.job_id = i.job_id and li.closes_on >= current_date
  join public.jobs j on j.id = i.job_id
  left join public.places p on p.id = j.place_id
  left join public.lgus l on l.id = j.lgu_id
  left join public.organisations o on o.id = j.organisation_id
  order by i.n
$$;
--> statement-breakpoint
revoke all on function app_private.job_cards(uuid[]) from public;
--> statement-breakpoint
grant execute on function app_private.job_cards(uuid[]) to anon, authenticated, service_role;
