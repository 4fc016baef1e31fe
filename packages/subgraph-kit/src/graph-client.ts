import { GraphQLError } from 'graphql';
import {
  ErrorCode,
  DEFAULT_OPERATION_LIMITS,
  signViewerHeaders,
  GATEWAY_AUDIENCE,
  SERVICE_HEADER,
  type OperationLimits,
  type Viewer,
} from '@skills-sichuan/runtime';

export interface GraphCall {
  requestId: string;
  viewer: Viewer;
}

/** the codes an upstream error keeps on its way to our client: it concerns what the client asked, and says so safely */
const PASSED_ON = new Set<string>([
  ErrorCode.NOT_FOUND,
  ErrorCode.BAD_USER_INPUT,
  ErrorCode.FORBIDDEN,
  ErrorCode.UNAUTHENTICATED,
  ErrorCode.SERVICE_UNAVAILABLE,
]);

type UpstreamError = { message: string; extensions?: { code?: string; limit?: string; max?: number } };

/** A read of the graph the gateway refused as a whole: our query is at fault, never the client; logged with the code, masked as INTERNAL_SERVER_ERROR. */
export class GraphReadRefused extends Error {
  override name = 'GraphReadRefused';
  constructor(
    readonly service: string,
    readonly upstreamCode: string,
    readonly upstreamMessage: string,
    readonly httpStatus: number,
  ) {
    super(`the gateway refused a read of the graph from ${service}: ${upstreamCode} (HTTP ${httpStatus}): ${upstreamMessage}`);
  }
}

/**
 * A subgraph's way to read what another subgraph owns (does this base exist, is this
 * organisation on the dishonesty list?): a query to the gateway, on behalf of the same
 * viewer and under the same request id, signed with this subgraph's own secret. The
 * gateway checks that signature as it checks a bearer token; nobody reads another
 * subgraph's database. Reads of many ids go through `readByIds` (graph-reads.ts), which
 * sizes them under `limits`.
 */
export class GraphClient {
  constructor(
    private readonly service: string,
    private readonly secret: string,
    private readonly url: () => string,
    /** the gateway's limits (the subgraph's config reads the same variables the gateway does) */
    readonly limits: OperationLimits = DEFAULT_OPERATION_LIMITS,
    private readonly timeoutMs = 5_000,
  ) {}

  /**
   * The rule for an upstream error: NOT_FOUND, BAD_USER_INPUT, FORBIDDEN, UNAUTHENTICATED and
   * SERVICE_UNAVAILABLE keep their code and message (the owner wrote them for this same
   * viewer); an INTERNAL_SERVER_ERROR upstream — which is also how the gateway reports an
   * owner it cannot reach — and no answer at all are SERVICE_UNAVAILABLE (the check could
   * not be made; nothing was written); a refusal of the whole operation (limits, parse,
   * validation, signature: HTTP 4xx) is our bug, a GraphReadRefused logged with its code
   * and masked. Only code and message cross: no upstream path, URL, stack or extension.
   */
  async query<T>(call: GraphCall, query: string, variables: Record<string, unknown> = {}): Promise<T> {
    // signed as sent: the gateway checks the signature over these very bytes
    const sent = JSON.stringify({ query, variables });
    const headers = {
      'content-type': 'application/json',
      'x-request-id': call.requestId,
      [SERVICE_HEADER]: this.service,
      ...signViewerHeaders({
        viewer: call.viewer,
        secret: this.secret,
        requestId: call.requestId,
        direction: 'subgraph-to-gateway',
        audience: GATEWAY_AUDIENCE,
        body: sent,
      }),
    };
    let status: number;
    let body: { data?: T | null; errors?: UpstreamError[] };
    try {
      const response = await fetch(this.url(), {
        method: 'POST',
        headers,
        body: sent,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      status = response.status;
      body = (await response.json()) as typeof body;
    } catch (err) {
      throw unavailable(err as Error);
    }
    const errors = body.errors ?? [];
    if (errors.length === 0 && body.data) return body.data;
    const codes = errors.map((e) => String(e.extensions?.code ?? ErrorCode.INTERNAL_SERVER_ERROR));
    if (status >= 400 && status < 500) {
      const first = errors[0];
      const detail = first?.extensions?.limit
        ? `${first.message} (limit ${first.extensions.limit}, max ${first.extensions.max})`
        : (first?.message ?? 'no data');
      throw new GraphReadRefused(this.service, codes[0] ?? 'NO_DATA', detail, status);
    }
    // a client error passes on only when every error is one: one failed owner makes the whole check unmade
    const passed = codes.findIndex((code) => PASSED_ON.has(code));
    if (passed >= 0 && codes.every((code) => PASSED_ON.has(code))) {
      throw new GraphQLError(errors[passed].message, { extensions: { code: codes[passed] } });
    }
    throw unavailable(new Error(`graph read from ${this.service} answered ${status} with ${codes.join(', ') || 'no data'}`));
  }
}

const unavailable = (cause: Error) =>
  new GraphQLError('the graph did not answer a check this write depends on; try again', {
    extensions: { code: ErrorCode.SERVICE_UNAVAILABLE },
    originalError: cause,
  });
