-- Jobs (issue 8): who may write what, the rules a job and an application must follow, the
-- pipeline as database functions with history and audit, the listing the public search and the
-- "jobs for you" matching read, and closing jobs after their closing date.
-- Refusals: 42501 (hint not_job_staff) for the wrong person; 23514 with a hint naming the rule
-- (poster_not_verified, poster_cannot_post, closing_in_past, salary_range, job_closed,
-- already_applied, same_status, message_invalid, unknown_code); nothing changes.

-- Posters write a job's own fields; the poster, dates and place path are the database's.
revoke insert, update, delete, truncate on public.jobs from anon, authenticated;
--> statement-breakpoint
grant insert (lgu_id, organisation_id, title, description, sector, occupation_code, skills_required, skills_preferred, languages, place_id, remote,
  employment_type, salary_min_minor, salary_max_minor, salary_currency, openings, closes_on, posted_by) on public.jobs to authenticated;
--> statement-breakpoint
grant update (title, description, sector, occupation_code, skills_required, skills_preferred, languages, place_id, remote,
  employment_type, salary_min_minor, salary_max_minor, salary_currency, openings, closes_on, status) on public.jobs to authenticated;
--> statement-breakpoint
revoke insert, update, delete, truncate on public.job_applications from anon, authenticated;
--> statement-breakpoint
grant insert (job_id, applicant_id, applicant_name, cover_note, shared, has_recognised_certificate, cv_storage_key, cv_file_name, cv_content_type, cv_size_bytes, cv_generated)
  on public.job_applications to authenticated;
--> statement-breakpoint
revoke insert, update, delete, truncate on public.job_application_events, public.job_application_messages from anon, authenticated;
--> statement-breakpoint
revoke delete, truncate on public.jobseeker_profiles from anon, authenticated;
--> statement-breakpoint
revoke truncate on public.jobseeker_certificates, public.job_saved_searches from anon, authenticated;
--> statement-breakpoint

-- A job's rules, before RLS sees the row: a verified poster that may employ, a closing date not in
-- the past, a coherent salary range; the place path (the place and its ancestors, for "in this
-- province" searches) and the closing time kept by the database.
create or replace function app_private.job_rules() returns trigger
  language plpgsql security definer
  set search_path = ''
as $$
declare
  v_status public.verification_status;
  v_kind public.organisation_kind;
begin
  if tg_op = 'INSERT' then
    if new.lgu_id is not null then
      select l.verification_status into v_status from public.lgus l where l.id = new.lgu_id;
    elsif new.organisation_id is not null then
      select o.verification_status, o.kind into v_status, v_kind from public.organisations o where o.id = new.organisation_id;
      if v_kind = 'association' then
        raise exception 'associations do not post jobs' using errcode = '23514', hint = 'poster_cannot_post';
      end if;
    end if;
    if v_status is distinct from 'verified' then
      raise exception 'only verified LGUs and employers post jobs' using errcode = '23514', hint = 'poster_not_verified';
    end if;
    new.status := 'open';
    new.closed_at := null;
    new.published_at := now();
  end if;
  if (tg_op = 'INSERT' or new.closes_on is distinct from old.closes_on or (new.status = 'open' and old.status = 'closed'))
     and new.status = 'open' and new.closes_on < current_date then
    raise exception 'the closing date is in the past' using errcode = '23514', hint = 'closing_in_past';
  end if;
  -- Codes of the skills taxonomy: a sub-major group of ISCO-08, skills of kind 'skill'.
  if tg_op = 'INSERT' or new.occupation_code is distinct from old.occupation_code then
    if not exists (select 1 from public.skills s where s.code = 'isco08_' || new.occupation_code and s.kind = 'occupation') then
      raise exception 'unknown occupation %', new.occupation_code using errcode = '23514', hint = 'unknown_code';
    end if;
  end if;
  if tg_op = 'INSERT' or new.skills_required is distinct from old.skills_required or new.skills_preferred is distinct from old.skills_preferred then
    if exists (select 1 from unnest(new.skills_required || new.skills_preferred) c
               where not exists (select 1 from public.skills s where s.code = c and s.kind = 'skill')) then
      raise exception 'unknown skill' using errcode = '23514', hint = 'unknown_code';
    end if;
  end if;
  if new.salary_min_minor is not null and new.salary_max_minor is not null and new.salary_min_minor > new.salary_max_minor then
    raise exception 'the lowest salary is above the highest' using errcode = '23514', hint = 'salary_range';
  end if;
  if tg_op = 'UPDATE' and new.status is distinct from old.status then
    new.closed_at := case when new.status = 'closed' then now() end;
  end if;
  if tg_op = 'INSERT' or new.place_id is distinct from old.place_id then
    new.place_path := coalesce((
      with recursive up as (
        select p.id, p.parent_id, 0 as depth from public.places p where p.id = new.place_id
        union all
        select p.id, p.parent_id, up.depth + 1 from public.places p join up on p.id = up.parent_id where up.depth < 10
      )
      select array_agg(up.id order by up.depth) from up), '{}'::uuid[]);
  end if;
  return new;
end
$$;
--> statement-breakpoint
create trigger jobs_rules before insert or update on public.jobs
  for each row execute function app_private.job_rules();
--> statement-breakpoint
create trigger jobs_set_updated_at before update on public.jobs
  for each row execute function public.set_updated_at();
--> statement-breakpoint
create trigger jobs_audit after insert or update on public.jobs
  for each row execute function app_private.audit_row();
--> statement-breakpoint

-- The open jobs in narrow rows, with the search document and every filter and matching column:
-- what the public search and "jobs for you" read (through the security-definer functions below),
-- instead of the wide jobs rows under their policy. Kept by a trigger on jobs; the poster's
-- verification is checked when reading (it can change after posting).
create table app_private.job_listings (
  job_id uuid primary key references public.jobs (id) on delete cascade,
  lgu_id uuid,
  organisation_id uuid,
  published_at timestamptz not null,
  closes_on date not null,
  sector text not null,
  occupation_code text not null,
  employment_type public.employment_type not null,
  place_path uuid[] not null,
  remote boolean not null,
  skills_required text[] not null,
  skills_all text[] not null,
  languages text[] not null,
  salary_min_minor bigint,
  salary_max_minor bigint,
  salary_currency text,
  search tsvector not null
);
--> statement-breakpoint
alter table app_private.job_listings enable row level security;
--> statement-breakpoint
revoke all on app_private.job_listings from public, anon, authenticated;
--> statement-breakpoint
create index job_listings_search_idx on app_private.job_listings using gin (search);
--> statement-breakpoint
create index job_listings_place_idx on app_private.job_listings using gin (place_path);
--> statement-breakpoint
create index job_listings_skills_idx on app_private.job_listings using gin (skills_all);
--> statement-breakpoint
create index job_listings_newest_idx on app_private.job_listings (published_at desc, job_id);
--> statement-breakpoint
create index job_listings_closing_idx on app_private.job_listings (closes_on, published_at desc);
--> statement-breakpoint
create index job_listings_occupation_idx on app_private.job_listings (occupation_code, published_at desc);
--> statement-breakpoint
create index job_listings_sector_idx on app_private.job_listings (sector, published_at desc);
--> statement-breakpoint

-- English stems ("mechanics" finds "mechanic") and plain words (Filipino, Spanish, French, Arabic
-- names and titles) in one document, accents removed.
create or replace function app_private.job_document(p_title text, p_description text, p_other text) returns tsvector
  language sql immutable parallel safe
  set search_path = pg_catalog, public, extensions
as $$
  select setweight(to_tsvector('english', public.immutable_unaccent(coalesce(p_title, ''))), 'A')
      || setweight(to_tsvector('simple', public.immutable_unaccent(coalesce(p_title, ''))), 'A')
      || setweight(to_tsvector('english', public.immutable_unaccent(coalesce(p_description, ''))), 'B')
      || setweight(to_tsvector('simple', public.immutable_unaccent(coalesce(p_description, ''))), 'B')
      || setweight(to_tsvector('simple', public.immutable_unaccent(coalesce(p_other, ''))), 'C')
$$;
--> statement-breakpoint
create or replace function app_private.job_query(p_query text) returns tsquery
  language sql immutable parallel safe
  set search_path = pg_catalog, public, extensions
as $$
  select websearch_to_tsquery('english', public.immutable_unaccent(p_query)) || websearch_to_tsquery('simple', public.immutable_unaccent(p_query))
$$;
--> statement-breakpoint
create or replace function app_private.refresh_job_listing(p_job uuid) returns void
  language sql security definer
  set search_path = ''
as $$
  delete from app_private.job_listings where job_id = p_job;
  insert into app_private.job_listings (job_id, lgu_id, organisation_id, published_at, closes_on, sector, occupation_code, employment_type,
    place_path, remote, skills_required, skills_all, languages, salary_min_minor, salary_max_minor, salary_currency, search)
  select j.id, j.lgu_id, j.organisation_id, j.published_at, j.closes_on, j.sector, j.occupation_code, j.employment_type,
         j.place_path, j.remote, j.skills_required, array(select distinct s from unnest(j.skills_required || j.skills_preferred) s order by s), j.languages,
         j.salary_min_minor, j.salary_max_minor, j.salary_currency,
         app_private.job_document(
           (select string_agg(v, ' ') from jsonb_each_text(j.title) as e(k, v)),
           (select string_agg(v, ' ') from jsonb_each_text(j.description) as e(k, v)),
           concat_ws(' ', (select l.name from public.lgus l where l.id = j.lgu_id), (select o.name from public.organisations o where o.id = j.organisation_id),
             (select string_agg(p.name, ' ') from public.places p where p.id = any (j.place_path))))
  from public.jobs j
  where j.id = p_job and j.status = 'open';
$$;
--> statement-breakpoint
create or replace function app_private.job_listing_sync() returns trigger
  language plpgsql security definer
  set search_path = ''
as $$
begin
  perform app_private.refresh_job_listing(new.id);
  return null;
end
$$;
--> statement-breakpoint
create trigger jobs_listing_sync after insert or update on public.jobs
  for each row execute function app_private.job_listing_sync();
--> statement-breakpoint

-- Closes open jobs whose closing date has passed (the daily job; search already hides them).
create or replace function app_private.close_expired_jobs() returns integer
  language plpgsql security definer
  set search_path = ''
as $$
declare
  v_closed integer;
begin
  update public.jobs set status = 'closed' where status = 'open' and closes_on < current_date;
  get diagnostics v_closed = row_count;
  return v_closed;
end
$$;
--> statement-breakpoint
revoke all on function app_private.close_expired_jobs() from public, anon, authenticated;
--> statement-breakpoint
grant execute on function app_private.close_expired_jobs() to service_role;
--> statement-breakpoint

-- Applying: the job must be open (and its poster verified); once per person and job. The
-- poster's columns come from the job, never from the applicant.
create or replace function app_private.job_application_rules() returns trigger
  language plpgsql security definer
  set search_path = ''
as $$
declare
  v_job public.jobs;
begin
  select * into v_job from public.jobs j where j.id = new.job_id for share;
  if not found or v_job.status <> 'open' or v_job.closes_on < current_date
     or not ((v_job.lgu_id is not null and exists (select 1 from public.lgus l where l.id = v_job.lgu_id and l.verification_status = 'verified'))
          or (v_job.organisation_id is not null and exists (select 1 from public.organisations o where o.id = v_job.organisation_id and o.verification_status = 'verified'))) then
    raise exception 'the job is not open for applications' using errcode = '23514', hint = 'job_closed';
  end if;
  if exists (select 1 from public.job_applications a where a.job_id = new.job_id and a.applicant_id = new.applicant_id) then
    raise exception 'already applied to this job' using errcode = '23514', hint = 'already_applied';
  end if;
  new.lgu_id := v_job.lgu_id;
  new.organisation_id := v_job.organisation_id;
  new.status := 'new';
  new.status_changed_at := now();
  return new;
end
$$;
--> statement-breakpoint
create trigger job_applications_rules before insert on public.job_applications
  for each row execute function app_private.job_application_rules();
--> statement-breakpoint
create or replace function app_private.job_application_first_event() returns trigger
  language plpgsql security definer
  set search_path = ''
as $$
begin
  insert into public.job_application_events (application_id, lgu_id, organisation_id, from_status, to_status, actor_id)
  values (new.id, new.lgu_id, new.organisation_id, null, 'new', auth.uid());
  return null;
end
$$;
--> statement-breakpoint
create trigger job_applications_first_event after insert on public.job_applications
  for each row execute function app_private.job_application_first_event();
--> statement-breakpoint
create trigger job_applications_set_updated_at before update on public.job_applications
  for each row execute function public.set_updated_at();
--> statement-breakpoint
create trigger job_applications_audit after update on public.job_applications
  for each row when (old.status is distinct from new.status)
  execute function app_private.audit_row();
--> statement-breakpoint
create trigger job_application_messages_audit after insert on public.job_application_messages
  for each row execute function app_private.audit_row();
--> statement-breakpoint

-- The application, locked, when the caller works the posting LGU's or organisation's jobs.
create or replace function app_private.job_application_for_staff(p_application uuid) returns public.job_applications
  language plpgsql security definer
  set search_path = ''
as $$
declare
  v_row public.job_applications;
begin
  select * into v_row from public.job_applications a where a.id = p_application for update;
  if found and app_private.is_job_staff(v_row.lgu_id, v_row.organisation_id) then
    return v_row;
  end if;
  raise exception 'not allowed to act on this application' using errcode = '42501', hint = 'not_job_staff';
end
$$;
--> statement-breakpoint
-- The employer moves an application along the pipeline (any stage to any other: a mistake can be
-- undone), with an optional note; history and audit in the same transaction.
create or replace function public.move_job_application(p_application uuid, p_to public.job_application_status, p_note text default null)
  returns void
  language plpgsql security definer
  set search_path = ''
as $$
declare
  v_row public.job_applications := app_private.job_application_for_staff(p_application);
begin
  if v_row.status = p_to then
    raise exception 'the application is already %', p_to using errcode = '23514', hint = 'same_status';
  end if;
  if p_note is not null and length(p_note) > 2000 then
    raise exception 'the note is too long' using errcode = '23514', hint = 'note_too_long';
  end if;
  update public.job_applications set status = p_to, status_changed_at = now() where id = v_row.id;
  insert into public.job_application_events (application_id, lgu_id, organisation_id, from_status, to_status, actor_id, note)
  values (v_row.id, v_row.lgu_id, v_row.organisation_id, v_row.status, p_to, auth.uid(), nullif(btrim(coalesce(p_note, '')), ''));
end
$$;
--> statement-breakpoint
-- The employer's message to an applicant; the server emails it (the address never reaches the employer).
create or replace function public.message_job_applicant(p_application uuid, p_body text) returns uuid
  language plpgsql security definer
  set search_path = ''
as $$
declare
  v_row public.job_applications := app_private.job_application_for_staff(p_application);
  v_id uuid;
begin
  if p_body is null or length(btrim(p_body)) < 2 or length(p_body) > 5000 then
    raise exception 'a message of 2 to 5000 characters is needed' using errcode = '23514', hint = 'message_invalid';
  end if;
  insert into public.job_application_messages (application_id, lgu_id, organisation_id, sender_id, body)
  values (v_row.id, v_row.lgu_id, v_row.organisation_id, auth.uid(), btrim(p_body))
  returning id into v_id;
  return v_id;
end
$$;
--> statement-breakpoint
revoke all on function public.move_job_application(uuid, public.job_application_status, text), public.message_job_applicant(uuid, text) from public, anon;
--> statement-breakpoint
grant execute on function public.move_job_application(uuid, public.job_application_status, text), public.message_job_applicant(uuid, text) to authenticated;
--> statement-breakpoint
create trigger jobseeker_profiles_set_updated_at before update on public.jobseeker_profiles
  for each row execute function public.set_updated_at();
--> statement-breakpoint

-- Public search: the open jobs of verified posters matching the query and filters, in the asked
-- order, as ids (the caller reads the rows under its own RLS). `total` counts matches up to
-- p_cap + 1 (past it the page says "1,000+"). p_occupation: one digit (an ISCO major group) or two
-- (a sub-major group). p_salary_min: the monthly salary offered reaches it, in p_currency.
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
  return query
  select m.job_id, v_total
  from (
    select l.job_id, l.published_at, l.closes_on,
           case when p_sort = 'relevance' and v_query is not null then ts_rank(l.search, v_query) end as rank
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
  ) m
  order by m.rank desc nulls last,
           case when p_sort = 'closing' then m.closes_on end asc nulls last,
           m.published_at desc, m.job_id
  offset greatest(p_offset, 0) limit least(greatest(p_limit, 0), 100);
end
$$;
--> statement-breakpoint
revoke all on function app_private.search_jobs(text, uuid, boolean, text, text, public.employment_type, bigint, text, integer, text, integer, integer, integer) from public;
--> statement-breakpoint
grant execute on function app_private.search_jobs(text, uuid, boolean, text, text, public.employment_type, bigint, text, integer, text, integer, integer, integer) to anon, authenticated, service_role;
