import { randomUUID } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import fetch from 'node-fetch';
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { Fetcher } from '@apollo/utils.fetcher';
import { signViewerHeaders, Viewer } from '@skills-sichuan/kit';
import type { GatewayContext } from './context';

/**
 * How the gateway calls a subgraph: over kept-alive connections, carrying the request id
 * and the verified viewer, signed with the secret this subgraph shares with the gateway.
 */
export class SubgraphClient extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    options: ConstructorParameters<typeof RemoteGraphQLDataSource<GatewayContext>>[0],
    private readonly secret: string,
  ) {
    super(options);
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const headers = request.http?.headers;
    if (!headers) return;
    // the gateway's own calls (health checks) have no request context: they go as PUBLIC under a fresh id
    const requestId = 'requestId' in context && context.requestId ? context.requestId : randomUUID();
    const viewer = 'viewer' in context && context.viewer ? context.viewer : Viewer.public();
    headers.set('x-request-id', requestId);
    for (const [name, value] of Object.entries(signViewerHeaders(viewer, this.secret, requestId))) headers.set(name, value);
  }
}

/**
 * One gateway's connections to its subgraphs: node-fetch 2 on keep-alive agents, the
 * fastest client measured for @apollo/gateway on Node 20 (STACK-NOTES) — a new TCP
 * connection per subgraph fetch would cost more than the fetch.
 */
export function subgraphConnections() {
  const agents = {
    http: new http.Agent({ keepAlive: true, maxSockets: 256 }),
    https: new https.Agent({ keepAlive: true, maxSockets: 256 }),
  };
  const fetcher = ((url: string, init?: Parameters<typeof fetch>[1]) =>
    fetch(url, { ...init, agent: (parsed: URL) => (parsed.protocol === 'https:' ? agents.https : agents.http) })) as unknown as Fetcher;
  return {
    client: (url: string, secret: string) => new SubgraphClient({ url, fetcher }, secret),
    close() {
      agents.http.destroy();
      agents.https.destroy();
    },
  };
}
