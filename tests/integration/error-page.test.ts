import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { pino } from "pino";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { parseEnv } from "../../app/config/env.server";
import { createDbClient, setDbClient } from "../../app/db/client.server";
import { createApp } from "../../server/app";
import { setupTestDatabase } from "../support/db";

const db = setupTestDatabase();
const buildPath = path.resolve("build/index.js");

// The real Remix build in production mode, with a database that has gone away: the page must be
// the translated error page with status 500, never a stack trace or the driver's message.
describe("error page", () => {
  beforeAll(() => {
    if (!existsSync(buildPath)) {
      const result = spawnSync("npx", ["remix", "build"], { stdio: "inherit" });
      if (result.status !== 0) throw new Error("remix build failed");
    }
  }, 120_000);

  it("renders a translated 500 page when a loader fails", async () => {
    const build = (await import(pathToFileURL(buildPath).href)) as ServerBuild;
    const broken = createDbClient(db().url, { max: 1 });
    await broken.close();
    setDbClient(broken);
    // The server logs the failure through console.error; that is expected here.
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const env = parseEnv({ NODE_ENV: "production", SESSION_SECRET: "s".repeat(40), COOKIE_SECURE: "false" });
    const app = createApp({ env, build, db: broken, logger: pino({ level: "silent" }) });
    const server = app.listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const response = await fetch(`${base}/lgus?lng=es`);
      expect(response.status).toBe(500);
      const html = await response.text();
      expect(html).toContain('lang="es"');
      expect(html).toContain("Algo salió mal");
      expect(html).not.toMatch(/\bat .*\.(js|ts):\d+/);
      expect(html).not.toContain("CONNECTION_ENDED");
      expect(logged).toHaveBeenCalled();
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
