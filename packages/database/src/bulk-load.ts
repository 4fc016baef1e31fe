import type { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Inserts many rows with plain INSERT statements (multi-row on SQLite, `unnest` on PostgreSQL):
 * for the seed's 330,000 records TypeORM's query builder spends most of the time building each
 * value's expression; this writes the same rows (through the entity's column metadata) several
 * times faster. Statements stay under both databases' bound-parameter limits. Rows come in
 * batches (the seed's workers send them so), entities or plain objects named as the entity's properties.
 * (A batch as one JSON parameter, taken apart by SQLite's json_each, was slower: 12.8 s against 9.8 s for
 * the plan's 349,000 records.)
 */
export async function bulkInsert<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  batches: AsyncIterable<readonly ObjectLiteral[]> | Iterable<readonly ObjectLiteral[]>,
): Promise<number> {
  const metadata = manager.connection.getMetadata(entity);
  const columns = metadata.columns.filter((c) => !c.relationMetadata || c.referencedColumn);
  const names = columns.map((c) => quoted(c.databaseName)).join(', ');
  const postgres = manager.connection.options.type === 'postgres';
  // PostgreSQL: one array a column, taken apart by unnest — a statement's parameters are its columns, however
  // many rows, and the driver sends each column as one array literal instead of binding every value apart
  const perStatement = postgres ? 5_000 : Math.max(1, Math.floor(30_000 / columns.length));
  const statement = postgres
    ? `INSERT INTO ${quoted(metadata.tableName)} (${names}) SELECT * FROM unnest(${columns
        .map((c, i) => `$${i + 1}::${manager.connection.driver.normalizeType(c)}[]`)
        .join(', ')})`
    : undefined;
  const sqliteHead = `INSERT INTO ${quoted(metadata.tableName)} (${names}) VALUES `;
  const sqliteTuple = `(${columns.map(() => '?').join(', ')})`;
  let rows: unknown[][] = [];
  let count = 0;
  const flush = async () => {
    if (rows.length === 0) return;
    if (statement)
      await manager.query(
        statement,
        columns.map((_, i) => rows.map((row) => row[i])),
      );
    else await manager.query(sqliteHead + rows.map(() => sqliteTuple).join(', '), rows.flat());
    count += rows.length;
    rows = [];
  };
  for await (const batch of batches)
    for (const row of batch) {
      rows.push(
        columns.map((column) => {
          const value = column.getEntityValue(row) ?? null;
          return typeof value === 'boolean' && !postgres ? (value ? 1 : 0) : value;
        }),
      );
      if (rows.length >= perStatement) await flush();
    }
  await flush();
  return count;
}

/**
 * Loads a table with its secondary indexes and its unique and foreign-key constraints built after
 * the rows, not row by row: one sort per index instead of a random B-tree insert per row and
 * index, and one join to check the foreign keys instead of a lookup per row (PostgreSQL's docs,
 * "Populating a Database"). Built again from their own definitions as the catalog holds them, in
 * the caller's transaction, so a row breaking a constraint still fails the load. The primary key
 * too, unless a foreign key refers to it. SQLite keeps a table's primary key and its unique and
 * foreign-key constraints in the table itself: there only its indexes are built after (a table
 * loaded so keeps its ids unique by an index, as training's records do).
 */
export async function indexesBuiltAfter<T>(manager: EntityManager, table: string, load: () => Promise<T>): Promise<T> {
  const rebuild: string[] = [];
  if (manager.connection.options.type === 'postgres') {
    const schema = manager.connection.options.schema ?? 'public';
    const relation = `${quoted(schema)}.${quoted(table)}`;
    const constraints = (await manager.query(
      `SELECT conname AS name, pg_get_constraintdef(oid) AS definition FROM pg_constraint
       WHERE conrelid = $1::regclass AND contype IN ('u', 'p', 'f')
         AND (contype <> 'p' OR NOT EXISTS (SELECT 1 FROM pg_constraint r WHERE r.confrelid = $1::regclass AND r.contype = 'f'))
       ORDER BY contype DESC, conname`,
      [relation],
    )) as { name: string; definition: string }[];
    const indexes = (await manager.query(
      `SELECT i.indexname AS name, i.indexdef AS definition FROM pg_indexes i
       WHERE i.schemaname = $1 AND i.tablename = $2 AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conrelid = $3::regclass AND c.conname = i.indexname)
       ORDER BY i.indexname`,
      [schema, table, relation],
    )) as { name: string; definition: string }[];
    for (const c of constraints) await manager.query(`ALTER TABLE ${relation} DROP CONSTRAINT ${quoted(c.name)}`);
    for (const i of indexes) await manager.query(`DROP INDEX ${quoted(schema)}.${quoted(i.name)}`);
    rebuild.push(
      ...indexes.map((i) => i.definition),
      ...constraints.map((c) => `ALTER TABLE ${relation} ADD CONSTRAINT ${quoted(c.name)} ${c.definition}`),
    );
  } else {
    const indexes = (await manager.query(
      `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL ORDER BY name`,
      [table],
    )) as { name: string; sql: string }[];
    for (const i of indexes) await manager.query(`DROP INDEX ${quoted(i.name)}`);
    rebuild.push(...indexes.map((i) => i.sql));
  }
  const loaded = await load();
  for (const definition of rebuild) await manager.query(definition);
  return loaded;
}

/**
 * the page cache of a SQLite bulk load, a ceiling the cache grows to as pages are used: the indexes built
 * after the rows (about 700 MB for training's records at ten times the plan's scale) are built from a table
 * far larger than better-sqlite3's default 16 MB; training's seed at 10× took 86 s with 2 MB against 79 s.
 */
const BULK_LOAD_CACHE_KIB = 1024 * 1024;

/**
 * Runs a bulk load of an empty database (the seed) in one transaction, written as a bulk load is
 * best written on each database:
 *  - SQLite loads with a wide page cache (BULK_LOAD_CACHE_KIB) and, in WAL mode, with a rollback
 *    journal instead, going back to WAL after. Through the WAL every page is written twice, once to
 *    the log and again into the database at the checkpoint that follows the commit (13 s of the
 *    seed's commit at 10×); a rollback journal keeps only the pages the load changes of what was
 *    there before, and pages past the database's end as it was are not journaled at all, so a new
 *    database's pages are written once. A load killed half-way leaves a hot journal that the next
 *    open rolls back: the database as it was. Each setting is given back afterwards.
 *  - PostgreSQL: VACUUM (ANALYZE) of the schema's tables after the commit. Without it the planner
 *    guesses from no statistics (it sorted 80,000 rollup rows on disk for the dashboard's overview
 *    at 10×), and the visibility map is unset, so an index-only scan still reads every row from the
 *    heap (141,000 heap fetches), and the rollup update the seed ends with leaves as many dead rows
 *    as live ones. Autovacuum would get there in its own time; the first requests come now. About
 *    2 s over 3.4 million records. (SQLite keeps no visibility map, and its plans were chosen
 *    without statistics.)
 */
export async function bulkLoad<T>(db: DataSource, load: (manager: EntityManager) => Promise<T>): Promise<T> {
  if (db.options.type === 'postgres') {
    const loaded = await db.transaction(load);
    await settleTables(db);
    return loaded;
  }
  const [{ journal_mode: journal }] = (await db.query('PRAGMA journal_mode')) as { journal_mode: string }[];
  return withPragmas(
    db,
    {
      cache_size: -BULK_LOAD_CACHE_KIB,
      // NORMAL is safe in WAL mode; with a rollback journal SQLite's docs give it a small chance of corruption at a power cut, FULL none
      ...(journal === 'wal' ? { journal_mode: 'DELETE', synchronous: 'FULL' } : {}),
    },
    () => db.transaction(load),
  );
}

/** SQLite pragmas set for `work`, each given back as it was, in the reverse order, however it ends */
async function withPragmas<T>(db: DataSource, settings: Record<string, string | number>, work: () => Promise<T>): Promise<T> {
  const was: [string, unknown][] = [];
  try {
    for (const [name, value] of Object.entries(settings)) {
      const [row] = (await db.query(`PRAGMA ${name}`)) as Record<string, unknown>[];
      was.unshift([name, row[name]]);
      await db.query(`PRAGMA ${name} = ${value}`);
    }
    return await work();
  } finally {
    for (const [name, value] of was) await db.query(`PRAGMA ${name} = ${String(value)}`);
  }
}

async function settleTables(db: DataSource): Promise<void> {
  const schema = (db.options.type === 'postgres' && db.options.schema) || 'public';
  const tables = (await db.query('SELECT tablename FROM pg_tables WHERE schemaname = $1 ORDER BY tablename', [schema])) as {
    tablename: string;
  }[];
  if (tables.length === 0) return;
  // VACUUM runs outside a transaction, so never through db.transaction
  await db.query(`VACUUM (ANALYZE) ${tables.map((t) => `${quoted(schema)}.${quoted(t.tablename)}`).join(', ')}`);
}
