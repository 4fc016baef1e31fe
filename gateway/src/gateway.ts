import { ApolloGateway, LocalGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import {
  adoptScalarParsing,
  createLogger,
  errorLogging,
  maskInternalErrors,
  ReplayCache,
  requestIdOnErrors,
  serve,
  ServiceMetrics,
  type RunningService,
  type Logger,
} from '@skills-sichuan/runtime';
import { authenticate } from './auth/authenticate';
import { ResponseCache } from './cache/response-cache';
import { gatewayConfigFromEnv, type GatewayConfig } from './config';
import type { GatewayContext } from './context';
import { dashboardRoutes } from './dashboard/dashboard';
import { ideLandingPage, ideRoutes } from './ide/graphiql';
import { schemaDemand } from './limits/demand-control';
import { isBulkRequest } from './limits/input-hygiene';
import { executableOperations, operationLimits, responseSizeLimit } from './limits/plugin';
import { TrustedDocuments } from './operations/trusted-documents';
import { PartnerAdmin } from './partners/admin';
import { PartnerCredentials } from './partners/credentials';
import { PartnerClient, PartnerDirectory } from './partners/partner-client';
import { partnerScope } from './partners/partner-scope';
import { REGISTRY_SUBGRAPH, registrySchema } from './partners/registry-subgraph';
import { ServedSupergraph, type ServedState } from './partners/served-supergraph';
import { serviceConnections } from './services/connections';
import { eventRouter } from './services/events';
import { fetchMetrics, GraphHealth } from './services/health';
import { isClientRefusal } from './services/service-client';
import { StaleAnswers } from './services/stale-answers';
import { SubgraphClient } from './services/subgraph-client';
import { GatewayStore } from './store/gateway-store';
import { readCoreGraph, type CoreGraph } from './supergraph/core';
import { supergraphLayout } from './supergraph/layout';

export interface GatewayOptions extends Partial<Omit<GatewayConfig, 'limits'>> {
  /** the operation limits; null turns the checks off (for measuring what they cost, never in service) */
  limits?: GatewayConfig['limits'] | null;
  /** the reviewed core the partners compose with; read from beside supergraphFile when absent */
  core?: CoreGraph;
  log?: Logger;
}

export interface RunningGateway extends RunningService {
  /** the registry revision this replica serves, and its partners */
  readonly served: () => ServedState;
  /** looks for a newer revision now instead of at the next poll */
  readonly refresh: () => Promise<void>;
  readonly store: GatewayStore;
}

/** The one graph: the core and the accepted partners composed, served over HTTP, with the IDE for browsers. */
export async function startGateway(given: GatewayOptions): Promise<RunningGateway> {
  // what the caller does not set comes from the environment, read in config.ts alone
  const config = gatewayConfigFromEnv(process.env, given);
  const options = { ...config, port: 0, ...given };
  const log = options.log ?? createLogger('gateway');
  const core = options.core ?? readCoreGraph(options.supergraphFile);
  const ourSubgraphs = new Set(core.subgraphs.map((s) => s.name));
  const subgraphUrls = options.subgraphUrls ?? {};
  const { token, subgraphSecret } = options;
  const connections = serviceConnections();
  const metrics = new ServiceMetrics('gateway');
  const health = new GraphHealth(log, isClientRefusal, metrics);
  const fetches = fetchMetrics(metrics);
  const depsOf = (name: string) => ({ connections, health: health.of(name), metrics: fetches });
  const staleAnswers = options.staleAnswers ? new StaleAnswers(options.staleAnswers, metrics) : undefined;
  const store = await GatewayStore.open(options.store, log);
  const responseCache = options.responseCache ? await ResponseCache.open(options.responseCache, log, metrics) : undefined;
  const credentials = new PartnerCredentials(options.partners.secretRoot);
  const directory = new PartnerDirectory(options.partners.defaultTimeoutMs);
  const admin = new PartnerAdmin({ store, core, credentials, policy: options.partners, log });
  const trusted = new TrustedDocuments(store);
  const served = new ServedSupergraph({ store, admin, directory, pollMs: options.partners.pollMs, log });
  // a subgraph reading the graph as its viewer must be one of ours and composed into the core
  const authentication = {
    token,
    subgraphSecret,
    subgraphs: new Set(options.serviceSubgraphs.filter((name) => ourSubgraphs.has(name))),
    replays: new ReplayCache(),
    log,
  };

  // @listSize and @cost, which the API schema drops, and who serves which field: read from each supergraph the gateway loads
  let demand = schemaDemand(core.supergraphSdl);
  let layout = supergraphLayout(core.supergraphSdl);
  const registry = new LocalGraphQLDataSource(registrySchema({ admin, store, layout: () => layout, changed: () => served.refresh() }));
  const gateway = new ApolloGateway({
    supergraphSdl: served,
    buildService: ({ name, url }) => {
      if (name === REGISTRY_SUBGRAPH) return registry;
      const at = subgraphUrls[name] ?? url ?? '';
      if (!ourSubgraphs.has(name)) return new PartnerClient(at, depsOf(name), name, directory, credentials);
      // our subgraphs answer /health: known down before a client's request finds out
      health.probe(name, at);
      return new SubgraphClient(at, depsOf(name), name, () => options.subgraphTimeoutMs(name), subgraphSecret(name));
    },
    logger: log,
    // the plan of any operation, in development: send `apollo-query-plan-experimental: 1` (docs/operations.md)
    __exposeQueryPlanExperimental: !options.production,
  });
  // patched in place: the schema Apollo Server validates literals against is the one the gateway coerces variables with
  gateway.onSchemaLoadOrUpdate(({ apiSchema, coreSupergraphSdl }) => {
    demand = schemaDemand(coreSupergraphSdl);
    layout = supergraphLayout(coreSupergraphSdl);
    const unchecked = adoptScalarParsing(apiSchema);
    if (unchecked.length > 0)
      log.warn({ scalars: unchecked }, 'custom scalars the kit does not parse: their values reach subgraphs unchecked');
  });
  const production = options.production;
  // a caller that says production and nothing of the IDE gets none, as the environment would
  const ide = given.ide ?? (given.production === undefined ? config.ide : !production);
  const limits = options.limits;
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: !production || ide,
    hideSchemaDetailsFromClientErrors: production,
    includeStacktraceInErrorResponses: false,
    formatError: maskInternalErrors,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    // a registered document by its hash alone (the dashboard sends nothing else); docs/operations.md
    persistedQueries: { cache: trusted.cache() },
    parseOptions: limits ? { maxTokens: limits.maxTokens } : {},
    plugins: [
      ide ? ideLandingPage() : ApolloServerPluginLandingPageDisabled(),
      executableOperations(),
      trusted.onlyRegisteredFrom(options.registeredOnlyClients),
      partnerScope(
        () => layout,
        (name) => directory.has(name),
      ),
      ...(limits ? [operationLimits(limits, () => demand), responseSizeLimit(options.maxResponseBytes)] : []),
      ...(staleAnswers ? [staleAnswers.plugin()] : []),
      ...(responseCache ? [responseCache.plugin(() => layout)] : []),
      // the subgraphs' hints decide what the gateway keeps; no Cache-Control goes to clients, whose
      // shared HTTP caches would not key an answer by viewer as the gateway does
      ApolloServerPluginCacheControl({ calculateHttpHeaders: false }),
      requestIdOnErrors(),
      errorLogging(log),
    ],
    logger: log,
  });
  let service: RunningService;
  try {
    service = await serve({
      name: 'gateway',
      host: options.host,
      port: options.port,
      apollo,
      log,
      routes: {
        ...(ide ? ideRoutes() : {}),
        ...(options.dashboard ? dashboardRoutes() : {}),
        // readiness: serving, and which parts of the graph answer now
        '/ready': (_req, res) => {
          const services = health.report();
          const down = Object.entries(services)
            .filter(([, s]) => s.state === 'down')
            .map(([name]) => name);
          res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
          res.end(JSON.stringify({ status: down.length ? 'degraded' : 'ready', down, revision: served.served.revision, services }));
        },
      },
      postRoutes: {
        '/events': eventRouter({
          subgraphs: () =>
            core.subgraphs
              .filter((s) => s.name !== REGISTRY_SUBGRAPH && options.serviceSubgraphs.includes(s.name))
              .map((s) => ({ name: s.name, url: subgraphUrls[s.name] ?? s.routingUrl })),
          subgraphSecret,
          replays: authentication.replays,
          log,
          applied: (services) => responseCache?.written(services),
        }),
      },
      answers: responseCache?.answers(() => served.served.revision),
      metrics,
      metricsToken: options.metricsToken,
      maxBodyBytes: options.maxBodyBytes,
      bulkBody: {
        maxBytes: options.maxBulkBodyBytes,
        admits: (body, bytes) => isBulkRequest(body, bytes, options.maxBodyBytes),
      },
      context: async (req, requestId, rawBody) => ({
        requestId,
        log: log.child({ requestId }),
        viewer: await authenticate({ headers: req.headers, method: req.method, url: req.url, rawBody }, requestId, authentication),
        answer: {},
      }),
      onStop: async () => {
        health.stop();
        connections.close();
        await responseCache?.close();
        await store.close();
      },
    });
  } catch (err) {
    health.stop();
    connections.close();
    await responseCache?.close();
    await store.close();
    throw err;
  }
  return Object.assign(service, { served: () => served.served, refresh: () => served.refresh(), store });
}
