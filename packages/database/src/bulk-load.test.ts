import { randomBytes } from 'node:crypto';
import { Column, DataSource, Entity, PrimaryColumn, Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { createLogger } from '@skills-sichuan/runtime';
import { indexesBuiltAfter } from './bulk-load';
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
  const definitions = async (): Promise<string[]> => {
    const rows: { definition: string }[] = usingPostgres
      ? await db.query(
          `SELECT indexdef AS definition FROM pg_indexes WHERE schemaname = $1 AND tablename = 'enrolment'
           UNION ALL SELECT conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = $2::regclass`,
          [schema, `"${schema}"."enrolment"`],
        )
      : await db.query(
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
    await db.transaction((manager) =>
      indexesBuiltAfter(manager, 'enrolment', () => manager.getRepository(Enrolment).insert(enrolments(300))),
    );
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
  ])('fails the load with %s, and leaves the table as it was', async (_case, rows, message) => {
    const before = await definitions();
    await expect(
      db.transaction((manager) => indexesBuiltAfter(manager, 'enrolment', () => manager.getRepository(Enrolment).insert(rows))),
    ).rejects.toThrow(message);
    expect(await db.getRepository(Enrolment).count()).toBe(0);
    expect(await definitions()).toEqual(before);
  });
});
