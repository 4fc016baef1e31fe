/**
 * npm run bench:security-checks — what the gateway's defences cost the first query, side
 * by side in one run on one graph (in-process, SQLite or BENCH_DATABASE=postgres, seed scale 1):
 *  - checked: operation limits and input hygiene on, as in service;
 *  - unchecked: a second gateway on the same subgraphs with those checks off;
 *  - signed in: the checked gateway with a bearer token (JWT verification) instead of PUBLIC.
 * Requests alternate between the three so machine noise falls on all alike. Medians and ratios.
 */
import fs from 'node:fs';
import path from 'node:path';
import { FIRST_QUERY, startGateway } from '@skills-sichuan/gateway';
import { DEFAULT_PROGRAM } from '@skills-sichuan/subgraph-kit';
import { startGraph, UNCACHED } from '../graph';
import { summary } from './measure';

process.env.LOG_LEVEL ??= 'warn';
const database = process.env.BENCH_DATABASE === 'postgres' ? 'postgres' : 'sqlite';

async function main() {
  const rounds = Number(process.env.BENCH_REQUESTS ?? 300);
  const graph = await startGraph({ program: DEFAULT_PROGRAM, database, env: UNCACHED });
  const unchecked = await startGateway({
    limits: null,
    ...graph.gatewayOptions(),
  });
  const token = await graph.tokenFor({ role: 'PROVINCIAL_ADMIN' as never, sub: 'bench' });
  const body = JSON.stringify({ query: FIRST_QUERY });
  const post = async (url: string, authorization?: string) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
      body,
    });
    const answer = (await response.json()) as { errors?: unknown };
    if (answer.errors) throw new Error(JSON.stringify(answer.errors));
  };
  const variants: [string, () => Promise<void>][] = [
    ['checked', () => post(graph.url)],
    ['unchecked', () => post(unchecked.url)],
    ['signedIn', () => post(graph.url, `Bearer ${token}`)],
  ];
  const times: Record<string, number[]> = { checked: [], unchecked: [], signedIn: [] };
  try {
    for (let i = 0; i < 30; i++) for (const [, run] of variants) await run();
    for (let i = 0; i < rounds; i++) {
      for (const [name, run] of variants) {
        const start = process.hrtime.bigint();
        await run();
        times[name].push(Number(process.hrtime.bigint() - start) / 1e6);
      }
    }
  } finally {
    await unchecked.stop();
    await graph.stop();
  }
  const result = {
    database,
    node: process.version,
    firstQueryMs: Object.fromEntries(Object.entries(times).map(([k, v]) => [k, summary(v)])),
    ratios: {
      checkedOverUnchecked: Math.round((summary(times.checked).median / summary(times.unchecked).median) * 1000) / 1000,
      signedInOverPublic: Math.round((summary(times.signedIn).median / summary(times.checked).median) * 1000) / 1000,
    },
  };
  fs.mkdirSync(path.resolve(__dirname, '../../../.bench'), { recursive: true });
  fs.writeFileSync(path.resolve(__dirname, `../../../.bench/security-checks-${database}.json`), `${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
