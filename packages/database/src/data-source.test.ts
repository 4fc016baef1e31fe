import { Column, DataSource, Entity, PrimaryColumn, Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { createLogger } from '@skills-sichuan/runtime';
import { bulkLoad } from './bulk-load';
import { createDataSource, openDatabase, SqlStatementCounter } from './data-source';

@Entity('ledger')
class Ledger {
  @PrimaryColumn('varchar')
  id: string;

  @Column('varchar')
  note: string;
}

class CreateLedger1700000000001 implements MigrationInterface {
  async up(queryRunner: QueryRunner) {
    await queryRunner.createTable(
      new Table({
        name: 'ledger',
        columns: [
          { name: 'id', type: 'varchar', isPrimary: true },
          { name: 'note', type: 'varchar' },
        ],
      }),
    );
  }
  async down() {}
}

const pause = () => new Promise((resolve) => setTimeout(resolve, 20));

/** The embedded database keeps requests' writes apart although better-sqlite3 has one connection. */
describe('createDataSource on SQLite', () => {
  const open = async () => {
    const target = { kind: 'sqlite' as const, file: ':memory:' };
    const db = createDataSource({
      target,
      entities: [Ledger],
      migrations: [CreateLedger1700000000001],
      logger: createLogger('test'),
      counter: new SqlStatementCounter(),
    });
    await openDatabase(db, target);
    return db;
  };

  it('keeps a transaction’s writes when another transaction running at the same time rolls back', async () => {
    const db = await open();
    const failing = db.transaction(async (manager) => {
      await manager.insert(Ledger, { id: 'a', note: 'rolled back' });
      await pause();
      throw new Error('refused');
    });
    const succeeding = db.transaction(async (manager) => {
      await manager.insert(Ledger, { id: 'b', note: 'committed' });
    });
    await expect(failing).rejects.toThrow('refused');
    await succeeding;
    expect((await db.getRepository(Ledger).find()).map((r) => r.id)).toEqual(['b']);
    await db.destroy();
  });

  it('keeps a write made outside any transaction while another rolls back', async () => {
    const db = await open();
    let inTransaction!: () => void;
    const started = new Promise<void>((resolve) => (inTransaction = resolve));
    const failing = db.transaction(async (manager) => {
      await manager.insert(Ledger, { id: 'a', note: 'rolled back' });
      inTransaction();
      await pause();
      throw new Error('refused');
    });
    await started;
    const plain = db.getRepository(Ledger).insert({ id: 'c', note: 'its own' });
    await expect(failing).rejects.toThrow('refused');
    await plain;
    expect((await db.getRepository(Ledger).find()).map((r) => r.id)).toEqual(['c']);
    await db.destroy();
  });

  it('still nests a transaction opened inside another (as a savepoint), without waiting for itself', async () => {
    const db = await open();
    await db.transaction(async () => {
      await db.transaction(async (inner) => inner.insert(Ledger, { id: 'n', note: 'nested' }));
    });
    expect(await db.getRepository(Ledger).count()).toBe(1);
    await db.destroy();
  });
});

const usingPostgres = process.env.TEST_DATABASE === 'postgres';
const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Replicas of one service starting at once on an empty PostgreSQL schema: one migrates and seeds, the rest find it done. */
(usingPostgres ? describe : describe.skip)('openDatabase on PostgreSQL, five replicas at once', () => {
  const schema = `t${Math.random().toString(16).slice(2, 10)}_replicas`;
  afterAll(async () => {
    const admin = new DataSource({ type: 'postgres', url: POSTGRES_URL });
    await admin.initialize();
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await admin.destroy();
  });

  it('creates, migrates and seeds the schema once, and every replica opens', async () => {
    const target = { kind: 'postgres' as const, url: POSTGRES_URL, schema };
    let seeded = 0;
    const replicas = Array.from({ length: 5 }, () =>
      createDataSource({ target, entities: [Ledger], migrations: [CreateLedger1700000000001], logger: createLogger('test') }),
    );
    await Promise.all(
      replicas.map((db) =>
        openDatabase(db, target, async (unbounded) => {
          // as the kit's seedIfEmpty: look, wait a little (the window a race needs), then write
          if ((await unbounded.getRepository(Ledger).count()) > 0) return;
          await pause();
          await unbounded.getRepository(Ledger).insert({ id: 'seed', note: 'the program' });
          seeded += 1;
        }),
      ),
    );
    expect(seeded).toBe(1);
    expect(await replicas[0].getRepository(Ledger).count()).toBe(1);
    expect(await replicas[0].query(`SELECT count(*)::int AS n FROM schema_migrations`)).toEqual([{ n: 1 }]);
    await Promise.all(replicas.map((db) => db.destroy()));
  });
});

/** After the seed's bulk load the first requests get the plans of a settled table, not of one nobody has looked at. */
(usingPostgres ? describe : describe.skip)('bulkLoad on PostgreSQL', () => {
  const schema = `t${Math.random().toString(16).slice(2, 10)}_bulk`;
  const target = { kind: 'postgres' as const, url: POSTGRES_URL, schema };
  const db = createDataSource({ target, entities: [Ledger], migrations: [CreateLedger1700000000001], logger: createLogger('test') });
  afterAll(async () => {
    await db.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await db.destroy();
  });

  /** how many rows an index-only scan of the ledger still reads from the heap */
  const heapFetches = () =>
    db.transaction(async (m) => {
      await m.query('SET LOCAL enable_seqscan = off');
      await m.query('SET LOCAL enable_bitmapscan = off');
      const [
        {
          'QUERY PLAN': [plan],
        },
      ] = await m.query(`EXPLAIN (ANALYZE, FORMAT JSON) SELECT id FROM ledger WHERE id >= 'r'`);
      return plan.Plan as { 'Node Type': string; 'Heap Fetches': number };
    });

  it('leaves the tables vacuumed and analysed: index-only scans skip the heap, no dead rows left', async () => {
    await openDatabase(db, target, async (unbounded) => {
      const rows = Array.from({ length: 2_000 }, (_, i) => ({ id: `r${String(i).padStart(5, '0')}`, note: 'seeded' }));
      await unbounded.transaction(async (m) => {
        for (let i = 0; i < rows.length; i += 500) await m.getRepository(Ledger).insert(rows.slice(i, i + 500));
        // as the training seed ends: every row updated once (its rollup)
        await m.query(`UPDATE ledger SET note = 'rolled up'`);
      });
    });
    const before = await heapFetches();
    expect(before['Node Type']).toBe('Index Only Scan');
    expect(before['Heap Fetches']).toBeGreaterThan(1_000);

    // the same load again, as a bulk load
    await bulkLoad(db, (m) => m.query(`UPDATE ledger SET note = 'rolled up'`));

    expect((await heapFetches())['Heap Fetches']).toBe(0);
    const [stats] = await db.query(
      `SELECT n_dead_tup::int AS dead, last_vacuum IS NOT NULL AS vacuumed, last_analyze IS NOT NULL AS analysed FROM pg_stat_user_tables WHERE schemaname = $1 AND relname = 'ledger'`,
      [schema],
    );
    expect(stats).toEqual({ dead: 0, vacuumed: true, analysed: true });
    expect(await db.getRepository(Ledger).countBy({ note: 'rolled up' })).toBe(2_000);
  });
});
