/**
 * `npm run perf:digest`: the weekly digest over a million members, with the outbox adapter.
 *
 * Starts a throw-away embedded PostgreSQL (deleted afterwards; never DATABASE_URL), migrates it and
 * generates N members (profiles with auth users, minimal: a name, one of five languages, one of a
 * handful of time zones), a verified LGU with 200 public projects, updates published this week on
 * 50 of them and 120 skill needs opened this week over 40 skills. A fraction of the members
 * follows one to three projects (--follow, 0.10) and a fraction lists one to three skills
 * (--skilled, 0.15), so the providers find work for a realistic minority. Then it runs the digest
 * job as pg-boss would: one run, batches of --batch members, and with --crash-after N the worker
 * "dies" after N batches and a second job resumes the run.
 *
 * Reported: time to generate, time of the run, batches a second, members a second, emails written,
 * the process's peak RSS and heap, the machine's load average before and after (2 shared cores:
 * other engineers' work shows there). Checked: every email went to a different member, the run is
 * done, and its counts agree with the outbox. Exits 1 when a check fails.
 *
 * Options: --members N (1000000) --batch N (500) --follow F (0.10) --skilled F (0.15)
 * --crash-after N (0: no crash).
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
import {
  openWeeklyRun,
  processRun,
  runWeeklyDigest,
} from "../app/modules/digest/run.server";

const { values: options } = parseArgs({
  options: {
    members: { type: "string", default: "1000000" },
    batch: { type: "string", default: "500" },
    follow: { type: "string", default: "0.10" },
    skilled: { type: "string", default: "0.15" },
    "crash-after": { type: "string", default: "0" },
  },
});
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
      { members: number; followers: number; skilled: number }[]
    >`
      select (select count(*)::int from profiles) as members, (select count(distinct user_id)::int from project_followers) as followers,
             (select count(distinct profile_id)::int from member_skills) as skilled`;
    console.log(
      `generated ${counts!.members} members (${
        counts!.followers
      } follow projects, ${counts!.skilled} list skills) in ${seconds(
        Date.now() - started
      )}`
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
