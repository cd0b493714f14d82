#!/usr/bin/env node
// `npm run demo`: the production build (compiled, minified assets) on the embedded PostgreSQL with
// demo data, at http://localhost:3000, for trying the portal on one's own machine. The server runs
// in development mode so the dev mailbox (/dev/mailbox) shows the emails a newcomer needs — sign-up
// confirmations, resets, invitations — since no SMTP is configured; HSTS is off (plain http on
// localhost). A session secret is made once for this machine and kept in .data/ (never in the repo).
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { SERVER_NODE_FLAGS } from "../server/node-flags.mjs";

const step = (cmd, args) => {
  const result = spawnSync(cmd, args, { stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

step("node", ["scripts/setup.mjs", "--no-browser"]);
step("npx", ["remix", "build"]);

mkdirSync(".data", { recursive: true });
const secretFile = ".data/session-secret";
if (!existsSync(secretFile)) writeFileSync(secretFile, randomBytes(32).toString("hex"), { mode: 0o600 });

// One node process (tsx as a loader, no npx/sh layers), so signals reach the server directly.
const server = spawn(process.execPath, [...SERVER_NODE_FLAGS, "--import", "tsx", "server/index.ts"], {
  stdio: "inherit",
  env: {
    NODE_ENV: "development",
    COOKIE_SECURE: "false",
    SESSION_SECRET: readFileSync(secretFile, "utf8").trim(),
    ...process.env,
  },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
