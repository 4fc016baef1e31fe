import { ArgsType, createParameterDecorator, Directive, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { badInput } from '@skills-sichuan/runtime';
import { CachedWithParent } from './cache-hints';
import { asksField } from './selection';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

// every subgraph's connections share this one type, so it is @shareable
@ObjectType({ description: 'Where a page ends, and whether another follows' })
@Directive('@shareable')
@CachedWithParent()
export class PageInfo {
  @Field(() => String, { nullable: true, description: 'pass as `after` for the next page; null on an empty page' })
  endCursor: string | null;

  @Field()
  hasNextPage: boolean;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, { defaultValue: DEFAULT_PAGE_SIZE, description: `page size, 1–${MAX_PAGE_SIZE}` })
  first: number;

  @Field(() => String, { nullable: true, description: 'the endCursor of the previous page' })
  after?: string | null;

  /** not an argument: whether the operation selects `totalCount`, as `@CountAsked()` tells the resolver */
  counted?: boolean;
}

/**
 * A list resolver's parameter: whether the operation selects the connection's `totalCount`, so
 * `paginate` counts in the page's own statement instead of a second one.
 */
export const CountAsked = () => createParameterDecorator(({ info }) => asksField(info, 'totalCount'));

/**
 * The shape of every paginated list: `{ nodes, pageInfo, totalCount }`. `countWeight`: what
 * counting the list's rows weighs in the gateway's cost (`@cost(weight:)` on `totalCount`), for
 * a table large enough that the count, not the page, is the work; 1 when not given.
 */
export function Connection<T extends object>(item: ClassType<T>, { countWeight }: { countWeight?: number } = {}) {
  const counted: PropertyDecorator = countWeight ? Directive(`@cost(weight: ${countWeight})`) : () => undefined;
  // never emitted itself: only the concrete connections that extend it are reachable (each says
  // its own cache hint: type-graphql does not hand a class's directives to its subclasses)
  @ObjectType()
  abstract class ConnectionType {
    @Field(() => [item])
    nodes: T[];

    @Field(() => PageInfo)
    pageInfo: PageInfo;

    @Field(() => Int, { description: 'rows matching the filter, over all pages' })
    @counted
    totalCount: Promise<number>;
  }
  return ConnectionType;
}

export interface Page<T> {
  nodes: T[];
  pageInfo: PageInfo;
  /** counted on first read: only an operation that asks `totalCount` runs the COUNT */
  readonly totalCount: Promise<number>;
}

/** One key of a list's order: a column in SQL, the property holding it on the entity. */
export interface OrderKey<T> {
  column: string;
  property: keyof T & string;
  direction: 'ASC' | 'DESC';
}

const encodeCursor = (values: unknown[]) => Buffer.from(JSON.stringify(values)).toString('base64url');

function decodeCursor(cursor: string, length: number): unknown[] {
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(values) && values.length === length && values.every((v) => ['string', 'number'].includes(typeof v) || v === null))
      return values;
  } catch {
    // reported below
  }
  throw badInput('after is not a cursor this list gave out');
}

/** what the page's statement selects beside its rows when it counts them too */
const TOTAL_COUNT = 'page_total_count';

/**
 * Keyset pagination over a fixed order whose last key is unique (the id): the next page
 * starts strictly after the previous page's last row, so rows added meanwhile never make
 * a page repeat or skip one. One statement: the page, one row more than asked (to know whether
 * another page follows). The count is another, run only when `totalCount` is read — unless
 * the request says the operation asks it (`counted`), and each row is one entity (no joins, or to-one only):
 * then the page's statement carries it as a subquery, and only an empty page counts apart.
 */
export async function paginate<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  order: OrderKey<T>[],
  { first, after, counted: asked }: PageArgs,
  options: { toOneJoins?: boolean } = {},
): Promise<Page<T>> {
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE)
    throw badInput(`first must be from 1 to ${MAX_PAGE_SIZE}, got ${first}`);
  const rowPerEntity = options.toOneJoins || query.expressionMap.joinAttributes.length === 0;
  // with joins TypeORM counts DISTINCT ids (15× slower over 330,000 records); when every join is to-one, rows are the entities
  const counting = query.clone().select('COUNT(*)', 'n').orderBy();
  const count = async () =>
    rowPerEntity ? Number((await counting.getRawOne<{ n: number | string }>())?.n ?? 0) : query.clone().getCount();
  let counted: Promise<number> | undefined;
  const page = query.clone();
  if (after) {
    const values = decodeCursor(after, order.length);
    // (k1 > v1) OR (k1 = v1 AND k2 > v2) OR … — written out, since the directions may differ
    const alternatives = order.map((key, i) => {
      const equal = order.slice(0, i).map((k, j) => `${k.column} = :cursor${j}`);
      return [...equal, `${key.column} ${key.direction === 'ASC' ? '>' : '<'} :cursor${i}`].join(' AND ');
    });
    page.andWhere(`(${alternatives.map((a) => `(${a})`).join(' OR ')})`, Object.fromEntries(values.map((v, i) => [`cursor${i}`, v])));
  }
  order.forEach((key, i) => (i === 0 ? page.orderBy(key.column, key.direction) : page.addOrderBy(key.column, key.direction)));
  page.limit(first + 1);
  let rows: T[];
  if (asked && rowPerEntity) {
    // the count's subquery has the page's own filter (its parameters, the same names), not the cursor
    const { entities, raw } = await page.addSelect(`(${counting.getQuery()})`, TOTAL_COUNT).getRawAndEntities<Record<string, unknown>>();
    rows = entities;
    if (raw.length > 0) counted = Promise.resolve(Number(raw[0][TOTAL_COUNT]));
  } else rows = await page.getMany();
  const nodes = rows.slice(0, first);
  const last = nodes[nodes.length - 1];
  return {
    nodes,
    // a getter, read by the field's resolution only when the operation selects it (73 ms over all training records)
    get totalCount() {
      return (counted ??= count());
    },
    pageInfo: { hasNextPage: rows.length > first, endCursor: last ? encodeCursor(order.map((k) => last[k.property] as unknown)) : null },
  };
}

/** The same page with each node turned into another; the count stays unread until asked (a spread would read it). */
export function mapNodes<T, U>(page: Page<T>, map: (node: T) => U): Page<U> {
  return {
    nodes: page.nodes.map(map),
    pageInfo: page.pageInfo,
    get totalCount() {
      return page.totalCount;
    },
  };
}
