import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { DataSource, QueryRunner } from 'typeorm';
import type { ServiceMetrics } from '@skills-sichuan/runtime';

const tracer = trace.getTracer('skills-sichuan-database');
/** a statement's text in a span: the SQL alone, never its parameters, cut where a seed's 30,000-value insert would bloat a trace */
const MAX_STATEMENT_CHARS = 2_000;

/** SELECT, INSERT …: the kind of statement, a label with a handful of values */
const kindOf = (sql: string) => /^\s*(\w+)/.exec(sql)?.[1]?.toUpperCase() ?? 'OTHER';

/**
 * Every statement a data source sends, on either driver, becomes a span (when tracing is on:
 * without an SDK the API's spans cost nothing) and a sample of `sql_statement_duration_seconds`.
 * Wrapped around each query runner's query(): SQLite has one, PostgreSQL one per pooled connection.
 */
export function observeStatements(dataSource: DataSource, metrics?: ServiceMetrics): DataSource {
  const system = dataSource.options.type === 'postgres' ? 'postgresql' : 'sqlite';
  const duration = metrics?.histogram('sql_statement_duration_seconds', 'SQL statements sent and their duration, by kind', [
    'kind',
    'outcome',
  ]);
  const timed = async <T>(kind: string, run: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    let outcome = 'ok';
    try {
      return await run();
    } catch (err) {
      outcome = 'error';
      throw err;
    } finally {
      duration?.observe({ kind, outcome }, (performance.now() - started) / 1000);
    }
  };
  const wrap = (runner: QueryRunner) => {
    if ((runner as { observed?: true }).observed) return runner;
    const query = runner.query.bind(runner) as (...args: unknown[]) => Promise<unknown>;
    runner.query = ((...args: unknown[]) => {
      const sql = String(args[0]);
      const kind = kindOf(sql);
      // a span only inside a request's trace: migrations and seeding would each be a trace of their own
      if (!trace.getActiveSpan()) return timed(kind, () => query(...args));
      return tracer.startActiveSpan(
        `${system} ${kind}`,
        { kind: SpanKind.CLIENT, attributes: { 'db.system': system, 'db.statement': sql.slice(0, MAX_STATEMENT_CHARS) } },
        async (span) => {
          try {
            return await timed(kind, () => query(...args));
          } catch (err) {
            span.setStatus({ code: SpanStatusCode.ERROR, message: (err as Error).message });
            throw err;
          } finally {
            span.end();
          }
        },
      );
    }) as typeof runner.query;
    (runner as { observed?: true }).observed = true;
    return runner;
  };
  const createQueryRunner = dataSource.driver.createQueryRunner.bind(dataSource.driver);
  dataSource.driver.createQueryRunner = ((mode: 'master' | 'slave') =>
    wrap(createQueryRunner(mode))) as typeof dataSource.driver.createQueryRunner;
  if (metrics && system === 'postgresql') {
    // the pool's connections: in use, idle, and requests waiting for one
    const pool = () =>
      (dataSource.driver as unknown as { master?: { totalCount: number; idleCount: number; waitingCount: number } }).master;
    metrics.gauge('db_pool_connections', 'PostgreSQL pool connections by state', ['state'], (gauge) => {
      const p = pool();
      if (!p) return;
      gauge.set({ state: 'busy' }, p.totalCount - p.idleCount);
      gauge.set({ state: 'idle' }, p.idleCount);
      gauge.set({ state: 'waiting' }, p.waitingCount);
    });
  }
  return dataSource;
}
