/**
 * `npm run perf:generate-matching`: the data set of the matching engine's performance requirement
 * (issue 9: 1,000,000 profiles, 50,000 projects, 100,000 jobs; top 20 for a person with a p95 of
 * 50 ms or less) in DATABASE_URL or, when unset, a dedicated embedded PostgreSQL at
 * .data/perf-matching-postgres (never the demo's database). `perf:bench-jobs --data-dir
 * .data/perf-matching-postgres` runs issue 7's job benchmark on the same data.
 *
 * It runs the two existing generators against that database, then gives the people what the
 * engine reads, all as functions of the row number (deterministic, like generate-jobs):
 * - `npm run perf:generate` (scripts/generate-projects.ts): 1,700 LGUs, 50,000 projects with
 *   about 100,000 needs (a third of them skill needs, from the skills taxonomy);
 * - `npm run perf:generate-jobs` (scripts/generate-jobs.ts): 100,000 jobs and 1,000,000 people
 *   with languages, a job-seeking profile and two skills each;
 * - then, for the 1,000,000 people: a hometown among the projects' LGUs (a fifth of them two),
 *   one or two sector interests, a preferred language, willingness to volunteer (a third) or to
 *   invest (a tenth, with a ticket size), and public engagement (a tenth: their skills are then
 *   visible to LGUs looking for volunteers);
 * - the skill needs get a work mode, dates and a working language;
 * - 5,000 open investment opportunities in the projects' LGUs;
 * - then the engine's narrow rows that triggers keep (skipped above for speed) are built, and the
 *   tables vacuumed and analysed, as autovacuum would have by the time anyone asks.
 *
 * Options: --from projects|jobs|signals (start at that step, on data the earlier steps wrote).
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { parseArgs } from "node:util";
import postgres from "postgres";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "../app/db/embedded-postgres.server";
import { migrateDatabase } from "../app/db/migrate.server";
import { projectRoot } from "../app/db/paths.server";
import { PERF_MATCHING_PG_DIR } from "./generate-jobs-dir";

const STEPS = ["projects", "jobs", "signals"] as const;
const { values: options } = parseArgs({ options: { from: { type: "string", default: "projects" } } });
const first = STEPS.indexOf(options.from as (typeof STEPS)[number]);
if (first < 0) throw new Error(`--from: one of ${STEPS.join(", ")}`);
const OPPORTUNITIES = 5_000;
const BATCH = 100_000;

const since = (started: number) => `${((performance.now() - started) / 1000).toFixed(1)} s`;

function runGenerator(script: string, url: string) {
  console.log(`\n== ${script}`);
  const result = spawnSync(process.execPath, ["--import", "tsx", script], {
    cwd: projectRoot(),
    env: { ...process.env, DATABASE_URL: url },
    stdio: "inherit",
  });
  if (result.status !== 0) throw new Error(`${script} failed (exit ${result.status})`);
}

async function main() {
  let embedded: EmbeddedDatabase | undefined;
  let url = process.env.DATABASE_URL || undefined;
  if (!url) {
    embedded = await startEmbeddedPostgres({ dataDir: path.resolve(projectRoot(), PERF_MATCHING_PG_DIR) });
    url = embedded.url;
  }
  const started = performance.now();
  try {
    await migrateDatabase(url);
    if (first <= 0) runGenerator("scripts/generate-projects.ts", url);
    if (first <= 1) runGenerator("scripts/generate-jobs.ts", url);
    const sql = postgres(url, { max: 1, onnotice: () => {}, idle_timeout: 0 });
    try {
      console.log(`\n== the matching signals (${since(started)})`);
      await sql.unsafe(`create or replace function pg_temp.h(salt text, n bigint) returns bigint language sql immutable as
        $$ select abs(hashtextextended(salt || ':' || n, 20261124)) $$`);
      // The projects' LGUs (not the jobs generator's), numbered, for hometowns and opportunities.
      await sql.unsafe(`create temp table towns as
        select row_number() over (order by l.id) - 1 as n, l.id as lgu_id, l.place_id, p.country_code
        from public.lgus l join public.places p on p.id = l.place_id
        where p.official_code like 'PERF-%' and p.official_code not like 'PERF-JOBS-%' and l.verification_status = 'verified'`);
      const towns = (await sql<{ n: number }[]>`select count(*)::int as n from towns`)[0]?.n ?? 0;
      if (!towns) throw new Error("no project LGUs: run from the first step");
      await sql.unsafe(`create temp table people as
        select i, md5('perf-person-' || i)::uuid as id from generate_series(0, (select count(*) - 1 from public.profiles where display_name like 'Perf person %')) i`);
      await sql.unsafe(`alter table people add primary key (i)`);
      const people = (await sql<{ n: number }[]>`select count(*)::int as n from people`)[0]?.n ?? 0;
      const sectors = `array['education','health','water','roads','livelihood','agriculture','disaster','culture','environment','tourism','technology']`;

      await sql.unsafe(`set session_replication_role = replica`);
      await sql.unsafe(`delete from public.profile_hometowns where profile_id in (select id from people)`);
      await sql.unsafe(`delete from public.investment_preferences where member_id in (select id from people)`);
      for (let from = 0; from < people; from += BATCH) {
        const to = Math.min(people, from + BATCH) - 1;
        await sql.unsafe(`
          update public.profiles p set
            sectors = case when pg_temp.h('sec2', x.i) % 3 = 0
                           then array[(${sectors})[1 + pg_temp.h('sec1', x.i) % 11], (${sectors})[1 + (pg_temp.h('sec1', x.i) + 1 + pg_temp.h('sec2', x.i) % 10) % 11]]
                           else array[(${sectors})[1 + pg_temp.h('sec1', x.i) % 11]] end,
            preferred_locale = p.languages[1],
            willingness = p.willingness
              || case when pg_temp.h('vol', x.i) % 3 = 0 then '{volunteer}'::text[] else '{}' end
              || case when pg_temp.h('inv', x.i) % 10 = 0 then '{invest}'::text[] else '{}' end,
            engagement_visibility = case when pg_temp.h('pub', x.i) % 10 = 0 then 'public' else 'private' end::profile_visibility
          from people x where x.id = p.id and x.i between ${from} and ${to}`);
        await sql.unsafe(`
          insert into public.profile_hometowns (profile_id, place_id)
          select x.id, t.place_id from people x join towns t on t.n = pg_temp.h('home1', x.i) % ${towns} where x.i between ${from} and ${to}
          union
          select x.id, t.place_id from people x join towns t on t.n = pg_temp.h('home2', x.i) % ${towns}
          where x.i between ${from} and ${to} and pg_temp.h('two', x.i) % 5 = 0`);
        await sql.unsafe(`
          insert into public.investment_preferences (member_id, ticket_min_minor, ticket_max_minor, currency)
          select x.id, (1 + pg_temp.h('tmin', x.i) % 50) * 10000000, (51 + pg_temp.h('tmax', x.i) % 200) * 10000000, 'PHP'
          from people x where x.i between ${from} and ${to} and pg_temp.h('inv', x.i) % 10 = 0`);
        console.log(`  ${to + 1} people (${since(started)})`);
      }

      // Skill needs: a mode, dates for some, a working language.
      await sql.unsafe(`
        update public.project_needs n set
          mode = (array['remote','on_site','either'])[1 + pg_temp.h('mode', hashtext(n.id::text)) % 3]::work_mode,
          starts_on = case when pg_temp.h('dated', hashtext(n.id::text)) % 2 = 0 then current_date + (pg_temp.h('start', hashtext(n.id::text)) % 90)::int end,
          language = (array['en','fil','es','fr','ar'])[1 + pg_temp.h('nlang', hashtext(n.id::text)) % 5]
        where n.kind = 'skill'`);
      await sql.unsafe(`update public.project_needs n set ends_on = n.starts_on + 30 where n.kind = 'skill' and n.starts_on is not null`);
      console.log(`  skill needs given modes, dates and languages (${since(started)})`);

      // Investment opportunities in the projects' LGUs.
      await sql.unsafe(`delete from public.investment_opportunities where slug like 'perf-opportunity-%'`);
      await sql.unsafe(`
        insert into public.investment_opportunities (lgu_id, slug, title, summary, sector, interest_sectors, kind, ticket_min_minor, ticket_max_minor,
          currency, timeline, contact_office, status, published_at)
        select t.lgu_id, 'perf-opportunity-' || i,
          jsonb_build_object('en', 'Opportunity ' || i || ': ' || (array['coconut processing','eco lodge','solar farm','rice mill','fish port','call centre'])[1 + pg_temp.h('otitle', i) % 6]),
          jsonb_build_object('en', 'A generated opportunity for the matching benchmark.'),
          (array['agro_tourism','health_tourism','real_estate','cooperative','nostalgia_trade','agribusiness','renewable_energy','manufacturing','technology','services'])[1 + pg_temp.h('osec', i) % 10],
          array[(${sectors})[1 + pg_temp.h('oint', i) % 11]],
          (array['joint_venture','franchise','cooperative_membership','land_lease','public_private_partnership','supplier_trade'])[1 + pg_temp.h('okind', i) % 6],
          (1 + pg_temp.h('omin', i) % 100) * 10000000, (101 + pg_temp.h('omax', i) % 400) * 10000000, 'PHP',
          (array['within_6_months','six_to_12_months','one_to_2_years','over_2_years'])[1 + pg_temp.h('otime', i) % 4],
          'Investment desk', 'open', now() - make_interval(days => (pg_temp.h('opub', i) % 120)::int)
        from generate_series(0, ${OPPORTUNITIES - 1}) i join towns t on t.n = pg_temp.h('otown', i) % ${towns}`);
      await sql.unsafe(`set session_replication_role = origin`);
      // The rows above went in with triggers off: build what the triggers keep for the matching
      // engine, as they would have (the needs' narrow rows, the people who show their skills).
      await sql.unsafe(`select app_private.refresh_need_matching(array(select n.id from public.project_needs n where n.kind = 'skill'))`);
      await sql.unsafe(`select count(app_private.refresh_skill_people(p.id)) from public.profiles p where p.engagement_visibility = 'public'`);
      console.log(`  matching rows rebuilt (${since(started)})`);
      await sql.unsafe(`vacuum analyze public.profiles, public.profile_hometowns, public.investment_preferences, public.project_needs, public.investment_opportunities,
        app_private.need_matching, app_private.skill_people, app_private.job_match_jobs, app_private.job_match_skills, app_private.project_listings`);
      const [counts] = await sql`select (select count(*) from public.profiles)::int as profiles, (select count(*) from public.profile_hometowns)::int as hometowns,
        (select count(*) from public.projects)::int as projects, (select count(*) from public.project_needs where kind = 'skill')::int as skill_needs,
        (select count(*) from public.jobs)::int as jobs, (select count(*) from public.investment_opportunities where status = 'open')::int as opportunities,
        (select count(*) from public.profiles where engagement_visibility = 'public')::int as public_engagement`;
      console.log(`done in ${since(started)}: ${JSON.stringify(counts)}`);
    } finally {
      await sql.end({ timeout: 5 });
    }
  } finally {
    await embedded?.stop();
  }
}

await main();
