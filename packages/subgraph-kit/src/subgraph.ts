import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import type { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { envBoolean, envInt, envPort, envString, envNumber, ErrorCode, maskInternalErrors, subgraphSideSecret, verifyViewerHeaders, createLogger, type Logger, errorLogging, requestIdOnErrors, serve, stopOnSignals, type RunningService } from '@skills-sichuan/runtime';
import { createRequestContext, type RequestContext } from './context';
import { createDataSource, databaseFromEnv, describeTarget, openDatabase, SqlStatementCounter, type DatabaseTarget } from './data-source';
import { GraphClient } from './graph-client';
import { buildFederatedSchema, type FederatedSchemaOptions } from './federation';
import { DEFAULT_PROGRAM, type ProgramOptions } from './seed/options';
import { ProgramSeed, CreateProgramSeed1700000000000 } from './seed-state';

/** Everything that makes one subgraph; the kit does the rest the same way for all four. */
export interface SubgraphDefinition {
  name: string;
  defaultPort: number;
  entities: Function[];
  /** TypeORM migrations, oldest first: the only way its schema changes */
  migrations: Function[];
  schema: FederatedSchemaOptions;
  /** generates this subgraph's records of the program from its options and writes them; runs once, in one transaction, on an empty database */
  seed(manager: EntityManager, options: ProgramOptions, log: Logger): Promise<void>;
}

export interface SubgraphOptions {
  host?: string;
  port?: number;
  database?: DatabaseTarget;
  /** the program to seed an empty database with; false leaves it empty */
  program?: ProgramOptions | false;
  log?: Logger;
  /** shared with the gateway to sign identities; default GATEWAY_SECRET (derived outside production) */
  gatewaySecret?: string;
  /** the gateway's GraphQL URL, for reads of other subgraphs' data; default GATEWAY_URL or http://127.0.0.1:4000/graphql */
  graphUrl?: () => string;
}

export interface RunningSubgraph extends RunningService {
  readonly db: DataSource;
  /** SQL statements sent so far */
  readonly sql: SqlStatementCounter;
}

const schemas = new WeakMap<SubgraphDefinition, Promise<GraphQLSchema>>();

/** The subgraph's federated schema, built once per process. */
export function subgraphSchema(definition: SubgraphDefinition): Promise<GraphQLSchema> {
  let schema = schemas.get(definition);
  if (!schema) {
    schema = buildFederatedSchema(definition.schema);
    schemas.set(definition, schema);
  }
  return schema;
}

/** Inserts rows in statements sized under both SQLite's and PostgreSQL's bound-parameter limits. */
export async function insertMany<T extends ObjectLiteral>(manager: EntityManager, entity: EntityTarget<T>, rows: Iterable<T>): Promise<number> {
  const columns = manager.connection.getMetadata(entity).columns.length;
  const size = Math.max(1, Math.floor(30_000 / columns));
  let batch: T[] = [];
  let count = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    await manager.createQueryBuilder().insert().into(entity).values(batch as never).updateEntity(false).execute();
    count += batch.length;
    batch = [];
  };
  for (const row of rows) {
    batch.push(row);
    if (batch.length >= size) await flush();
  }
  await flush();
  return count;
}

async function seedIfEmpty(definition: SubgraphDefinition, db: DataSource, options: ProgramOptions, log: Logger): Promise<void> {
  if ((await db.getRepository(ProgramSeed).count()) > 0) return;
  const started = Date.now();
  await db.transaction(async (manager) => {
    await definition.seed(manager, options, log);
    await manager.getRepository(ProgramSeed).insert({ seed: options.seed, scale: options.scale, seededAt: new Date().toISOString() });
  });
  log.info({ seed: options.seed, scale: options.scale, ms: Date.now() - started }, 'seeded an empty database with the program');
}

/** Opens the subgraph's database (migrating and, when empty, seeding it) and serves its schema over HTTP. */
export async function startSubgraph(definition: SubgraphDefinition, options: SubgraphOptions = {}): Promise<RunningSubgraph> {
  const log = options.log ?? createLogger(definition.name);
  const target = options.database ?? databaseFromEnv(definition.name);
  const sql = new SqlStatementCounter();
  const gatewaySecret = options.gatewaySecret ?? subgraphSideSecret(definition.name);
  const defaultGraphUrl = envString('GATEWAY_URL', 'http://127.0.0.1:4000/graphql');
  const graph = new GraphClient(definition.name, gatewaySecret, options.graphUrl ?? (() => defaultGraphUrl));
  const db = createDataSource({
    target,
    entities: [...definition.entities, ProgramSeed],
    migrations: [CreateProgramSeed1700000000000, ...definition.migrations],
    logger: log,
    counter: sql,
  });
  log.info({ database: describeTarget(target) }, 'opening database');
  await openDatabase(db, target);
  try {
    if (options.program !== false) await seedIfEmpty(definition, db, options.program ?? DEFAULT_PROGRAM, log);
    const apollo = new ApolloServer<RequestContext>({
      schema: await subgraphSchema(definition),
      includeStacktraceInErrorResponses: false,
      formatError: maskInternalErrors,
      plugins: [ApolloServerPluginLandingPageDisabled(), requestIdOnErrors(), errorLogging(log)],
      logger: log,
    });
    const service = await serve({
      name: definition.name,
      host: options.host ?? '127.0.0.1',
      port: options.port ?? 0,
      apollo,
      log,
      context: async (req, requestId) => {
        try {
          return createRequestContext({ db, log, requestId, viewer: verifyViewerHeaders(req.headers, gatewaySecret, requestId), graph });
        } catch (err) {
          // nothing is parsed or run for a caller that did not come through the gateway
          log.warn({ requestId, remote: req.socket.remoteAddress, reason: (err as Error).message }, 'refused a request not signed by the gateway');
          throw new GraphQLError((err as Error).message, { extensions: { code: ErrorCode.UNAUTHENTICATED, requestId, http: { status: 401 } } });
        }
      },
      onStop: () => db.destroy(),
    });
    return Object.assign(service, { db, sql });
  } catch (err) {
    await db.destroy();
    throw err;
  }
}

/** The process entry of a subgraph: configuration from the environment, stop on Ctrl-C. */
export async function runSubgraph(definition: SubgraphDefinition): Promise<void> {
  const log = createLogger(definition.name);
  try {
    const service = await startSubgraph(definition, {
      host: envString('HOST', '127.0.0.1'),
      port: envPort('PORT', definition.defaultPort),
      database: databaseFromEnv(definition.name),
      program: !envBoolean('SEED_ON_START', true) ? false : {
        seed: envInt('SEED', DEFAULT_PROGRAM.seed, { min: 0, max: 2 ** 31 - 1 }),
        scale: envNumber('SEED_SCALE', DEFAULT_PROGRAM.scale, { min: 0.01, max: 100 }),
      },
      log,
    });
    stopOnSignals([service], log);
  } catch (err) {
    log.fatal({ err }, `${definition.name} failed to start`);
    process.exit(1);
  }
}
