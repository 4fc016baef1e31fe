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
