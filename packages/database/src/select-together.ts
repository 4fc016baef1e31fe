import type { DataSource, ObjectLiteral, QueryRunner, SelectQueryBuilder } from 'typeorm';

/**
 * Several SELECTs of one data source sent as one statement, each answered with the rows it
 * would have had alone: a subgraph fetch that asks two or three tables costs one round trip.
 *
 * Each select becomes a CTE, and the statement is their rows one after another (UNION ALL),
 * each select's values in columns of its own and NULL in the others', so a value keeps the
 * type its driver gives it alone. The first SELECT of the union answers no row: it names and
 * types every column, because PostgreSQL types a union's columns pairwise from the left, and
 * two NULLs in a column would make it text. A CTE keeps the order of its select, and the
 * union appends its parts in order, so a select's rows come back in its own ORDER BY.
 */

export type Row = Record<string, unknown>;

/** The bound values of one statement: well under SQLite's 32,766 and PostgreSQL's 65,535. */
export const MAX_BOUND_VALUES = 30_000;

interface Part {
  sql: string;
  parameters: unknown[];
  columns: string[];
}

/** What a select answers, by name: every selection must be aliased, so its column is known before it runs. */
function columnsOf(query: SelectQueryBuilder<ObjectLiteral>): string[] {
  const { selects } = query.expressionMap;
  const unnamed = selects.find((s) => !s.aliasName);
  if (selects.length === 0 || unnamed)
    throw new Error(`a select read together with others names every column it answers (${unnamed?.selection ?? 'none selected'})`);
  return selects.map((s) => s.aliasName!);
}

/** The rows of each query, in the order of the queries; as few statements as the bound values allow. */
export async function selectTogether(db: DataSource, queries: readonly SelectQueryBuilder<ObjectLiteral>[]): Promise<Row[][]> {
  // every query's statement made before any is sent: one that cannot be read together fails them all, none half sent
  const parts = queries.map((query) =>
    // a read inside a transaction belongs to that transaction's connection (TypeORM keeps a builder's runner protected)
    (query as unknown as { queryRunner?: QueryRunner }).queryRunner || query.connection !== db
      ? null
      : (([sql, parameters]): Part => ({ sql, parameters, columns: columnsOf(query) }))(query.getQueryAndParameters()),
  );
  const answers: Row[][] = new Array(queries.length);
  const sent: Promise<void>[] = [];
  let group: number[] = [];
  let bound = 0;
  const send = () => {
    const indexes = group;
    if (indexes.length)
      sent.push(
        run(
          db,
          indexes.map((i) => parts[i]!),
        ).then((rows) => indexes.forEach((i, k) => (answers[i] = rows[k]))),
      );
    group = [];
    bound = 0;
  };
  parts.forEach((part, i) => {
    if (!part) {
      sent.push(queries[i].getRawMany().then((rows: Row[]) => void (answers[i] = rows)));
      return;
    }
    if (bound + part.parameters.length > MAX_BOUND_VALUES) send();
    group.push(i);
    bound += part.parameters.length;
  });
  send();
  await Promise.all(sent);
  return answers;
}

async function run(db: DataSource, parts: Part[]): Promise<Row[][]> {
  if (parts.length === 1) return [await db.query(parts[0].sql, parts[0].parameters)];
  const postgres = db.options.type === 'postgres';
  const q = (name: string) => db.driver.escape(name);
  const parameters: unknown[] = [];
  const sources = parts.map((part) => {
    // PostgreSQL numbers its placeholders ($1 …): each part's move past the parts before it
    const offset = parameters.length;
    parameters.push(...part.parameters);
    return postgres && offset ? part.sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`) : part.sql;
  });
  const cells = parts.flatMap((part, k) =>
    part.columns.map((column, j) => ({ k, name: q(`c${k}_${j}`), value: `${q(`r${k}`)}.${q(column)}` })),
  );
  /** part k's rows: its own columns, NULL in the others'; named where the union takes its names from */
  const rowsOf = (k: number, named: boolean) =>
    `SELECT ${named ? `${k} AS ${q('part')}` : k}, ${cells
      .map((c) => (c.k === k ? c.value : 'NULL') + (named ? ` AS ${c.name}` : ''))
      .join(', ')}`;
  const sql = postgres
    ? // each select a CTE, so the row-less first SELECT that types every column can name them all; the planner drops it
      `WITH ${sources.map((source, k) => `${q(`r${k}`)} AS (${source})`).join(', ')} ` +
      [
        `SELECT NULL AS ${q('part')}, ${cells.map((c) => `${c.value} AS ${c.name}`).join(', ')} FROM ${parts.map((_, k) => q(`r${k}`)).join(', ')} WHERE 1 = 0`,
        ...parts.map((_, k) => `${rowsOf(k, false)} FROM ${q(`r${k}`)}`),
      ].join(' UNION ALL ')
    : // SQLite types each value, not columns: each select read in place, none of them materialized
      sources.map((source, k) => `${rowsOf(k, k === 0)} FROM (${source}) AS ${q(`r${k}`)}`).join(' UNION ALL ');
  const rows: Row[] = await db.query(sql, parameters);
  const answers = parts.map((): Row[] => []);
  for (const row of rows) {
    const k = Number(row.part);
    const answer: Row = {};
    parts[k].columns.forEach((column, j) => (answer[column] = row[`c${k}_${j}`]));
    answers[k].push(answer);
  }
  return answers;
}

/**
 * A read of one entity's rows as a select of its columns by name, and how its rows become
 * entities, as `getMany` would make them (each value through the driver and the column's
 * transformer). Only a plain entity's: no joins, relations or load listeners to honour.
 */
export function entityRead<E extends ObjectLiteral>(
  query: SelectQueryBuilder<E>,
): { query: SelectQueryBuilder<ObjectLiteral>; entities: (rows: Row[]) => E[] } {
  const { mainAlias, joinAttributes } = query.expressionMap;
  const metadata = mainAlias?.hasMetadata ? mainAlias.metadata : undefined;
  if (!metadata || joinAttributes.length || metadata.relations.length || metadata.afterLoadListeners.length)
    throw new Error(`entityRead reads one plain entity: ${metadata?.name ?? 'no entity'} has joins, relations or load listeners`);
  const { driver } = query.connection;
  const columns = metadata.columns.filter((c) => c.isSelect && !c.isVirtualProperty);
  const select = query.clone() as SelectQueryBuilder<ObjectLiteral>;
  columns.forEach((c, i) => {
    const column = `${driver.escape(mainAlias!.name)}.${driver.escape(c.databaseName)}`;
    if (i === 0) select.select(column, 'c0');
    else select.addSelect(column, `c${i}`);
  });
  return {
    query: select,
    entities: (rows) =>
      rows.map((row) => {
        const entity = metadata.create(undefined, { fromDeserializer: true }) as E;
        columns.forEach((c, i) => c.setEntityValue(entity, driver.prepareHydratedValue(row[`c${i}`], c)));
        return entity;
      }),
  };
}
