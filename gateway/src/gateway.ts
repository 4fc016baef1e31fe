import fs from 'node:fs';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { adoptScalarParsing, createLogger, errorLogging, gatewaySideSecret, maskInternalErrors, requestIdOnErrors, serve, type RunningService, type Logger } from '@skills-sichuan/runtime';
import { authenticate } from './auth/authenticate';
import { DEFAULT_MAX_BODY_BYTES, DEFAULT_SERVICE_SUBGRAPHS, tokenConfigFromEnv, type GatewayConfig } from './config';
import type { GatewayContext } from './context';
import { ideLandingPage, ideRoutes } from './ide/graphiql';
import { DEFAULT_LIMITS } from './limits/operation-limits';
import { executableOperations, operationLimits } from './limits/plugin';
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
export async function startGateway(options: GatewayOptions): Promise<RunningService> {
  const log = options.log ?? createLogger('gateway');
  const supergraphSdl = options.supergraphSdl ?? fs.readFileSync(options.supergraphFile ?? '', 'utf8');
  const subgraphUrls = options.subgraphUrls ?? {};
  const token = options.token ?? tokenConfigFromEnv();
  const subgraphSecret = options.subgraphSecret ?? ((name: string) => gatewaySideSecret(name));
  const connections = subgraphConnections();
  // a subgraph reading the graph as its viewer must be one of ours and composed into this supergraph
  const composed = subgraphNames(supergraphSdl);
  const authentication = { token, subgraphSecret, subgraphs: new Set((options.serviceSubgraphs ?? DEFAULT_SERVICE_SUBGRAPHS).filter((name) => composed.has(name))), log };

  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name, url }) => connections.client(subgraphUrls[name] ?? url ?? '', subgraphSecret(name)),
    logger: log,
  });
  // patched in place: the schema Apollo Server validates literals against is the one the gateway coerces variables with
  gateway.onSchemaLoadOrUpdate(({ apiSchema }) => {
    const unchecked = adoptScalarParsing(apiSchema);
    if (unchecked.length > 0) log.warn({ scalars: unchecked }, 'custom scalars the kit does not parse: their values reach subgraphs unchecked');
  });
  const production = options.production ?? false;
  const ide = options.ide ?? !production;
  const limits = options.limits === undefined ? DEFAULT_LIMITS : options.limits;
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: !production || ide,
    hideSchemaDetailsFromClientErrors: production,
    includeStacktraceInErrorResponses: false,
    formatError: maskInternalErrors,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    parseOptions: limits ? { maxTokens: limits.maxTokens } : {},
    plugins: [ide ? ideLandingPage() : ApolloServerPluginLandingPageDisabled(), executableOperations(), ...(limits ? [operationLimits(limits)] : []), requestIdOnErrors(), errorLogging(log)],
    logger: log,
  });
  return serve({
    name: 'gateway',
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
    apollo,
    log,
    routes: ide ? ideRoutes() : {},
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    context: async (req, requestId) => ({ requestId, log: log.child({ requestId }), viewer: await authenticate(req.headers, requestId, authentication) }),
    onStop: async () => connections.close(),
  });
}
