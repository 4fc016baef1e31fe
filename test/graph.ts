/**
 * The whole graph for end-to-end tests: the four subgraphs and the gateway in this
 * process, each on a free port, talking real HTTP, each subgraph on its own fresh
 * database — SQLite in memory, or a fresh PostgreSQL schema when TEST_DATABASE=postgres.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { startGateway, SCHEMA_DIR } from '@skills-sichuan/gateway';
import { createLogger, DEFAULT_PROGRAM, startSubgraph, type DatabaseTarget, type ProgramOptions, type RunningService, type RunningSubgraph } from '@skills-sichuan/kit';
import { SUBGRAPHS } from '../scripts/subgraphs';

/** A small program: every kind of record, seeded in well under a second. */
export const TEST_PROGRAM: ProgramOptions = { seed: DEFAULT_PROGRAM.seed, scale: 0.05 };

export const usingPostgres = process.env.TEST_DATABASE === 'postgres';
const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export type SubgraphName = 'brands' | 'bases' | 'training' | 'evaluation';

export interface GraphResponse<T = Record<string, any>> {
  status: number;
  headers: Headers;
  body: { data?: T | null; errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[] };
}

export interface Graph {
  /** the gateway's GraphQL endpoint */
  url: string;
  gateway: RunningService;
  subgraphs: Record<SubgraphName, RunningSubgraph>;
  query<T = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<GraphResponse<T>>;
  /** SQL statements each subgraph has sent so far */
  sqlStatements(): Record<SubgraphName, number>;
  stop(): Promise<void>;
}

function databaseFor(name: string, runId: string): DatabaseTarget {
  return usingPostgres ? { kind: 'postgres', url: POSTGRES_URL, schema: `t${runId}_${name}` } : { kind: 'sqlite', file: ':memory:' };
}

async function dropSchemas(schemas: string[]) {
  const admin = new DataSource({ type: 'postgres', url: POSTGRES_URL });
  await admin.initialize();
  try {
    for (const schema of schemas) await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await admin.destroy();
  }
}

export async function startGraph(options: { program?: ProgramOptions } = {}): Promise<Graph> {
  const runId = randomBytes(4).toString('hex');
  const program = options.program ?? TEST_PROGRAM;
  const started: RunningSubgraph[] = [];
  try {
    for (const definition of SUBGRAPHS) {
      started.push(await startSubgraph(definition, { database: databaseFor(definition.name, runId), program, log: createLogger(definition.name) }));
    }
  } catch (err) {
    await Promise.all(started.map((s) => s.stop()));
    throw err;
  }
  const subgraphs = Object.fromEntries(started.map((s) => [s.name, s])) as Record<SubgraphName, RunningSubgraph>;
  const gateway = await startGateway({
    supergraphSdl: fs.readFileSync(path.join(SCHEMA_DIR, 'supergraph.graphql'), 'utf8'),
    subgraphUrls: Object.fromEntries(started.map((s) => [s.name, s.url])),
    log: createLogger('gateway'),
  });

  return {
    url: gateway.url,
    gateway,
    subgraphs,
    async query(query, variables) {
      const response = await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
      return { status: response.status, headers: response.headers, body: await response.json() };
    },
    sqlStatements() {
      return Object.fromEntries(started.map((s) => [s.name, s.sql.count])) as Record<SubgraphName, number>;
    },
    async stop() {
      await gateway.stop();
      await Promise.all(started.map((s) => s.stop()));
      if (usingPostgres) await dropSchemas(started.map((s) => `t${runId}_${s.name}`));
    },
  };
}

/** The SQL statements each subgraph sent while `action` ran. */
export async function sqlDuring(graph: Graph, action: () => Promise<unknown>): Promise<Record<SubgraphName, number>> {
  const before = graph.sqlStatements();
  await action();
  const after = graph.sqlStatements();
  return Object.fromEntries(Object.entries(after).map(([name, n]) => [name, n - before[name as SubgraphName]])) as Record<SubgraphName, number>;
}
