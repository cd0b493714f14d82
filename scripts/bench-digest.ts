/**
 * `npm run perf:digest`: the weekly digest over a million members, with the outbox adapter.
 *
 * Starts a throw-away embedded PostgreSQL (deleted afterwards; never DATABASE_URL), migrates it and
 * generates N members (profiles with auth users, minimal: a name, one of five languages, one of a
 * handful of time zones), a verified LGU with 200 public projects, updates published this week on
 * 50 of them and 120 skill needs opened this week over 40 skills. A fraction of the members
 * follows one to three projects (--follow, 0.10) and a fraction lists one to three skills
 * (--skilled, 0.15), so the providers find work for a realistic minority. For the jobs and
 * opportunities topics: --jobs N (2000) jobs and --opportunities N (20) investment opportunities
 * published this week over 100 towns, a fraction of the members with a job-seeking profile
 * (--seekers, 0.05), a hometown (30%), sectors of interest (20%) and willingness to invest (10%).
 * Then it runs the digest
 * job as pg-boss would: one run, batches of --batch members, and with --crash-after N the worker
 * "dies" after N batches and a second job resumes the run.
 *
 * Reported: time to generate, time of the run, batches a second, members a second, emails written,
 * the process's peak RSS and heap, the machine's load average before and after (2 shared cores:
 * other engineers' work shows there). Checked: every email went to a different member, the run is
 * done, and its counts agree with the outbox. Exits 1 when a check fails.
 *
 * Options: --members N (1000000) --batch N (500) --follow F (0.10) --skilled F (0.15)
 * --jobs N (2000) --opportunities N (20) --seekers F (0.05) --crash-after N (0: no crash).
 */
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import postgres from "postgres";
import { createOutboxEmail } from "../app/adapters/email/outbox.server";
import { createDbClient, setDbClient } from "../app/db/client.server";
import { startEmbeddedPostgres } from "../app/db/embedded-postgres.server";
import { migrateDatabase } from "../app/db/migrate.server";
import type { DigestProvider } from "../app/modules/digest/provider";
import { digestProviders } from "../app/modules/digest/providers.server";
import {
  openWeeklyRun,
  processRun,
  runWeeklyDigest,
} from "../app/modules/digest/run.server";

/** The registered providers, each timed (the time it takes over all batches, per topic). */
const providerTime = new Map<string, number>();
const providers: DigestProvider[] = digestProviders.map((provider) => ({
  ...provider,
  collect: async (...args: Parameters<DigestProvider["collect"]>) => {
    const started = performance.now();
    try {
      return await provider.collect(...args);
    } finally {
      providerTime.set(provider.topic, (providerTime.get(provider.topic) ?? 0) + performance.now() - started);
    }
  },
}));

const { values: options } = parseArgs({
  options: {
    members: { type: "string", default: "1000000" },
    batch: { type: "string", default: "500" },
    follow: { type: "string", default: "0.10" },
    skilled: { type: "string", default: "0.15" },
    "crash-after": { type: "string", default: "0" },
    jobs: { type: "string", default: "2000" },
    opportunities: { type: "string", default: "20" },
    seekers: { type: "string", default: "0.05" },
  },
});
const JOBS = Number(options.jobs);
const OPPORTUNITIES = Number(options.opportunities);
const SEEKERS = Number(options.seekers);
const MEMBERS = Number(options.members);
const BATCH = Number(options.batch);
const FOLLOW = Number(options.follow);
const SKILLED = Number(options.skilled);
const CRASH_AFTER = Number(options["crash-after"]);

const mb = (bytes: number) => `${Math.round(bytes / 1048576)} MB`;
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function generate(sql: postgres.Sql) {
  const [{ id: country }] =
    (await sql`insert into places (kind, name, country_code) values ('country', 'Perfland', 'PL') returning id`) as unknown as [
      { id: string }
    ];
  const [{ id: town }] =
    (await sql`insert into places (parent_id, kind, name, country_code) values (${country}, 'city', 'Perf City', 'PL') returning id`) as unknown as [
      { id: string }
    ];
  const [{ id: lgu }] = (await sql`
    insert into lgus (place_id, name, slug, verification_status, verified_at) values (${town}, 'City of Perf', 'perf-city', 'verified', now()) returning id`) as unknown as [
    { id: string }
  ];
  await sql`
    insert into projects (lgu_id, slug, title, sector, goal_minor, currency, status, submitted_at, published_at)
    select ${lgu}, 'perf-project-' || n, jsonb_build_object('en', 'Project ' || n, 'fil', 'Proyekto ' || n), 'water', 1000000, 'PHP',
           'fundraising', now() - interval '60 days', now() - interval '30 days'
    from generate_series(1, 200) n`;
  await sql`
    insert into project_updates (project_id, body, published_at)
    select p.id, jsonb_build_object('en', 'Week news for ' || p.slug, 'fil', 'Balita para sa ' || p.slug), now() - interval '2 days'
    from projects p where p.slug ~ '^perf-project-([1-9]|[1-4][0-9]|50)$'`;
  const skills = (
    await sql<
      { code: string }[]
    >`select code from skills where kind = 'skill' order by code limit 40`
  ).map((s) => s.code);
  await sql`
    insert into project_needs (project_id, kind, description, skill, quantity, mode)
    select (select id from projects where slug = 'perf-project-' || (1 + n % 200)), 'skill',
           jsonb_build_object('en', 'Help with ' || s.code), s.code, 3, 'either'
    from generate_series(1, 120) n join lateral (select (${skills}::text[])[1 + n % 40] as code) s on true`;
  // Members in chunks (one statement per 100,000): ids random, as real uuids are.
  for (let start = 0; start < MEMBERS; start += 100_000) {
    const count = Math.min(100_000, MEMBERS - start);
    await sql`
      with people as (select gen_random_uuid() as id, ${start}::int + n as n from generate_series(1, ${count}::int) n),
      users as (
        insert into auth.users (id, aud, role, email, email_confirmed_at)
        select id, 'authenticated', 'authenticated', 'perf-' || n || '@example.test', now() from people returning id)
      insert into profiles (id, display_name, preferred_locale, time_zone)
      select id, 'Member ' || n, (array['en', 'fil', 'es', 'fr', 'ar', null])[1 + n % 6],
             (array['Asia/Manila', 'Europe/Rome', 'America/Los_Angeles', 'Asia/Dubai', 'UTC'])[1 + n % 5]
      from people`;
  }
  await sql`
    insert into project_followers (project_id, user_id)
    select distinct pr.id, p.id from profiles p
    cross join lateral generate_series(1, 1 + (hashtext(p.id::text) & 3) % 3) k
    join projects pr on pr.slug = 'perf-project-' || (1 + abs(hashtext(p.id::text || k)) % 200)
    where (hashtext(p.id::text) & 1023) < ${Math.round(FOLLOW * 1024)}`;
  await sql`
    insert into member_skills (profile_id, skill_code, level)
    select distinct p.id, (${skills}::text[])[1 + abs(hashtext(p.id::text || 's' || k)) % 40], 'advanced'::public.skill_level from profiles p
    cross join lateral generate_series(1, 1 + (hashtext(p.id::text || 'k') & 3) % 3) k
    where (hashtext(p.id::text || 'skilled') & 1023) < ${Math.round(
      SKILLED * 1024
    )}`;
  // Jobs and investment opportunities published this week over 100 towns in 10 provinces;
  // members' job profiles, hometowns, sectors and willingness to invest.
  await sql`insert into places (parent_id, kind, name, country_code) select ${country}, 'province', 'Perf Province ' || n, 'PL' from generate_series(1, 10) n`;
  await sql`
    insert into places (parent_id, kind, name, country_code)
    select (select id from places where name = 'Perf Province ' || (1 + n % 10)), 'municipality', 'Perf Town ' || n, 'PL' from generate_series(1, 100) n`;
  await sql`
    insert into lgus (place_id, name, slug, verification_status, verified_at)
    select id, 'Municipality of ' || name, 'perf-town-' || substring(name from 11), 'verified', now() from places where name like 'Perf Town %'`;
  await sql`
    with occupations as (select array_agg(isco_code order by isco_code) as codes from public.skills where kind = 'occupation' and length(isco_code) = 2 and isco_code not like '0%'),
    towns as (select array_agg(l.id order by l.slug) as lgus, array_agg(l.place_id order by l.slug) as places from lgus l where l.slug like 'perf-town-%')
    insert into jobs (lgu_id, title, description, sector, occupation_code, skills_required, skills_preferred, languages, place_id, remote, employment_type, closes_on)
    select towns.lgus[1 + n % 100], jsonb_build_object('en', 'Job ' || n, 'fil', 'Trabaho ' || n), jsonb_build_object('en', 'What the job is about, in a few words.'), 'O',
           occupations.codes[1 + abs(hashtext(n || 'o')) % cardinality(occupations.codes)],
           array[(${skills}::text[])[1 + abs(hashtext(n || 'a')) % 40], (${skills}::text[])[1 + abs(hashtext(n || 'b')) % 40]],
           array[(${skills}::text[])[1 + abs(hashtext(n || 'c')) % 40]],
           case when n % 3 = 0 then '{fil}'::text[] else '{}' end, towns.places[1 + n % 100], n % 5 = 0, 'full_time', current_date + 30
    from generate_series(1, ${JOBS}::int) n, occupations, towns`;
  await sql`
    insert into investment_opportunities (lgu_id, slug, title, summary, sector, interest_sectors, kind, ticket_min_minor, ticket_max_minor, currency, timeline, contact_office, status)
    select l.id, 'perf-opportunity-' || n, jsonb_build_object('en', 'Opportunity ' || n), jsonb_build_object('en', 'A partner wanted.'),
           (array['agribusiness', 'technology', 'agro_tourism', 'manufacturing'])[1 + n % 4],
           (array['{agriculture,livelihood}', '{technology}', '{agriculture,tourism}', '{livelihood}'])[1 + n % 4]::text[],
           'joint_venture', 10000000, 500000000, 'PHP', 'one_to_2_years', 'Investment office', 'open'
    from generate_series(1, ${OPPORTUNITIES}::int) n join lgus l on l.slug = 'perf-town-' || (1 + n % 100)`;
  await sql`
    insert into profile_hometowns (profile_id, place_id)
    select p.id, (select id from places where name = 'Perf Town ' || (1 + abs(hashtext(p.id::text || 'h')) % 100)) from profiles p
    where (hashtext(p.id::text || 'home') & 1023) < 307`;
  await sql`
    update profiles p set sectors = (array['{agriculture}', '{technology}', '{tourism,livelihood}', '{education}'])[1 + abs(hashtext(p.id::text || 'sec')) % 4]::text[],
      willingness = case when (hashtext(p.id::text || 'inv') & 1023) < 512 then '{invest}'::text[] else '{}' end
    where (hashtext(p.id::text || 'sectors') & 1023) < 205`;
  await sql`
    with occupations as (select array_agg(isco_code order by isco_code) as codes from public.skills where kind = 'occupation' and length(isco_code) = 2 and isco_code not like '0%')
    insert into jobseeker_profiles (profile_id, occupation_code, open_to_remote)
    select p.id, occupations.codes[1 + abs(hashtext(p.id::text || 'occ')) % cardinality(occupations.codes)], (hashtext(p.id::text) & 1) = 0
    from profiles p, occupations where (hashtext(p.id::text || 'seeker') & 1023) < ${Math.round(SEEKERS * 1024)}`;
  await sql`analyze`;
}

async function main() {
  const parent = mkdtempSync(path.join(os.tmpdir(), "tulay-bench-digest-"));
  chmodSync(parent, 0o755); // as root, PostgreSQL runs as "postgres", which must enter the folder
  const embedded = await startEmbeddedPostgres({
    dataDir: path.join(parent, "pg"),
    ephemeral: true,
  });
  const url = embedded.url;
  const failures: string[] = [];
  let client: ReturnType<typeof createDbClient> | undefined;
  try {
    await migrateDatabase(url);
    const sql = postgres(url, { max: 1, onnotice: () => {} });
    console.log(`load average before: ${load()} (${os.cpus().length} cores)`);
    let started = Date.now();
    await generate(sql);
    const [counts] = await sql<
      { members: number; followers: number; skilled: number; seekers: number; jobs: number; opportunities: number }[]
    >`
      select (select count(*)::int from profiles) as members, (select count(distinct user_id)::int from project_followers) as followers,
             (select count(distinct profile_id)::int from member_skills) as skilled, (select count(*)::int from jobseeker_profiles) as seekers,
             (select count(*)::int from jobs) as jobs, (select count(*)::int from investment_opportunities) as opportunities`;
    console.log(
      `generated ${counts!.members} members (${
        counts!.followers
      } follow projects, ${counts!.skilled} list skills, ${counts!.seekers} have a job profile), ${counts!.jobs} jobs and ${
        counts!.opportunities
      } opportunities in ${seconds(Date.now() - started)}`
    );

    client = createDbClient(url, { max: 4 });
    setDbClient(client);
    const email = createOutboxEmail(() => client!);
    let peakRss = 0;
    let peakHeap = 0;
    const sample = () => {
      const usage = process.memoryUsage();
      peakRss = Math.max(peakRss, usage.rss);
      peakHeap = Math.max(peakHeap, usage.heapUsed);
    };
    const progress = (batch: number) => {
      sample();
      if (batch % 200 === 0)
        console.log(
          `  batch ${batch}: ${seconds(Date.now() - started)}, rss ${mb(
            process.memoryUsage().rss
          )}, load ${load()}`
        );
    };
    started = Date.now();
    const now = new Date();
    if (CRASH_AFTER > 0) {
      const run = await openWeeklyRun(now);
      const died = await processRun(run.id, {
        siteUrl: "https://tulay.example",
        email,
        batchSize: BATCH,
        providers,
        afterBatch: ({ batch }) => {
          progress(batch);
          if (batch === CRASH_AFTER) throw new Error("worker died");
        },
      }).catch((error: Error) => error.message);
      console.log(
        `  the worker died after ${CRASH_AFTER} batches (${died}); the next job resumes`
      );
    }
    let batches = 0;
    const sent = await runWeeklyDigest({
      siteUrl: "https://tulay.example",
      email,
      now,
      batchSize: BATCH,
      providers,
      afterBatch: ({ batch }) => progress((batches = batch)),
    });
    const elapsed = Date.now() - started;
    sample();
    const [run] = await sql<
      {
        status: string;
        batches: number;
        members_seen: number;
        emails_sent: number;
        items_sent: number;
      }[]
    >`select status, batches, members_seen, emails_sent, items_sent from digest_runs`;
    const [outbox] = await sql<
      { emails: number; addresses: number }[]
    >`select count(*)::int as emails, count(distinct to_address)::int as addresses from email_outbox where template = 'weekly-digest'`;
    console.log(
      `digest run: ${seconds(elapsed)} for ${run!.members_seen} members in ${
        run!.batches
      } batches of ${BATCH}`
    );
    console.log(
      `  ${Math.round(run!.members_seen / (elapsed / 1000))} members/s, ${(
        run!.batches /
        (elapsed / 1000)
      ).toFixed(1)} batches/s, ${run!.emails_sent} emails (${
        run!.items_sent
      } items), ${sent} by the resuming job (${batches} batches)`
    );
    console.log(
      `  peak rss ${mb(peakRss)}, peak heap ${mb(
        peakHeap
      )}; load average after: ${load()}`
    );
    const topics = await sql<{ topic: string; members: number }[]>`
      select t.topic, count(*)::int as members from digest_deliveries d, unnest(d.topics) as t(topic) group by t.topic order by t.topic`;
    console.log(`  members emailed per topic: ${topics.map((t) => `${t.topic} ${t.members}`).join(", ")}`);
    console.log(
      `  time in each provider over the run: ${[...providerTime].map(([topic, ms]) => `${topic} ${seconds(ms)}`).join(", ")}`
    );
    if (run!.status !== "done") failures.push(`run status ${run!.status}`);
    if (run!.members_seen !== counts!.members)
      failures.push(`members seen ${run!.members_seen} of ${counts!.members}`);
    if (outbox!.emails !== outbox!.addresses)
      failures.push(
        `${outbox!.emails - outbox!.addresses} members got two digests`
      );
    if (outbox!.emails !== run!.emails_sent)
      failures.push(
        `outbox ${outbox!.emails} emails, run counted ${run!.emails_sent}`
      );
    await sql.end();
  } finally {
    await client?.close();
    await embedded.stop();
    rmSync(parent, { recursive: true, force: true });
  }
  if (failures.length) {
    console.error(`FAILED: ${failures.join("; ")}`);
    process.exit(1);
  }
  console.log(
    "checks passed: every member seen once, nobody emailed twice, counts agree"
  );
}

await main();
