/**
 * npm run chaos [-- --seconds 16]: the graph as `npm start` runs it, on a data folder of its
 * own, under a load of the first query and a dashboard-shaped query (half public, half signed
 * in), while the evaluation subgraph is frozen (SIGSTOP) and the bases subgraph killed
 * (SIGKILL; the launcher starts it again), then both come back. Prints what the clients saw:
 * requests sent, answered whole, answered from the last good answer, answered in part (with
 * which errors), failed, hung past the timeout, and how long whole answers took to return.
 * Loopback only; bounded in time and requests. test/chaos.e2e.test.ts holds it to its goals.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FIRST_QUERY, signToken, tokenConfigFromEnv } from '@skills-sichuan/gateway';
import { Role } from '@skills-sichuan/runtime';
import { post } from './load';
import { DASHBOARD_SHAPED } from './bench/operations';
import { startStack } from './stack';

export interface ChaosFigures {
  seconds: number;
  timeoutMs: number;
  sent: number;
  whole: number;
  stale: number;
  partial: number;
  /** error codes (and the services they name) of the partial answers, with how many */
  partialErrors: Record<string, number>;
  failed: number;
  failures: string[];
  /** slower than the subgraph timeout + 100 ms */
  hung: number;
  slowestMs: number;
  /** from both subgraphs being back to the first whole signed-in answer, and to whole answers staying */
  recoveryMs: number;
  events: { at: number; what: string }[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runChaos(
  options: { seconds?: number; timeoutMs?: number; env?: Record<string, string>; postgresUrl?: string } = {},
): Promise<ChaosFigures> {
  const seconds = options.seconds ?? 16;
  const timeoutMs = options.timeoutMs ?? 1_000;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chaos-'));
  const stack = await startStack({
    dataDir,
    postgresUrl: options.postgresUrl,
    // the response cache off: it would answer the repeated reads from what it kept, and the failures
    // measured here are the graph's own (its breakers, timeouts and last good answers)
    env: { SUBGRAPH_TIMEOUT_MS: String(timeoutMs), RESPONSE_CACHE: 'false', ...options.env },
  });
  const token = await signToken(
    { role: Role.PROVINCIAL_ADMIN, sub: 'chaos' },
    tokenConfigFromEnv({ DEVELOPMENT: 'true', DATA_DIR: dataDir }),
    3_600,
  );
  const figures: ChaosFigures = {
    seconds,
    timeoutMs,
    sent: 0,
    whole: 0,
    stale: 0,
    partial: 0,
    partialErrors: {},
    failed: 0,
    failures: [],
    hung: 0,
    slowestMs: 0,
    recoveryMs: -1,
    events: [],
  };
  const started = performance.now();
  const now = () => Math.round(performance.now() - started);
  const event = (what: string) => figures.events.push({ at: now(), what });
  let back: number;
  let lastBroken = -1;
  let running = true;
  const requests = [FIRST_QUERY, DASHBOARD_SHAPED];
  const loops = Array.from({ length: 4 }, async (_, loop) => {
    // loops 0 and 1 public (answered from the last good answer while a part is down), 2 and 3 signed in
    const signedIn = loop >= 2;
    for (let i = 0; running && figures.sent < 50_000; i += 1) {
      const query = requests[(i + loop) % requests.length];
      const sentAt = performance.now();
      figures.sent += 1;
      try {
        const answer = await post(stack.gatewayUrl, query, signedIn ? token : undefined);
        const ms = performance.now() - sentAt;
        figures.slowestMs = Math.max(figures.slowestMs, Math.round(ms));
        if (ms > timeoutMs + 100) figures.hung += 1;
        const errors = answer.body.errors ?? [];
        if (answer.status === 200 && answer.body.data && errors.length === 0) {
          if (answer.body.extensions?.stale) figures.stale += 1;
          else figures.whole += 1;
          continue;
        }
        if (signedIn) lastBroken = performance.now();
        const unavailable = errors.every((e) => e.extensions?.code === 'SUBGRAPH_UNAVAILABLE');
        if (answer.status === 200 && answer.body.data && unavailable) {
          figures.partial += 1;
          for (const e of errors) {
            const key = `SUBGRAPH_UNAVAILABLE ${e.extensions?.service}`;
            figures.partialErrors[key] = (figures.partialErrors[key] ?? 0) + 1;
          }
          continue;
        }
        figures.failed += 1;
        if (figures.failures.length < 10) figures.failures.push(`${answer.status} ${JSON.stringify(errors).slice(0, 300)}`);
      } catch (err) {
        figures.failed += 1;
        if (figures.failures.length < 10) figures.failures.push(String(err));
        await sleep(10);
      }
    }
  });
  try {
    const phase = seconds * 1000;
    await sleep(phase * 0.2);
    process.kill(stack.pid('evaluation'), 'SIGSTOP');
    event('evaluation frozen (SIGSTOP)');
    await sleep(phase * 0.1);
    process.kill(stack.pid('bases'), 'SIGKILL');
    event('bases killed (SIGKILL)');
    await sleep(phase * 0.25);
    process.kill(stack.pid('evaluation'), 'SIGCONT');
    event('evaluation resumed (SIGCONT)');
    await stack.waitFor(/bases is back/, 60_000);
    event('bases back (restarted by the launcher)');
    back = performance.now();
    await sleep(Math.max(0, started + phase - performance.now()));
  } finally {
    running = false;
    await Promise.all(loops);
    await stack.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  // whole signed-in answers, for good, from the last broken one on
  figures.recoveryMs = lastBroken < back ? 0 : Math.round(lastBroken - back);
  return figures;
}

if (require.main === module) {
  const given = process.argv.indexOf('--seconds');
  const postgresUrl =
    process.env.BENCH_DATABASE === 'postgres'
      ? (process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres')
      : undefined;
  runChaos({ seconds: given > 0 ? Number(process.argv[given + 1]) : undefined, postgresUrl }).then(
    (figures) => {
      const out = process.stdout;
      out.write(`chaos: ${figures.seconds} s of load, subgraph timeout ${figures.timeoutMs} ms\n`);
      for (const e of figures.events) out.write(`  ${String(e.at).padStart(6)} ms  ${e.what}\n`);
      out.write(`requests sent             ${figures.sent}\n`);
      out.write(`answered whole            ${figures.whole}\n`);
      out.write(`answered from last good   ${figures.stale} (public reads, labelled in extensions.stale)\n`);
      out.write(`answered in part          ${figures.partial}\n`);
      for (const [error, n] of Object.entries(figures.partialErrors)) out.write(`    ${error}: ${n}\n`);
      out.write(`failed outright           ${figures.failed}\n`);
      for (const f of figures.failures) out.write(`    ${f}\n`);
      out.write(`hung past timeout+100 ms  ${figures.hung} (slowest ${figures.slowestMs} ms)\n`);
      out.write(`whole answers again       ${figures.recoveryMs} ms after both were back\n`);
      fs.mkdirSync('.bench', { recursive: true });
      fs.writeFileSync('.bench/chaos.json', `${JSON.stringify(figures, null, 2)}\n`);
    },
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exit(1);
    },
  );
}
