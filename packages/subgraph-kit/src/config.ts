import {
  ConfigError,
  envBoolean,
  envInt,
  envNumber,
  envOptional,
  envPort,
  envString,
  listenHostFromEnv,
  operationLimitsFromEnv,
  subgraphSideSecret,
  type OperationLimits,
} from '@skills-sichuan/runtime';
import { databaseFromEnv, type DatabaseTarget } from '@skills-sichuan/database';
import { DEFAULT_PROGRAM, type ProgramOptions } from './seed/options';
import type { NatsSettings } from './events/transports';

/** Everything a subgraph reads from its environment, read here once: the rest of the kit takes it as arguments. */
export interface SubgraphConfig {
  host: string;
  port: number;
  database: DatabaseTarget;
  /** a statement slower than this is logged as slow */
  slowQueryMs: number;
  /** PostgreSQL connections per process */
  poolMax: number;
  /** PostgreSQL cancels a statement running longer than this; the client is answered OPERATION_LIMIT_EXCEEDED */
  statementTimeoutMs: number;
  /** SQLite: once a request's statements have taken this long together, its further statements are refused */
  requestBudgetMs: number;
  /** the program an empty database is seeded with; false leaves it empty */
  program: ProgramOptions | false;
  /** shared with the gateway to sign identities (GATEWAY_SECRET; required unless DEVELOPMENT=true) */
  gatewaySecret: string;
  /** the gateway's GraphQL URL, where this subgraph reads other subgraphs' records */
  graphUrl: string;
  /** the gateway's operation limits (MAX_ALIASES …): this subgraph's reads of the graph stay under them */
  limits: OperationLimits;
  /** METRICS_TOKEN: when set, /metrics answers only that bearer */
  metricsToken?: string;
  /** how events reach other subgraphs: the gateway's router unless EVENT_BROKER names a NATS JetStream server */
  events: { broker?: NatsSettings };
}

/** EVENT_BROKER=nats://host:port (NATS with JetStream) and EVENT_STREAM (default SKILLS_EVENTS); unset, the embedded default. */
function brokerFromEnv(env: NodeJS.ProcessEnv): NatsSettings | undefined {
  const url = envOptional('EVENT_BROKER', env);
  if (url === undefined) return undefined;
  if (!/^nats:\/\/[^\s/]+$/.test(url))
    throw new ConfigError(`EVENT_BROKER=${url} must be a nats://host:port URL (leave it unset for the embedded default)`);
  const stream = envString('EVENT_STREAM', 'SKILLS_EVENTS', env);
  if (!/^[A-Z][A-Z0-9_]{0,40}$/.test(stream)) throw new ConfigError(`EVENT_STREAM=${stream} must be upper-case letters, digits and _`);
  return { url, stream };
}

/** A subgraph's configuration from the environment, with the embedded defaults; a bad value stops it at start-up. */
export function subgraphConfigFromEnv(name: string, defaultPort: number, env: NodeJS.ProcessEnv = process.env): SubgraphConfig {
  return {
    host: listenHostFromEnv(env),
    port: envPort('PORT', defaultPort, env),
    database: databaseFromEnv(name, env),
    slowQueryMs: envInt('SQL_SLOW_MS', 250, { min: 1, max: 600_000 }, env),
    poolMax: envInt('DATABASE_POOL_MAX', 10, { min: 1, max: 200 }, env),
    // five seconds: 30× the slowest count a client may ask for (155 ms over every training record)
    statementTimeoutMs: envInt('DATABASE_STATEMENT_TIMEOUT_MS', 5_000, { min: 1, max: 600_000 }, env),
    // the time MAX_COST stands for (the counts' @cost weights are derived from it); 0 lets each request one statement
    requestBudgetMs: envInt('DATABASE_REQUEST_BUDGET_MS', 2_000, { min: 0, max: 600_000 }, env),
    // a production database is never seeded with the made-up program unless SEED_ON_START=true says so
    program: !envBoolean('SEED_ON_START', env.NODE_ENV !== 'production', env)
      ? false
      : {
          seed: envInt('SEED', DEFAULT_PROGRAM.seed, { min: 0, max: 2 ** 31 - 1 }, env),
          scale: envNumber('SEED_SCALE', DEFAULT_PROGRAM.scale, { min: 0.01, max: 100 }, env),
        },
    gatewaySecret: subgraphSideSecret(name, env),
    graphUrl: envString('GATEWAY_URL', 'http://127.0.0.1:4000/graphql', env),
    limits: operationLimitsFromEnv(env),
    metricsToken: envOptional('METRICS_TOKEN', env),
    events: { broker: brokerFromEnv(env) },
  };
}
