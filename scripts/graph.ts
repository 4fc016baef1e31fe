/**
 * The whole graph in one process, for end-to-end tests and benchmarks: the four
 * subgraphs and the gateway, each on a free port, talking real HTTP, each subgraph on its
 * own fresh database — SQLite in memory, or a fresh PostgreSQL schema dropped at stop().
 */
import { randomBytes } from 'node:crypto';
import { DataSource, IsNull } from 'typeorm';
import { gatewayConfigFromEnv, signToken, startGateway, type GatewayOptions, type RunningGateway } from '@skills-sichuan/gateway';
import { createLogger, Viewer, type ViewerClaims } from '@skills-sichuan/runtime';
import {
  DEFAULT_PROGRAM,
  backgroundTransaction,
  OutboxEvent,
  startSubgraph,
  subgraphConfigFromEnv,
  type DatabaseTarget,
  type ProgramOptions,
  type RunningSubgraph,
} from '@skills-sichuan/subgraph-kit';
import { SUBGRAPHS } from './subgraphs';

export type DatabaseKind = 'sqlite' | 'postgres';
export const DEFAULT_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export type SubgraphName = 'brands' | 'bases' | 'training' | 'evaluation';

/** an answer's JSON as JSON.parse gives it: a test reads whichever fields its query asked for */
export type Json = ReturnType<typeof JSON.parse>;

export interface GraphResponse<T = Record<string, Json>> {
  status: number;
  headers: Headers;
  body: { data?: T | null; errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, Json> }[] };
}

/** The secrets one graph was started with: random, in memory, never written anywhere. */
export interface GraphSecrets {
  jwt: string;
  /** the secret the gateway shares with one subgraph (SUBGRAPH_<NAME>_SECRET at the gateway, GATEWAY_SECRET at the subgraph) */
  subgraph(name: string): string;
  /** PARTNER_SECRET_ROOT: the partners' secrets are derived from it */
  partnerRoot: string;
}

const randomSecret = () => randomBytes(32).toString('hex');

// The training subgraph's vault is one per process and reads its key from the environment
// on first use (personal-data.ts): a test process gets a random key of its own.
process.env.TRAINEE_DATA_KEY ??= randomSecret();
// and so does the bases subgraph's, for the history of organisations' contacts (contact-history-vault.ts)
process.env.CONTACT_DATA_KEY ??= randomSecret();

export interface Graph {
  /** the gateway's GraphQL endpoint */
  url: string;
  gateway: RunningGateway;
  subgraphs: Record<SubgraphName, RunningSubgraph>;
  secrets: GraphSecrets;
  /** what another gateway over these subgraphs needs: this graph's tokens, its subgraphs' secrets and URLs, its partners' root; its own store in memory */
  gatewayOptions(): GatewayOptions;
  /** a GraphQL request through the gateway, as PUBLIC or as the viewer given */
  query<T = Record<string, Json>>(query: string, variables?: Record<string, unknown>, as?: ViewerClaims): Promise<GraphResponse<T>>;
  /** a bearer token for a viewer, as `npm run token` issues it */
  tokenFor(claims: ViewerClaims): Promise<string>;
  /** SQL statements each subgraph has sent so far */
  sqlStatements(): Record<SubgraphName, number>;
  /** resolves once every subgraph's outbox is delivered: what one subgraph recorded, the others have applied */
  eventsSettled(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export interface GraphOptions {
  program?: ProgramOptions;
  database?: DatabaseKind;
  postgresUrl?: string;
  /** environment variables over process.env for this graph's configuration (MAX_ALIASES …): the gateway and the subgraphs read the same */
  env?: Record<string, string>;
  /** the gateway's own database; in memory unless given (two replicas share one) */
  gatewayStore?: DatabaseTarget;
}

/** A gateway store nobody else sees, gone at stop. */
/** the graph with its response cache off: what a read costs every time (tests, and the benches of uncached reads) */
export const UNCACHED = { RESPONSE_CACHE: 'false' } as const;

export const MEMORY_STORE: DatabaseTarget = { kind: 'sqlite', file: ':memory:' };

export async function dropSchemas(url: string, schemas: string[]) {
  const admin = new DataSource({ type: 'postgres', url });
  await admin.initialize();
  try {
    for (const schema of schemas) await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await admin.destroy();
  }
}

export async function startGraph(options: GraphOptions = {}): Promise<Graph> {
  const env = { ...process.env, ...options.env };
  const runId = randomBytes(4).toString('hex');
  const program = options.program ?? DEFAULT_PROGRAM;
  const postgresUrl = options.postgresUrl ?? DEFAULT_POSTGRES_URL;
  const usingPostgres = options.database === 'postgres';
  const databaseFor = (name: string): DatabaseTarget =>
    usingPostgres ? { kind: 'postgres', url: postgresUrl, schema: `t${runId}_${name}` } : { kind: 'sqlite', file: ':memory:' };
  const subgraphSecrets = new Map(SUBGRAPHS.map(({ name }) => [name, randomSecret()]));
  const secrets: GraphSecrets = {
    jwt: randomSecret(),
    partnerRoot: randomSecret(),
    subgraph(name) {
      const secret = subgraphSecrets.get(name);
      if (!secret) throw new Error(`no subgraph ${name} in this graph`);
      return secret;
    },
  };
  const started: RunningSubgraph[] = [];
  let gatewayUrl = '';
  try {
    for (const definition of SUBGRAPHS) {
      started.push(
        await startSubgraph(definition, {
          ...subgraphConfigFromEnv(definition.name, 0, { ...env, GATEWAY_SECRET: secrets.subgraph(definition.name) }),
          database: databaseFor(definition.name),
          program,
          log: createLogger(definition.name),
          graphUrl: () => gatewayUrl,
        }),
      );
    }
  } catch (err) {
    await Promise.all(started.map((s) => s.stop()));
    throw err;
  }
  const gatewayConfig = gatewayConfigFromEnv(
    { ...env, JWT_SECRET: env.JWT_JWKS_URL ? undefined : secrets.jwt },
    {
      subgraphSecret: (name) => secrets.subgraph(name),
      partners: {
        pollMs: Number(env.PARTNER_POLL_MS ?? 250),
        defaultTimeoutMs: Number(env.PARTNER_TIMEOUT_MS ?? 3_000),
        allowHttp: false,
        secretRoot: secrets.partnerRoot,
      },
    },
  );
  const token = gatewayConfig.token;
  const tokenFor = (claims: ViewerClaims) => {
    const viewer = Viewer.fromClaims({ sub: `test-${claims.role.toLowerCase()}`, ...claims });
    return signToken({ ...viewer.toClaims(), sub: viewer.subject! }, token, 600);
  };
  const subgraphs = Object.fromEntries(started.map((s) => [s.name, s])) as Record<SubgraphName, RunningSubgraph>;
  const gatewayOptions = (): GatewayOptions => ({
    subgraphUrls: Object.fromEntries(started.map((s) => [s.name, s.url])),
    log: createLogger('gateway'),
    token,
    subgraphSecret: gatewayConfig.subgraphSecret,
    limits: gatewayConfig.limits,
    partners: gatewayConfig.partners,
    subgraphTimeoutMs: gatewayConfig.subgraphTimeoutMs,
    responseCache: gatewayConfig.responseCache,
    store: MEMORY_STORE,
  });
  let gateway: RunningGateway;
  try {
    gateway = await startGateway({ ...gatewayOptions(), store: options.gatewayStore ?? MEMORY_STORE });
  } catch (err) {
    await Promise.all(started.map((s) => s.stop()));
    throw err;
  }
  gatewayUrl = gateway.url;
  const eventsSettled = async (timeoutMs = 30_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await Promise.all(started.map((s) => s.relay.drain()));
      // a count the database refuses a moment (a tiny statement timeout) counts as pending
      const pending = await Promise.all(
        started.map((s) =>
          backgroundTransaction(s.db, (m) => m.getRepository(OutboxEvent).countBy({ publishedAt: IsNull() })).catch(() => 1),
        ),
      );
      if (pending.every((n) => n === 0)) return;
      if (Date.now() > deadline) throw new Error(`events still undelivered after ${timeoutMs} ms: ${pending.join(', ')}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  // the seeded program's events (the dishonesty list, the roster's decisions) reach every subgraph before a test begins
  await eventsSettled();

  return {
    url: gateway.url,
    gateway,
    subgraphs,
    secrets,
    gatewayOptions,
    eventsSettled,
    tokenFor,
    async query<T>(query: string, variables?: Record<string, unknown>, as?: ViewerClaims): Promise<GraphResponse<T>> {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (as) headers.authorization = `Bearer ${await tokenFor(as)}`;
      const response = await fetch(gateway.url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
      return { status: response.status, headers: response.headers, body: (await response.json()) as GraphResponse<T>['body'] };
    },
    sqlStatements() {
      return Object.fromEntries(started.map((s) => [s.name, s.sql.count])) as Record<SubgraphName, number>;
    },
    async stop() {
      await gateway.stop();
      await Promise.all(started.map((s) => s.stop()));
      if (usingPostgres)
        await dropSchemas(
          postgresUrl,
          started.map((s) => `t${runId}_${s.name}`),
        );
    },
  };
}

/** The SQL statements each subgraph sent while `action` ran. */
export async function sqlDuring(graph: Graph, action: () => Promise<unknown>): Promise<Record<SubgraphName, number>> {
  const before = graph.sqlStatements();
  await action();
  const after = graph.sqlStatements();
  return Object.fromEntries(Object.entries(after).map(([name, n]) => [name, n - before[name as SubgraphName]])) as Record<
    SubgraphName,
    number
  >;
}

/** a metric summed over all its label sets, from a service's /metrics text (Prometheus' exposition format) */
export function metricTotal(text: string, metric: string): number {
  return text
    .split('\n')
    .filter((line) => line.startsWith(`${metric}{`) || line.startsWith(`${metric} `))
    .reduce((n, line) => n + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}

/** the fetches each subgraph answered during `action`: its /metrics' GraphQL requests, every operation and outcome */
export async function fetchesDuring(graph: Graph, action: () => Promise<unknown>): Promise<Record<SubgraphName, number>> {
  const answered = async () =>
    Object.fromEntries(
      await Promise.all(
        Object.entries(graph.subgraphs).map(async ([name, subgraph]) => {
          const text = await (await fetch(new URL('/metrics', subgraph.url))).text();
          return [name, metricTotal(text, 'graphql_requests_total')] as const;
        }),
      ),
    ) as Record<SubgraphName, number>;
  const before = await answered();
  await action();
  const after = await answered();
  return Object.fromEntries(Object.entries(after).map(([name, n]) => [name, n - before[name as SubgraphName]])) as Record<
    SubgraphName,
    number
  >;
}

/**
 * The fewest statements of two runs of `action`, per subgraph: a statement of the background (a pooled
 * PostgreSQL connection opened, a relay's delivery on a loaded machine) falls into one run, not both.
 */
export async function fewestSqlDuring(graph: Graph, action: () => Promise<unknown>): Promise<Record<SubgraphName, number>> {
  const [a, b] = [await sqlDuring(graph, action), await sqlDuring(graph, action)];
  return Object.fromEntries(Object.entries(a).map(([name, n]) => [name, Math.min(n, b[name as SubgraphName])])) as Record<
    SubgraphName,
    number
  >;
}
