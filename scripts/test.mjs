#!/usr/bin/env node
// The whole test suite, in the order that fails fastest: setup (Chromium), typecheck, lint,
// build, vitest (unit + integration on the embedded PostgreSQL, some against the build), Playwright e2e.
// Prints each step's time and a closing "N passed, N failed" line for CI.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";

const steps = [
  { name: "setup", cmd: ["node", "scripts/setup.mjs"] },
  { name: "typecheck", cmd: ["npx", "tsc", "--noEmit"] },
  { name: "lint", cmd: ["npx", "eslint", ".", "--max-warnings", "0"] },
  { name: "build", cmd: ["npx", "remix", "build"] },
  {
    name: "unit+integration",
    cmd: ["npx", "vitest", "run", "--reporter=default", "--reporter=json", "--outputFile.json=test-results/vitest.json"],
    report: "test-results/vitest.json",
    count: (r) => ({ passed: r.numPassedTests, failed: r.numFailedTests + (r.numRuntimeErrorTestSuites ?? 0) }),
  },
  {
    name: "e2e",
    cmd: ["npx", "playwright", "test"],
    report: "test-results/e2e.json",
    count: (r) => ({ passed: r.stats.expected + r.stats.flaky, failed: r.stats.unexpected }),
  },
];

rmSync("test-results", { recursive: true, force: true });
mkdirSync("test-results", { recursive: true });
let passed = 0;
let failed = 0;
const timings = [];
const started = Date.now();
let ok = true;

for (const step of steps) {
  const t0 = Date.now();
  console.log(`\n▶ ${step.name}: ${step.cmd.join(" ")}`);
  const result = spawnSync(step.cmd[0], step.cmd.slice(1), { stdio: "inherit", env: { ...process.env, FORCE_COLOR: "0" } });
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  timings.push(`${step.name} ${seconds}s`);
  if (step.report && existsSync(step.report)) {
    const counts = step.count(JSON.parse(readFileSync(step.report, "utf8")));
    passed += counts.passed;
    failed += counts.failed;
  }
  if (result.status !== 0) {
    console.error(`\n✗ ${step.name} failed (exit ${result.status ?? result.signal})`);
    if (!step.report) failed += 1;
    ok = false;
    break;
  }
}

console.log(`\n${timings.join(" · ")} · total ${((Date.now() - started) / 1000).toFixed(1)}s`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(ok && failed === 0 ? 0 : 1);
