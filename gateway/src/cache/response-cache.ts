import type { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import responseCachePlugin from '@apollo/server-plugin-response-cache';
import { ErrorsAreMissesCache, InMemoryLRUCache, type KeyValueCache } from '@apollo/utils.keyvaluecache';
import { getNamedType, TypeInfo, visit, visitWithTypeInfo, type DocumentNode, type GraphQLSchema } from 'graphql';
import type { Logger, ServiceMetrics, Viewer } from '@skills-sichuan/runtime';
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

/**
 * Whole answers to reads, kept for as long as the subgraphs' cache hints allow.
 *
 * What is kept: a query's answer without errors whose every subgraph answer carried a max-age
 * (`@cacheControl` on the types it read; a part without one, or that did not answer, makes the
 * answer not kept), for the shortest of them. Under which key: the document and variables, the
 * viewer's role and jurisdiction (every claim but the subject: what authorization reads), the
 * served supergraph's revision, and the write generation of each subgraph the operation reads —
 * so one viewer's answer is only ever served to a viewer its subgraphs would answer alike, and a
 * write through the gateway (a mutation, a routed event) makes what was read before it
 * unreachable. A client that sends `Cache-Control: no-cache` is answered afresh.
 */
export class ResponseCache {
  private readonly outcomes?: { inc(labels: { outcome: string }): void };

  private constructor(
    private readonly store: KeyValueCache<string>,
    private readonly generations: WriteGenerations,
    private readonly closeStore: () => void,
    metrics?: ServiceMetrics,
  ) {
    this.outcomes = metrics?.counter(
      'response_cache_requests_total',
      'Reads answered from the response cache (hit), fetched and kept or not (miss), or asked afresh (bypass)',
      ['outcome'],
    );
  }

  static async open(options: ResponseCacheOptions, log: Logger, metrics?: ServiceMetrics): Promise<ResponseCache> {
    if (!options.redisUrl)
      return new ResponseCache(new InMemoryLRUCache({ maxSize: options.maxBytes }), new LocalGenerations(), () => {}, metrics);
    const redis = await connectRedis(options.redisUrl, log);
    const generations = await SharedGenerations.open(redis, options.redisPrefix, log);
    log.info('response cache shared through Redis');
    // Redis away: a read misses (and is logged), a write is dropped by the plugin with a warning
    const store = new ErrorsAreMissesCache(new RedisKeyValueCache(redis, `${options.redisPrefix}response:`), log);
    return new ResponseCache(store, generations, () => redis.disconnect(), metrics);
  }

  /** after a write to these services has committed (the event router tells it; mutations tell it themselves) */
  written(services: Iterable<string>): Promise<void> {
    return this.generations.written(services);
  }

  async close(): Promise<void> {
    await this.generations.close();
    this.closeStore();
  }

  /** Apollo's response cache with our keys, and the plugin that counts mutations as writes */
  plugins(layout: () => SupergraphLayout, revision: () => number | string | undefined): ApolloServerPlugin<GatewayContext>[] {
    const generations = this.generations;
    const servicesOf = (request: GraphQLRequestContext<GatewayContext>) =>
      request.document ? servicesRead(request.document, request.schema, layout()) : [...layout().subgraphs];
    const apollo = responseCachePlugin<GatewayContext>({
      cache: this.store,
      // PRIVATE hints are kept per subject; nothing of ours gives them today, a partner's could
      sessionId: async ({ contextValue }) => (contextValue.viewer.isPublic ? null : (contextValue.viewer.subject ?? null)),
      extraCacheKeyData: async (request) => ({
        viewer: scopeOf(request.contextValue.viewer),
        revision: revision() ?? null,
        generations: servicesOf(request).map((service) => [service, generations.of(service)]),
      }),
      shouldReadFromCache: async ({ request }) => !bypassed(request.http?.headers),
      // a stale answer stands in for a part that did not answer: never kept as a fresh one
      shouldWriteToCache: async ({ response }) => response.body?.kind === 'single' && !response.body.singleResult.extensions?.stale,
    });
    const outcomes = this.outcomes;
    const writes: ApolloServerPlugin<GatewayContext> = {
      async requestDidStart() {
        return {
          async willSendResponse(request) {
            const operation = request.operation?.operation;
            // the subgraphs have committed by now: reads that start from here on key themselves past this write
            if (operation === 'mutation') await generations.written(servicesOf(request));
            if (operation !== 'query') return;
            const hit = request.metrics.responseCacheHit;
            outcomes?.inc({ outcome: hit ? 'hit' : bypassed(request.request.http?.headers) ? 'bypass' : 'miss' });
          },
        };
      },
    };
    return [apollo, writes];
  }
}

/** a client asking for a fresh answer (`Cache-Control: no-cache`); the answer is still kept */
const bypassed = (headers: { get(name: string): string | undefined } | undefined) =>
  /\bno-cache\b/i.test(headers?.get('cache-control') ?? '');

/** what may change an answer besides the graph's data: every claim authorization reads; the subject only for PRIVATE hints (sessionId) */
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
