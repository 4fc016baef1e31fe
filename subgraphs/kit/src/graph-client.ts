import { GraphQLError } from 'graphql';
import { ErrorCode } from './errors';
import { signViewerHeaders, SERVICE_HEADER } from './identity';
import type { Viewer } from './viewer';

export interface GraphCall {
  requestId: string;
  viewer: Viewer;
}

/**
 * A subgraph's way to read what another subgraph owns (does this base exist, is this
 * organisation on the dishonesty list?): a query to the gateway, on behalf of the same
 * viewer and under the same request id, signed with this subgraph's own secret. The
 * gateway checks that signature as it checks a bearer token; nobody reads another
 * subgraph's database.
 */
export class GraphClient {
  constructor(
    private readonly service: string,
    private readonly secret: string,
    private readonly url: () => string,
    private readonly timeoutMs = 5_000,
  ) {}

  async query<T>(call: GraphCall, query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const headers = {
      'content-type': 'application/json',
      'x-request-id': call.requestId,
      [SERVICE_HEADER]: this.service,
      ...signViewerHeaders(call.viewer, this.secret, call.requestId),
    };
    let body: { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
    try {
      const response = await fetch(this.url(), { method: 'POST', headers, body: JSON.stringify({ query, variables }), signal: AbortSignal.timeout(this.timeoutMs) });
      body = (await response.json()) as typeof body;
    } catch (err) {
      throw new GraphQLError('the graph did not answer a check this write depends on; try again', {
        extensions: { code: ErrorCode.SERVICE_UNAVAILABLE },
        originalError: err as Error,
      });
    }
    if (body.errors?.length || !body.data) {
      throw new Error(`graph query from ${this.service} failed: ${JSON.stringify(body.errors ?? 'no data')}`);
    }
    return body.data;
  }
}
