import type { EntityMetadata, ObjectLiteral, QueryRunner, SelectQueryBuilder } from 'typeorm';

type ColumnMetadata = EntityMetadata['columns'][number];

/**
 * Several SELECTs of one data source sent as one statement: a subgraph fetch that asks two or
 * three tables costs one statement, and each select is answered with its own rows.
 *
 * Each select's rows come back as one JSON array, a column of a one-row statement
 * (`SELECT (…) AS r0, (…) AS r1`), each row an array of its values in the select's order. So
 * no row carries another select's columns, and the driver parses one value, not one a row.
 * A select's rows are aggregated straight from it, so they keep its ORDER BY.
 *
 * Values are JSON's: numbers, strings, booleans, null. PostgreSQL writes a double in its
 * shortest exact form; SQLite writes 15 digits, so a REAL is written with 17, which always
 * read back as the same double. In raw rows a bigint or numeric comes as a number (the
 * driver alone gives a string), a date as its ISO text. An entity read (`entityRead`) gets
 * every column as the driver gives it, so its entities are getMany's.
 */

export type Row = Record<string, unknown>;

/**
 * How a column is written into the JSON on SQLite: as it is, as a double with 17 digits, or
 * either as its value's type asks (a raw select's columns, whose types are known only
 * when they are read). PostgreSQL writes every value exactly.
 */
type Written = 'as-is' | 'double' | 'by-value';

/** One select to read together with others: its query, how it writes its columns, how its rows become answers. */
export interface Select<T> {
  readonly query: SelectQueryBuilder<ObjectLiteral>;
  readonly columns: readonly { name: string; written: Written }[];
  answers(rows: unknown[][]): T[];
}

/** The bound values of one statement: well under SQLite's 32,766 and PostgreSQL's 65,535. */
export const MAX_BOUND_VALUES = 30_000;

/** PostgreSQL's json_build_array takes at most 100 arguments */
const MAX_COLUMNS = 100;

/** A select's rows as objects by column alias, as getRawMany names them; every column must be aliased, so it is known before it runs. */
export function rawSelect<R extends object = Row>(query: SelectQueryBuilder<ObjectLiteral>): Select<R> {
  const { selects } = query.expressionMap;
  const unnamed = selects.find((s) => !s.aliasName);
  if (selects.length === 0 || unnamed)
    throw new Error(`a select read together with others names every column it answers (${unnamed?.selection ?? 'none selected'})`);
  if (selects.length > MAX_COLUMNS) throw new Error(`a select read together with others answers at most ${MAX_COLUMNS} columns`);
  const names = selects.map((s) => s.aliasName!);
  return {
    query,
    columns: names.map((name) => ({ name, written: 'by-value' })),
    answers: (rows) =>
      rows.map((values) => {
        const row: Row = {};
        names.forEach((name, j) => (row[name] = values[j]));
        return row as R;
      }),
  };
}

/** Column types whose value JSON cannot give back as the driver would: bytes, intervals. */
const UNREADABLE = new Set(['bytea', 'blob', 'binary', 'varbinary', 'interval']);
/** PostgreSQL types the driver gives as (exact) strings, which JSON would give as numbers: read as text. */
const AS_TEXT = new Set(['bigint', 'int8', 'numeric', 'decimal', 'money']);
const DOUBLES = new Set(['double precision', 'double', 'float', 'float8', 'real', 'float4']);

/**
 * A read of one entity's rows as a select of its columns by name, and its rows made entities
 * as `getMany` makes them: each value through the driver and the column's transformer. Only a
 * plain entity's: no joins, relation ids or load listeners to honour.
 */
export function entityRead<E extends ObjectLiteral>(query: SelectQueryBuilder<E>): Select<E> {
  const { mainAlias, joinAttributes } = query.expressionMap;
  const metadata = mainAlias?.hasMetadata ? mainAlias.metadata : undefined;
  // getMany loads no relation unless joined; a relation's join column comes with the entity's own columns
  if (!metadata || joinAttributes.length || metadata.relationIds.length || metadata.afterLoadListeners.length)
    throw new Error(`entityRead reads one plain entity: ${metadata?.name ?? 'no entity'} has joins, relation ids or load listeners`);
  const { driver } = query.connection;
  const postgres = query.connection.options.type === 'postgres';
  // the columns getMany makes an entity of: neither a relation's undeclared join column nor a virtual property
  const columns = metadata.columns.filter((c) => c.isSelect && !c.isVirtual && !c.isVirtualProperty);
  if (columns.length > MAX_COLUMNS)
    throw new Error(`entityRead reads at most ${MAX_COLUMNS} columns: ${metadata.name} has ${columns.length}`);
  const typeOf = (c: ColumnMetadata) => driver.normalizeType(c).toLowerCase();
  const unreadable = columns.find((c) => UNREADABLE.has(typeOf(c)));
  if (unreadable)
    throw new Error(`entityRead cannot read ${metadata.name}.${unreadable.propertyName}: JSON does not carry ${typeOf(unreadable)}`);
  const select = query.clone() as SelectQueryBuilder<ObjectLiteral>;
  columns.forEach((c, i) => {
    const name = `${driver.escape(mainAlias!.name)}.${driver.escape(c.databaseName)}`;
    const column = postgres && AS_TEXT.has(typeOf(c)) ? `CAST(${name} AS text)` : name;
    if (i === 0) select.select(column, `c${i}`);
    else select.addSelect(column, `c${i}`);
  });
  return {
    query: select,
    columns: columns.map((c, i) => ({ name: `c${i}`, written: DOUBLES.has(typeOf(c)) ? 'double' : 'as-is' })),
    answers: (rows) =>
      rows.map((values) => {
        const entity = metadata.create(undefined, { fromDeserializer: true }) as E;
        columns.forEach((c, i) => c.setEntityValue(entity, driver.prepareHydratedValue(values[i], c)));
        return entity;
      }),
  };
}

/** Where a select runs: a transaction's connection, or its data source's pool. */
interface Executor {
  query(sql: string, parameters: unknown[]): Promise<unknown>;
}

type Answers<S extends readonly Select<unknown>[]> = { -readonly [K in keyof S]: S[K] extends Select<infer T> ? T[] : never };

/** The answers of each select, in the order of the selects; as few statements as the bound values allow. */
export async function selectTogether<S extends readonly Select<unknown>[]>(selects: readonly [...S]): Promise<Answers<S>> {
  // every statement made before any is sent: a select that cannot be made fails them all, none half sent
  const parts = selects.map((s) => {
    const [sql, parameters] = s.query.getQueryAndParameters();
    return { select: s, sql, parameters: parameters as unknown[] };
  });
  const answers: unknown[][] = new Array(selects.length);
  const sent: Promise<void>[] = [];
  const groups = new Map<Executor, { indexes: number[]; bound: number }>();
  const send = (executor: Executor) => {
    const { indexes } = groups.get(executor)!;
    groups.delete(executor);
    sent.push(
      run(
        executor,
        indexes.map((i) => parts[i]),
      ).then((rows) => indexes.forEach((i, k) => (answers[i] = selects[i].answers(rows[k])))),
    );
  };
  parts.forEach((part, i) => {
    const { query } = part.select;
    // a read inside a transaction belongs to that transaction's connection (TypeORM keeps a builder's runner protected)
    const executor: Executor = (query as unknown as { queryRunner?: QueryRunner }).queryRunner ?? query.connection;
    let group = groups.get(executor);
    if (group && group.bound + part.parameters.length > MAX_BOUND_VALUES) {
      send(executor);
      group = undefined;
    }
    if (!group) groups.set(executor, (group = { indexes: [], bound: 0 }));
    group.indexes.push(i);
    group.bound += part.parameters.length;
  });
  for (const executor of [...groups.keys()]) send(executor);
  await Promise.all(sent);
  return answers as Answers<S>;
}

/** SQLite's JSON writes a REAL with 15 digits, which may not read back as the same double; 17 always do */
const SQLITE_VALUE: Record<Written, (value: string) => string> = {
  'as-is': (value) => value,
  double: (value) => `json(printf('%!.17g', ${value}))`,
  'by-value': (value) => `CASE typeof(${value}) WHEN 'real' THEN json(printf('%!.17g', ${value})) ELSE ${value} END`,
};

async function run(executor: Executor, parts: { select: Select<unknown>; sql: string; parameters: unknown[] }[]): Promise<unknown[][][]> {
  const db = parts[0].select.query.connection;
  const postgres = db.options.type === 'postgres';
  const q = (name: string) => db.driver.escape(name);
  const parameters: unknown[] = [];
  const arrays = parts.map(({ select, sql, parameters: own }, k) => {
    // PostgreSQL numbers its placeholders ($1 …): each part's move past the parts before it
    const offset = parameters.length;
    parameters.push(...own);
    const source = postgres && offset ? sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`) : sql;
    const values = select.columns.map(({ name, written }) => {
      const value = `${q('r')}.${q(name)}`;
      return postgres ? value : SQLITE_VALUE[written](value);
    });
    const array = postgres
      ? `SELECT COALESCE(json_agg(json_build_array(${values.join(', ')})), '[]') FROM (${source}) AS ${q('r')}`
      : `SELECT json_group_array(json_array(${values.join(', ')})) FROM (${source}) AS ${q('r')}`;
    return `(${array}) AS ${q(`r${k}`)}`;
  });
  const [row] = (await executor.query(`SELECT ${arrays.join(', ')}`, parameters)) as Record<string, unknown>[];
  // pg parses a json column itself; SQLite answers its text
  return parts.map((_, k) => {
    const cell = row[`r${k}`];
    return (typeof cell === 'string' ? JSON.parse(cell) : cell) as unknown[][];
  });
}
