import { Kind, Lexer, parse, Source, TokenKind, valueFromASTUntyped, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import { notFound, type OperationLimits } from '@skills-sichuan/runtime';
import type { RequestContext } from './context';
import { MAX_PAGE_SIZE } from './pagination';

/** chunks of one read in flight at once: a long list of ids never becomes a burst of requests at the gateway */
const CONCURRENT_CHUNKS = 4;
/** the size the gateway assumes for a list that says nothing of its size (operation-limits.ts) */
const DEFAULT_LIST_SIZE = 10;

interface Measure {
  depth: number;
  aliases: number;
  directives: number;
  cost: number;
}

/**
 * What one id's part of a read weighs, as the gateway measures it. The root field is a
 * lookup by id (one object); every field below it with a selection is weighed as a list
 * of its `first` or 10, so a nested object is over-counted and a list never under-counted.
 */
function measureSet(selectionSet: SelectionSetNode, inheritedPage: number | undefined, root: boolean): Measure {
  const total: Measure = { depth: 0, aliases: 0, directives: 0, cost: 0 };
  for (const selection of selectionSet.selections) {
    const directives = selection.directives?.length ?? 0;
    let m: Measure;
    if (selection.kind === Kind.FIELD) {
      const first = selection.arguments?.find((a) => a.name.value === 'first');
      const page = first ? Number(valueFromASTUntyped(first.value)) : undefined;
      if (page !== undefined && !Number.isInteger(page))
        throw new Error(`a read by ids takes \`first\` as a number, not a variable: ${selection.name.value}`);
      const alias = selection.alias ? 1 : 0;
      if (selection.name.value.startsWith('__')) {
        m = { depth: 0, aliases: alias, directives, cost: 0 };
      } else if (!selection.selectionSet) {
        m = { depth: 1, aliases: alias, directives, cost: 1 };
      } else {
        const children = measureSet(selection.selectionSet, page, false);
        const multiplier = root ? 1 : Math.max(DEFAULT_LIST_SIZE, inheritedPage ?? 0, page ?? 0);
        m = {
          depth: 1 + children.depth,
          aliases: alias + children.aliases,
          directives: directives + children.directives,
          cost: multiplier * (1 + children.cost),
        };
      }
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const inner = measureSet(selection.selectionSet, inheritedPage, root);
      m = { ...inner, directives: inner.directives + directives };
    } else {
      throw new Error(`a read by ids takes no fragment spreads (...${selection.name.value}): write the fields out`);
    }
    total.depth = Math.max(total.depth, m.depth);
    total.aliases += m.aliases;
    total.directives += m.directives;
    total.cost += m.cost;
  }
  return total;
}

/** Lexical tokens, as the gateway's parser counts them against maxTokens. */
function tokens(document: string): number {
  const lexer = new Lexer(new Source(document));
  let count = 0;
  while (lexer.advance().kind !== TokenKind.EOF) count++;
  return count;
}

/** The query for one chunk: each id a variable and an alias (a chunk of one under MAX_ALIASES=0 goes unaliased). */
function chunkQuery(rootField: string, selection: string, size: number, aliased: boolean): string {
  const indices = Array.from({ length: size }, (_, i) => i);
  return `query ${rootField}ByIds(${indices.map((i) => `$v${i}: ID!`).join(', ')}) { ${indices.map((i) => `${aliased ? `v${i}: ` : ''}${rootField}(id: $v${i}) ${selection}`).join(' ')} }`;
}

export interface ReadPlan {
  /** ids asked in one query */
  idsPerQuery: number;
  aliased: boolean;
}

/**
 * How many ids one query of `rootField(id:) selection` may carry under the gateway's
 * limits: its measures grow by one id's part per id, so the chunk is the largest whole
 * number of parts under each limit — aliases usually (30 → 30 ids of a selection without
 * aliases), cost and tokens for a heavy selection. No headroom is kept: the measures are
 * the gateway's own (cost over-counted), and a test runs at MAX_ALIASES=5 to prove it.
 * A selection that alone breaks a limit is a bug in the caller: thrown at once.
 */
export function planRead(rootField: string, selection: string, limits: OperationLimits): ReadPlan {
  const operation = parse(chunkQuery(rootField, selection, 1, true)).definitions[0] as OperationDefinitionNode;
  const part = measureSet(operation.selectionSet, undefined, true);
  const partTokens = tokens(chunkQuery(rootField, selection, 2, true)) - tokens(chunkQuery(rootField, selection, 1, true));
  const baseTokens = tokens(chunkQuery(rootField, selection, 1, true)) - partTokens;
  const fits = (limit: number, each: number) => (each === 0 ? Infinity : Math.floor(limit / each));
  const idsPerQuery = Math.min(
    fits(limits.maxAliases, part.aliases),
    fits(limits.maxCost, part.cost),
    fits(limits.maxDirectives, part.directives),
    fits(limits.maxTokens - baseTokens, partTokens),
  );
  if (part.depth <= limits.maxDepth && idsPerQuery >= 1) return { idsPerQuery, aliased: true };
  // the unaliased query of one id: the only read left when MAX_ALIASES is 0
  const alone = { ...part, aliases: part.aliases - 1 };
  if (
    part.depth <= limits.maxDepth &&
    alone.aliases <= limits.maxAliases &&
    alone.cost <= limits.maxCost &&
    alone.directives <= limits.maxDirectives &&
    tokens(chunkQuery(rootField, selection, 1, false)) <= limits.maxTokens
  ) {
    return { idsPerQuery: 1, aliased: false };
  }
  throw new Error(
    `${rootField}(id:) ${selection} alone exceeds the gateway's limits (depth ${part.depth}, aliases ${part.aliases}, cost ${part.cost}, ${partTokens} tokens)`,
  );
}

/**
 * What a root field of the graph (`brand(id:)`, `organization(id:)`) answers for each of
 * these ids: id → the selection's answer, for the ids it resolves (the unknown are left
 * out). Asked as the viewer, never as a list of another subgraph's records, in queries
 * sized by planRead under the limits the gateway enforces.
 */
export async function readByIds<T = { id: string }>(
  ctx: RequestContext,
  rootField: string,
  ids: readonly string[],
  selection: string,
): Promise<Map<string, T>> {
  if (!ctx.graph) throw new Error(`reading ${rootField} by ids needs a request context that can read the graph`);
  const graph = ctx.graph;
  const unique = [...new Set(ids)];
  const found = new Map<string, T>();
  if (unique.length === 0) return found;
  const { idsPerQuery, aliased } = planRead(rootField, selection, graph.limits);
  const chunks: string[][] = [];
  for (let i = 0; i < unique.length; i += idsPerQuery) chunks.push(unique.slice(i, i + idsPerQuery));
  let next = 0;
  const worker = async () => {
    while (next < chunks.length) {
      const chunk = chunks[next++];
      const query = chunkQuery(rootField, selection, chunk.length, aliased);
      const answer = await graph.query<Record<string, T | null>>(ctx, query, Object.fromEntries(chunk.map((id, i) => [`v${i}`, id])));
      chunk.forEach((id, i) => {
        const value = answer[aliased ? `v${i}` : rootField];
        if (value) found.set(id, value);
      });
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENT_CHUNKS, chunks.length) }, worker));
  return found;
}

export interface MissingIds {
  /** the input field that named the ids: `extensions.field` */
  field?: string;
  /** what the message calls the record: the root field's name unless given */
  noun?: string;
  /** more extensions for the NOT_FOUND */
  details?: Record<string, unknown>;
}

/** readByIds for ids that must all exist: NOT_FOUND lists every one the graph does not resolve, in the order given. */
export async function readAllByIds<T = { id: string }>(
  ctx: RequestContext,
  rootField: string,
  ids: readonly string[],
  selection: string,
  missing: MissingIds = {},
): Promise<Map<string, T>> {
  const found = await readByIds<T>(ctx, rootField, ids, selection);
  const unknown = [...new Set(ids)].filter((id) => !found.has(id));
  if (unknown.length) {
    throw notFound(`no ${missing.noun ?? rootField} has id ${unknown.join(', ')}`, {
      ...(missing.field ? { field: missing.field } : {}),
      ...missing.details,
      missingIds: unknown,
    });
  }
  return found;
}

/** Refuses with NOT_FOUND any of these ids the root field does not resolve. */
export async function assertAllExist(
  ctx: RequestContext,
  rootField: string,
  ids: readonly string[],
  missing: MissingIds = {},
): Promise<void> {
  await readAllByIds(ctx, rootField, ids, '{ id }', missing);
}

interface ListPage<T> {
  nodes: T[];
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
}

/**
 * The nodes a paginated root list of the graph answers for these ids
 * (`bases(filter: { ids, … })`): MAX_PAGE_SIZE ids per filter, each filter read page
 * by page — for the many ids that readByIds would cut into queries of 30.
 * `filter` holds the rest of the filter as GraphQL text (`status: ACTIVE`).
 */
export async function readListByIds<T extends { id: string }>(
  ctx: RequestContext,
  listField: string,
  ids: readonly string[],
  nodeSelection: string,
  filter = '',
): Promise<T[]> {
  if (!ctx.graph) throw new Error(`reading ${listField} by ids needs a request context that can read the graph`);
  const unique = [...new Set(ids)];
  const query = `query ${listField}ListByIds($ids: [ID!], $first: Int, $after: String) { ${listField}(filter: { ids: $ids ${filter} }, first: $first, after: $after) { nodes ${nodeSelection} pageInfo { endCursor hasNextPage } } }`;
  const nodes: T[] = [];
  for (let start = 0; start < unique.length; start += MAX_PAGE_SIZE) {
    const chunk = unique.slice(start, start + MAX_PAGE_SIZE);
    let after: string | null = null;
    do {
      const page: ListPage<T> = (
        await ctx.graph.query<Record<string, ListPage<T>>>(ctx, query, { ids: chunk, first: MAX_PAGE_SIZE, after })
      )[listField];
      nodes.push(...page.nodes);
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
  }
  return nodes;
}
