import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import type { DataSource, EntityManager } from 'typeorm';
import {
  ErrorCode,
  maskInternalErrors,
  verifyViewerHeaders,
  ReplayCache,
  createLogger,
  type Logger,
  errorLogging,
  eventsAudience,
  requestIdOnErrors,
  sendJson,
  serve,
  ServiceMetrics,
  stopOnSignals,
  type RunningService,
} from '@skills-sichuan/runtime';
import { subgraphConfigFromEnv, type SubgraphConfig } from './config';
import { createRequestContext, type RequestContext } from './context';
import {
  bulkLoad,
  createDataSource,
  describeTarget,
  openDatabase,
  SqlStatementCounter,
  withinRequestBudget,
  type EntityClass,
  type MigrationClass,
} from '@skills-sichuan/database';
import { GraphClient } from './graph-client';
import { buildFederatedSchema, type FederatedSchemaOptions } from './federation';
import type { ProgramOptions } from './seed/options';
import { ProgramSeed, CreateProgramSeed1700000000000 } from './seed-state';
import { assertHandlersRouted, parseEvent } from './events/catalog';
import { CreateEventTables1700000000100, InboxEvent, OutboxEvent } from './events/event.entities';
import { receiveEvent, type EventHandlers } from './events/inbox';
import { EventRelay } from './events/outbox';
import { GatewayEventTransport, NatsEvents } from './events/transports';

/** Everything that makes one subgraph; the kit does the rest the same way for all four. */
export interface SubgraphDefinition {
  name: string;
  defaultPort: number;
  entities: EntityClass[];
  /** TypeORM migrations, oldest first: the only way its schema changes */
  migrations: MigrationClass[];
  schema: FederatedSchemaOptions;
  /** generates this subgraph's records of the program from its options and writes them; runs once, in one transaction, on an empty database */
  seed(manager: EntityManager, options: ProgramOptions, log: Logger): Promise<void>;
  /** how it applies the events of other subgraphs it acts on (events/catalog.ts) */
  events?: EventHandlers;
}

/** What a caller sets; the rest comes from the environment through subgraphConfigFromEnv. */
export interface SubgraphOptions extends Partial<Omit<SubgraphConfig, 'graphUrl'>> {
  log?: Logger;
  /** the gateway's GraphQL URL, or a function of it for a gateway started after the subgraph (tests) */
  graphUrl?: string | (() => string);
}

export interface RunningSubgraph extends RunningService {
  readonly db: DataSource;
  /** SQL statements sent so far */
  readonly sql: SqlStatementCounter;
  /** delivers its outbox; tests wait on it */
  readonly relay: EventRelay;
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

async function seedIfEmpty(definition: SubgraphDefinition, db: DataSource, options: ProgramOptions, log: Logger): Promise<void> {
  if ((await db.getRepository(ProgramSeed).count()) > 0) return;
  const started = Date.now();
  await bulkLoad(db, async (manager) => {
    await definition.seed(manager, options, log);
    await manager.getRepository(ProgramSeed).insert({ seed: options.seed, scale: options.scale, seededAt: new Date().toISOString() });
  });
  log.info({ seed: options.seed, scale: options.scale, ms: Date.now() - started }, 'seeded an empty database with the program');
}

/** Opens the subgraph's database (migrating and, when empty, seeding it) and serves its schema over HTTP. */
export async function startSubgraph(definition: SubgraphDefinition, options: SubgraphOptions = {}): Promise<RunningSubgraph> {
  // a secret the caller passes is not looked for in the environment (the in-process test graph passes its own)
  const env = options.gatewaySecret ? { ...process.env, GATEWAY_SECRET: options.gatewaySecret } : process.env;
  const config = { ...subgraphConfigFromEnv(definition.name, definition.defaultPort, env), port: 0, ...options };
  const log = options.log ?? createLogger(definition.name);
  const target = config.database;
  const sql = new SqlStatementCounter();
  const metrics = new ServiceMetrics(definition.name);
  const gatewaySecret = config.gatewaySecret;
  const graphUrl = config.graphUrl;
  const replays = new ReplayCache();
  const graph = new GraphClient(definition.name, gatewaySecret, typeof graphUrl === 'string' ? () => graphUrl : graphUrl, config.limits);
  const db = createDataSource({
    target,
    entities: [...definition.entities, ProgramSeed, OutboxEvent, InboxEvent],
    migrations: [CreateProgramSeed1700000000000, CreateEventTables1700000000100, ...definition.migrations],
    logger: log,
    counter: sql,
    slowQueryMs: config.slowQueryMs,
    poolMax: config.poolMax,
    statementTimeoutMs: config.statementTimeoutMs,
    requestBudgetMs: config.requestBudgetMs,
    metrics,
  });
  log.info({ database: describeTarget(target) }, 'opening database');
  const program = config.program;
  // seeding writes 30,000-value statements: it runs where the requests' statement timeout does not
  await openDatabase(db, target, (unbounded) => (program === false ? Promise.resolve() : seedIfEmpty(definition, unbounded, program, log)));
  // events: the gateway's router by default, the broker when EVENT_BROKER is set
  const nats = config.events.broker ? new NatsEvents(config.events.broker, definition.name, log) : undefined;
  const transport =
    nats ?? new GatewayEventTransport(definition.name, gatewaySecret, typeof graphUrl === 'string' ? () => graphUrl : graphUrl);
  const relay = new EventRelay(db, definition.name, transport, log);
  const handlers = definition.events ?? {};
  assertHandlersRouted(definition.name, Object.keys(handlers));
  const eventReplays = new ReplayCache();
  try {
    const apollo = new ApolloServer<RequestContext>({
      schema: await subgraphSchema(definition),
      includeStacktraceInErrorResponses: false,
      formatError: maskInternalErrors,
      plugins: [ApolloServerPluginLandingPageDisabled(), requestIdOnErrors(), errorLogging(log)],
      logger: log,
    });
    const service = await serve({
      name: definition.name,
      host: config.host,
      port: config.port,
      apollo,
      log,
      context: async (req, requestId, rawBody) => {
        try {
          const viewer = verifyViewerHeaders(req.headers, {
            secret: gatewaySecret,
            requestId,
            direction: 'gateway-to-subgraph',
            audience: definition.name,
            // the gateway signs only POST bodies; a GET is bound to its URL, which nobody signs
            body: req.method === 'POST' ? rawBody : `${req.method} ${req.url}`,
            replays,
          });
          return createRequestContext({ db, log, requestId, viewer, graph });
        } catch (err) {
          // nothing is parsed or run for a caller that did not come through the gateway
          log.warn(
            { requestId, remote: req.socket.remoteAddress, reason: (err as Error).message },
            'refused a request not signed by the gateway',
          );
          throw new GraphQLError((err as Error).message, {
            extensions: { code: ErrorCode.UNAUTHENTICATED, requestId, http: { status: 401 } },
          });
        }
      },
      perRequest: withinRequestBudget,
      // the embedded default: the gateway's router delivers other subgraphs' events here, signed
      postRoutes: nats
        ? {}
        : {
            '/events': async (req, res, rawBody, requestId) => {
              try {
                verifyViewerHeaders(req.headers, {
                  secret: gatewaySecret,
                  requestId,
                  direction: 'gateway-to-subgraph',
                  audience: eventsAudience(definition.name),
                  body: rawBody,
                  replays: eventReplays,
                });
              } catch (err) {
                log.warn({ requestId, reason: (err as Error).message }, 'refused an event not signed by the gateway');
                return sendJson(res, 401, {
                  errors: [{ message: (err as Error).message, extensions: { code: ErrorCode.UNAUTHENTICATED } }],
                });
              }
              let event;
              try {
                event = parseEvent(JSON.parse(rawBody));
              } catch (err) {
                return sendJson(res, 400, {
                  errors: [{ message: (err as Error).message, extensions: { code: ErrorCode.BAD_USER_INPUT } }],
                });
              }
              sendJson(res, 200, { receipt: await receiveEvent(db, handlers, event, log) });
            },
          },
      metrics,
      metricsToken: config.metricsToken,
      onStop: async () => {
        await relay.stop();
        await db.destroy();
      },
    });
    nats?.consume((event) => receiveEvent(db, handlers, event, log));
    relay.start();
    return Object.assign(service, { db, sql, relay });
  } catch (err) {
    await db.destroy();
    throw err;
  }
}

/** The process entry of a subgraph: its configuration from the environment, stop on Ctrl-C. */
export async function runSubgraph(definition: SubgraphDefinition): Promise<void> {
  const log = createLogger(definition.name);
  try {
    const service = await startSubgraph(definition, { ...subgraphConfigFromEnv(definition.name, definition.defaultPort), log });
    stopOnSignals([service], log);
  } catch (err) {
    log.fatal({ err }, `${definition.name} failed to start`);
    process.exit(1);
  }
}
