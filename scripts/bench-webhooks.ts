/**
 * `npm run perf:webhooks`: how many Stripe webhook events a second the real server takes, and
 * whether every gift still counts exactly once when events arrive duplicated, shuffled and at the
 * same time.
 *
 * Starts a throw-away embedded PostgreSQL (deleted afterwards; the checks count every row, so it
 * never uses DATABASE_URL), migrates it, adds a verified LGU with fundraising projects and pending
 * card gifts, then starts the production server (the Remix build from `npx remix build`,
 * `server/index.ts`, NODE_ENV=production, request logging on) with a Stripe key and webhook secret.
 * It builds the events Stripe would send for those gifts (one-time gifts: checkout.session.completed
 * and payment_intent.succeeded, both naming the same payment, some then partly refunded with
 * charge.refunded; monthly gifts: invoice.paid for each month and checkout.session.completed), adds
 * redeliveries of some (same event id, as Stripe's retries), shuffles them with a seeded PRNG, signs
 * each with the webhook secret, and POSTs them to /webhooks/stripe, N at a time, over keep-alive
 * HTTP on 127.0.0.1. No call reaches Stripe's API: these events need none.
 *
 * Reported: events a second (all deliveries / wall time), client latency p50/p95/p99. Checked at
 * the end: every delivery answered 200, every event stored once and processed without error, each
 * project's raised total equal to what the gifts paid minus what was refunded, as many ledger
 * movements as payments and refunds, no drift between totals and ledger. Exits 1 when a check fails.
 *
 * Options: --events N (3000 deliveries, timed) --warmup N (300 deliveries of other gifts first, not
 * timed) --concurrency N (8) --duplicates F (0.25: redeliveries per event) --projects N (20)
 * --target N (300 events/s) --seed N (1) --node-flags "…" (for the server's node, e.g.
 * "--cpu-prof --cpu-prof-dir=.cache/profiles").
 */
import { SERVER_NODE_FLAGS } from "../server/node-flags.mjs";
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import { chmodSync, existsSync, mkdtempSync, readFileSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import postgres from "postgres";
import Stripe from "stripe";
import { freePort, startEmbeddedPostgres, type EmbeddedDatabase } from "../app/db/embedded-postgres.server";
import { migrateDatabase } from "../app/db/migrate.server";
import { projectRoot } from "../app/db/paths.server";
import { cpuSnapshot, type CpuSnapshot } from "./cpu-snapshot";

const { values: options } = parseArgs({
  options: {
    events: { type: "string", default: "3000" },
    warmup: { type: "string", default: "300" },
    "node-flags": { type: "string", default: SERVER_NODE_FLAGS.join(" ") },
    concurrency: { type: "string", default: "8" },
    duplicates: { type: "string", default: "0.25" },
    projects: { type: "string", default: "20" },
    target: { type: "string", default: "300" },
    seed: { type: "string", default: "1" },
  },
});
const DELIVERIES = Number(options.events);
const WARMUP = Number(options.warmup);
const NODE_FLAGS = options["node-flags"].split(/\s+/).filter(Boolean);
const CONCURRENCY = Number(options.concurrency);
const DUPLICATES = Number(options.duplicates);
const PROJECTS = Number(options.projects);
const TARGET = Number(options.target);

// Deterministic runs: mulberry32.
let state = Number(options.seed) >>> 0;
const random = () => {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const between = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
const id = (prefix: string) => `${prefix}_${crypto.randomBytes(12).toString("hex")}`;

const SECRET_KEY = "sk_test_benchWebhooksNotARealKey";
const WEBHOOK_SECRET = `whsec_${crypto.randomBytes(24).toString("hex")}`;
const API_VERSION = "2026-10-28.endive";

interface Gift {
  contributionId: string;
  projectId: string;
  monthly: boolean;
  amountMinor: number;
  sessionId: string;
}

type Json = Record<string, unknown>;
const event = (type: string, object: Json): Json => ({
  id: id("evt"),
  object: "event",
  api_version: API_VERSION,
  created: Math.floor(Date.now() / 1000),
  data: { object },
  livemode: false,
  pending_webhooks: 1,
  request: { id: null, idempotency_key: null },
  type,
});

/** The events Stripe sends for a gift, and what the gift then holds. */
function eventsFor(gift: Gift): { events: Json[]; held: number; movements: number } {
  const metadata = { contribution_id: gift.contributionId, reference: "TUL-BNCH-0000" };
  const session = (extra: Json): Json => ({
    id: gift.sessionId,
    object: "checkout.session",
    amount_subtotal: gift.amountMinor,
    amount_total: gift.amountMinor,
    client_reference_id: gift.contributionId,
    currency: "php",
    metadata,
    payment_status: "paid",
    status: "complete",
    ...extra,
  });
  if (!gift.monthly) {
    const paymentIntent = id("pi");
    const charge = id("ch");
    const events = [
      event("checkout.session.completed", session({ mode: "payment", payment_intent: paymentIntent, subscription: null })),
      event("payment_intent.succeeded", { id: paymentIntent, object: "payment_intent", amount: gift.amountMinor, amount_received: gift.amountMinor, currency: "php", metadata, status: "succeeded", latest_charge: charge }),
    ];
    let held = gift.amountMinor;
    let movements = 1;
    if (random() < 0.2) {
      const amount = between(1, gift.amountMinor);
      const refund = { id: id("re"), object: "refund", amount, charge, currency: "php", payment_intent: paymentIntent, status: "succeeded", metadata: {} };
      // The refunds inside the charge, as older API versions send them (no call to Stripe needed).
      events.push(
        event("charge.refunded", {
          id: charge, object: "charge", amount: gift.amountMinor, amount_captured: gift.amountMinor, amount_refunded: amount, captured: true, paid: true,
          status: "succeeded", currency: "php", metadata, payment_intent: paymentIntent, refunded: amount === gift.amountMinor,
          refunds: { object: "list", data: [refund], has_more: false, total_count: 1 },
        }),
      );
      held -= amount;
      movements++;
    }
    return { events, held, movements };
  }
  const subscription = id("sub");
  const months = between(1, 3);
  const events = [event("checkout.session.completed", session({ mode: "subscription", payment_intent: null, subscription }))];
  for (let m = 0; m < months; m++) {
    events.push(
      event("invoice.paid", {
        id: id("in"), object: "invoice", amount_due: gift.amountMinor, amount_paid: gift.amountMinor, currency: "php", status: "paid",
        billing_reason: m === 0 ? "subscription_create" : "subscription_cycle",
        parent: { type: "subscription_details", quote_details: null, subscription_details: { subscription, metadata } },
        lines: { object: "list", data: [{ id: id("il"), object: "line_item", amount: gift.amountMinor, currency: "php", metadata }], has_more: false },
      }),
    );
  }
  return { events, held: gift.amountMinor * months, movements: months };
}

async function fixtures(sql: postgres.Sql, giftsWanted: number) {
  const userId = crypto.randomUUID();
  await sql`insert into auth.users (id, aud, role, email, email_confirmed_at) values (${userId}, 'authenticated', 'authenticated', 'bench@example.test', now())`;
  await sql`insert into profiles (id, display_name) values (${userId}, 'Bench')`;
  const [country] = await sql<{ id: string }[]>`insert into places (kind, name, country_code) values ('country', 'Benchland', 'PH') returning id`;
  const [place] = await sql<{ id: string }[]>`insert into places (parent_id, kind, name, country_code) values (${country!.id}, 'municipality', 'Bench Town', 'PH') returning id`;
  const [lgu] = await sql<{ id: string }[]>`
    insert into lgus (place_id, name, slug, created_by, verification_status, verified_at)
    values (${place!.id}, 'Municipality of Bench Town', 'bench-town', ${userId}, 'verified', now()) returning id`;
  const projects: string[] = [];
  for (let p = 0; p < PROJECTS; p++) {
    const [project] = await sql<{ id: string }[]>`
      insert into projects (lgu_id, slug, title, summary, sector, goal_minor, currency, status, created_by, submitted_at, published_at)
      values (${lgu!.id}, ${`bench-project-${p}`}, ${sql.json({ en: `Bench project ${p}` })}, ${sql.json({})}, 'water', 1000000000, 'PHP',
              'fundraising', ${userId}, now(), now()) returning id`;
    projects.push(project!.id);
  }
  const gifts: Gift[] = [];
  for (let g = 0; g < giftsWanted; g++) {
    gifts.push({ contributionId: crypto.randomUUID(), projectId: projects[g % projects.length]!, monthly: random() < 0.3, amountMinor: between(100, 1_000_000), sessionId: id("cs_test") });
  }
  for (let i = 0; i < gifts.length; i += 1000) {
    const rows = gifts.slice(i, i + 1000).map((gift, j) => ({
      id: gift.contributionId,
      project_id: gift.projectId,
      donor_id: userId,
      kind: gift.monthly ? "monthly" : "one_time",
      channel: "card",
      amount_minor: gift.amountMinor,
      currency: "PHP",
      reference: `TUL-B${String(i + j).padStart(7, "0")}`,
      stripe_checkout_session_id: gift.sessionId,
    }));
    await sql`insert into contributions ${sql(rows)}`;
  }
  return { projects, gifts };
}

const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });

function post(base: string, body: string, signature: string): Promise<{ status: number; ms: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = http.request(
      new URL("/webhooks/stripe", base),
      { method: "POST", agent, headers: { "Content-Type": "application/json; charset=utf-8", "Content-Length": Buffer.byteLength(body), "Stripe-Signature": signature } },
      (res) => {
        res.resume();
        res.on("end", () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - started }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

async function waitForServer(base: string, child: ChildProcess, stderr: () => string) {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}):\n${stderr()}`);
    const ok = await new Promise<boolean>((resolve) => {
      http.get(new URL("/healthz", base), (res) => (res.resume(), resolve(res.statusCode === 200))).on("error", () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the server did not answer /healthz within 90 s:\n${stderr()}`);
}


const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

async function main() {
  const root = projectRoot();
  const build = path.join(root, "build", "index.js");
  if (!existsSync(build) || !readFileSync(build, "utf8").includes("webhooks.stripe")) {
    console.error('No Remix build with the /webhooks/stripe route: run "npx remix build" first.');
    process.exit(2);
  }
  const parent = mkdtempSync(path.join(os.tmpdir(), "tulay-bench-webhooks-"));
  chmodSync(parent, 0o755); // as root, PostgreSQL runs as "postgres", which must enter the folder
  const embedded: EmbeddedDatabase = await startEmbeddedPostgres({ dataDir: path.join(parent, "pg"), ephemeral: true });
  const url = embedded.url;
  let child: ChildProcess | undefined;
  let status = 0;
  try {
    await migrateDatabase(url);
    const sql = postgres(url, { max: 1, onnotice: () => {} });
    let checks: { name: string; ok: boolean; detail: string }[] = [];
    try {
      // Deliveries ≈ events × (1 + DUPLICATES); one-time gifts send 2–3 events, monthly ones 2–4.
      const giftsFor = (deliveries: number) => Math.max(1, Math.round(deliveries / (1 + DUPLICATES) / 2.6));
      const warmupGifts = WARMUP > 0 ? giftsFor(WARMUP) : 0;
      const { projects, gifts } = await fixtures(sql, warmupGifts + giftsFor(DELIVERIES));
      const expectedByProject = new Map(projects.map((p) => [p, 0]));
      let expectedMovements = 0;
      const play = (some: Gift[], count: number) => {
        const events: Json[] = [];
        for (const gift of some) {
          const played = eventsFor(gift);
          events.push(...played.events);
          expectedByProject.set(gift.projectId, expectedByProject.get(gift.projectId)! + played.held);
          expectedMovements += played.movements;
        }
        const deliveries = [...events];
        while (deliveries.length < count) deliveries.push(events[Math.floor(random() * events.length)]!);
        for (let i = deliveries.length - 1; i > 0; i--) {
          const j = Math.floor(random() * (i + 1));
          [deliveries[i], deliveries[j]] = [deliveries[j]!, deliveries[i]!];
        }
        // Signed before the clock starts (the signature's timestamp is good for 5 minutes).
        const signed = deliveries.map((e) => {
          const body = JSON.stringify(e);
          return { body, signature: Stripe.webhooks.generateTestHeaderString({ payload: body, secret: WEBHOOK_SECRET }) };
        });
        return { events, signed };
      };
      const warmup = play(gifts.slice(0, warmupGifts), WARMUP);
      const { events: timedEvents, signed } = play(gifts.slice(warmupGifts), DELIVERIES);
      const events = [...warmup.events, ...timedEvents];

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
          STRIPE_SECRET_KEY: SECRET_KEY,
          STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
        },
        stdio: ["ignore", "ignore", "pipe"],
      });
      child.stderr?.on("data", (c: Buffer) => (stderr = (stderr + c.toString()).slice(-4000)));
      await waitForServer(base, child, () => stderr);

      console.log(
        `${signed.length} deliveries timed (${timedEvents.length} distinct events for ${gifts.length - warmupGifts} gifts on ${projects.length} projects, ` +
          `${signed.length - timedEvents.length} redeliveries) after ${warmup.signed.length} warm-up deliveries of other gifts; ` +
          `${CONCURRENCY} at a time, shuffled; NODE_ENV=production, request logging on`,
      );
      console.log(`machine: ${os.cpus()[0]?.model ?? "?"} × ${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GB RAM, Node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);

      const refused: { body: string; signature: string }[] = [];
      const deliverAll = async (list: { body: string; signature: string }[], onAnswer: (status: number, ms: number) => void) => {
        let next = 0;
        await Promise.all(
          Array.from({ length: CONCURRENCY }, async () => {
            while (next < list.length) {
              const delivery = list[next++]!;
              const res = await post(base, delivery.body, delivery.signature);
              onAnswer(res.status, res.ms);
              if (res.status !== 200) refused.push(delivery);
            }
          }),
        );
      };
      await deliverAll(warmup.signed, () => {});
      const times: number[] = [];
      const statuses = new Map<number, number>();
      const cpuBefore = cpuSnapshot(child.pid);
      const started = performance.now();
      await deliverAll(signed, (status, ms) => {
        times.push(ms);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      });
      const seconds = (performance.now() - started) / 1000;
      const cpuAfter = cpuSnapshot(child.pid);
      times.sort((a, b) => a - b);
      const rate = signed.length / seconds;
      console.log(`\n${rate.toFixed(0)} events/s (${signed.length} in ${seconds.toFixed(2)} s); latency p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms, p99 ${percentile(times, 99).toFixed(1)} ms, max ${times.at(-1)!.toFixed(1)} ms`);
      console.log(`answers: ${[...statuses].map(([s, n]) => `${n} × ${s}`).join(", ")}`);
      if (cpuBefore && cpuAfter) {
        const per = (key: keyof CpuSnapshot) => (cpuAfter[key] - cpuBefore[key]) / signed.length;
        const ours = per("server") + per("postgres") + per("client");
        const other = (cpuAfter.machine - cpuBefore.machine) / signed.length - ours;
        console.log(
          `CPU per event: server ${per("server").toFixed(2)} ms, PostgreSQL ${per("postgres").toFixed(2)} ms, client ${per("client").toFixed(2)} ms; ` +
            `other work on the machine meanwhile: ${((Math.max(0, other) * signed.length) / 1000 / seconds * 100).toFixed(0)}% of a CPU`,
        );
      }
      // As Stripe would: what was not answered 200 is delivered again (not timed).
      for (let round = 0; refused.length && round < 3; round++) {
        for (const delivery of refused.splice(0)) if ((await post(base, delivery.body, delivery.signature)).status !== 200) refused.push(delivery);
      }

      const [stored] = await sql<{ n: number; unprocessed: number; errors: number }[]>`
        select count(*)::int as n, count(*) filter (where processed_at is null)::int as unprocessed, count(*) filter (where last_error is not null)::int as errors from stripe_events`;
      const [movements] = await sql<{ n: number }[]>`select count(*)::int as n from contribution_events`;
      const funding = await sql<{ project_id: string; raised_minor: string }[]>`select project_id, raised_minor from project_funding where project_id in ${sql(projects)}`;
      const drift = await sql`select * from app_private.project_funding_drift()`;
      const wrongProjects = funding.filter((f) => Number(f.raised_minor) !== expectedByProject.get(f.project_id));
      checks = [
        { name: "every delivery answered 200 (after Stripe-style retries)", ok: refused.length === 0, detail: `${refused.length} still refused` },
        { name: "every event stored once", ok: stored!.n === events.length, detail: `${stored!.n} stored, ${events.length} distinct` },
        { name: "every event processed, none with an error", ok: stored!.unprocessed === 0 && stored!.errors === 0, detail: `${stored!.unprocessed} unprocessed, ${stored!.errors} with last_error` },
        { name: "one ledger movement per payment and refund", ok: movements!.n === expectedMovements, detail: `${movements!.n} movements, ${expectedMovements} expected` },
        { name: "each project's raised total = paid − refunded", ok: wrongProjects.length === 0 && funding.length === projects.length, detail: `${wrongProjects.length} of ${projects.length} projects differ` },
        { name: "totals reconcile with the ledger (project_funding_drift)", ok: drift.length === 0, detail: `${drift.length} projects drift` },
        { name: `at least ${TARGET} events/s`, ok: rate >= TARGET, detail: `${rate.toFixed(0)} events/s` },
      ];
    } finally {
      await sql.end({ timeout: 5 });
    }
    console.log("");
    for (const check of checks) {
      console.log(`${check.ok ? "ok  " : "FAIL"}  ${check.name}  (${check.detail})`);
      if (!check.ok) status = 1;
    }
  } finally {
    agent.destroy();
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child!.once("exit", r));
      child.kill("SIGTERM");
      await exited;
    }
    await embedded.stop();
  }
  process.exit(status);
}

await main();
