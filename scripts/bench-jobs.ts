/**
 * `npm run perf:bench-jobs`: the jobs performance requirement (job search and "jobs for you" with
 * a p95 of 50 ms or less at the server, with 100,000 jobs and 1,000,000 profiles), measured
 * through the real request path, like `perf:bench` for projects (docs/performance.md).
 *
 * Starts the production server (the Remix build, `server/index.ts`, NODE_ENV=production) against
 * the database `npm run perf:generate-jobs` filled (DATABASE_URL, or the embedded PostgreSQL at
 * .data/perf-jobs-postgres), then sends N GETs per scenario, two at a time, over keep-alive HTTP
 * on 127.0.0.1. "Jobs for you" is asked by 50 of the generated people in turn, each signed in
 * with a session the script creates the way the local auth adapter does (a row in auth.sessions,
 * the signed tulay_session cookie). Time = the client's, from sending to the last byte.
 * Exits 1 when a scenario's p95 is over the budget or a response is not 200.
 *
 * Options: --requests N (300) --concurrency N (2) --warmup N (20) --budget MS (50) --only TEXT
 * --data-dir DIR (.data/perf-jobs-postgres; .data/perf-matching-postgres holds the same jobs and people).
 */
import path from "node:path";
import { parseArgs } from "node:util";
import postgres from "postgres";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "../app/db/embedded-postgres.server";
import { projectRoot } from "../app/db/paths.server";
import { PERF_JOBS_PG_DIR } from "./generate-jobs-dir";
import { endSessions, inTurn, requireBuild, runScenarios, startServer } from "./page-bench";

const { values: options } = parseArgs({
  options: {
    requests: { type: "string", default: "300" },
    concurrency: { type: "string", default: "2" },
    warmup: { type: "string", default: "20" },
    budget: { type: "string", default: "50" },
    only: { type: "string" },
    "data-dir": { type: "string", default: PERF_JOBS_PG_DIR },
  },
});
const SIGNED_IN_PEOPLE = 50;
const SESSION_LABEL = "perf:bench-jobs";

async function main() {
  requireBuild();
  let embedded: EmbeddedDatabase | undefined;
  let url = process.env.DATABASE_URL || undefined;
  if (!url) {
    embedded = await startEmbeddedPostgres({ dataDir: path.resolve(projectRoot(), options["data-dir"]!) });
    url = embedded.url;
  }
  let status = 0;
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  try {
    const [counts] = await sql`select (select count(*) from public.jobs)::int as jobs, (select count(*) from app_private.job_listings)::int as listed,
      (select count(*) from public.profiles)::int as profiles, (select count(*) from public.jobseeker_profiles)::int as seekers`;
    console.log(`data: ${counts?.jobs} jobs (${counts?.listed} open and listed), ${counts?.profiles} profiles (${counts?.seekers} with a job-seeking profile)`);
    if ((counts?.jobs ?? 0) < 10_000) console.warn('warning: fewer than 10,000 jobs; run "npm run perf:generate-jobs" first');
    const [sample] = await sql<{ id: string; province: string }[]>`
      select j.id, (select p.parent_id from public.places p where p.id = j.place_id) as province
      from app_private.job_listings l join public.jobs j on j.id = l.job_id where j.place_id is not null order by l.job_id limit 1`;
    if (!sample) throw new Error("no open job: run npm run perf:generate-jobs");
    server = await startServer(url, Number(options.concurrency));
    // Sessions for the first generated people.
    const people = await sql<{ id: string }[]>`select id from auth.users where email like 'person-%@perf-jobs.example' order by email limit ${SIGNED_IN_PEOPLE}`;
    const cookies = await server.sessionCookies(sql, people.map((p) => p.id), SESSION_LABEL);
    status = await runScenarios(
      server,
      [
        ["search: list, newest", "/jobs"],
        ["search: common word", "/jobs?q=workers"],
        ["search: word + place + type", `/jobs?q=mechanics&place=${sample.province}&type=full_time`],
        ["search: occupation group, closing soon", "/jobs?occupation=7&sort=closing"],
        ["search: sector + salary", "/jobs?sector=G&salary=20000&currency=PHP"],
        ["search: posted within a week", "/jobs?within=7"],
        ["search: remote", "/jobs?remote=1"],
        ["search: page 40", "/jobs?page=40"],
        ["job page", `/jobs/${sample.id}`],
        [`jobs for you (${cookies.length} people in turn)`, inTurn("/me/jobs", cookies)],
      ],
      { requests: Number(options.requests), concurrency: Number(options.concurrency), warmup: Number(options.warmup), budgetMs: Number(options.budget), only: options.only },
    );
  } finally {
    await server?.stop();
    await endSessions(sql, SESSION_LABEL);
    await sql.end({ timeout: 5 });
    await embedded?.stop();
  }
  process.exit(status);
}

await main();
