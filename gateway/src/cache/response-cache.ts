import { createHash } from 'node:crypto';
import type { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import { ErrorsAreMissesCache, InMemoryLRUCache, type KeyValueCache } from '@apollo/utils.keyvaluecache';
import { getNamedType, TypeInfo, visit, visitWithTypeInfo, type DocumentNode, type GraphQLSchema } from 'graphql';
import type { GraphQLHttpRequest, HttpAnswer, KeptAnswers, Logger, ServiceMetrics, Viewer } from '@skills-sichuan/runtime';
import type { GatewayContext } from '../context';
import type { SupergraphLayout } from '../supergraph/layout';
import { LocalGenerations, SharedGenerations, type WriteGenerations } from './generations';
import { connectRedis, RedisKeyValueCache } from './redis-store';

export interface ResponseCacheOptions {
  /** the answers kept in this process, in bytes of their JSON (RESPONSE_CACHE_MAX_BYTES) */
  maxBytes: number;
  /** REDIS_URL: the answers and the write generations shared by every replica */
  redisUrl?: string;
  /** REDIS_KEY_PREFIX */
  redisPrefix: string;
}

/** a request body longer than this is not looked up: the dashboard's reads are a few hundred bytes, an import megabytes */
const LOOKED_UP_MAX_CHARS = 16 * 1024;
/** request shapes whose reads this replica remembers; past it the oldest are forgotten (and learnt again on a miss) */
const SHAPES_KEPT = 10_000;
/** how long a shape shared through Redis is remembered there: what it reads is fixed at its revision */
const SHAPE_TTL_SECONDS = 24 * 3600;

/** What one kind of request reads, learnt when its answer was first kept. */
interface Shape {
  /** the subgraphs it reads: their write generations are part of its answers' keys */
  services: string[];
  operationName?: string;
  /** an answer of it came PRIVATE: looked up per subject first */
  private: boolean;
}

/** A request as it was when it came in: what its answer is kept under. */
interface Arrival {
  shape: string;
  generations: ReadonlyMap<string, number>;
}

/** that an answer may be kept, and for how long, as the GraphQL pipeline found it */
export interface Keepable extends Shape {
  maxAge: number;
}

/**
 * Whole answers to reads, kept for as long as the subgraphs' cache hints allow, and served in
 * front of Apollo Server: a hit is the kept HTTP answer written back, without parsing,
 * validating, planning or serializing anything.
 *
 * What is kept: a query's answer without errors whose every subgraph answer carried a max-age
 * (`@cacheControl` on the types it read; a part without one, or that did not answer, makes the
 * answer not kept), for the shortest of them, exactly as Apollo Server sent it. Under which key:
 * the request's body and the headers that change its answer (Accept, the client's name), the
 * viewer's role and jurisdiction (every claim but the subject: what authorization reads), the
 * served supergraph's revision, and the write generation, when the request came in, of each
 * subgraph its operation reads — so one viewer's answer is only ever served to a viewer its
 * subgraphs would answer alike, and a write through the gateway (a mutation, a routed event)
 * makes what was read before it unreachable. A request answered from here has passed every check
 * of the pipeline before: the checks read nothing the key leaves out. A client that sends
 * `Cache-Control: no-cache` is answered afresh.
 */
export class ResponseCache {
  private readonly outcomes?: { inc(labels: { outcome: string }): void };
  private readonly shapes = new Map<string, Shape>();
  private readonly arrivals = new WeakMap<object, Arrival>();

  private constructor(
    private readonly store: KeyValueCache<string>,
    private readonly generations: WriteGenerations,
    private readonly closeStore: () => void,
    /** the store is the replicas' (Redis): a shape unknown here may be known there */
    private readonly shared: boolean,
    private readonly log: Logger,
    private readonly metrics?: ServiceMetrics,
  ) {
    this.outcomes = metrics?.counter(
      'response_cache_requests_total',
      'Reads answered from the response cache (hit), fetched and kept or not (miss), or asked afresh (bypass)',
      ['outcome'],
    );
  }

  static async open(options: ResponseCacheOptions, log: Logger, metrics?: ServiceMetrics): Promise<ResponseCache> {
    if (!options.redisUrl)
      return new ResponseCache(new InMemoryLRUCache({ maxSize: options.maxBytes }), new LocalGenerations(), () => {}, false, log, metrics);
    const redis = await connectRedis(options.redisUrl, log);
    const generations = await SharedGenerations.open(redis, options.redisPrefix, log);
    log.info('response cache shared through Redis');
    // Redis away: a read misses (and is logged), a write is dropped with a warning
    const store = new ErrorsAreMissesCache(new RedisKeyValueCache(redis, `${options.redisPrefix}response:`), log);
    return new ResponseCache(store, generations, () => redis.disconnect(), true, log, metrics);
  }

  /** after a write to these services has committed (the event router tells it; mutations tell it themselves) */
  written(services: Iterable<string>): Promise<void> {
    return this.generations.written(services);
  }

  async close(): Promise<void> {
    await this.generations.close();
    this.closeStore();
  }

  /** the answers kept in front of Apollo Server, for the served supergraph's revision */
  answers(revision: () => number | string | undefined): KeptAnswers<GatewayContext> {
    return {
      find: async (request) => {
        const started = performance.now();
        const shape = shapeOf(request, revision());
        if (shape === undefined) return undefined;
        const arrival = { shape, generations: this.generations.snapshot() };
        this.arrivals.set(request, arrival);
        if (bypassed(request.req.headers['cache-control'])) return undefined;
        try {
          const known = this.shapes.get(shape) ?? (this.shared ? await this.learn(shape) : undefined);
          if (!known) return undefined;
          const { viewer } = await request.context();
          const keys = [keyOf(arrival, viewer, known)];
          if (known.private && viewer.subject) keys.unshift(keyOf(arrival, viewer, known, viewer.subject));
          for (const key of keys) {
            const kept = await this.store.get(key);
            if (kept === undefined) continue;
            this.outcomes?.inc({ outcome: 'hit' });
            this.metrics?.answered(known.operationName, 'ok', started);
            return unpack(kept);
          }
        } catch (err) {
          // an unverifiable viewer is refused by the pipeline; anything else is asked afresh there
          this.log.debug({ err, requestId: request.requestId }, 'response cache lookup skipped');
        }
        return undefined;
      },
      offer: (request, answer) => {
        const arrival = this.arrivals.get(request);
        if (!arrival || answer.status !== 200) return;
        request.context().then(
          ({ viewer, answer: found }) => {
            const keepable = found?.keepable;
            if (!keepable || (keepable.private && !viewer.subject)) return;
            this.remember(arrival.shape, keepable);
            const key = keyOf(arrival, viewer, keepable, keepable.private ? viewer.subject : undefined);
            this.store
              .set(key, pack(answer), { ttl: keepable.maxAge })
              .catch((err: unknown) => this.log.warn({ err }, 'an answer could not be kept'));
          },
          () => undefined,
        );
      },
    };
  }

  /** what decides, inside the pipeline, whether an answer may be kept; and mutations counted as writes */
  plugin(layout: () => SupergraphLayout): ApolloServerPlugin<GatewayContext> {
    const { generations, outcomes } = this;
    const servicesOf = (request: GraphQLRequestContext<GatewayContext>) =>
      request.document ? servicesRead(request.document, request.schema, layout()) : [...layout().subgraphs];
    return {
      async requestDidStart() {
        return {
          async willSendResponse(request) {
            const operation = request.operation?.operation;
            // the subgraphs have committed by now: reads that come in from here on key themselves past this write
            if (operation === 'mutation') await generations.written(servicesOf(request));
            if (operation !== 'query' || request.response.body.kind !== 'single') return;
            outcomes?.inc({ outcome: bypassed(request.request.http?.headers.get('cache-control')) ? 'bypass' : 'miss' });
            const { data, errors, extensions } = request.response.body.singleResult;
            // a stale answer stands in for a part that did not answer: never kept as a fresh one
            const policy = request.overallCachePolicy.policyIfCacheable();
            if (errors || !data || extensions?.stale || !policy) return;
            if (request.contextValue.answer)
              request.contextValue.answer.keepable = {
                maxAge: policy.maxAge,
                private: policy.scope === 'PRIVATE',
                services: servicesOf(request),
                operationName: request.operationName ?? undefined,
              };
          },
        };
      },
    };
  }

  /** what a shape reads, known here from now on; and, shared, told to the other replicas */
  private remember(shape: string, keepable: Keepable): void {
    const known = this.shapes.get(shape);
    if (known && (known.private || !keepable.private)) return;
    const { maxAge: _maxAge, ...learnt } = keepable;
    this.keep(shape, learnt);
    if (this.shared)
      this.store
        .set(`shape:${shape}`, JSON.stringify(learnt), { ttl: SHAPE_TTL_SECONDS })
        .catch((err: unknown) => this.log.warn({ err }, 'a request shape could not be shared'));
  }

  /** a shape another replica has kept answers of */
  private async learn(shape: string): Promise<Shape | undefined> {
    const told = await this.store.get(`shape:${shape}`);
    if (told === undefined) return undefined;
    const learnt = JSON.parse(told) as Shape;
    this.keep(shape, learnt);
    return learnt;
  }

  private keep(shape: string, learnt: Shape): void {
    if (!this.shapes.has(shape) && this.shapes.size >= SHAPES_KEPT) this.shapes.delete(this.shapes.keys().next().value!);
    this.shapes.set(shape, learnt);
  }
}

/**
 * What identifies a request's answer before it is parsed: its body as sent and the headers that
 * change the answer, at this revision. Only JSON POSTs are looked up (what the dashboard and
 * clients send; a GET or a form is left to the pipeline and its CSRF rules), and none asking for
 * the query plan.
 */
function shapeOf(request: GraphQLHttpRequest<GatewayContext>, revision: number | string | undefined): string | undefined {
  const { req, body, raw } = request;
  if (req.method !== 'POST' || typeof body !== 'object' || body === null || raw.length > LOOKED_UP_MAX_CHARS) return undefined;
  if (req.headers['apollo-query-plan-experimental'] !== undefined) return undefined;
  return createHash('sha256')
    .update(JSON.stringify([revision ?? null, req.headers.accept ?? null, req.headers['apollographql-client-name'] ?? null]))
    .update(raw)
    .digest('base64url');
}

/** an answer's key: its shape, the viewer's scope (and subject, for a PRIVATE answer), the generations it read as it came in */
function keyOf(arrival: Arrival, viewer: Viewer, shape: Pick<Shape, 'services'>, subject?: string): string {
  const read = shape.services.map((service) => [service, arrival.generations.get(service) ?? 0]);
  return createHash('sha256')
    .update(JSON.stringify([arrival.shape, scopeOf(viewer), read, subject ?? null]))
    .digest('base64url');
}

/** kept as one string: a line of JSON (when, the headers), then the body as sent */
function pack(answer: HttpAnswer): string {
  return `${JSON.stringify({ at: Date.now(), headers: answer.headers })}\n${answer.body}`;
}

function unpack(kept: string): HttpAnswer {
  const line = kept.indexOf('\n');
  const { at, headers } = JSON.parse(kept.slice(0, line)) as { at: number; headers: [string, string][] };
  const age = Math.max(0, Math.round((Date.now() - at) / 1000));
  return { status: 200, headers: [...headers, ['age', String(age)]], body: kept.slice(line + 1) };
}

/** a client asking for a fresh answer (`Cache-Control: no-cache`); the answer is still kept */
const bypassed = (cacheControl: string | string[] | undefined) => /\bno-cache\b/i.test(String(cacheControl ?? ''));

/** what may change an answer besides the graph's data: every claim authorization reads; the subject only for PRIVATE hints */
function scopeOf(viewer: Viewer): unknown {
  const { sub: _subject, ...scope } = viewer.toClaims();
  return scope;
}

const readsOf = new WeakMap<SupergraphLayout, WeakMap<DocumentNode, string[]>>();

/**
 * The subgraphs an operation's fields are resolved by, read from the supergraph's layout
 * (once per document and layout). A field the layout does not place (an interface's, say)
 * counts as read from every subgraph.
 */
export function servicesRead(document: DocumentNode, schema: GraphQLSchema, layout: SupergraphLayout): string[] {
  let byDocument = readsOf.get(layout);
  if (!byDocument) readsOf.set(layout, (byDocument = new WeakMap()));
  const known = byDocument.get(document);
  if (known) return known;
  const services = new Set<string>();
  let everywhere = false;
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const parent = typeInfo.getParentType();
        if (!parent || node.name.value.startsWith('__')) return;
        const owners = layout.ownersOf(`${getNamedType(parent).name}.${node.name.value}`);
        if (owners.size === 0) everywhere = true;
        for (const owner of owners) services.add(owner);
      },
    }),
  );
  const read = [...(everywhere ? layout.subgraphs : services)].sort();
  byDocument.set(document, read);
  return read;
}
