/**
 * npm run bench — this gateway, a stock @apollo/gateway and Hive Gateway, side by side in one run,
 * on the same four subgraphs (npm start's processes, seeded at SEED_SCALE, default 1) and the same
 * supergraph. For each operation: the answers compared (they must be identical), then
 * BENCH_ROUNDS (3) interleaved rounds of a closed loop of 20 connections for BENCH_SECONDS (5)
 * each — requests per second, and CPU ms per request of each process read from /proc (gateway
 * and each subgraph), subgraph fetches and SQL statements per request from the subgraphs'
 * /metrics — then an open loop at a fixed rate (half the slowest gateway's median throughput) for
 * p50/p95/p99. Medians of the rounds; RSS after. BENCH_DATABASE=postgres runs the subgraphs on
 * PostgreSQL. Its peers live in bench/ (their own npm project, installed here on first use).
 * Writes .bench/peers-<database>.json and prints the tables.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { FIRST_QUERY } from '@skills-sichuan/gateway';
import { gatewaySideSecret } from '@skills-sichuan/runtime';
import { DEFAULT_POSTGRES_URL } from '../graph';
import { freePort, SERVICES, startStack, type ServiceName, type Stack } from '../stack';
import { cpuMs, median, percentile, processTree } from './measure';
import {
  asTheDashboardSends,
  CONNECTIONS,
  DASHBOARD_SHAPED,
  dashboardIds,
  dashboardOperations,
  ONE_SUBGRAPH,
  post,
  type BenchRequest,
  type Operation,
} from './operations';

const ROOT = path.resolve(__dirname, '../../..');
const BENCH = path.join(ROOT, 'bench');
const database = process.env.BENCH_DATABASE === 'postgres' ? 'postgres' : 'sqlite';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const SUBGRAPHS = SERVICES.filter((s): s is Exclude<ServiceName, 'gateway'> => s !== 'gateway');

// ---- the gateways ---------------------------------------------------------------------------

interface Gateway {
  name: string;
  url: string;
  /** the processes whose CPU and memory are the gateway's (a forking gateway's workers included) */
  pid: () => number;
  stop: () => Promise<void>;
  /** what its process printed last */
  log?: () => string;
  /** this project's gateway: it takes the dashboard's operations by hash */
  ours?: boolean;
  /** sent with every request (ours uncached: `Cache-Control: no-cache`) */
  headers?: Record<string, string>;
}

const OURS = 'this gateway';
const OURS_CACHED = 'this gateway, cached';
const STOCK = 'stock @apollo/gateway';
const HIVE = 'Hive Gateway';

function spawnGateway(name: string, command: string, args: string[], env: NodeJS.ProcessEnv, cwd: string, port: number): Promise<Gateway> {
  const child: ChildProcess = spawn(command, args, { cwd, env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  for (const stream of [child.stdout!, child.stderr!]) readline.createInterface({ input: stream }).on('line', (line) => lines.push(line));
  const url = `http://127.0.0.1:${port}/graphql`;
  const gateway: Gateway = {
    name,
    url,
    pid: () => child.pid!,
    log: () => lines.slice(-30).join('\n'),
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    },
  };
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + 60_000;
    const poll = async () => {
      if (child.exitCode !== null) return reject(new Error(`${name} exited (${child.exitCode}):\n${lines.slice(-20).join('\n')}`));
      try {
        const answer = await post(url, { query: '{ __typename }' });
        if (answer.status === 200) return resolve(gateway);
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) return reject(new Error(`${name} did not answer within 60 s:\n${lines.slice(-20).join('\n')}`));
      setTimeout(poll, 250);
    };
    void poll();
  });
}

/** the request an operation is to one gateway: ours takes the dashboard's by hash, as the dashboard sends them */
function requestFor(gateway: Gateway, operation: Operation): BenchRequest {
  const headers = gateway.headers ?? {};
  if (gateway.ours && operation.dashboard) {
    const request = asTheDashboardSends(operation);
    return { ...request, headers: { ...headers, ...request.headers } };
  }
  return { body: { query: operation.query, variables: operation.variables ?? {} }, headers };
}

// ---- what the processes spent ---------------------------------------------------------------

function rssMb(pid: number): number {
  let kb = 0;
  for (const p of processTree(pid)) {
    try {
      kb += Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      // gone
    }
  }
  return Math.round(kb / 1024);
}

/** fetches answered and SQL statements sent by one subgraph so far, from its /metrics */
async function subgraphCounts(stack: Stack, subgraph: string): Promise<{ fetches: number; statements: number }> {
  const text = await new Promise<string>((resolve, reject) => {
    http
      .get(stack.urls[subgraph as ServiceName].replace('/graphql', '/metrics'), (response) => {
        let body = '';
        response.on('data', (chunk) => (body += chunk));
        response.on('end', () => resolve(body));
      })
      .on('error', reject);
  });
  const sum = (metric: string) =>
    text
      .split('\n')
      .filter((line) => line.startsWith(`${metric}{`) || line.startsWith(`${metric} `))
      .reduce((n, line) => n + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
  return { fetches: sum('graphql_requests_total'), statements: sum('sql_statement_duration_seconds_count') };
}

// ---- the loads ------------------------------------------------------------------------------

/** CONNECTIONS requests in flight for `seconds`: how many completed, and whether every one was a 200 without errors */
async function closedLoop(url: string, request: BenchRequest, seconds: number) {
  const until = performance.now() + seconds * 1000;
  let completed = 0;
  let failed = 0;
  const worker = async () => {
    while (performance.now() < until) {
      const answer = await post(url, request.body, request.headers);
      if (answer.status !== 200 || answer.text.includes('"errors"')) failed += 1;
      completed += 1;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: CONNECTIONS }, worker));
  return { completed, failed, elapsedMs: performance.now() - started };
}

/** requests sent at `rate` per second whatever the answers' pace (an open loop): each one's latency in ms */
async function openLoop(url: string, request: BenchRequest, rate: number, seconds: number) {
  const latencies: number[] = [];
  const total = Math.max(1, Math.round(rate * seconds));
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const sent = performance.now();
    inFlight.push(post(url, request.body, request.headers).then(() => void latencies.push(performance.now() - sent)));
  }
  await Promise.all(inFlight);
  return latencies;
}

// ---- the run --------------------------------------------------------------------------------

interface RoundResult {
  rps: number;
  cpuMsPerRequest: Record<string, number>;
  fetchesPerRequest: Record<string, number>;
  statementsPerRequest: Record<string, number>;
  failed: number;
}

function ensurePeersInstalled() {
  if (fs.existsSync(path.join(BENCH, 'node_modules', '.bin', 'hive-gateway'))) return;
  process.stdout.write('installing the peers (bench/, npm ci) …\n');
  const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: BENCH, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('npm ci in bench/ failed');
}

const round2 = (n: number) => Math.round(n * 100) / 100;

async function main() {
  ensurePeersInstalled();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'skills-bench-'));
  const seedScale = process.env.SEED_SCALE ?? '1';
  process.stdout.write(`starting the graph at seed scale ${seedScale} on ${database} …\n`);
  const stack = await startStack({
    dataDir,
    env: { SEED_SCALE: seedScale, LOG_LEVEL: 'warn' },
    readyMs: 600_000,
    postgresUrl: database === 'postgres' ? (process.env.BENCH_DATABASE_URL ?? DEFAULT_POSTGRES_URL) : undefined,
  });
  const gateways: Gateway[] = [];
  try {
    // the development stack's secrets, as npm start derives them from DATA_DIR/secrets.json
    const secretOf = (subgraph: string) => gatewaySideSecret(subgraph, { DEVELOPMENT: 'true', DATA_DIR: dataDir });
    // one supergraph for all three, its routing URLs the running subgraphs'
    let supergraph = fs.readFileSync(path.join(ROOT, 'schema', 'supergraph.graphql'), 'utf8');
    for (const subgraph of SUBGRAPHS)
      supergraph = supergraph.replace(
        new RegExp(`(${subgraph.toUpperCase()} @join__graph\\(name: "${subgraph}", url: ")[^"]+`),
        `$1${stack.urls[subgraph]}`,
      );
    const supergraphFile = path.join(dataDir, 'supergraph.graphql');
    fs.writeFileSync(supergraphFile, supergraph);

    // ours twice, one process: asked afresh each time (uncached), and as clients ask (cached where the hints allow)
    const ours = { url: stack.gatewayUrl, pid: () => stack.pid('gateway'), stop: async () => undefined, ours: true };
    gateways.push({ ...ours, name: OURS, headers: { 'cache-control': 'no-cache' } }, { ...ours, name: OURS_CACHED });
    const stockPort = await freePort();
    gateways.push(
      await spawnGateway(
        STOCK,
        process.execPath,
        [path.join(ROOT, 'scripts', 'dist', 'bench', 'stock-gateway.js')],
        {
          PORT: String(stockPort),
          SUPERGRAPH_FILE: supergraphFile,
          NODE_ENV: 'production',
          ...Object.fromEntries(SUBGRAPHS.map((s) => [`SUBGRAPH_${s.toUpperCase()}_SECRET`, secretOf(s)])),
        },
        ROOT,
        stockPort,
      ),
    );
    const hivePort = await freePort();
    gateways.push(
      await spawnGateway(
        HIVE,
        path.join(BENCH, 'node_modules', '.bin', 'hive-gateway'),
        ['supergraph', supergraphFile, '--port', String(hivePort), '--host', '127.0.0.1'],
        {
          NODE_ENV: 'production',
          SUPERGRAPH_FILE: supergraphFile,
          BENCH_SUBGRAPHS: JSON.stringify(SUBGRAPHS.map((s) => [stack.urls[s], { name: s, secret: secretOf(s) }])),
        },
        path.join(BENCH, 'hive'),
        hivePort,
      ),
    );

    const operations: Operation[] = [
      { name: 'first query', query: FIRST_QUERY },
      { name: 'one subgraph (brands)', query: ONE_SUBGRAPH },
      { name: 'dashboard-shaped', query: DASHBOARD_SHAPED },
      ...dashboardOperations(await dashboardIds(stack.gatewayUrl)),
    ];

    // identical answers first: a faster wrong answer is no answer
    const identical: Record<string, boolean> = {};
    for (const operation of operations) {
      const answers = await Promise.all(
        gateways.map(async (g) => {
          const { body, headers } = requestFor(g, operation);
          const { status, text } = await post(g.url, body, headers);
          const parsed = JSON.parse(text) as { data?: unknown; errors?: unknown };
          if (status !== 200 || parsed.errors)
            throw new Error(`${g.name} answered ${operation.name} with ${status}: ${text.slice(0, 500)}\n${g.log?.() ?? ''}`);
          return JSON.stringify(parsed.data);
        }),
      );
      identical[operation.name] = answers.every((a) => a === answers[0]);
      if (!identical[operation.name]) process.stdout.write(`!! ${operation.name}: the gateways' answers differ\n`);
    }

    const pids = (g: Gateway): Record<string, number> => ({
      gateway: g.pid(),
      ...Object.fromEntries(SUBGRAPHS.map((s) => [s, stack.pid(s)])),
    });
    const results: Record<string, Record<string, RoundResult[]>> = {};
    const latency: Record<string, Record<string, { rate: number; p50: number; p95: number; p99: number }[]>> = {};
    for (const operation of operations) {
      results[operation.name] = Object.fromEntries(gateways.map((g) => [g.name, []]));
      latency[operation.name] = Object.fromEntries(gateways.map((g) => [g.name, []]));
      // warm each gateway's plans and caches for this operation
      for (const g of gateways) await closedLoop(g.url, requestFor(g, operation), 1);
    }
    for (let round = 0; round < ROUNDS; round++) {
      for (const operation of operations) {
        // interleaved, the order turned each round: no gateway always runs on the warmest machine
        const order = gateways.map((_, i) => gateways[(i + round) % gateways.length]);
        for (const g of order) {
          const processes = pids(g);
          const cpuBefore = Object.fromEntries(Object.entries(processes).map(([name, pid]) => [name, cpuMs(pid)]));
          const countsBefore = Object.fromEntries(await Promise.all(SUBGRAPHS.map(async (s) => [s, await subgraphCounts(stack, s)])));
          const run = await closedLoop(g.url, requestFor(g, operation), SECONDS);
          const cpuAfter = Object.fromEntries(Object.entries(processes).map(([name, pid]) => [name, cpuMs(pid)]));
          const countsAfter = Object.fromEntries(await Promise.all(SUBGRAPHS.map(async (s) => [s, await subgraphCounts(stack, s)])));
          const cpuMsPerRequest = Object.fromEntries(
            Object.keys(processes).map((name) => [name, round2((cpuAfter[name] - cpuBefore[name]) / run.completed)]),
          );
          cpuMsPerRequest.whole = round2(Object.values(cpuMsPerRequest).reduce((a, b) => a + b, 0));
          results[operation.name][g.name].push({
            rps: round2((run.completed / run.elapsedMs) * 1000),
            cpuMsPerRequest,
            fetchesPerRequest: Object.fromEntries(
              SUBGRAPHS.map((s) => [s, round2((countsAfter[s].fetches - countsBefore[s].fetches) / run.completed)]),
            ),
            statementsPerRequest: Object.fromEntries(
              SUBGRAPHS.map((s) => [s, round2((countsAfter[s].statements - countsBefore[s].statements) / run.completed)]),
            ),
            failed: run.failed,
          });
          process.stdout.write(
            `round ${round + 1} ${operation.name} · ${g.name}: ${round2((run.completed / run.elapsedMs) * 1000)} req/s, gateway ${cpuMsPerRequest.gateway} ms CPU/req, whole ${cpuMsPerRequest.whole}\n`,
          );
        }
      }
    }
    // latency at a fixed rate: half what the slowest gateway sustained, the same rate for all
    for (let round = 0; round < ROUNDS; round++) {
      for (const operation of operations) {
        const rate = Math.max(
          1,
          Math.floor(0.5 * Math.min(...gateways.map((g) => median(results[operation.name][g.name].map((r) => r.rps))))),
        );
        const order = gateways.map((_, i) => gateways[(i + round) % gateways.length]);
        for (const g of order) {
          const latencies = await openLoop(g.url, requestFor(g, operation), rate, SECONDS);
          latency[operation.name][g.name].push({
            rate,
            p50: round2(percentile(latencies, 50)),
            p95: round2(percentile(latencies, 95)),
            p99: round2(percentile(latencies, 99)),
          });
        }
      }
    }

    const summary = Object.fromEntries(
      operations.map((operation) => [
        operation.name,
        Object.fromEntries(
          gateways.map((g) => {
            const rounds = results[operation.name][g.name];
            const med = (pick: (r: RoundResult) => number) => round2(median(rounds.map(pick)));
            const lat = latency[operation.name][g.name];
            return [
              g.name,
              {
                rps: med((r) => r.rps),
                cpuMsPerRequest: Object.fromEntries(
                  Object.keys(rounds[0].cpuMsPerRequest).map((k) => [k, med((r) => r.cpuMsPerRequest[k])]),
                ),
                fetchesPerRequest: Object.fromEntries(SUBGRAPHS.map((s) => [s, med((r) => r.fetchesPerRequest[s])])),
                statementsPerRequest: Object.fromEntries(SUBGRAPHS.map((s) => [s, med((r) => r.statementsPerRequest[s])])),
                failed: rounds.reduce((n, r) => n + r.failed, 0),
                latencyMs: {
                  rate: lat[0]?.rate,
                  p50: round2(median(lat.map((l) => l.p50))),
                  p95: round2(median(lat.map((l) => l.p95))),
                  p99: round2(median(lat.map((l) => l.p99))),
                },
              },
            ];
          }),
        ),
      ]),
    );
    const rss = Object.fromEntries(gateways.map((g) => [g.name, rssMb(g.pid())]));
    const result = {
      database,
      seedScale: Number(seedScale),
      node: process.version,
      cpus: os.cpus().length,
      rounds: ROUNDS,
      seconds: SECONDS,
      connections: CONNECTIONS,
      identical,
      gatewayRssMb: rss,
      summary,
    };
    fs.mkdirSync(path.join(ROOT, '.bench'), { recursive: true });
    fs.writeFileSync(path.join(ROOT, `.bench/peers-${database}.json`), `${JSON.stringify(result, null, 2)}\n`);
    process.stdout.write(
      `\n${tables(result.summary, identical)}\nGateway RSS after the runs: ${gateways.map((g) => `${g.name} ${rss[g.name]} MB`).join(', ')}\n`,
    );
  } finally {
    for (const g of gateways) await g.stop();
    await stack.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

type Summary = Record<
  string,
  Record<
    string,
    {
      rps: number;
      cpuMsPerRequest: Record<string, number>;
      fetchesPerRequest: Record<string, number>;
      statementsPerRequest: Record<string, number>;
      failed: number;
      latencyMs: { rate: number; p50: number; p95: number; p99: number };
    }
  >
>;

function tables(summary: Summary, identical: Record<string, boolean>): string {
  const out: string[] = [];
  for (const [operation, byGateway] of Object.entries(summary)) {
    out.push(`### ${operation}${identical[operation] ? ' (identical answers)' : ' (ANSWERS DIFFER)'}`, '');
    out.push(
      '| gateway | req/s | p50 / p95 / p99 ms at a fixed rate | gateway CPU ms/req | whole graph CPU ms/req | subgraph fetches/req | SQL statements/req |',
    );
    out.push('|---|---|---|---|---|---|---|');
    for (const [gateway, r] of Object.entries(byGateway)) {
      const parts = SUBGRAPHS.filter((s) => r.cpuMsPerRequest[s] > 0)
        .map((s) => `${s} ${r.cpuMsPerRequest[s]}`)
        .join(', ');
      const fetches = SUBGRAPHS.filter((s) => r.fetchesPerRequest[s] > 0)
        .map((s) => `${s} ${r.fetchesPerRequest[s]}`)
        .join(', ');
      const statements = SUBGRAPHS.filter((s) => r.statementsPerRequest[s] > 0)
        .map((s) => `${s} ${r.statementsPerRequest[s]}`)
        .join(', ');
      out.push(
        `| ${gateway} | ${r.rps} | ${r.latencyMs.p50} / ${r.latencyMs.p95} / ${r.latencyMs.p99} (${r.latencyMs.rate}/s) | ${r.cpuMsPerRequest.gateway} | ${r.cpuMsPerRequest.whole} (${parts}) | ${fetches} | ${statements} |`,
      );
    }
    const cpu = (name: string) => byGateway[name]?.cpuMsPerRequest.gateway;
    const ratio = (a: number | undefined, b: number | undefined) => (a && b ? `${round2(a / b)}×` : '–');
    out.push(
      '',
      `gateway CPU per request, uncached: stock / ours ${ratio(cpu(STOCK), cpu(OURS))}, Hive / ours ${ratio(cpu(HIVE), cpu(OURS))}; ` +
        `cached: stock / ours ${ratio(cpu(STOCK), cpu(OURS_CACHED))}`,
      '',
    );
  }
  return out.join('\n');
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
