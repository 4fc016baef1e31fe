import { randomUUID } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import fetch from 'node-fetch';
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { Fetcher } from '@apollo/utils.fetcher';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { isClientError, signViewerHeaders, Viewer } from '@skills-sichuan/runtime';
import type { GatewayContext } from './context';

/**
 * How the gateway calls a subgraph: over kept-alive connections, carrying the request id
 * and the verified viewer, signed with the secret this subgraph shares with the gateway.
 */
export class SubgraphClient extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    options: ConstructorParameters<typeof RemoteGraphQLDataSource<GatewayContext>>[0],
    private readonly secret: string,
    /** the subgraph's name: the audience its signatures are for */
    private readonly audience: string,
  ) {
    super(options);
  }

  /**
   * Signs the body exactly as RemoteGraphQLDataSource sends it: process() moves `query` to
   * the front and sendRequest() serialises the request without `http`, so the subgraph can
   * check the signature over the bytes it reads. APQ (off here) would send another body.
   */
  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const headers = request.http?.headers;
    if (!headers) return;
    // the gateway's own calls (health checks) have no request context: they go as PUBLIC under a fresh id
    const requestId = 'requestId' in context && context.requestId ? context.requestId : randomUUID();
    const viewer = 'viewer' in context && context.viewer ? context.viewer : Viewer.public();
    const { query, http: _transport, ...rest } = request;
    headers.set('x-request-id', requestId);
    const signed = signViewerHeaders({
      viewer,
      secret: this.secret,
      requestId,
      direction: 'gateway-to-subgraph',
      audience: this.audience,
      body: JSON.stringify({ query, ...rest }),
    });
    for (const [name, value] of Object.entries(signed)) headers.set(name, value);
  }

  /**
   * A subgraph's non-2xx answer, which RemoteGraphQLDataSource throws as "400: Bad Request"
   * with no code: a 400 whose errors are all the client's reaches the client as those errors;
   * any other (a 401 or 403 means the gateway's own signature was refused) is ours, kept for the log.
   */
  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>) {
    try {
      return await super.process(options);
    } catch (error) {
      const response = (error as GraphQLError).extensions?.response as { status?: unknown; body?: unknown } | undefined;
      if (!(error instanceof GraphQLError) || typeof response?.status !== 'number') throw error;
      const refused = clientErrorsIn(response.status, response.body);
      if (refused) return { errors: refused };
      throw new GraphQLError(`subgraph answered HTTP ${response.status}`, { extensions: { response } });
    }
  }
}

/** The errors of a subgraph's 400 when every one is the client's; they keep their code, and the gateway answers 400 too (the subgraph refused the request whole). */
function clientErrorsIn(status: number, body: unknown): GraphQLFormattedError[] | undefined {
  const errors = (body as { errors?: unknown })?.errors;
  if (status !== 400 || !Array.isArray(errors) || errors.length === 0) return undefined;
  if (!errors.every((e) => typeof e?.message === 'string' && isClientError(e))) return undefined;
  // locations point into the query the gateway wrote for the subgraph, not the client's: dropped
  return errors.map((e: GraphQLFormattedError) => ({ message: e.message, extensions: { ...e.extensions, http: { status: 400 } } }));
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
    client: (url: string, secret: string, subgraph: string) => new SubgraphClient({ url, fetcher }, secret, subgraph),
    close() {
      agents.http.destroy();
      agents.https.destroy();
    },
  };
}
