/**
 * `npm run perf:bench`: issue 4's performance requirement, measured through the real request path.
 * Starts the production server (the Remix build from `npx remix build`, `server/index.ts`,
 * NODE_ENV=production) against the perf database that `npm run perf:generate` filled
 * (DATABASE_URL, or the embedded PostgreSQL at .data/perf-postgres), then sends N GETs per
 * scenario, two at a time, over keep-alive HTTP on 127.0.0.1.
 *
 * The time measured is the client's, from sending the request to receiving the last byte of the
 * response. On loopback that is the server's response time plus well under a millisecond.
 * Each scenario gets a warm-up (not counted) first. Exits 1 when any scenario's p95 is above the
 * budget or any response is not 200. Also reports the JavaScript /projects ships.
 *
 * Options: --requests N (300) --concurrency N (2) --warmup N (20) --budget MS (50);
 * --only TEXT runs only the scenarios whose name or URL contains TEXT; --node-flags "…" passes flags
 * to the server's node instead of server/node-flags.mjs's, e.g. --node-flags="--max-semi-space-size=32
 * --cpu-prof --cpu-prof-dir=.cache/profiles" to profile it
 * (the profile is written when the bench stops the server).
 */
import { SERVER_NODE_FLAGS } from "../server/node-flags.mjs";
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import zlib from "node:zlib";
import postgres from "postgres";
import { freePort, startEmbeddedPostgres, type EmbeddedDatabase } from "../app/db/embedded-postgres.server";
import { projectRoot } from "../app/db/paths.server";
import { httpBench, percentile } from "./http-bench";
import { cpuSnapshot, type CpuSnapshot } from "./cpu-snapshot";

const PERF_PG_DIR = ".data/perf-postgres";

const { values: options } = parseArgs({
  options: {
    requests: { type: "string", default: "300" },
    concurrency: { type: "string", default: "2" },
    warmup: { type: "string", default: "20" },
    budget: { type: "string", default: "50" },
    only: { type: "string" },
    "node-flags": { type: "string", default: SERVER_NODE_FLAGS.join(" ") },
  },
});
const REQUESTS = Number(options.requests);
const CONCURRENCY = Number(options.concurrency);
const WARMUP = Number(options.warmup);
const BUDGET_MS = Number(options.budget);
const NODE_FLAGS = options["node-flags"].split(/\s+/).filter(Boolean);

const { get, run, waitForServer, close } = httpBench(CONCURRENCY);



/** The JavaScript a page makes the browser load: every /build/*.js it references, as served (gzip). */
async function shippedJavaScript(base: string, page: string) {
  const html = (await get(base, page)).body.toString("utf8");
  // What the browser loads at start: modulepreload links, script src and the module script's imports
  // (not the route modules the inline manifest merely names for later navigations).
  const loaded = [
    ...html.matchAll(/<link\b[^>]*rel="modulepreload"[^>]*href="([^"]+\.js)"/g),
    ...html.matchAll(/<script\b[^>]*src="([^"]+\.js)"/g),
    ...html.matchAll(/import\s*(?:[^"';]*?\s*from\s*)?"(\/build\/[^"]+\.js)"/g),
  ].map((m) => m[1]!);
  const files = [...new Set(loaded)];
  let raw = 0;
  let gzip = 0;
  const rows: { file: string; raw: number; gzip: number }[] = [];
  for (const file of files) {
    const res = await get(base, file, { "accept-encoding": "gzip" });
    const body = res.headers["content-encoding"] === "gzip" ? zlib.gunzipSync(res.body) : res.body;
    const served = res.headers["content-encoding"] === "gzip" ? res.body.length : zlib.gzipSync(body).length;
    rows.push({ file, raw: body.length, gzip: served });
    raw += body.length;
    gzip += served;
  }
  const inline = [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].reduce((sum, m) => sum + Buffer.byteLength(m[1] ?? ""), 0);
  const htmlGzip = zlib.gzipSync(html).length;
  return { files: rows, raw, gzip, inline, htmlRaw: Buffer.byteLength(html), htmlGzip };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

async function main() {
  const root = projectRoot();
  if (!existsSync(path.join(root, "build", "index.js"))) {
    console.error('No Remix build: run "npx remix build" first.');
    process.exit(2);
  }
  let embedded: EmbeddedDatabase | undefined;
  let url = process.env.DATABASE_URL || undefined;
  if (!url) {
    embedded = await startEmbeddedPostgres({ dataDir: path.resolve(root, PERF_PG_DIR) });
    url = embedded.url;
  }
  let child: ChildProcess | undefined;
  let status = 0;
  try {
    const sql = postgres(url, { max: 1, onnotice: () => {} });
    let sample: { slug: string; lines: number; needs: number } | undefined;
    let published = 0;
    try {
      const [counts] = await sql`select (select count(*) from public.projects)::int as projects,
        (select count(*) from public.projects where published_at is not null and status not in ('draft', 'review'))::int as published,
        (select count(*) from public.lgus where verification_status = 'verified')::int as lgus`;
      published = counts?.published ?? 0;
      console.log(`data: ${counts?.projects} projects (${published} published), ${counts?.lgus} verified LGUs`);
      if ((counts?.projects ?? 0) < 10_000) console.warn('warning: fewer than 10,000 projects; run "npm run perf:generate" first');
      // A deterministic project page with budget lines and needs: the first fundraising one by slug.
      [sample] = await sql<{ slug: string; lines: number; needs: number }[]>`
        select p.slug, (select count(*) from public.project_budget_lines b where b.project_id = p.id)::int as lines,
               (select count(*) from public.project_needs n where n.project_id = p.id)::int as needs
        from public.projects p join public.lgus l on l.id = p.lgu_id
        where p.status = 'fundraising' and l.verification_status = 'verified'
          and exists (select 1 from public.project_needs n where n.project_id = p.id)
        order by p.slug limit 1`;
    } finally {
      await sql.end({ timeout: 5 });
    }
    if (!sample) throw new Error("no published project to benchmark: run npm run perf:generate");

    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    let stderr = "";
    child = spawn(process.execPath, [...NODE_FLAGS, "--import", "tsx", "server/index.ts"], {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: url,
        HOST: "127.0.0.1",
        PORT: String(port),
        NODE_ENV: "production",
        SESSION_SECRET: crypto.randomBytes(32).toString("hex"),
        SEED_DEMO: "false",
      },
      stdio: ["ignore", "ignore", "pipe"],
    });
    child.stderr?.on("data", (c: Buffer) => (stderr = (stderr + c.toString()).slice(-4000)));
    await waitForServer(base, child, () => stderr);

    const lastPage = Math.ceil(published / 12);
    const scenarios: [string, string][] = [
      ["list, newest", "/projects"],
      ["search, common word", "/projects?q=water"],
      ["search, misspelt word", "/projects?q=scholarshps"],
      ["search + sector + country", "/projects?q=school&sector=education&country=PH"],
      ["list, page 200", "/projects?page=200"],
      [`list, last page (${lastPage})`, `/projects?page=${lastPage}`],
      ["list, closing soon", "/projects?sort=closing"],
      ["list, sector + country", "/projects?sector=water&country=SN"],
      ["list, most funded", "/projects?sort=most_funded"],
      ["list, nearest to goal", "/projects?sort=nearest_goal"],
      ["project page", `/projects/${sample.slug}`],
    ];

    console.log(
      `\n${REQUESTS} GETs per scenario, ${CONCURRENCY} at a time, after ${WARMUP} warm-up requests; ` +
        `time = client time to the full response on loopback (127.0.0.1), NODE_ENV=production.`,
    );
    console.log(`machine: ${os.cpus()[0]?.model ?? "?"} × ${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GB RAM, Node ${process.version}, ${os.platform()} ${os.release()}`);
    console.log(`project page: /projects/${sample.slug} (${sample.lines} budget lines, ${sample.needs} needs)\n`);
    const header = ["scenario", "p50", "p95", "p99", "max", `p95 ≤ ${BUDGET_MS} ms`, "CPU/request: server", "PostgreSQL", "other work"];
    const lines: string[][] = [];
    for (const [name, target] of scenarios) {
      if (options.only && !name.includes(options.only) && !target.includes(options.only)) continue;
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
        `${name}  ${target}`,
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
        console.log(
          `    CPU per request: server ${per("server")} ms, PostgreSQL ${per("postgres")} ms, client ${per("client")} ms; ` +
            `other work on the machine meanwhile: ${otherShare}`,
        );
        row.push(per("server"), per("postgres"), otherShare);
      } else {
        row.push("?", "?", "?");
      }
    }
    console.log(`\n| ${header.join(" | ")} |\n|${header.map(() => "---").join("|")}|`);
    for (const row of lines) console.log(`| ${row.map((c, i) => (i === 0 ? `\`${c.split("  ")[1]}\`` : c)).join(" | ")} |`);

    const js = await shippedJavaScript(base, "/projects");
    console.log(`\nJavaScript /projects ships: ${js.files.length} files, ${kb(js.raw)} raw, ${kb(js.gzip)} gzip (as served), plus ${kb(js.inline)} inline script`);
    for (const f of js.files.sort((a, b) => b.gzip - a.gzip)) console.log(`  ${f.file}  ${kb(f.raw)} raw, ${kb(f.gzip)} gzip`);
    console.log(`HTML of /projects: ${kb(js.htmlRaw)} raw, ${kb(js.htmlGzip)} gzip`);
    console.log(status === 0 ? `\nall scenarios: p95 ≤ ${BUDGET_MS} ms` : `\nsome scenario is over the ${BUDGET_MS} ms p95 budget (or failed)`);
  } finally {
    close();
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child!.once("exit", r));
      child.kill("SIGTERM");
      await exited;
    }
    await embedded?.stop();
  }
  process.exit(status);
}

await main();
