/**
 * What the page benchmarks share (perf:bench, perf:bench-jobs): keep-alive GETs timed by the
 * client on loopback, a fixed number of them sent N at a time, percentiles, and waiting for a
 * freshly started server's /healthz.
 */
import type { ChildProcess } from "node:child_process";
import http from "node:http";

export interface BenchResponse {
  status: number;
  body: Buffer;
  headers: http.IncomingHttpHeaders;
  ms: number;
}

/** A URL, or a function giving the next URL and its headers (e.g. another signed-in person each time). */
export type BenchTarget = string | (() => [string, Record<string, string>]);

export const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

export function httpBench(concurrency: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });

  function get(base: string, url: string, headers: Record<string, string> = {}): Promise<BenchResponse> {
    return new Promise((resolve, reject) => {
      const started = performance.now();
      const req = http.get(new URL(url, base), { agent, headers: { "accept-language": "en", ...headers } }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks), headers: res.headers, ms: performance.now() - started }));
        res.on("error", reject);
      });
      req.on("error", reject);
    });
  }

  /** `count` GETs of `target`, `concurrency` at a time: their times, sorted, and the non-200 statuses. */
  async function run(base: string, target: BenchTarget, count: number) {
    const times: number[] = [];
    const failures: string[] = [];
    let next = 0;
    const worker = async () => {
      while (next < count) {
        next++;
        const [url, headers] = typeof target === "string" ? [target, {}] : target();
        const res = await get(base, url, headers);
        if (res.status !== 200) failures.push(`${res.status}`);
        times.push(res.ms);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    return { times: times.sort((a, b) => a - b), failures };
  }

  async function waitForServer(base: string, child: ChildProcess, stderr: () => string) {
    const deadline = Date.now() + 90_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}):\n${stderr()}`);
      try {
        const res = await get(base, "/healthz");
        if (res.status === 200) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`the server did not answer /healthz within 90 s:\n${stderr()}`);
  }

  /** Closes the kept-alive sockets, so the process can end. */
  const close = () => agent.destroy();

  return { get, run, waitForServer, close };
}
