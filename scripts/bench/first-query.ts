/**
 * npm run bench:first-query — the figures of the first issue, on this machine:
 *  - start-up to ready of `npm start`'s five processes: cold (empty data, migrate and seed)
 *    and warm (data already there), median of several runs;
 *  - the first query's latency through the running gateway at seed scale (sequential);
 *  - SQL statements per request in each subgraph.
 * BENCH_DATABASE=postgres runs the same on PostgreSQL (database skills_bench, recreated).
 * Writes .bench/first-query-<database>.json.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { FIRST_QUERY } from '@skills-sichuan/gateway';
import { DEFAULT_PROGRAM } from '@skills-sichuan/subgraph-kit';
import { DEFAULT_POSTGRES_URL, sqlDuring, startGraph, UNCACHED } from '../graph';
import { median, summary, timeSequential } from './measure';

const ROOT = path.resolve(__dirname, '../../..');
process.env.LOG_LEVEL ??= 'warn';
const database = process.env.BENCH_DATABASE === 'postgres' ? 'postgres' : 'sqlite';
const POSTGRES_BENCH_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/skills_bench';
const GATEWAY = 'http://127.0.0.1:4000/graphql';

async function recreatePostgresDatabase() {
  const admin = new DataSource({ type: 'postgres', url: DEFAULT_POSTGRES_URL });
  await admin.initialize();
  const name = new URL(POSTGRES_BENCH_URL).pathname.slice(1);
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.destroy();
}

/** Runs `npm start`'s launcher until it prints that the graph is ready; returns the time to ready and a stop(). */
function launch(dataDir: string): Promise<{ readyMs: number; stop: () => Promise<number> }> {
  const env = {
    ...process.env,
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    ...(database === 'postgres' ? { DATABASE_URL: POSTGRES_BENCH_URL } : {}),
  };
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, [path.join(ROOT, 'scripts/dist/start.js')], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('graph ready in')) {
        const readyMs = Number(process.hrtime.bigint() - started) / 1e6;
        output = '';
        resolve({
          readyMs,
          stop: () =>
            new Promise((done) => {
              const stopping = process.hrtime.bigint();
              child.once('exit', () => done(Number(process.hrtime.bigint() - stopping) / 1e6));
              child.kill('SIGINT');
            }),
        });
      }
    });
    child.once('exit', (code) => reject(new Error(`launcher exited (${code}) before ready:\n${output}`)));
  });
}

async function firstQuery() {
  const response = await fetch(GATEWAY, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: FIRST_QUERY }),
  });
  const body = (await response.json()) as { errors?: unknown };
  if (response.status !== 200 || body.errors) throw new Error(`first query failed: ${JSON.stringify(body)}`);
}

async function main() {
  const runs = Number(process.env.BENCH_STARTS ?? 3);
  const requests = Number(process.env.BENCH_REQUESTS ?? 300);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'skills-bench-'));
  try {
    if (database === 'postgres') await recreatePostgresDatabase();
    const cold = await launch(dataDir);
    const coldStopMs = await cold.stop();
    const warm: number[] = [];
    const stops: number[] = [coldStopMs];
    for (let i = 0; i < runs - 1; i++) {
      const run = await launch(dataDir);
      warm.push(run.readyMs);
      stops.push(await run.stop());
    }
    const running = await launch(dataDir);
    warm.push(running.readyMs);
    const latency = summary(await timeSequential(requests, 30, firstQuery));
    stops.push(await running.stop());

    // SQL statements per request, counted in-process on a graph seeded the same way
    const graph = await startGraph({ program: DEFAULT_PROGRAM, database, env: UNCACHED });
    const sql = await sqlDuring(graph, () => graph.query(FIRST_QUERY));
    await graph.stop();

    const result = {
      database,
      seed: DEFAULT_PROGRAM,
      node: process.version,
      cpus: os.cpus().length,
      startupMs: { coldWithSeeding: Math.round(cold.readyMs), warmMedian: Math.round(median(warm)), warm: warm.map(Math.round) },
      stopMsMedian: Math.round(median(stops)),
      firstQueryLatencyMs: latency,
      sqlStatementsPerRequest: sql,
    };
    fs.mkdirSync(path.join(ROOT, '.bench'), { recursive: true });
    fs.writeFileSync(path.join(ROOT, `.bench/first-query-${database}.json`), `${JSON.stringify(result, null, 2)}\n`);
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
