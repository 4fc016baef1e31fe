import { AsyncLocalStorage } from 'node:async_hooks';
import path from 'node:path';
import fs from 'node:fs';
import { DataSource, type EntityManager, type Logger as TypeOrmLogger, type MigrationInterface } from 'typeorm';
import { databaseTimeRefusal, type Logger, type ServiceMetrics } from '@skills-sichuan/runtime';
import { observeStatements } from './observe';

/** Where a subgraph keeps its data: its own SQLite file (embedded default) or its own PostgreSQL schema. */
export type DatabaseTarget = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string; schema: string };

export function describeTarget(target: DatabaseTarget): string {
  if (target.kind === 'sqlite') return `sqlite:${target.file}`;
  const url = new URL(target.url);
  return `postgres://${url.host}${url.pathname} schema ${target.schema}`;
}

/** Counts the SQL statements a data source sends, for tests and metrics. */
export class SqlStatementCounter {
  count = 0;
}

/** a statement as a log line holds it: a bulk insert's thousands of placeholders cut after the first few hundred characters */
const shortened = (sql: string) => (sql.length > 600 ? `${sql.slice(0, 600)}… (${sql.length} characters)` : sql);

/** Sends TypeORM's events to the service's structured log; never logs query parameters (they may hold personal data). */
class SqlLogger implements TypeOrmLogger {
  constructor(
    private readonly out: Logger,
    private readonly counter: SqlStatementCounter,
  ) {}
  logQuery(query: string) {
    this.counter.count += 1;
    // shortened here too: a bulk insert's line would be tens of kilobytes through every pipe that reads the log
    if (this.out.isLevelEnabled('trace')) this.out.trace({ sql: shortened(query) }, 'sql');
  }
  logQueryError(error: string | Error, query: string) {
    this.out.error({ err: error, sql: shortened(query) }, 'sql statement failed');
  }
  logQuerySlow(ms: number, query: string) {
    this.out.warn({ ms, sql: shortened(query) }, 'slow sql statement');
  }
  logSchemaBuild(message: string) {
    this.out.debug(message);
  }
  logMigration(message: string) {
    this.out.info(message);
  }
  log(level: 'log' | 'info' | 'warn', message: unknown) {
    if (level === 'warn') this.out.warn(String(message));
    else this.out.debug(String(message));
  }
}

/** a class TypeORM maps to a table through its decorators */
export type EntityClass = new (...args: never[]) => object;
/** a TypeORM migration class: the only way a schema changes */
export type MigrationClass = new () => MigrationInterface;

export interface DataSourceOptions {
  target: DatabaseTarget;
  entities: EntityClass[];
  migrations: MigrationClass[];
  logger: Logger;
  counter?: SqlStatementCounter;
  /** a statement slower than this is logged as slow */
  slowQueryMs?: number;
  /** PostgreSQL connections in the pool */
  poolMax?: number;
  /** PostgreSQL cancels a statement that runs longer than this (statement_timeout) */
  statementTimeoutMs?: number;
  /** SQLite: a request whose statements have taken this long together may send no more (see withinRequestBudget) */
  requestBudgetMs?: number;
  /** where each statement's duration is counted (sql_statement_duration_seconds) and the pool's use shown */
  metrics?: ServiceMetrics;
}

/** The database time one request has spent so far. */
interface RequestDatabaseTime {
  spentMs: number;
}

const requestDatabaseTime = new AsyncLocalStorage<RequestDatabaseTime>();

/**
 * Runs one request with its own account of database time: every statement it sends (its
 * resolvers, its loaders' batches) adds to it, and on SQLite a request past its budget is refused.
 */
export function withinRequestBudget<T>(run: () => Promise<T>): Promise<T> {
  return requestDatabaseTime.run({ spentMs: 0 }, run);
}

/** The one way a subgraph opens its database. Schema changes come only from migrations. */
export function createDataSource({
  target,
  entities,
  migrations,
  logger,
  counter = new SqlStatementCounter(),
  slowQueryMs = 250,
  poolMax = 10,
  statementTimeoutMs = 5_000,
  requestBudgetMs = 2_000,
  metrics,
}: DataSourceOptions): DataSource {
  const common = {
    entities,
    migrations,
    migrationsTableName: 'schema_migrations',
    synchronize: false,
    logger: new SqlLogger(logger, counter),
    maxQueryExecutionTime: slowQueryMs,
  };
  if (target.kind === 'sqlite') {
    if (target.file !== ':memory:') fs.mkdirSync(path.dirname(target.file), { recursive: true });
    return observeStatements(
      boundedPerRequest(
        oneTransactionAtATime(
          new DataSource({
            ...common,
            type: 'better-sqlite3',
            database: target.file,
            enableWAL: target.file !== ':memory:',
            prepareDatabase: (db: { pragma(sql: string): unknown }) => {
              db.pragma('foreign_keys = ON');
              db.pragma('synchronous = NORMAL');
            },
          }),
        ),
        requestBudgetMs,
      ),
      metrics,
    );
  }
  return observeStatements(
    new DataSource({
      ...common,
      type: 'postgres',
      url: target.url,
      schema: target.schema,
      extra: {
        max: poolMax,
        // unqualified names in hand-written SQL resolve in this subgraph's schema
        options: `-c search_path=${target.schema}`,
        // PostgreSQL cancels a longer statement (SQLSTATE 57014), which the client is answered as OPERATION_LIMIT_EXCEEDED; seeding lifts it (SET LOCAL)
        statement_timeout: statementTimeoutMs,
      },
    }),
    metrics,
  );
}

/**
 * better-sqlite3 gives every caller the same single connection, so two requests'
 * transactions would nest (the second a savepoint of the first: one's rollback takes the
 * other's writes) and a write outside any transaction would land inside someone else's.
 * Transactions therefore run one at a time, and writes outside them wait for the open
 * one; reads go on (they may see what an open transaction has written). PostgreSQL has a
 * connection per transaction and needs none of this.
 */
function oneTransactionAtATime(dataSource: DataSource): DataSource {
  const inside = new AsyncLocalStorage<true>();
  let open: Promise<unknown> = Promise.resolve();
  const transaction = dataSource.manager.transaction.bind(dataSource.manager) as (...args: unknown[]) => Promise<unknown>;
  dataSource.manager.transaction = ((...args: unknown[]) => {
    if (inside.getStore()) return transaction(...args);
    const run = open.then(() => inside.run(true, () => transaction(...args)));
    open = run.catch(() => undefined);
    return run;
  }) as EntityManager['transaction'];
  const runner = dataSource.driver.createQueryRunner('master');
  const query = runner.query.bind(runner) as (...args: unknown[]) => Promise<unknown>;
  runner.query = (async (...args: unknown[]) => {
    if (!inside.getStore() && !/^\s*(SELECT|WITH|PRAGMA)\b/i.test(String(args[0]))) await open;
    return query(...args);
  }) as typeof runner.query;
  return dataSource;
}

/**
 * better-sqlite3 runs each statement to its end on the event loop and cannot interrupt one,
 * so nothing here shortens a statement already running: the gateway's cost weights (`@cost`
 * on counts over large tables) keep such work from being asked, and this budget bounds the
 * rest. Once a request's statements have taken more than `budgetMs` together, its further
 * statements are refused (OPERATION_LIMIT_EXCEEDED, limit 'database time') and the loop is
 * free for other requests. Time is measured around the driver's call, so it includes the
 * driver's own awaits; ending a transaction (COMMIT, ROLLBACK, RELEASE) is never refused.
 */
function boundedPerRequest(dataSource: DataSource, budgetMs: number): DataSource {
  const runner = dataSource.driver.createQueryRunner('master');
  const query = runner.query.bind(runner) as (...args: unknown[]) => Promise<unknown>;
  runner.query = (async (...args: unknown[]) => {
    const spent = requestDatabaseTime.getStore();
    if (!spent) return query(...args);
    if (spent.spentMs > budgetMs && !/^\s*(COMMIT|ROLLBACK|RELEASE)\b/i.test(String(args[0]))) throw databaseTimeRefusal();
    const started = performance.now();
    try {
      return await query(...args);
    } finally {
      spent.spentMs += performance.now() - started;
    }
  }) as typeof runner.query;
  return dataSource;
}

/**
 * Opens the database, creating the subgraph's schema if needed, applies pending migrations and
 * runs `prepare` (the seeding): on PostgreSQL both on connections of their own, without the
 * requests' statement timeout, so a tiny timeout bounds requests and never the start.
 */
export async function openDatabase(
  dataSource: DataSource,
  target: DatabaseTarget,
  prepare: (unbounded: DataSource) => Promise<void> = async () => undefined,
): Promise<void> {
  if (target.kind === 'postgres') {
    // one connection, so the advisory lock and everything done under it share a session
    const bootstrap = new DataSource({ type: 'postgres', url: target.url, extra: { max: 1 } });
    await bootstrap.initialize();
    try {
      // replicas starting together on an empty schema: one creates, migrates and seeds, the others wait, then find it done
      await bootstrap.query('SELECT pg_advisory_lock(hashtext($1))', [`skills-sichuan migrate ${target.schema}`]);
      await bootstrap.query(`CREATE SCHEMA IF NOT EXISTS "${target.schema}"`);
      const options = dataSource.options as typeof dataSource.options & { extra?: Record<string, unknown> };
      const migrator = new DataSource({ ...options, extra: { ...options.extra, statement_timeout: 0 } } as typeof dataSource.options);
      await migrator.initialize();
      try {
        await migrator.runMigrations({ transaction: 'each' });
        await prepare(migrator);
        // TypeORM's own start-up queries (version, database, schema) would run under the requests' statement timeout: learnt here instead
        const learnt = migrator.driver as unknown as Record<'version' | 'database' | 'searchSchema', string | undefined>;
        Object.assign(dataSource.driver, { version: learnt.version, database: learnt.database, searchSchema: learnt.searchSchema });
      } finally {
        await migrator.destroy();
      }
    } finally {
      // closing the session releases the lock
      await bootstrap.destroy();
    }
    try {
      await dataSource.initialize();
    } catch (err) {
      // a pool left open would keep the process alive after a failed start
      if (dataSource.isInitialized) await dataSource.destroy();
      else await (dataSource.driver as unknown as { disconnect(): Promise<void> }).disconnect().catch(() => undefined);
      throw err;
    }
    return;
  }
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
    await prepare(dataSource);
  } catch (err) {
    await dataSource.destroy();
    throw err;
  }
}
