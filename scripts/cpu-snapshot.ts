/**
 * CPU used so far, from /proc (Linux), in milliseconds: by the server under test and its children,
 * by the benchmark's other children (PostgreSQL and its workers, reaped ones included), by the
 * benchmark itself, and by the whole machine. Two snapshots apart, divided by the requests or events
 * in between, are what each costs; what the machine used beyond those three is other work, which
 * makes the timings unreliable. Shared by perf:bench and perf:webhooks.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";

export interface CpuSnapshot {
  server: number;
  postgres: number;
  client: number;
  machine: number;
}
export function cpuSnapshot(serverPid: number | undefined): CpuSnapshot | undefined {
  if (!existsSync("/proc/stat") || serverPid === undefined) return undefined;
  const tick = 10; // ms per clock tick (USER_HZ = 100 on Linux)
  const processes = new Map<number, { parent: number; ticks: number }>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const fields = readFileSync(`/proc/${entry}/stat`, "utf8").split(") ")[1]!.split(" ");
      // utime + stime, plus cutime + cstime: the children it has reaped, such as PostgreSQL's
      // parallel query workers, which come and go within a query.
      const ticks = Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
      processes.set(Number(entry), { parent: Number(fields[1]), ticks });
    } catch {
      // exited meanwhile
    }
  }
  const under = (root: number) => {
    const tree = new Set([root]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const [pid, { parent }] of processes) {
        if (tree.has(parent) && !tree.has(pid)) {
          tree.add(pid);
          grew = true;
        }
      }
    }
    return tree;
  };
  const sum = (pids: Iterable<number>) => [...pids].reduce((total, pid) => total + (processes.get(pid)?.ticks ?? 0), 0) * tick;
  const server = under(serverPid);
  const ours = under(process.pid);
  const postgres = [...ours].filter((pid) => pid !== process.pid && !server.has(pid));
  const [, ...counters] = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).map(Number);
  const idle = (counters[3] ?? 0) + (counters[4] ?? 0);
  const machine = (counters.slice(0, 8).reduce((a, b) => a + b, 0) - idle) * tick;
  return { server: sum(server), postgres: sum(postgres), client: sum([process.pid]), machine };
}
