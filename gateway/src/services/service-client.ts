import { randomUUID } from 'node:crypto';
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { CacheHint } from '@apollo/cache-control-types';
import type { GatewayGraphQLRequest, GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ErrorCode, isClientError, Viewer } from '@skills-sichuan/runtime';
import type { GatewayContext } from '../context';
import type { Connections } from './connections';
import type { FetchMetrics, ServiceHealth } from './health';

/** What every service client is given: the shared connections, the service's health (its breaker) and the fetch metrics. */
export interface ServiceDeps {
  connections: Connections;
  health: ServiceHealth;
  metrics: FetchMetrics;
}

/** a fetch made for a client's request (not a health check or a schema load) */
type ClientFetch = Extract<GraphQLDataSourceProcessOptions<GatewayContext>, { incomingRequestContext: unknown }>;

/** Who is asking and under which request id: a client's request, or the gateway's own call (health check, schema fetch) as PUBLIC. */
export function callerOf(context: GatewayContext | Record<string, unknown>): { requestId: string; viewer: Viewer } {
  const given = context as Partial<GatewayContext>;
  const requestId = given.requestId ?? randomUUID();
  const viewer = given.viewer instanceof Viewer ? given.viewer : Viewer.public();
  return { requestId, viewer };
}

/**
 * How the gateway calls one service of the graph — an in-house subgraph or a partner's —
 * over the shared kept-alive connections: each fetch bounded by the service's timeout, and a
 * service that does not answer ends as SUBGRAPH_UNAVAILABLE naming it (never an address or
 * a stack) for the fields it owns, while the rest of the answer goes on. Subclasses sign.
 */
export abstract class ServiceClient extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    url: string,
    private readonly deps: ServiceDeps,
    /** the service's name in the supergraph: what clients are told when it does not answer */
    readonly service: string,
    /** read at each fetch, so a registry change of a partner's timeout applies without a new client */
    private readonly timeoutMs: () => number,
  ) {
    super({ url, fetcher: deps.connections.fetcher(() => this.timeoutMs()) });
  }

  /** how clients are told which part did not answer, e.g. `the evaluation subgraph` or `partner "bank"` */
  protected abstract get label(): string;

  /**
   * The exact body RemoteGraphQLDataSource sends: process() moves `query` to the front and
   * sendRequest() serialises the request without `http`, so a signature over these bytes holds.
   */
  protected bodyOf(request: GraphQLDataSourceProcessOptions<GatewayContext>['request']): string {
    const { query, http: _transport, ...rest } = request;
    return JSON.stringify({ query, ...rest });
  }

  /** the reads being fetched now, by viewer and body: an identical read joins the one in flight */
  private readonly inFlight = new Map<string, { answer: Promise<GatewayGraphQLResponse>; joined: number }>();

  /** A fetch for a client: each distinct entity asked once, and an identical read in flight joined. */
  override async process(given: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    if (!('incomingRequestContext' in given)) return this.fetchThroughBreaker(given);
    const distinct = distinctRepresentations(given.request);
    if (!distinct) return this.fetchShared(given);
    return spreadEntities(await this.fetchShared({ ...given, request: distinct.request }), distinct.positions);
  }

  /**
   * One fetch per identical read in flight: a query with the same body for the same viewer
   * (every claim, not only the role) joins the fetch already under way instead of sending its
   * own, as twenty dashboards opening at once ask the same thing. Each request gets its own copy
   * of the answer, since the gateway merges answers into its result in place, and the answer's
   * cache hint restricts each request's cache policy as its own fetch would have. Mutations are
   * never shared.
   */
  private async fetchShared(options: ClientFetch): Promise<GatewayGraphQLResponse> {
    const key = sharedReadKey(options);
    if (key === undefined) return this.fetchThroughBreaker(options);
    const running = this.inFlight.get(key);
    if (running) {
      running.joined += 1;
      this.deps.metrics.joined.inc({ subgraph: this.service });
      const response = copyOf(await running.answer);
      options.incomingRequestContext.overallCachePolicy?.restrict(cacheHintOf(response));
      return response;
    }
    const fetching = { answer: this.fetchThroughBreaker(options), joined: 0 };
    this.inFlight.set(key, fetching);
    try {
      const response = await fetching.answer;
      // the first asker may change its answer only if no other request is still to copy it
      return fetching.joined > 0 ? copyOf(response) : response;
    } finally {
      this.inFlight.delete(key);
    }
  }

  /**
   * One fetch, through the service's breaker: while its circuit is open (it failed again and
   * again, or its /health stopped answering) the fetch is not made and its fields fail at once
   * with the same error; then one fetch probes it, and a success closes the circuit.
   */
  private async fetchThroughBreaker(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    const started = performance.now();
    let outcome = 'ok';
    try {
      return await this.deps.health.fire(() => super.process(options));
    } catch (error) {
      if ((error as { code?: string }).code === 'EOPENBREAKER') {
        outcome = 'circuit_open';
        return { errors: [this.unavailable('failed repeatedly and is not called for a moment')] };
      }
      const response = responseOf(error);
      if (response) {
        outcome = response.status >= 500 ? 'http_5xx' : `http_${response.status}`;
        return this.refused(response.status, response.body);
      }
      outcome = failureReason(error);
      return { errors: [this.unavailable(describeFailure(error, this.timeoutMs()))] };
    } finally {
      // an answer missing a part is not one to keep
      if (outcome !== 'ok' && 'incomingRequestContext' in options)
        options.incomingRequestContext.overallCachePolicy?.restrict({ maxAge: 0 });
      this.deps.metrics.duration.observe({ subgraph: this.service, outcome }, (performance.now() - started) / 1000);
      if (outcome !== 'ok' && outcome !== 'http_400') this.deps.metrics.failures.inc({ subgraph: this.service, reason: outcome });
    }
  }

  /**
   * A non-2xx answer, which RemoteGraphQLDataSource throws as "400: Bad Request" with no code:
   * a 400 whose errors are all the client's reaches the client as those errors; a 5xx means the
   * service could not answer now; anything else (401 or 403: it refused our signature) is a
   * fault of the gateway's configuration, kept for the log.
   */
  protected refused(status: number, body: unknown): GatewayGraphQLResponse {
    const refused = clientErrorsIn(status, body);
    if (refused) return { errors: refused };
    if (status >= 500) return { errors: [this.unavailable(`answered HTTP ${status}`)] };
    throw new GraphQLError(`${this.label} answered HTTP ${status}`, { extensions: { response: { status, body } } });
  }

  protected unavailable(why: string): GraphQLFormattedError {
    return {
      message: `${this.label} ${why}; its fields are null in this answer`,
      extensions: { code: ErrorCode.SUBGRAPH_UNAVAILABLE, service: this.service },
    };
  }
}

/** who asks what, for a read the gateway planned: undefined for a mutation (or anything not plainly a query) */
function sharedReadKey(options: GraphQLDataSourceProcessOptions<GatewayContext>): string | undefined {
  const { query, variables, operationName } = options.request;
  if (!query || !/^\s*(query\b|\{)/.test(query)) return undefined;
  const { viewer } = callerOf(options.context);
  return JSON.stringify([viewer.toClaims(), operationName ?? null, query, variables ?? null]);
}

/**
 * The cache hint of a service's answer, read from its Cache-Control header as
 * RemoteGraphQLDataSource reads it for the request that fetched: no max-age means not cacheable.
 */
function cacheHintOf(response: GatewayGraphQLResponse): CacheHint {
  const header = response.http?.headers.get('cache-control') ?? '';
  const maxAge = /(?:^|,)\s*max-age=(\d+)\s*(?:,|$)/.exec(header)?.[1];
  const scope = /(?:^|,)\s*private\s*(?:,|$)/.test(header) ? 'PRIVATE' : /(?:^|,)\s*public\s*(?:,|$)/.test(header) ? 'PUBLIC' : undefined;
  return { maxAge: maxAge === undefined ? 0 : Number(maxAge), ...(scope ? { scope } : {}) };
}

/**
 * An entity fetch sends each distinct representation once: the gateway asks once per occurrence
 * (fifty bases of five operators: fifty Organization representations). Undefined when every one
 * is distinct already; else the distinct ones and, for each original, where its entity is.
 */
function distinctRepresentations(request: GatewayGraphQLRequest): { request: GatewayGraphQLRequest; positions: number[] } | undefined {
  const representations = request.variables?.representations;
  if (!Array.isArray(representations) || representations.length < 2) return undefined;
  const indexOf = new Map<string, number>();
  const distinct: unknown[] = [];
  const positions = representations.map((representation: unknown) => {
    const key = JSON.stringify(representation);
    let at = indexOf.get(key);
    if (at === undefined) {
      at = distinct.push(representation) - 1;
      indexOf.set(key, at);
    }
    return at;
  });
  if (distinct.length === representations.length) return undefined;
  return { request: { ...request, variables: { ...request.variables, representations: distinct } }, positions };
}

/** the answer to distinct representations, back in the gateway's order: a repeated entity is a copy, so each merges on its own; an error points at its first occurrence */
function spreadEntities(response: GatewayGraphQLResponse, positions: number[]): GatewayGraphQLResponse {
  const entities = (response.data as { _entities?: unknown[] } | null | undefined)?._entities;
  if (!Array.isArray(entities)) return response;
  const given = new Set<number>();
  const spread = positions.map((at) => (given.has(at) ? structuredClone(entities[at]) : (given.add(at), entities[at])));
  const errors = response.errors?.map((error) => {
    const [root, at, ...rest] = error.path ?? [];
    return root === '_entities' && typeof at === 'number' ? { ...error, path: [root, positions.indexOf(at), ...rest] } : error;
  });
  return { ...response, data: { ...response.data, _entities: spread }, ...(errors ? { errors } : {}) };
}

/** an answer a request may merge into its result without touching another request's */
function copyOf(response: GatewayGraphQLResponse): GatewayGraphQLResponse {
  const { http, ...body } = response;
  return { ...structuredClone(body), http };
}

/** the HTTP answer RemoteGraphQLDataSource threw as an error, for a non-2xx status */
function responseOf(error: unknown): { status: number; body: unknown } | undefined {
  const response = (error as GraphQLError).extensions?.response as { status?: unknown; body?: unknown } | undefined;
  return error instanceof GraphQLError && typeof response?.status === 'number'
    ? { status: response.status, body: response.body }
    : undefined;
}

/** A service's refusal of the client's own input: the breaker does not count it as the service failing. */
export function isClientRefusal(error: unknown): boolean {
  const response = responseOf(error);
  return response !== undefined && clientErrorsIn(response.status, response.body) !== undefined;
}

function failureReason(error: unknown): 'timeout' | 'unreachable' | 'unusable' {
  const name = (error as Error)?.name;
  if (name === 'AbortError' || name === 'TimeoutError') return 'timeout';
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'EHOSTUNREACH' || code === 'ENOTFOUND') return 'unreachable';
  return 'unusable';
}

/** What happened to a fetch that got no answer, in words a client may read (no address, no stack). */
function describeFailure(error: unknown, timeoutMs: number): string {
  return {
    timeout: `did not answer within ${timeoutMs} ms`,
    unreachable: 'could not be reached',
    unusable: 'did not give a usable answer',
  }[failureReason(error)];
}

/** The errors of a service's 400 when every one is the client's; they keep their code, and the gateway answers 400 too (the service refused the request whole). */
function clientErrorsIn(status: number, body: unknown): GraphQLFormattedError[] | undefined {
  const errors = (body as { errors?: unknown })?.errors;
  if (status !== 400 || !Array.isArray(errors) || errors.length === 0) return undefined;
  if (!errors.every((e) => typeof e?.message === 'string' && isClientError(e))) return undefined;
  // locations point into the query the gateway wrote for the service, not the client's: dropped
  return errors.map((e: GraphQLFormattedError) => ({ message: e.message, extensions: { ...e.extensions, http: { status: 400 } } }));
}
