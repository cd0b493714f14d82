/**
 * `npm run perf:bench-matching`: the matching engine's performance requirement (issue 9: with
 * 1,000,000 profiles, 50,000 projects and 100,000 jobs, the top 20 for a person with a p95 of 50 ms
 * or less at the server), on the data `npm run perf:generate-matching` writes (docs/performance.md).
 *
 * Two parts, both against .data/perf-matching-postgres (or DATABASE_URL):
 * 1. The rankings themselves, called in this process exactly as the pages call them (the matching
 *    module's functions, through withRls as the person), each asked for its top 20: skill needs,
 *    projects, investment opportunities, jobs; and, for an LGU, the people to invite for a need.
 *    Time = the function call, from asking to the mapped result, two at a time, 50 people in turn.
 * 2. The pages through the production server, like perf:bench-jobs: "For you" (/me/matches, every
 *    ranking at once), "Jobs for you" (/me/jobs, top 20) and the LGU's page of people to invite
 *    for a need (top 20), each a p95 over N keep-alive GETs on 127.0.0.1.
 * Exits 1 when a p95 is over the budget or a response is not 200.
 *
 * Options: --requests N (300) --concurrency N (2) --warmup N (20) --budget MS (50) --only TEXT.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import postgres from "postgres";
import { createDbClient, setDbClient, withRls, type JwtClaims } from "../app/db/client.server";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "../app/db/embedded-postgres.server";
import { migrateDatabase } from "../app/db/migrate.server";
import { projectRoot } from "../app/db/paths.server";
import { needsFor, opportunityMatches, peopleForNeed, projectsFor } from "../app/modules/matching/engine.server";
import { jobsForMe } from "../app/modules/matching/jobs.server";
import { PERF_MATCHING_PG_DIR } from "./generate-jobs-dir";
import { percentile } from "./http-bench";
import { endSessions, inTurn, requireBuild, runScenarios, startServer } from "./page-bench";

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
const PEOPLE = 50;
const TOP = 20;
const SESSION_LABEL = "perf:bench-matching";

const claimsOf = (id: string): JwtClaims => ({ sub: id, role: "authenticated" });

/** `count` calls of `call(i)`, `concurrency` at a time: their times in ms, sorted, and the result sizes. */
async function timeCalls(count: number, call: (i: number) => Promise<unknown[] | null>) {
  const times: number[] = [];
  const sizes: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const started = performance.now();
      const result = await call(i);
      times.push(performance.now() - started);
      sizes.push(result?.length ?? -1);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return { times: times.sort((a, b) => a - b), sizes };
}

async function main() {
  requireBuild();
  let embedded: EmbeddedDatabase | undefined;
  let url = process.env.DATABASE_URL || undefined;
  if (!url) {
    embedded = await startEmbeddedPostgres({ dataDir: path.resolve(projectRoot(), PERF_MATCHING_PG_DIR) });
    url = embedded.url;
  }
  // The rankings below run before the server (which migrates on start) is up.
  await migrateDatabase(url);
  let status = 0;
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  const client = createDbClient(url, { max: CONCURRENCY });
  setDbClient(client);
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  let staffId: string | undefined;
  try {
    const [counts] = await sql`select (select count(*) from public.profiles)::int as profiles, (select count(*) from public.projects)::int as projects,
      (select count(*) from public.jobs)::int as jobs, (select count(*) from public.project_needs where kind = 'skill')::int as skill_needs,
      (select count(*) from public.investment_opportunities where status = 'open')::int as opportunities`;
    console.log(`data: ${JSON.stringify(counts)}`);
    if ((counts?.profiles ?? 0) < 100_000 || (counts?.projects ?? 0) < 10_000) console.warn('warning: a small data set; run "npm run perf:generate-matching" first');
    // People: the first generated ones, in a fixed order.
    const people = (await sql<{ id: string }[]>`select id from auth.users where email like 'person-%@perf-jobs.example' order by email limit ${PEOPLE}`).map((p) => p.id);
    if (people.length === 0) throw new Error('no generated people: run "npm run perf:generate-matching"');
    // An LGU editor (one of the generated people, made staff for the run) and the open skill need
    // of that LGU whose skill the most people show publicly.
    const [need] = await sql<{ id: string; lgu_id: string; slug: string }[]>`
      select n.id, p.lgu_id, l.slug from public.project_needs n join public.projects p on p.id = n.project_id join public.lgus l on l.id = p.lgu_id
      where n.kind = 'skill' and n.closed_at is null and p.status in ('fundraising', 'funded', 'in_progress')
      order by (select count(*) from public.member_skills m where m.skill_code = n.skill) desc, n.id limit 1`;
    if (!need) throw new Error("no open skill need");
    staffId = people[people.length - 1]!;
    await sql`insert into public.lgu_memberships (lgu_id, user_id, role) values (${need.lgu_id}, ${staffId}, 'editor') on conflict do nothing`;

    console.log(`\n1. The rankings, top ${TOP}, called in-process as the pages call them: ${REQUESTS} calls each, ${CONCURRENCY} at a time, after ${WARMUP} warm-up calls, ${people.length} people in turn.`);
    const rankings: [string, (i: number) => Promise<unknown[] | null>][] = [
      ["skill needs for a person (needsFor)", (i) => needsFor(claimsOf(people[i % people.length]!), "en", TOP)],
      ["projects for a person (projectsFor)", (i) => projectsFor(claimsOf(people[i % people.length]!), "en", TOP)],
      ["opportunities for a person (opportunityMatches)", (i) => opportunityMatches(claimsOf(people[i % people.length]!), "en", TOP)],
      ["jobs for a person (jobsForMe)", (i) => withRls(claimsOf(people[i % people.length]!), (tx) => jobsForMe(tx, TOP))],
      ["people for an LGU's need (peopleForNeed)", () => peopleForNeed(claimsOf(staffId!), need.lgu_id, need.id, "en", TOP)],
    ];
    const header = ["ranking", "p50", "p95", "p99", "max", "results (min–max)", `p95 ≤ ${BUDGET_MS} ms`];
    const lines: string[][] = [];
    for (const [name, call] of rankings) {
      if (options.only && !name.includes(options.only)) continue;
      await timeCalls(WARMUP, call);
      const { times, sizes } = await timeCalls(REQUESTS, call);
      const p95 = percentile(times, 95);
      if (p95 > BUDGET_MS) status = 1;
      const row = [name, percentile(times, 50).toFixed(1), p95.toFixed(1), percentile(times, 99).toFixed(1), times[times.length - 1]!.toFixed(1),
        `${Math.min(...sizes)}–${Math.max(...sizes)}`, p95 <= BUDGET_MS ? "yes" : "NO"];
      lines.push(row);
      console.log(`${name}: p50 ${row[1]} ms  p95 ${row[2]} ms  p99 ${row[3]} ms  max ${row[4]} ms  results ${row[5]}  ${row[6]}`);
    }
    console.log(`\n| ${header.join(" | ")} |\n|${header.map(() => "---").join("|")}|`);
    for (const row of lines) console.log(`| ${row.join(" | ")} |`);

    console.log("\n2. The pages, through the production server.");
    server = await startServer(url, CONCURRENCY);
    const cookies = await server.sessionCookies(sql, people.slice(0, -1), SESSION_LABEL);
    const [staffCookie] = await server.sessionCookies(sql, [staffId], SESSION_LABEL);
    const pages = await runScenarios(
      server,
      [
        [`for you: needs, projects, jobs, opportunities (${cookies.length} people in turn)`, inTurn("/me/matches", cookies)],
        [`jobs for you, top ${TOP} (${cookies.length} people in turn)`, inTurn("/me/jobs", cookies)],
        [`people to invite for a need, top ${TOP} (an LGU editor)`, inTurn(`/manage/${need.slug}/volunteers/needs/${need.id}`, [staffCookie!])],
      ],
      { requests: REQUESTS, concurrency: CONCURRENCY, warmup: WARMUP, budgetMs: BUDGET_MS, only: options.only },
    );
    status = Math.max(status, pages);
  } finally {
    await server?.stop();
    await endSessions(sql, SESSION_LABEL);
    if (staffId) await sql`delete from public.lgu_memberships where user_id = ${staffId}`.catch(() => undefined);
    await client.close();
    await sql.end({ timeout: 5 });
    await embedded?.stop();
  }
  process.exit(status);
}

await main();
