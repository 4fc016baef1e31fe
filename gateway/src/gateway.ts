import fs from 'node:fs';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import {
  adoptScalarParsing,
  createLogger,
  errorLogging,
  maskInternalErrors,
  ReplayCache,
  requestIdOnErrors,
  serve,
  type RunningService,
  type Logger,
} from '@skills-sichuan/runtime';
import { authenticate } from './auth/authenticate';
import { gatewayConfigFromEnv, type GatewayConfig } from './config';
import type { GatewayContext } from './context';
import { ideLandingPage, ideRoutes } from './ide/graphiql';
import { schemaDemand } from './limits/demand-control';
import { isBulkRequest } from './limits/input-hygiene';
import { executableOperations, operationLimits, responseSizeLimit } from './limits/plugin';
import { subgraphConnections } from './subgraph-client';
import { subgraphNames } from './supergraph/names';

export interface GatewayOptions extends Partial<Omit<GatewayConfig, 'limits'>> {
  /** the operation limits; null turns the checks off (for measuring what they cost, never in service) */
  limits?: GatewayConfig['limits'] | null;
  /** the composed supergraph; read from supergraphFile when absent */
  supergraphSdl?: string;
  log?: Logger;
}

/** The one graph: the composed supergraph served over HTTP, with the IDE for browsers. */
export async function startGateway(given: GatewayOptions): Promise<RunningService> {
  // what the caller does not set comes from the environment, read in config.ts alone
  const config = gatewayConfigFromEnv(process.env, given);
  const options = { ...config, port: 0, ...given };
  const log = options.log ?? createLogger('gateway');
  const supergraphSdl = options.supergraphSdl ?? fs.readFileSync(options.supergraphFile, 'utf8');
  const subgraphUrls = options.subgraphUrls ?? {};
  const { token, subgraphSecret } = options;
  const connections = subgraphConnections();
  // a subgraph reading the graph as its viewer must be one of ours and composed into this supergraph
  const composed = subgraphNames(supergraphSdl);
  const authentication = {
    token,
    subgraphSecret,
    subgraphs: new Set(options.serviceSubgraphs.filter((name) => composed.has(name))),
    replays: new ReplayCache(),
    log,
  };

  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name, url }) => connections.client(subgraphUrls[name] ?? url ?? '', subgraphSecret(name), name),
    logger: log,
  });
  // patched in place: the schema Apollo Server validates literals against is the one the gateway coerces variables with
  // @listSize and @cost, which the API schema drops, read from each supergraph the gateway loads
  let demand = schemaDemand(supergraphSdl);
  gateway.onSchemaLoadOrUpdate(({ apiSchema, coreSupergraphSdl }) => {
    demand = schemaDemand(coreSupergraphSdl);
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
    parseOptions: limits ? { maxTokens: limits.maxTokens } : {},
    plugins: [
      ide ? ideLandingPage() : ApolloServerPluginLandingPageDisabled(),
      executableOperations(),
      ...(limits ? [operationLimits(limits, () => demand), responseSizeLimit(options.maxResponseBytes)] : []),
      requestIdOnErrors(),
      errorLogging(log),
    ],
    logger: log,
  });
  return serve({
    name: 'gateway',
    host: options.host,
    port: options.port,
    apollo,
    log,
    routes: ide ? ideRoutes() : {},
    maxBodyBytes: options.maxBodyBytes,
    bulkBody: {
      maxBytes: options.maxBulkBodyBytes,
      admits: (body, bytes) => isBulkRequest(body, bytes, options.maxBodyBytes),
    },
    context: async (req, requestId, rawBody) => ({
      requestId,
      log: log.child({ requestId }),
      viewer: await authenticate({ headers: req.headers, method: req.method, url: req.url, rawBody }, requestId, authentication),
    }),
    onStop: async () => connections.close(),
  });
}
