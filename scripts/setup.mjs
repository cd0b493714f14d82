#!/usr/bin/env node
// Installs what npm cannot: Debian's Chromium for the Playwright end-to-end tests (browser
// downloads are blocked here, and Debian's build is the one we test against). Idempotent.
// Usage: node scripts/setup.mjs [--no-browser]
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const wantBrowser = !process.argv.includes("--no-browser");

function run(command, args) {
  console.log(`setup: ${command} ${args.join(" ")}`);
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed with exit code ${result.status}`);
}

const [major] = process.versions.node.split(".").map(Number);
if (major < 20) {
  console.error(`setup: Tulay needs Node.js 20 or newer (this is ${process.versions.node}).`);
  process.exit(1);
}

if (wantBrowser && !existsSync(CHROMIUM)) {
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  const hasApt = spawnSync("sh", ["-c", "command -v apt-get"], { stdio: "ignore" }).status === 0;
  if (isRoot && hasApt) {
    run("apt-get", ["update", "-qq"]);
    run("apt-get", ["install", "-y", "-qq", "--no-install-recommends", "chromium", "fonts-noto-core"]);
  } else {
    console.error(
      `setup: the end-to-end tests need Chromium at ${CHROMIUM}. Install it with ` +
        `"sudo apt-get install -y chromium" (or set CHROMIUM_PATH to a Chromium binary) and run again.`,
    );
    process.exit(1);
  }
}

if (wantBrowser) {
  const version = execFileSync(CHROMIUM, ["--version"], { encoding: "utf8" }).trim();
  console.log(`setup: ${version}`);
}
console.log("setup: ok");
