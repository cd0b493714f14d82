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
 * Options: --requests N (300) --concurrency N (2) --warmup N (20) --budget MS (50) --only TEXT.
 */
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { createCookie } from "@remix-run/node";
import postgres from "postgres";
import { freePort, startEmbeddedPostgres, type EmbeddedDatabase } from "../app/db/embedded-postgres.server";
import { projectRoot } from "../app/db/paths.server";
import { httpBench, percentile } from "./http-bench";
import { cpuSnapshot, type CpuSnapshot } from "./cpu-snapshot";
import { PERF_JOBS_PG_DIR } from "./generate-jobs-dir";

const { values: options } = parseArgs({
  options: {
    requests: { type: "string", default: "300" },
    concurrency: { type: "string", default: "2" },
    warmup: { type: "string", default: "20" },
    budget: { type: "string", default: "50" },
    only: { type: "string" },
  },
});
const REQUESTS = Number(options.requests);
const CONCURRENCY = Number(options.concurrency);
const WARMUP = Number(options.warmup);
const BUDGET_MS = Number(options.budget);
const SIGNED_IN_PEOPLE = 50;

const { run, waitForServer, close } = httpBench(CONCURRENCY);




async function main() {
  const root = projectRoot();
  if (!existsSync(path.join(root, "build", "index.js"))) {
    console.error('No Remix build: run "npx remix build" first.');
    process.exit(2);
  }
  let embedded: EmbeddedDatabase | undefined;
  let url = process.env.DATABASE_URL || undefined;
  if (!url) {
    embedded = await startEmbeddedPostgres({ dataDir: path.resolve(root, PERF_JOBS_PG_DIR) });
    url = embedded.url;
  }
  const secret = crypto.randomBytes(32).toString("hex");
  const cookie = createCookie("tulay_session", { path: "/", httpOnly: true, sameSite: "lax", secure: false, secrets: [secret] });
  let child: ChildProcess | undefined;
  let status = 0;
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  const sessionIds: string[] = [];
  try {
    const [counts] = await sql`select (select count(*) from public.jobs)::int as jobs, (select count(*) from app_private.job_listings)::int as listed,
      (select count(*) from public.profiles)::int as profiles, (select count(*) from public.jobseeker_profiles)::int as seekers`;
    console.log(`data: ${counts?.jobs} jobs (${counts?.listed} open and listed), ${counts?.profiles} profiles (${counts?.seekers} with a job-seeking profile)`);
    if ((counts?.jobs ?? 0) < 10_000) console.warn('warning: fewer than 10,000 jobs; run "npm run perf:generate-jobs" first');
    const [sample] = await sql<{ id: string; province: string }[]>`
      select j.id, (select p.parent_id from public.places p where p.id = j.place_id) as province
      from app_private.job_listings l join public.jobs j on j.id = l.job_id where j.place_id is not null order by l.job_id limit 1`;
    if (!sample) throw new Error("no open job: run npm run perf:generate-jobs");
    // Sessions for the first generated people, as the local auth adapter makes them.
    const people = await sql<{ id: string }[]>`select id from auth.users where email like 'person-%@perf-jobs.example' order by email limit ${SIGNED_IN_PEOPLE}`;
    const cookies: string[] = [];
    for (const person of people) {
      const id = crypto.randomUUID();
      sessionIds.push(id);
      await sql`insert into auth.sessions (id, user_id, not_after, user_agent) values (${id}, ${person.id}, now() + interval '1 day', 'perf:bench-jobs')`;
      cookies.push((await cookie.serialize(id)).split(";")[0]!);
    }

    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    let stderr = "";
    child = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: url, HOST: "127.0.0.1", PORT: String(port), NODE_ENV: "production", SESSION_SECRET: secret, SEED_DEMO: "false", COOKIE_SECURE: "false", JOBS: "off" },
      stdio: ["ignore", "ignore", "pipe"],
    });
    child.stderr?.on("data", (c: Buffer) => (stderr = (stderr + c.toString()).slice(-4000)));
    await waitForServer(base, child, () => stderr);

    let turn = 0;
    const forYou = (): [string, Record<string, string>] => ["/me/jobs", { cookie: cookies[turn++ % cookies.length]! }];
    const scenarios: [string, string | (() => [string, Record<string, string>])][] = [
      ["search: list, newest", "/jobs"],
      ["search: common word", "/jobs?q=workers"],
      ["search: word + place + type", `/jobs?q=mechanics&place=${sample.province}&type=full_time`],
      ["search: occupation group, closing soon", "/jobs?occupation=7&sort=closing"],
      ["search: sector + salary", "/jobs?sector=G&salary=20000&currency=PHP"],
      ["search: posted within a week", "/jobs?within=7"],
      ["search: remote", "/jobs?remote=1"],
      ["search: page 40", "/jobs?page=40"],
      ["job page", `/jobs/${sample.id}`],
      [`jobs for you (${cookies.length} people in turn)`, forYou],
    ];

    console.log(
      `\n${REQUESTS} GETs per scenario, ${CONCURRENCY} at a time, after ${WARMUP} warm-up requests; ` +
        `time = client time to the full response on loopback (127.0.0.1), NODE_ENV=production.`,
    );
    console.log(`machine: ${os.cpus()[0]?.model ?? "?"} × ${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GB RAM, Node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}\n`);
    const header = ["scenario", "p50", "p95", "p99", "max", `p95 ≤ ${BUDGET_MS} ms`, "CPU/request: server", "PostgreSQL", "other work"];
    const lines: string[][] = [];
    for (const [name, target] of scenarios) {
      const label = typeof target === "string" ? target : "/me/jobs";
      if (options.only && !name.includes(options.only) && !label.includes(options.only)) continue;
      await run(base, target, WARMUP);
      const before = cpuSnapshot(child.pid);
      const started = performance.now();
      const { times, failures } = await run(base, target, REQUESTS);
      const seconds = (performance.now() - started) / 1000;
      const after = cpuSnapshot(child.pid);
      const p95 = percentile(times, 95);
      const ok = p95 <= BUDGET_MS && failures.length === 0;
      if (!ok) status = 1;
      const row = [
        `${name}  ${label}`,
        percentile(times, 50).toFixed(1),
        p95.toFixed(1),
        percentile(times, 99).toFixed(1),
        times[times.length - 1]!.toFixed(1),
        failures.length ? `FAIL (${failures.length} non-200: ${[...new Set(failures)].join(",")})` : ok ? "yes" : "NO",
      ];
      lines.push(row);
      console.log(`${row[0]}\n    p50 ${row[1]} ms  p95 ${row[2]} ms  p99 ${row[3]} ms  max ${row[4]} ms  ${row[5]}`);
      if (before && after) {
        const per = (key: keyof CpuSnapshot) => ((after[key] - before[key]) / REQUESTS).toFixed(1);
        const other = after.machine - before.machine - (["server", "postgres", "client"] as const).reduce((t, k) => t + after[k] - before[k], 0);
        const otherShare = `${((other / 1000 / seconds) * 100).toFixed(0)}% of a CPU`;
        console.log(`    CPU per request: server ${per("server")} ms, PostgreSQL ${per("postgres")} ms, client ${per("client")} ms; other work on the machine meanwhile: ${otherShare}`);
        row.push(per("server"), per("postgres"), otherShare);
      } else {
        row.push("?", "?", "?");
      }
    }
    console.log(`\n| ${header.join(" | ")} |\n|${header.map(() => "---").join("|")}|`);
    for (const row of lines) console.log(`| ${row.map((c, i) => (i === 0 ? `${c.split("  ")[0]} \`${c.split("  ")[1]}\`` : c)).join(" | ")} |`);
    console.log(status === 0 ? `\nall scenarios: p95 ≤ ${BUDGET_MS} ms` : `\nsome scenario is over the ${BUDGET_MS} ms p95 budget (or failed)`);
  } finally {
    close();
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child!.once("exit", r));
      child.kill("SIGTERM");
      await exited;
    }
    if (sessionIds.length) await sql`delete from auth.sessions where user_agent = 'perf:bench-jobs'`.catch(() => undefined);
    await sql.end({ timeout: 5 });
    await embedded?.stop();
  }
  process.exit(status);
}

await main();
