import fs from 'node:fs';

/** Small statistics for benchmarks: the machine is shared and noisy, so medians and percentiles, never means. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export const median = (values: number[]) => percentile(values, 50);

export function summary(values: number[]): { n: number; median: number; p95: number; min: number; max: number } {
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    n: values.length,
    median: round(median(values)),
    p95: round(percentile(values, 95)),
    min: round(Math.min(...values)),
    max: round(Math.max(...values)),
  };
}

/** Times `count` sequential runs of `action` after `warmup` untimed ones, in milliseconds. */
export async function timeSequential(count: number, warmup: number, action: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await action();
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = process.hrtime.bigint();
    await action();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return times;
}

const TICK_MS = 1000 / 100; // /proc counts CPU in clock ticks, 100 per second on Linux

/** a process and its descendants (a forking gateway's workers, PostgreSQL's backends under its postmaster) */
export function processTree(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    } catch {
      // gone
    }
  }
  const all: number[] = [];
  const visit = (p: number) => {
    all.push(p);
    for (const c of children.get(p) ?? []) visit(c);
  };
  visit(pid);
  return all;
}

/** the CPU a process and its descendants have spent: utime + stime, in ms */
export function cpuMs(pid: number): number {
  let ticks = 0;
  for (const p of processTree(pid)) {
    try {
      const fields = fs.readFileSync(`/proc/${p}/stat`, 'utf8');
      const after = fields.slice(fields.lastIndexOf(')') + 2).split(' ');
      ticks += Number(after[11]) + Number(after[12]); // utime, stime
    } catch {
      // gone
    }
  }
  return ticks * TICK_MS;
}
