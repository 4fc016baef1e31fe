/**
 * npm run bench:seed — the program seeded from empty at SEED_SCALE (default 10: the plan's
 * ~3.3 million person-times) as `npm start` seeds it: five processes, each subgraph its own
 * database, seeding side by side. Prints each subgraph's seeding time (from its log), the time
 * until the graph is ready, and the databases' size; then the dashboard's operations as the
 * dashboard sends them, BENCH_RUNS (30) times each one after another and asked afresh
 * (`Cache-Control: no-cache`): p50/p95 ms. BENCH_DATABASE=postgres seeds PostgreSQL.
 * Writes .bench/seed-<database>.json.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { DEFAULT_POSTGRES_URL } from '../graph';
import { SERVICES, startStack } from '../stack';
import { percentile } from './measure';
import { asTheDashboardSends, dashboardIds, dashboardOperations, post } from './operations';

const ROOT = path.resolve(__dirname, '../../..');
const database = process.env.BENCH_DATABASE === 'postgres' ? 'postgres' : 'sqlite';
const scale = process.env.SEED_SCALE ?? '10';
const runs = Number(process.env.BENCH_RUNS ?? 30);

/** bytes under a folder: the SQLite files and their write-ahead logs */
function folderBytes(folder: string): number {
  let bytes = 0;
  for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
    const at = path.join(folder, entry.name);
    bytes += entry.isDirectory() ? folderBytes(at) : fs.statSync(at).size;
  }
  return bytes;
}

async function postgresBytes(url: string): Promise<number> {
  const db = new DataSource({ type: 'postgres', url });
  await db.initialize();
  try {
    const [{ bytes }] = (await db.query('SELECT pg_database_size(current_database()) AS bytes')) as { bytes: string }[];
    return Number(bytes);
  } finally {
    await db.destroy();
  }
}

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'skills-seed-'));
  process.stdout.write(`seeding the program at scale ${scale} on ${database} …\n`);
  const started = Date.now();
  const stack = await startStack({
    dataDir,
    env: { SEED_SCALE: scale, LOG_LEVEL: 'info' },
    readyMs: 30 * 60_000,
    postgresUrl: database === 'postgres' ? (process.env.BENCH_DATABASE_URL ?? DEFAULT_POSTGRES_URL) : undefined,
  });
  try {
    const readyS = (Date.now() - started) / 1000;
    // each subgraph logs its seeding: `<time> training   info  seeded an empty database with the program {…"ms":123456}`
    const seededMs = Object.fromEntries(
      SERVICES.filter((s) => s !== 'gateway').map((service) => {
        const line = stack.lines.find((l) => l.includes(` ${service} `) && l.includes('seeded an empty database'));
        return [service, line ? Number(/"ms":(\d+)/.exec(line)?.[1]) : Number.NaN];
      }),
    );
    const bytes = stack.databaseUrl ? await postgresBytes(stack.databaseUrl) : folderBytes(dataDir);

    const latencyMs: Record<string, { p50: number; p95: number }> = {};
    for (const operation of dashboardOperations(await dashboardIds(stack.gatewayUrl))) {
      const { body, headers } = asTheDashboardSends(operation);
      const times: number[] = [];
      for (let i = 0; i < runs + 2; i++) {
        const sent = performance.now();
        const answer = await post(stack.gatewayUrl, body, { ...headers, 'cache-control': 'no-cache' });
        if (answer.status !== 200 || answer.text.includes('"errors"'))
          throw new Error(`${operation.name} answered ${answer.status}: ${answer.text.slice(0, 500)}`);
        // the first two plan and warm; the rest are timed
        if (i >= 2) times.push(performance.now() - sent);
      }
      latencyMs[operation.name] = { p50: Math.round(percentile(times, 50)), p95: Math.round(percentile(times, 95)) };
    }

    const result = { database, scale: Number(scale), readyS, seededMs, megabytes: Math.round(bytes / 2 ** 20), runs, latencyMs };
    fs.mkdirSync(path.join(ROOT, '.bench'), { recursive: true });
    fs.writeFileSync(path.join(ROOT, `.bench/seed-${database}.json`), `${JSON.stringify(result, null, 2)}\n`);
    process.stdout.write(`\nseed scale ${scale}, ${database}: graph ready in ${readyS.toFixed(1)} s, ${result.megabytes} MB on disk\n`);
    for (const [service, ms] of Object.entries(seededMs))
      process.stdout.write(`  ${service.padEnd(10)} seeded in ${(ms / 1000).toFixed(1)} s\n`);
    process.stdout.write(`\n| dashboard operation | p50 ms | p95 ms |\n|---|---|---|\n`);
    for (const [name, { p50, p95 }] of Object.entries(latencyMs)) process.stdout.write(`| ${name} | ${p50} | ${p95} |\n`);
  } finally {
    await stack.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
