import http from 'node:http';
import https from 'node:https';
import fetch from 'node-fetch';
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { Fetcher } from '@apollo/utils.fetcher';
import type { GatewayContext } from './context';

/** How the gateway calls a subgraph: over kept-alive connections, carrying the request id. */
export class SubgraphClient extends RemoteGraphQLDataSource<GatewayContext> {
  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    if ('requestId' in context && context.requestId) request.http?.headers.set('x-request-id', context.requestId);
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
    client: (url: string) => new SubgraphClient({ url, fetcher }),
    close() {
      agents.http.destroy();
      agents.https.destroy();
    },
  };
}
