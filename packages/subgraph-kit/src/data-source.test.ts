import { Column, Entity, PrimaryColumn, Table, type MigrationInterface, type QueryRunner } from 'typeorm';
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
