/**
 * npm run bench:training-progress — progress queries over the plan's ~330,000 person-times
 * (seed scale 1), in-process graph (four subgraphs and the gateway on free ports, no
 * shared ports), sequential requests through the gateway: median and p95 per query, and
 * the time the training subgraph took to seed.
 * BENCH_DATABASE=postgres runs the same on PostgreSQL. Writes .bench/training-progress-<database>.json.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_PROGRAM } from '@skills-sichuan/subgraph-kit';
import { startGraph, UNCACHED } from '../graph';
import { summary, timeSequential } from './measure';

const ROOT = path.resolve(__dirname, '../../..');
process.env.LOG_LEVEL ??= 'warn';
const database = process.env.BENCH_DATABASE === 'postgres' ? 'postgres' : 'sqlite';

const QUERIES: Record<string, string> = {
  brandProgress: `{ brand(code: "CONSTRUCTION_WORKER") { trainingProgress { personTimes target ratio byYear { year personTimes } byCity { city { code name } personTimes } } } }`,
  brandProgressYearCity: `{ brand(code: "NEW_FARMER") { trainingProgress(year: 2024, cityCode: "510100") { personTimes ratio byYear { year personTimes } } } }`,
  everyBrandProgress: `{ brands { code trainingProgress { personTimes target ratio byYear { year personTimes } } } }`,
  basesPersonTimes: `{ brand(code: "TECHNICIAN") { bases { name personTimes in2025: personTimes(year: 2025) } } }`,
};

async function main() {
  const requests = Number(process.env.BENCH_REQUESTS ?? 200);
  const started = Date.now();
  const graph = await startGraph({ program: DEFAULT_PROGRAM, database, env: UNCACHED });
  const startupMs = Date.now() - started;
  try {
    const [{ n: records }] = await graph.subgraphs.training.db.query('SELECT COUNT(*) AS n FROM training_record');
    const latencyMs: Record<string, ReturnType<typeof summary>> = {};
    for (const [name, query] of Object.entries(QUERIES)) {
      latencyMs[name] = summary(
        await timeSequential(requests, 20, async () => {
          const { body } = await graph.query(query);
          if (body.errors) throw new Error(`${name} failed: ${JSON.stringify(body.errors)}`);
        }),
      );
    }
    const result = {
      database,
      seed: DEFAULT_PROGRAM,
      node: process.version,
      cpus: os.cpus().length,
      records: Number(records),
      graphStartWithSeedingMs: startupMs,
      latencyMs,
    };
    fs.mkdirSync(path.join(ROOT, '.bench'), { recursive: true });
    fs.writeFileSync(path.join(ROOT, `.bench/training-progress-${database}.json`), `${JSON.stringify(result, null, 2)}\n`);
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await graph.stop();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
