import { randomUUID } from 'node:crypto';
import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { type Logger, Viewer } from '@skills-sichuan/runtime';
import type { GraphClient } from './graph-client';
import { Reads } from './reads';

/**
 * A batch function for a per-request DataLoader. It must answer one value per key, in
 * the order of the keys (null where nothing exists), and should send one SQL statement
 * (through the context's reads, so that other loaders' statements of the same turn join it).
 */
export type BatchLoad<K, V> = (keys: readonly K[], context: RequestContext) => Promise<ReadonlyArray<V | Error>>;

export interface LoaderDefinition<K, V> {
  readonly name: string;
  readonly batch: BatchLoad<K, V>;
  /** for keys that are objects: the value two equal keys share */
  readonly cacheKey?: (key: K) => unknown;
}

/** Declares a loader once, at module scope; its instances live and die with one request. */
export function defineLoader<K, V>(
  name: string,
  batch: BatchLoad<K, V>,
  options: { cacheKey?: (key: K) => unknown } = {},
): LoaderDefinition<K, V> {
  return { name, batch, cacheKey: options.cacheKey };
}

/** The per-request set of DataLoaders: never shared between requests, so no cache leaks across users. */
export class Loaders {
  private readonly instances = new Map<LoaderDefinition<unknown, unknown>, DataLoader<unknown, unknown>>();

  constructor(private readonly context: RequestContext) {}

  of<K, V>(definition: LoaderDefinition<K, V>): DataLoader<K, V> {
    let loader = this.instances.get(definition as LoaderDefinition<unknown, unknown>) as DataLoader<K, V> | undefined;
    if (!loader) {
      loader = new DataLoader<K, V, unknown>((keys) => definition.batch(keys, this.context), { cacheKeyFn: definition.cacheKey });
      this.instances.set(definition as LoaderDefinition<unknown, unknown>, loader as DataLoader<unknown, unknown>);
    }
    return loader;
  }
}

export interface RequestContext {
  readonly requestId: string;
  readonly log: Logger;
  readonly db: DataSource;
  readonly viewer: Viewer;
  readonly loaders: Loaders;
  /** the request's selects sent together, one statement for those its loaders send in one turn */
  readonly reads: Reads;
  /** reads of other subgraphs' data, through the gateway, as this viewer */
  readonly graph?: GraphClient;
}

export function createRequestContext(options: {
  db: DataSource;
  log: Logger;
  requestId?: string;
  viewer?: Viewer;
  graph?: GraphClient;
}): RequestContext {
  const requestId = options.requestId ?? randomUUID();
  const context = {
    requestId,
    log: options.log.child({ requestId }),
    db: options.db,
    viewer: options.viewer ?? Viewer.public(),
    graph: options.graph,
  } as { -readonly [K in keyof RequestContext]: RequestContext[K] };
  context.loaders = new Loaders(context);
  context.reads = new Reads();
  return context;
}

/** Orders rows by the keys that asked for them: the dense, key-ordered answer a batch must return. */
export function byKey<K, R>(keys: readonly K[], rows: readonly R[], keyOf: (row: R) => K): (R | null)[] {
  const index = new Map<K, R>();
  for (const row of rows) index.set(keyOf(row), row);
  return keys.map((key) => index.get(key) ?? null);
}

/** Groups rows under the keys that asked for them, in the rows' order; a key with none gets []. */
export function groupedByKey<K, R>(keys: readonly K[], rows: readonly R[], keyOf: (row: R) => K): R[][] {
  const groups = new Map<K, R[]>(keys.map((key) => [key, []]));
  for (const row of rows) groups.get(keyOf(row))?.push(row);
  return keys.map((key) => groups.get(key) ?? []);
}

/** Items grouped by a key, in their order (Map.groupBy, which Node 20 lacks): a batch asking several questions answers each with one statement. */
export function groupBy<K, T>(items: Iterable<T>, keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
