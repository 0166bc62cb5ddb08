import { readFileSync, readdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** CPU time (s) of one process from /proc/<pid>/stat; undefined once it is gone. */
function cpuSeconds(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND; // utime + stime
  } catch {
    return undefined;
  }
}

function statusField(pid: number, field: 'VmRSS' | 'VmHWM'): number | undefined {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** The process and its descendants (PostgreSQL's backends are children of the postmaster). */
export function processTree(root: number): number[] {
  const parents = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = parents.get(ppid) ?? [];
      list.push(Number(entry));
      parents.set(ppid, list);
    } catch {
      // gone meanwhile
    }
  }
  const out = [root];
  for (let i = 0; i < out.length; i++) out.push(...(parents.get(out[i]) ?? []));
  return out;
}

export interface ProcessUsage {
  name: string;
  /** Average CPU over the window, in % of one core. */
  cpuPercent: number;
  /** Peak resident memory (VmHWM; for a process tree, the sum of its members' peaks — shared memory counted per process). */
  peakRssMb: number;
}

/** Measures CPU and peak RSS of named processes (with `tree`, their descendants too) over a window. */
export class UsageWindow {
  private readonly start = new Map<string, { cpu: number; at: number }>();

  constructor(private readonly processes: Array<{ name: string; pid: number; tree?: boolean }>) {
    const at = Date.now();
    for (const p of processes) this.start.set(p.name, { cpu: this.cpu(p), at });
  }

  finish(): ProcessUsage[] {
    const at = Date.now();
    return this.processes.map((p) => {
      const begin = this.start.get(p.name)!;
      const pids = p.tree ? processTree(p.pid) : [p.pid];
      const peak = pids.reduce((sum, pid) => sum + (statusField(pid, 'VmHWM') ?? 0), 0);
      return {
        name: p.name,
        cpuPercent: round(((this.cpu(p) - begin.cpu) / ((at - begin.at) / 1000)) * 100, 1),
        peakRssMb: round(peak / 2 ** 20, 1),
      };
    });
  }

  private cpu(p: { pid: number; tree?: boolean }): number {
    const pids = p.tree ? processTree(p.pid) : [p.pid];
    return pids.reduce((sum, pid) => sum + (cpuSeconds(pid) ?? 0), 0);
  }
}

export function rssMb(pid: number): number {
  return round((statusField(pid, 'VmRSS') ?? 0) / 2 ** 20, 1);
}

export function machine() {
  const list = cpus();
  return {
    cpu: list[0]?.model ?? 'unknown',
    cores: list.length,
    loadAverage: loadavg().map((l) => round(l, 2)),
    node: process.version,
  };
}

export function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export function summarize(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { count: sorted.length, p50: round(percentile(sorted, 50)), p95: round(percentile(sorted, 95)), p99: round(percentile(sorted, 99)), max: round(sorted[sorted.length - 1] ?? NaN) };
}
