import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import type { ServerBuild } from "@remix-run/node";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { createApp } from "../../server/app";
import { parseEnv } from "../../app/config/env.server";
import { createDbClient, type DbClient } from "../../app/db/client.server";
import { setupTestDatabase } from "../support/db";

const db = setupTestDatabase();

// /healthz and the headers live in Express, before Remix; the Remix build is never reached here.
async function serve(env: Record<string, string>, client: DbClient) {
  const app = createApp({ env: parseEnv(env), build: {} as ServerBuild, db: client, logger: pino({ level: "silent" }) });
  const server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, close: () => new Promise((resolve) => server.close(resolve)) };
}

describe("/healthz", () => {
  it("answers 200 when the database answers", async () => {
    const { base, close } = await serve({}, db().client);
    try {
      const response = await fetch(`${base}/healthz`);
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ status: "ok", database: "ok" });
    } finally {
      await close();
    }
  });

  it("answers 503 when the database does not", async () => {
    const broken = createDbClient(db().url, { max: 1 });
    await broken.close();
    const { base, close } = await serve({}, broken);
    try {
      const response = await fetch(`${base}/healthz`);
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ status: "error", database: "unavailable" });
    } finally {
      await close();
    }
  });
});

describe("security headers", () => {
  it("send a fresh CSP nonce per response, deny framing, and HSTS only in production", async () => {
    const dev = await serve({}, db().client);
    const prod = await serve({ NODE_ENV: "production", SESSION_SECRET: "s".repeat(40) }, db().client);
    try {
      const a = await fetch(`${dev.base}/healthz`);
      const b = await fetch(`${dev.base}/healthz`);
      const nonce = (r: Response) => /'nonce-([^']+)'/.exec(r.headers.get("content-security-policy") ?? "")?.[1];
      expect(nonce(a)).toBeTruthy();
      expect(nonce(a)).not.toBe(nonce(b));
      expect(a.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
      expect(a.headers.get("strict-transport-security")).toBeNull();
      const p = await fetch(`${prod.base}/healthz`);
      expect(p.headers.get("strict-transport-security")).toMatch(/max-age=\d+/);
      expect(p.headers.get("x-powered-by")).toBeNull();
    } finally {
      await dev.close();
      await prod.close();
    }
  });

  it("let forms lead to Stripe's hosted pages only when card gifts are on (and to a fake of Stripe's API when pointed at one)", async () => {
    const keys = { STRIPE_SECRET_KEY: "sk_test_51Habcdefgh", STRIPE_WEBHOOK_SECRET: "whsec_abcdefghij" };
    const none = await serve({}, db().client);
    const stripe = await serve(keys, db().client);
    const fake = await serve({ ...keys, STRIPE_API_HOST: "127.0.0.1", STRIPE_API_PORT: "12111", STRIPE_API_PROTOCOL: "http" }, db().client);
    const formAction = async (base: string) => /form-action ([^;]*)/.exec((await fetch(`${base}/healthz`)).headers.get("content-security-policy") ?? "")?.[1];
    try {
      expect(await formAction(none.base)).toBe("'self'");
      expect(await formAction(stripe.base)).toBe("'self' https://checkout.stripe.com https://connect.stripe.com");
      expect(await formAction(fake.base)).toBe("'self' https://checkout.stripe.com https://connect.stripe.com http://127.0.0.1:12111");
    } finally {
      await none.close();
      await stripe.close();
      await fake.close();
    }
  });
});

describe("start-up failures", () => {
  const start = (env: Record<string, string>) =>
    spawnSync(process.execPath, ["--import", "tsx", "server/index.ts"], {
      env: { ...process.env, NODE_ENV: "development", LOG_LEVEL: "info", ...env },
      encoding: "utf8",
      timeout: 60_000,
    });

  it("stop on a malformed variable with a message naming it", () => {
    const result = start({ PORT: "eighty" });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("PORT");
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("stop with a clear sentence when the database cannot start", () => {
    const parent = mkdtempSync(path.join(os.tmpdir(), "tulay-bad-pg-"));
    chmodSync(parent, 0o755);
    const dir = path.join(parent, "pg");
    mkdirSync(dir);
    writeFileSync(path.join(dir, "PG_VERSION"), "15\n");
    const result = start({ EMBEDDED_PG_DIR: dir, DATABASE_URL: "" });
    expect(result.status).toBe(1);
    const output = result.stdout + result.stderr;
    expect(output).toContain("made by PostgreSQL 15");
    expect(output).not.toMatch(/\n\s+at /);
  });
});

describe("the embedded default, end to end", () => {
  it("starts, migrates, seeds, serves /healthz and stops its PostgreSQL on SIGTERM", async () => {
    const { spawn } = await import("node:child_process");
    const { existsSync } = await import("node:fs");
    const { freePort } = await import("../../app/db/embedded-postgres.server");
    const parent = mkdtempSync(path.join(os.tmpdir(), "tulay-start-"));
    chmodSync(parent, 0o755);
    const dataDir = path.join(parent, "pg");
    const port = await freePort();
    const child = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
      env: { ...process.env, NODE_ENV: "development", PORT: String(port), EMBEDDED_PG_DIR: dataDir, DATABASE_URL: "", LOG_LEVEL: "info" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
    try {
      let healthy = false;
      for (let i = 0; i < 100 && !healthy; i++) {
        await new Promise((r) => setTimeout(r, 200));
        healthy = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok).catch(() => false);
      }
      expect(healthy, output).toBe(true);
      expect(output).toContain("demo data loaded");
      expect(existsSync(path.join(dataDir, "postmaster.pid"))).toBe(true);
    } finally {
      child.kill("SIGTERM");
    }
    expect(await exited).toBe(0);
    expect(output).toContain("stopped");
    // PostgreSQL removes its pid file when it has shut down cleanly.
    expect(existsSync(path.join(dataDir, "postmaster.pid"))).toBe(false);
  }, 60_000);
});
