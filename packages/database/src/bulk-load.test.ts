import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Column, DataSource, Entity, PrimaryColumn, Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { createLogger } from '@skills-sichuan/runtime';
import { bulkLoad, indexesBuiltAfter } from './bulk-load';
import { createDataSource, openDatabase, type DatabaseTarget } from './data-source';

@Entity('course')
class Course {
  @PrimaryColumn('varchar')
  id: string;
}

@Entity('enrolment')
class Enrolment {
  @PrimaryColumn('varchar')
  id: string;

  @Column('varchar', { name: 'course_id' })
  courseId: string;

  @Column('varchar')
  trainee: string;
}

class CreateEnrolments1700000000001 implements MigrationInterface {
  async up(queryRunner: QueryRunner) {
    await queryRunner.createTable(new Table({ name: 'course', columns: [{ name: 'id', type: 'varchar', isPrimary: true }] }));
    await queryRunner.createTable(
      new Table({
        name: 'enrolment',
        columns: [
          { name: 'id', type: 'varchar', isPrimary: true },
          { name: 'course_id', type: 'varchar' },
          { name: 'trainee', type: 'varchar' },
        ],
        uniques: [{ name: 'uq_enrolment_trainee', columnNames: ['trainee', 'course_id'] }],
        indices: [{ name: 'ix_enrolment_course', columnNames: ['course_id', 'id'] }],
        foreignKeys: [
          { name: 'fk_enrolment_course', columnNames: ['course_id'], referencedTableName: 'course', referencedColumnNames: ['id'] },
        ],
      }),
    );
  }
  async down() {}
}

const usingPostgres = process.env.TEST_DATABASE === 'postgres';
const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** The seed loads an empty table and builds its indexes and constraints once, after the rows. */
describe(`indexesBuiltAfter on ${usingPostgres ? 'PostgreSQL' : 'SQLite'}`, () => {
  const schema = `t${randomBytes(4).toString('hex')}_bulk`;
  const target: DatabaseTarget = usingPostgres ? { kind: 'postgres', url: POSTGRES_URL, schema } : { kind: 'sqlite', file: ':memory:' };
  let db: DataSource;

  /** the table's indexes and constraints as the catalog writes them */
  const definitions = async (runner: Pick<DataSource, 'query'> = db): Promise<string[]> => {
    const rows: { definition: string }[] = usingPostgres
      ? await runner.query(
          `SELECT indexdef AS definition FROM pg_indexes WHERE schemaname = $1 AND tablename = 'enrolment'
           UNION ALL SELECT conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = $2::regclass`,
          [schema, `"${schema}"."enrolment"`],
        )
      : await runner.query(
          `SELECT type || ' ' || name || ' ' || COALESCE(sql, '') AS definition FROM sqlite_master WHERE tbl_name = 'enrolment'`,
        );
    return rows.map((r) => r.definition).sort();
  };
  const enrolments = (n: number, course = 'c1') =>
    Array.from({ length: n }, (_, i) => ({ id: `e${String(i).padStart(4, '0')}`, courseId: course, trainee: `t${i}` }));

  beforeAll(async () => {
    db = createDataSource({
      target,
      entities: [Course, Enrolment],
      migrations: [CreateEnrolments1700000000001],
      logger: createLogger('test'),
    });
    await openDatabase(db, target);
    await db.getRepository(Course).insert({ id: 'c1' });
  });
  afterAll(async () => {
    if (usingPostgres) await db?.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await db?.destroy();
  });
  afterEach(() => db.getRepository(Enrolment).clear());

  it('builds the indexes and constraints again as they were, over the rows it loaded', async () => {
    const before = await definitions();
    expect(before.some((d) => d.includes('ix_enrolment_course'))).toBe(true);
    let during: string[] = [];
    await db.transaction((manager) =>
      indexesBuiltAfter(manager, 'enrolment', async () => {
        during = await definitions(manager);
        return manager.getRepository(Enrolment).insert(enrolments(300));
      }),
    );
    // while the rows went in: no index but what the table keeps in itself (SQLite), nothing at all (PostgreSQL, the primary key too)
    expect(during).toEqual(usingPostgres ? [] : before.filter((d) => !d.startsWith('index ix_')));
    expect(await definitions()).toEqual(before);
    expect(await db.getRepository(Enrolment).count()).toBe(300);
    // still enforced afterwards
    await expect(db.getRepository(Enrolment).insert({ id: 'again', courseId: 'c1', trainee: 't7' })).rejects.toThrow(/unique/i);
    await expect(db.getRepository(Enrolment).insert({ id: 'stray', courseId: 'no-such-course', trainee: 'x' })).rejects.toThrow(
      /foreign key/i,
    );
  });

  it.each([
    ['a trainee twice in one course', [...enrolments(50), { id: 'dup', courseId: 'c1', trainee: 't3' }], /unique|duplicate/i],
    ['a course that does not exist', [...enrolments(50), { id: 'stray', courseId: 'no-such-course', trainee: 'x' }], /foreign key/i],
    ['an id twice', [...enrolments(50), { id: 'e0007', courseId: 'c1', trainee: 'someone else' }], /unique|duplicate/i],
  ])('fails the load with %s, and leaves the table as it was', async (_case, rows, message) => {
    const before = await definitions();
    await expect(
      db.transaction((manager) => indexesBuiltAfter(manager, 'enrolment', () => manager.getRepository(Enrolment).insert(rows))),
    ).rejects.toThrow(message);
    expect(await db.getRepository(Enrolment).count()).toBe(0);
    expect(await definitions()).toEqual(before);
  });

  it('keeps the primary key of a table another table refers to (PostgreSQL would refuse to drop it)', async () => {
    const before = await definitions();
    await db.transaction((manager) => indexesBuiltAfter(manager, 'course', () => manager.getRepository(Course).insert({ id: 'c2' })));
    expect(await db.getRepository(Course).count()).toBe(2);
    await expect(db.getRepository(Course).insert({ id: 'c2' })).rejects.toThrow(/unique|duplicate/i);
    expect(await definitions()).toEqual(before);
    await db.getRepository(Course).delete({ id: 'c2' });
  });
});

/** The seed's load on SQLite goes through a rollback journal, and a load killed half-way is not there afterwards. */
(usingPostgres ? describe.skip : describe)('bulkLoad on SQLite', () => {
  let folder: string;
  let file: string;
  const open = async () => {
    const target: DatabaseTarget = { kind: 'sqlite', file };
    const db = createDataSource({
      target,
      entities: [Course, Enrolment],
      migrations: [CreateEnrolments1700000000001],
      logger: createLogger('test'),
    });
    await openDatabase(db, target);
    return db;
  };
  const journal = async (db: DataSource) => ((await db.query('PRAGMA journal_mode')) as { journal_mode: string }[])[0].journal_mode;
  const synchronous = async (db: DataSource) => ((await db.query('PRAGMA synchronous')) as { synchronous: number }[])[0].synchronous;
  const cacheSize = async (db: DataSource) => ((await db.query('PRAGMA cache_size')) as { cache_size: number }[])[0].cache_size;

  beforeEach(async () => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'bulk-load-'));
    file = path.join(folder, 'load.sqlite');
    const db = await open();
    await db.getRepository(Course).insert({ id: 'c1' });
    await db.destroy();
  });
  afterEach(() => fs.rmSync(folder, { recursive: true, force: true }));

  it('loads with a rollback journal, and is in WAL mode again afterwards', async () => {
    const db = await open();
    try {
      expect(await journal(db)).toBe('wal');
      const cacheBefore = await cacheSize(db);
      const during = await bulkLoad(db, async (manager) => {
        await manager
          .getRepository(Enrolment)
          .insert(Array.from({ length: 100 }, (_, i) => ({ id: `e${i}`, courseId: 'c1', trainee: `t${i}` })));
        return { journal: await journal(db), synchronous: await synchronous(db), cache: await cacheSize(db) };
      });
      // FULL while the rollback journal is in use (NORMAL is safe only with the WAL)
      // and a page cache of 1 GiB for the indexes built after the rows, given back afterwards
      expect(during).toEqual({ journal: 'delete', synchronous: 2, cache: -1024 * 1024 });
      expect(await journal(db)).toBe('wal');
      expect(await synchronous(db)).toBe(1);
      expect(await cacheSize(db)).toBe(cacheBefore);
      expect(await db.getRepository(Enrolment).count()).toBe(100);
    } finally {
      await db.destroy();
    }
  });

  it('a load that fails writes nothing, and leaves WAL mode on', async () => {
    const db = await open();
    try {
      await expect(
        bulkLoad(db, (manager) => manager.getRepository(Enrolment).insert({ id: 'e1', courseId: 'no-such-course', trainee: 't1' })),
      ).rejects.toThrow(/foreign key/i);
      expect(await db.getRepository(Enrolment).count()).toBe(0);
      expect(await journal(db)).toBe('wal');
    } finally {
      await db.destroy();
    }
  });

  it('a load killed half-way is rolled back when the database is next opened', async () => {
    const sizeBefore = fs.statSync(file).size;
    // another process loads rows without end, through the built package, and is killed once its pages spill into the file
    const loader = spawn(
      process.execPath,
      [
        '-e',
        `const { bulkLoad, createDataSource } = require('@skills-sichuan/database');
         const { createLogger } = require('@skills-sichuan/runtime');
         const db = createDataSource({ target: { kind: 'sqlite', file: process.argv[1] }, entities: [], migrations: [], logger: createLogger('loader') });
         db.initialize().then(() => bulkLoad(db, async (m) => {
           // a small page cache, so the load's pages reach the file soon
           await m.query('PRAGMA cache_size = -1000');
           for (let batch = 0; ; batch++) {
             const ids = Array.from({ length: 500 }, (_, i) => 'e' + (batch * 500 + i));
             await m.query('INSERT INTO enrolment (id, course_id, trainee) VALUES ' + ids.map(() => "(?, 'c1', ?)").join(', '), ids.flatMap((id) => [id, id]));
             if (require('node:fs').statSync(process.argv[1]).size > Number(process.argv[2])) process.stdout.write('loading\\n');
           }
         }));`,
        file,
        String(sizeBefore),
      ],
      { cwd: path.resolve(__dirname, '..'), env: { ...process.env, LOG_LEVEL: 'silent' }, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise<void>((resolve, reject) => {
      loader.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('loading') && resolve());
      loader.on('exit', (code) => reject(new Error(`the loader exited (${code}) before it was killed`)));
    });
    loader.kill('SIGKILL');
    await new Promise((resolve) => loader.once('close', resolve));
    // it had written into the database file itself, beside the journal kept to undo it
    expect(fs.statSync(file).size).toBeGreaterThan(sizeBefore);
    expect(fs.existsSync(`${file}-journal`)).toBe(true);

    const db = await open();
    try {
      expect(await db.getRepository(Enrolment).count()).toBe(0);
      expect(await db.getRepository(Course).count()).toBe(1);
      expect(await db.query('PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
      expect(await journal(db)).toBe('wal');
    } finally {
      await db.destroy();
    }
  });
});
