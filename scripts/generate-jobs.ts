/**
 * `npm run perf:generate-jobs`: the data set of the jobs performance requirement — 100,000 jobs
 * and 1,000,000 people with job-seeking profiles — in DATABASE_URL or, when unset, a dedicated
 * embedded PostgreSQL at .data/perf-jobs-postgres (never the demo's database).
 *
 * What it writes (all marked PERF-JOBS, deleted first, so it can run again):
 * - 3 countries (PH, MX, MA), 60 provinces, 1,200 municipalities; 600 verified LGUs and 400
 *   verified employers in them;
 * - 100,000 jobs (a fifth posted by LGUs), in the country's languages, occupations drawn from the
 *   ISCO-08 sub-major groups of the skills taxonomy and skills from the skills the taxonomy links
 *   to that occupation, salaries for most, published over the last 120 days, closing within the
 *   next 90; 15% closed;
 * - 1,000,000 people (auth.users, profiles with languages, a job-seeking profile with an
 *   occupation and a place, two member skills each).
 *
 * Deterministic: every value is a function of the row number (PostgreSQL's hash functions, no
 * random()), so a re-run writes the same rows. Rows are inserted as the table owner with triggers
 * off for speed; the database's own function then builds each job's listing (search document,
 * place path), exactly as its trigger does.
 *
 * Options: --jobs N (100000) --people N (1000000).
 */
import path from "node:path";
import { parseArgs } from "node:util";
import postgres from "postgres";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "../app/db/embedded-postgres.server";
import { migrateDatabase } from "../app/db/migrate.server";
import { projectRoot } from "../app/db/paths.server";

import { PERF_JOBS_PG_DIR } from "./generate-jobs-dir";

const { values: options } = parseArgs({ options: { jobs: { type: "string", default: "100000" }, people: { type: "string", default: "1000000" } } });
const JOBS = Number(options.jobs);
const PEOPLE = Number(options.people);
const BATCH = 100_000;

const since = (started: number) => `${((performance.now() - started) / 1000).toFixed(1)} s`;

async function main() {
  let embedded: EmbeddedDatabase | undefined;
  let url = process.env.DATABASE_URL || undefined;
  if (!url) {
    embedded = await startEmbeddedPostgres({ dataDir: path.resolve(projectRoot(), PERF_JOBS_PG_DIR) });
    url = embedded.url;
  }
  const sql = postgres(url, { max: 1, onnotice: () => {}, idle_timeout: 0 });
  const started = performance.now();
  try {
    await migrateDatabase(url);
    console.log(`migrated (${since(started)})`);

    // A hash of (salt, n) as a non-negative integer: the generator's only source of variety.
    await sql.unsafe(`create or replace function pg_temp.h(salt text, n bigint) returns bigint language sql immutable as
      $$ select abs(hashtextextended(salt || ':' || n, 20261123)) $$`);

    console.log("deleting earlier perf rows…");
    // Deleted with the triggers on, so foreign keys cascade (a person's profile, skills, jobs' listings).
    await sql.unsafe(`delete from public.profiles where display_name like 'Perf person %'`);
    await sql.unsafe(`delete from auth.users where email like '%@perf-jobs.example'`);
    await sql.unsafe(`delete from public.jobs where lgu_id in (select l.id from public.lgus l where l.slug like 'perf-jobs-%')
                        or organisation_id in (select o.id from public.organisations o where o.slug like 'perf-jobs-%')`);
    await sql.unsafe(`delete from public.organisations where slug like 'perf-jobs-%'`);
    await sql.unsafe(`delete from public.lgus where slug like 'perf-jobs-%'`);
    await sql.unsafe(`delete from public.places where official_code like 'PERF-JOBS-%' and kind = 'municipality'`);
    await sql.unsafe(`delete from public.places where official_code like 'PERF-JOBS-%' and kind = 'province'`);
    await sql.unsafe(`delete from public.places where official_code like 'PERF-JOBS-%'`);
    await sql.unsafe(`set session_replication_role = replica`);

    // Places: three countries (a country another generator or the demo already holds keeps its
    // row), 20 provinces each, 20 municipalities per province.
    await sql.unsafe(`
      insert into public.places (kind, name, country_code, official_code)
      select v.* from (values ('country'::place_kind, 'Philippines', 'PH', 'PERF-JOBS-PH'), ('country', 'Mexico', 'MX', 'PERF-JOBS-MX'), ('country', 'Morocco', 'MA', 'PERF-JOBS-MA')) v(kind, name, code, official)
      where not exists (select 1 from public.places c where c.parent_id is null and c.name = v.name)`);
    await sql.unsafe(`
      insert into public.places (parent_id, kind, name, country_code, official_code)
      select c.id, 'province', c.name || ' province ' || p, c.country_code, 'PERF-JOBS-' || c.country_code || '-' || p
      from public.places c, generate_series(1, 20) p where c.parent_id is null and c.kind = 'country' and c.name in ('Philippines', 'Mexico', 'Morocco')`);
    await sql.unsafe(`
      insert into public.places (parent_id, kind, name, country_code, official_code)
      select pr.id, 'municipality', 'Town ' || m || ' of ' || pr.name, pr.country_code, pr.official_code || '-' || m
      from public.places pr, generate_series(1, 20) m where pr.official_code like 'PERF-JOBS-%' and pr.kind = 'province'`);
    await sql.unsafe(`create temporary table towns as
      select row_number() over (order by official_code) - 1 as n, id, country_code, name from public.places
      where official_code like 'PERF-JOBS-%' and kind = 'municipality'`);
    await sql.unsafe(`alter table towns add primary key (n); analyze towns`);
    const towns = (await sql<{ towns: number }[]>`select count(*)::int as towns from towns`)[0]!.towns;

    // Posters: 600 verified LGUs, 400 verified employers.
    await sql.unsafe(`
      insert into public.lgus (place_id, name, slug, verification_status, verified_at)
      select t.id, 'Municipality of ' || t.name, 'perf-jobs-lgu-' || t.n, 'verified', now() from towns t where t.n < 600`);
    await sql.unsafe(`
      insert into public.organisations (kind, name, slug, home_place_id, verification_status, verified_at)
      select 'employer', 'Perf Employer ' || t.n, 'perf-jobs-employer-' || t.n, t.id, 'verified', now() from towns t where t.n < 400`);
    await sql.unsafe(`create temporary table posters as
      select row_number() over (order by slug) - 1 as n, id as lgu_id, null::uuid as organisation_id from public.lgus where slug like 'perf-jobs-lgu-%'`);
    await sql.unsafe(`create temporary table employers as
      select row_number() over (order by slug) - 1 as n, id from public.organisations where slug like 'perf-jobs-employer-%'`);
    console.log(`places and posters: ${towns} towns, 600 LGUs, 400 employers (${since(started)})`);

    // Occupations (ISCO-08 sub-major groups, armed forces left out) with the skills the taxonomy links to them.
    await sql.unsafe(`create temporary table occupations as
      select row_number() over (order by o.isco_code) - 1 as n, o.isco_code as code, o.labels,
             coalesce((select array_agg(distinct r.skill_code order by r.skill_code) from public.skill_relations r
                       where r.kind = 'occupation' and left(replace(r.related_code, 'isco08_', ''), 2) = o.isco_code), '{}') as skills
      from public.skills o where o.kind = 'occupation' and length(o.isco_code) = 2 and o.isco_code not like '0%'`);
    await sql.unsafe(`create temporary table all_skills as
      select row_number() over (order by code) - 1 as n, code, labels from public.skills where kind = 'skill'`);
    await sql.unsafe(`alter table posters add primary key (n); alter table employers add primary key (n); alter table occupations add primary key (n);
      alter table all_skills add primary key (n); create unique index on all_skills (code); analyze posters; analyze employers; analyze occupations; analyze all_skills`);
    const { occupations, skills } = (
      await sql<{ occupations: number; skills: number }[]>`select (select count(*)::int from occupations) as occupations, (select count(*)::int from all_skills) as skills`
    )[0]!;

    // Jobs.
    console.log(`jobs: ${JOBS}…`);
    for (let from = 0; from < JOBS; from += BATCH) {
      const to = Math.min(JOBS, from + BATCH) - 1;
      await sql.unsafe(`
        with g as (
          select i,
                 (select t from towns t where t.n = pg_temp.h('town', i) % ${towns}) as town,
                 (select o from occupations o where o.n = pg_temp.h('occ', i) % ${occupations}) as occ,
                 pg_temp.h('kind', i) % 5 = 0 as by_lgu,
                 pg_temp.h('remote', i) % 33 = 0 as remote
          from generate_series(${from}, ${to}) i
        ), s as (
          select g.*,
                 case when cardinality((g.occ).skills) > 0 then (g.occ).skills[1 + pg_temp.h('s1', i) % cardinality((g.occ).skills)]
                      else (select a.code from all_skills a where a.n = pg_temp.h('s1', i) % ${skills}) end as s1,
                 (select a.code from all_skills a where a.n = pg_temp.h('s2', i) % ${skills}) as s2,
                 case when cardinality((g.occ).skills) > 1 then (g.occ).skills[1 + pg_temp.h('s3', i) % cardinality((g.occ).skills)] end as s3,
                 case (g.town).country_code when 'PH' then (case when pg_temp.h('lang', i) % 3 = 0 then 'fil' else 'en' end)
                                            when 'MX' then 'es' else (case when pg_temp.h('lang', i) % 2 = 0 then 'fr' else 'ar' end) end as lang
          from g
        )
        insert into public.jobs (id, lgu_id, organisation_id, title, description, sector, occupation_code, skills_required, skills_preferred, languages,
                                 place_id, remote, employment_type, salary_min_minor, salary_max_minor, salary_currency, openings, closes_on,
                                 status, closed_at, published_at, created_at)
        select md5('perf-job-' || i)::uuid,
               case when by_lgu then (select p.lgu_id from posters p where p.n = pg_temp.h('poster', i) % 600) end,
               case when not by_lgu then (select e.id from employers e where e.n = pg_temp.h('poster', i) % 400) end,
               jsonb_build_object(lang, ((occ).labels ->> lang) || ' — ' || coalesce((select a.labels ->> lang from all_skills a where a.code = s1), '')
                                  || case when i % 7 = 0 then ' (senior)' when i % 11 = 0 then ' (trainee)' else '' end),
               jsonb_build_object(lang, 'Job ' || i || ' in ' || (town).name || '. ' || coalesce((select a.labels ->> lang from all_skills a where a.code = s1), '') || ', '
                                  || coalesce((select a.labels ->> lang from all_skills a where a.code = s2), '') || '. ' || ((occ).labels ->> lang) || '.'),
               (array['A','C','F','G','H','I','J','M','N','O','P','Q','S'])[1 + pg_temp.h('sector', i) % 13],
               (occ).code,
               array_remove(array[s1], null),
               array_remove(array_remove(array[s2, s3], null), s1),
               case when pg_temp.h('needlang', i) % 4 = 0 then array[lang] else '{}' end,
               case when remote and pg_temp.h('remoteplace', i) % 2 = 0 then null else (town).id end,
               remote,
               (array['full_time','full_time','full_time','part_time','contract','temporary','seasonal','apprenticeship'])[1 + pg_temp.h('type', i) % 8]::public.employment_type,
               case when pg_temp.h('salary', i) % 5 <> 0 then (1000 + pg_temp.h('smin', i) % 4000) * 1000 end,
               case when pg_temp.h('salary', i) % 5 <> 0 then (1000 + pg_temp.h('smin', i) % 4000) * 1000 + (pg_temp.h('smax', i) % 2000) * 1000 end,
               case when pg_temp.h('salary', i) % 5 <> 0 then (case (town).country_code when 'PH' then 'PHP' when 'MX' then 'MXN' else 'MAD' end) end,
               1 + pg_temp.h('openings', i) % 5,
               current_date + (1 + pg_temp.h('closes', i) % 90)::integer,
               case when pg_temp.h('closed', i) % 100 < 15 then 'closed'::public.job_status else 'open' end,
               case when pg_temp.h('closed', i) % 100 < 15 then now() end,
               now() - make_interval(secs => (pg_temp.h('published', i) % (120 * 86400))::double precision),
               now()
        from s`);
      console.log(`  ${to + 1} jobs (${since(started)})`);
    }
    // The generated jobs' ids, keyed (an IN over generate_series would be planned as a nested loop).
    await sql.unsafe(`create temporary table perf_jobs as select md5('perf-job-' || i)::uuid as id from generate_series(0, ${JOBS - 1}) i;
      alter table perf_jobs add primary key (id); analyze perf_jobs`);
    await sql.unsafe(`
      update public.jobs j set place_path = coalesce((
        select array_agg(x.id order by x.depth) from (
          select j.place_id as id, 0 as depth
          union all select p.parent_id, 1 from public.places p where p.id = j.place_id
          union all select gp.parent_id, 2 from public.places p join public.places gp on gp.id = p.parent_id where p.id = j.place_id) x where x.id is not null), '{}')
      from perf_jobs pj where j.id = pj.id`);
    await sql.unsafe(`analyze public.jobs`);
    // In slices, with fresh statistics between them: refresh_job_listing's statements are planned
    // on each call, and with the statistics of an empty listing they would scan it every time.
    await sql.unsafe(`alter table perf_jobs add column n serial`);
    for (let from = 0; from < JOBS; from += 5_000) {
      await sql.unsafe(`select count(*) from (select app_private.refresh_job_listing(j.id) from perf_jobs pj join public.jobs j on j.id = pj.id
                          where j.status = 'open' and pj.n > ${from} and pj.n <= ${from + 5_000}) refreshed`);
      await sql.unsafe(`analyze app_private.job_listings`);
    }
    console.log(`jobs' place paths and listings built (${since(started)})`);

    // People.
    console.log(`people: ${PEOPLE}…`);
    for (let from = 0; from < PEOPLE; from += BATCH) {
      const to = Math.min(PEOPLE, from + BATCH) - 1;
      await sql.unsafe(`
        insert into auth.users (id, aud, role, email, email_confirmed_at, created_at, updated_at)
        select md5('perf-person-' || i)::uuid, 'authenticated', 'authenticated', 'person-' || i || '@perf-jobs.example', now(), now(), now()
        from generate_series(${from}, ${to}) i`);
      await sql.unsafe(`
        insert into public.profiles (id, display_name, country_of_residence, languages, willingness, years_abroad)
        select md5('perf-person-' || i)::uuid, 'Perf person ' || i, (array['AE','SA','QA','US','IT','FR','ES','HK'])[1 + pg_temp.h('res', i) % 8],
               (array['{en,fil}','{en,fil,ar}','{es,en}','{fr,ar}','{ar,fr,en}','{en}'])[1 + pg_temp.h('langs', i) % 6]::text[],
               case when pg_temp.h('ret', i) % 2 = 0 then '{return}'::text[] else '{donate}' end, (pg_temp.h('years', i) % 30)::smallint
        from generate_series(${from}, ${to}) i`);
      await sql.unsafe(`
        insert into public.jobseeker_profiles (profile_id, occupation_code, preferred_place_ids, open_to_remote)
        select md5('perf-person-' || i)::uuid, (select o.code from occupations o where o.n = pg_temp.h('pocc', i) % ${occupations}),
               array[(select t.id from towns t where t.n = pg_temp.h('ptown', i) % ${towns})], pg_temp.h('premote', i) % 4 = 0
        from generate_series(${from}, ${to}) i`);
      await sql.unsafe(`
        insert into public.member_skills (profile_id, skill_code, level, years)
        select distinct on (md5('perf-person-' || i)::uuid, skill) md5('perf-person-' || i)::uuid, skill, 'intermediate', 3
        from generate_series(${from}, ${to}) i,
             lateral (select o.skills from occupations o where o.n = pg_temp.h('pocc', i) % ${occupations}) occ,
             lateral (values (case when cardinality(occ.skills) > 0 then occ.skills[1 + pg_temp.h('ps1', i) % cardinality(occ.skills)]
                                   else (select a.code from all_skills a where a.n = pg_temp.h('ps1', i) % ${skills}) end),
                             ((select a.code from all_skills a where a.n = pg_temp.h('ps2', i) % ${skills}))) v(skill)`);
      console.log(`  ${to + 1} people (${since(started)})`);
    }
    await sql.unsafe(`set session_replication_role = origin`);
    await sql.unsafe(`analyze`);
    const [counts] = await sql`select (select count(*) from public.jobs)::int as jobs, (select count(*) from app_private.job_listings)::int as listed,
      (select count(*) from public.profiles)::int as profiles, (select count(*) from public.jobseeker_profiles)::int as seekers,
      (select count(*) from public.member_skills)::int as skills`;
    console.log(`done in ${since(started)}: ${JSON.stringify(counts)}`);
  } finally {
    await sql.end({ timeout: 5 });
    await embedded?.stop();
  }
}

await main();
