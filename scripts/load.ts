/** A load a client would send, and what it saw: for end-to-end tests and benchmarks. */
import type { Json } from './graph';

export async function post(url: string, query: string, token?: string, variables?: Record<string, unknown>) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return {
    status: response.status,
    body: (await response.json()) as { data?: Json; errors?: { message: string; extensions?: Json }[]; extensions?: Json },
  };
}

export interface LoadResult {
  sent: number;
  /** answered 200 with data and no error */
  whole: number;
  /** the first failures, as the client saw them (at most 10 kept) */
  failed: { status: number; errors?: unknown }[];
  failures: number;
  /** the slowest answer, ms */
  slowestMs: number;
}

/**
 * Requests sent without pause from `concurrency` loops, each picking the next of `requests`,
 * until stop(): what a client would have seen, counted. `judge` says whether an answer is
 * acceptable (by default: whole).
 */
export function loadLoop(
  requests: { url: string; query: string; token?: string }[],
  options: {
    concurrency?: number;
    maxRequests?: number;
    judge?: (answer: Awaited<ReturnType<typeof post>>, index: number) => boolean;
  } = {},
) {
  const result: LoadResult = { sent: 0, whole: 0, failed: [], failures: 0, slowestMs: 0 };
  // bounded: a loop that only meets instant failures must not run a test machine out of memory
  const maxRequests = options.maxRequests ?? 20_000;
  const fail = (failure: { status: number; errors?: unknown }) => {
    result.failures += 1;
    if (result.failed.length < 10) result.failed.push(failure);
  };
  let running = true;
  const judge = options.judge ?? ((answer) => answer.status === 200 && !answer.body.errors && answer.body.data != null);
  const loops = Array.from({ length: options.concurrency ?? 4 }, async (_, loop) => {
    for (let i = loop; running && result.sent < maxRequests; i += 1) {
      const index = i % requests.length;
      const { url, query, token } = requests[index];
      const started = performance.now();
      result.sent += 1;
      try {
        const answer = await post(url, query, token);
        result.slowestMs = Math.max(result.slowestMs, performance.now() - started);
        if (answer.status === 200 && !answer.body.errors) result.whole += 1;
        if (!judge(answer, index)) fail({ status: answer.status, errors: answer.body.errors });
      } catch (err) {
        fail({ status: 0, errors: String(err) });
        await new Promise((r) => setTimeout(r, 10));
      }
    }
  });
  return {
    result,
    async stop(): Promise<LoadResult> {
      running = false;
      await Promise.all(loops);
      return result;
    },
  };
}

/** Polls until `ready()` is true, and answers how long that took. */
export async function timeUntil(ready: () => Promise<boolean>, withinMs: number): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < withinMs) {
    if (await ready()) return performance.now() - started;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`not ready within ${withinMs} ms`);
}
