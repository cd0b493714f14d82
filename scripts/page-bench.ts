/**
 * What the signed-in page benchmarks share (perf:bench-jobs, perf:bench-matching): the production
 * server started on a perf database, sessions for generated people made the way the local auth
 * adapter makes them, and a list of scenarios run one after the other with their percentiles, CPU
 * per request and the machine's other work, printed as they go and as a Markdown table at the end.
 */
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createCookie } from "@remix-run/node";
import type postgres from "postgres";
import { freePort } from "../app/db/embedded-postgres.server";
import { SERVER_NODE_FLAGS } from "../server/node-flags.mjs";
import { projectRoot } from "../app/db/paths.server";
import { cpuSnapshot, type CpuSnapshot } from "./cpu-snapshot";
import { httpBench, percentile, type BenchTarget } from "./http-bench";

export interface PageBenchOptions {
  requests: number;
  concurrency: number;
  warmup: number;
  budgetMs: number;
  only?: string;
}

export function requireBuild() {
  if (!existsSync(path.join(projectRoot(), "build", "index.js"))) {
    console.error('No Remix build: run "npx remix build" first.');
    process.exit(2);
  }
}

/** Starts `server/index.ts` in production on 127.0.0.1 against `url`; sessions are signed with its secret. */
export async function startServer(url: string, concurrency: number) {
  const secret = crypto.randomBytes(32).toString("hex");
  const cookie = createCookie("tulay_session", { path: "/", httpOnly: true, sameSite: "lax", secure: false, secrets: [secret] });
  const bench = httpBench(concurrency);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let stderr = "";
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, "--import", "tsx", "server/index.ts"], {
    cwd: projectRoot(),
    env: { ...process.env, DATABASE_URL: url, HOST: "127.0.0.1", PORT: String(port), NODE_ENV: "production", SESSION_SECRET: secret, SEED_DEMO: "false", COOKIE_SECURE: "false", JOBS: "off" },
    stdio: ["ignore", "ignore", "pipe"],
  });
  child.stderr?.on("data", (c: Buffer) => (stderr = (stderr + c.toString()).slice(-4000)));
  const stop = async () => {
    bench.close();
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await exited;
    }
  };
  try {
    await bench.waitForServer(base, child, () => stderr);
  } catch (error) {
    await stop();
    throw error;
  }

  /** Session cookies for these users (rows in auth.sessions tagged `label`; remove them with `endSessions`). */
  async function sessionCookies(sql: postgres.Sql, userIds: string[], label: string) {
    const cookies: string[] = [];
    for (const userId of userIds) {
      const id = crypto.randomUUID();
      await sql`insert into auth.sessions (id, user_id, not_after, user_agent) values (${id}, ${userId}, now() + interval '1 day', ${label})`;
      cookies.push((await cookie.serialize(id)).split(";")[0]!);
    }
    return cookies;
  }

  return { base, child, bench, stop, sessionCookies };
}

export const endSessions = (sql: postgres.Sql, label: string) => sql`delete from auth.sessions where user_agent = ${label}`.catch(() => undefined);

/** One signed-in person after another: each request is sent with the next cookie. */
export function inTurn(url: string, cookies: string[]): () => [string, Record<string, string>] {
  let turn = 0;
  return () => [url, { cookie: cookies[turn++ % cookies.length]! }];
}

/** Runs each scenario (warm-up, then the counted requests); returns 1 when any p95 is over budget or any response is not 200. */
export async function runScenarios(server: Awaited<ReturnType<typeof startServer>>, scenarios: [string, BenchTarget][], options: PageBenchOptions) {
  const { base, child, bench } = server;
  console.log(
    `\n${options.requests} GETs per scenario, ${options.concurrency} at a time, after ${options.warmup} warm-up requests; ` +
      `time = client time to the full response on loopback (127.0.0.1), NODE_ENV=production.`,
  );
  console.log(`machine: ${os.cpus()[0]?.model ?? "?"} × ${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GB RAM, Node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}\n`);
  const header = ["scenario", "p50", "p95", "p99", "max", `p95 ≤ ${options.budgetMs} ms`, "CPU/request: server", "PostgreSQL", "other work"];
  const lines: string[][] = [];
  let status = 0;
  for (const [name, target] of scenarios) {
    const label = typeof target === "string" ? target : target()[0];
    if (options.only && !name.includes(options.only) && !label.includes(options.only)) continue;
    await bench.run(base, target, options.warmup);
    const before = cpuSnapshot(child.pid);
    const started = performance.now();
    const { times, failures } = await bench.run(base, target, options.requests);
    const seconds = (performance.now() - started) / 1000;
    const after = cpuSnapshot(child.pid);
    const p95 = percentile(times, 95);
    const ok = p95 <= options.budgetMs && failures.length === 0;
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
      const per = (key: keyof CpuSnapshot) => ((after[key] - before[key]) / options.requests).toFixed(1);
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
  console.log(status === 0 ? `\nall scenarios: p95 ≤ ${options.budgetMs} ms` : `\nsome scenario is over the ${options.budgetMs} ms p95 budget (or failed)`);
  return status;
}
