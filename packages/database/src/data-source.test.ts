import { Column, DataSource, Entity, PrimaryColumn, Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { createLogger } from '@skills-sichuan/runtime';
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
