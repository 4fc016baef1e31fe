import { randomBytes } from 'node:crypto';
import { Column, DataSource, Entity, PrimaryColumn, Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { createLogger } from '@skills-sichuan/runtime';
import { createDataSource, openDatabase, SqlStatementCounter, type DatabaseTarget } from './data-source';
import { entityRead, MAX_BOUND_VALUES, rawSelect, selectTogether } from './select-together';

/** a value kept as text and read back as an object: a column transformer the driver's value goes through */
const asTags = {
  to: (tags: string[] | null) => (tags ? tags.join('|') : null),
  from: (text: string | null) => (text ? text.split('|') : []),
};

@Entity('program')
class Program {
  @PrimaryColumn('varchar', { length: 36 })
  id: string;

  @Column('varchar', { name: 'brand_id', length: 36 })
  brandId: string;

  @Column('integer')
  year: number;

  @Column('double precision')
  score: number;

  @Column('bigint', { name: 'person_times' })
  personTimes: string;

  @Column('date', { name: 'start_on' })
  startOn: string;

  @Column('boolean')
  open: boolean;

  @Column('text', { nullable: true, transformer: asTags })
  tags: string[] | null;
}

const usingPostgres = process.env.TEST_DATABASE === 'postgres';

/** bytes, which a JSON value cannot carry as the driver gives them (a Buffer): never read together */
@Entity('scan')
class Scan {
  @PrimaryColumn('varchar', { length: 36 })
  id: string;

  @Column(usingPostgres ? 'bytea' : 'blob')
  image: Buffer;
}

@Entity('competition')
class Competition {
  @PrimaryColumn('varchar', { length: 36 })
  id: string;

  @Column('varchar', { name: 'brand_id', length: 36 })
  brandId: string;

  @Column('integer')
  participants: number;
}

class CreatePrograms1700000000001 implements MigrationInterface {
  async up(queryRunner: QueryRunner) {
    await queryRunner.createTable(
      new Table({
        name: 'program',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'brand_id', type: 'varchar', length: '36' },
          { name: 'year', type: 'integer' },
          { name: 'score', type: 'double precision' },
          { name: 'person_times', type: 'bigint' },
          { name: 'start_on', type: 'date' },
          { name: 'open', type: 'boolean' },
          { name: 'tags', type: 'text', isNullable: true },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'competition',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'brand_id', type: 'varchar', length: '36' },
          { name: 'participants', type: 'integer' },
        ],
      }),
    );
  }
  async down() {}
}

const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Selects of different tables and shapes sent as one statement, each answered as it would be alone. */
describe(`selectTogether on ${usingPostgres ? 'PostgreSQL' : 'SQLite'}`, () => {
  const schema = `t${randomBytes(4).toString('hex')}_together`;
  const target: DatabaseTarget = usingPostgres ? { kind: 'postgres', url: POSTGRES_URL, schema } : { kind: 'sqlite', file: ':memory:' };
  const counter = new SqlStatementCounter();
  let db: DataSource;
  /** the statements `action` sent */
  const statementsOf = async <T>(action: () => Promise<T>): Promise<{ value: T; statements: number }> => {
    const before = counter.count;
    const value = await action();
    return { value, statements: counter.count - before };
  };

  const programs = () => db.getRepository(Program).createQueryBuilder('p');
  const byBrand = (brandIds: string[]) =>
    db
      .createQueryBuilder()
      .from(Program, 'p')
      .select('p.brand_id', 'brandId')
      .addSelect('SUM(p.person_times)', 'personTimes')
      .addSelect('COUNT(*)', 'programs')
      .where('p.brand_id IN (:...ids)', { ids: brandIds })
      .groupBy('p.brand_id')
      .orderBy('p.brand_id', 'DESC');
  const contestants = (brandIds: string[]) =>
    db
      .createQueryBuilder()
      .from(Competition, 'c')
      .select('c.brand_id', 'brandId')
      .addSelect('c.participants', 'participants')
      .where('c.brand_id IN (:...ids)', { ids: brandIds })
      .orderBy('c.participants', 'ASC');

  beforeAll(async () => {
    db = createDataSource({
      target,
      entities: [Program, Competition, Scan],
      migrations: [CreatePrograms1700000000001],
      logger: createLogger('test'),
      counter,
    });
    await openDatabase(db, target);
    await db.getRepository(Program).insert(
      Array.from({ length: 40 }, (_, i) => ({
        id: `p${String(i).padStart(2, '0')}`,
        brandId: ['chef', 'farmer', 'builder'][i % 3],
        year: 2023 + (i % 3),
        score: i / 7, // most need 17 digits to be read back as the same double
        personTimes: String(1_000_000_000 * (i + 1)),
        startOn: `2024-0${1 + (i % 9)}-1${i % 10}`,
        open: i % 2 === 0,
        tags: i % 4 === 0 ? null : ['a', String(i)],
      })),
    );
    await db
      .getRepository(Competition)
      .insert(Array.from({ length: 12 }, (_, i) => ({ id: `c${i}`, brandId: ['chef', 'farmer'][i % 2], participants: 100 - i * 7 })));
  });
  afterAll(async () => {
    if (usingPostgres) await db?.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await db?.destroy();
  });

  it('answers each select with exactly the rows it has alone, in its own order, in one statement', async () => {
    const newest = entityRead(programs().where('p.year >= :year', { year: 2024 }).orderBy('p.start_on', 'DESC').addOrderBy('p.id', 'ASC'));
    const raw = [byBrand(['chef', 'farmer']), contestants(['farmer']), contestants(['nobody'])];
    const alone = await Promise.all(raw.map((q) => q.getRawMany()));
    const { value, statements } = await statementsOf(() => selectTogether([newest, ...raw.map((q) => rawSelect(q))]));
    expect(statements).toBe(1);
    const [entities, ...together] = value;
    // the same rows, in the same order, as JSON values: PostgreSQL's bigint sums and counts, strings alone, are numbers
    const asJson = (rows: Record<string, unknown>[]) =>
      rows.map((row) =>
        Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v])),
      );
    expect(together).toEqual(alone.map(asJson));
    expect(together[0]).toEqual([
      { brandId: 'farmer', personTimes: 260_000_000_000, programs: 13 },
      { brandId: 'chef', personTimes: 287_000_000_000, programs: 14 },
    ]);
    expect(together[1].map((r) => r.participants)).toEqual([23, 37, 51, 65, 79, 93]);
    expect(together[2]).toEqual([]);
    expect(entities).toEqual(
      await programs().where('p.year >= :year', { year: 2024 }).orderBy('p.start_on', 'DESC').addOrderBy('p.id', 'ASC').getMany(),
    );
  });

  it('reads a computed double back as the same double, not as the 15 digits SQLite’s JSON writes', async () => {
    const mean = () =>
      db
        .createQueryBuilder()
        .from(Program, 'p')
        .select('AVG(p.score)', 'mean')
        .addSelect('p.year', 'year')
        .groupBy('p.year')
        .orderBy('p.year');
    const [alone, [together]] = await Promise.all([mean().getRawMany(), selectTogether([rawSelect(mean())])]);
    expect(together.map((r) => r.mean)).toEqual(alone.map((r) => Number(r.mean)));
    expect(together.some((r) => String(r.mean).length > 16)).toBe(true);
  });

  it('makes entities as getMany does: the class, every column through the driver and its transformer', async () => {
    const read = entityRead(
      programs()
        .where('p.id IN (:...ids)', { ids: ['p00', 'p01'] })
        .orderBy('p.id'),
    );
    const [[untagged, tagged]] = await selectTogether([read, rawSelect(contestants(['chef']))]);
    expect(untagged).toBeInstanceOf(Program);
    expect(untagged).toEqual(await db.getRepository(Program).findOneByOrFail({ id: 'p00' }));
    expect(untagged.tags).toEqual([]);
    expect(tagged.tags).toEqual(['a', '1']);
    expect(typeof tagged.open).toBe('boolean');
  });

  it('keeps each select’s bound values apart, though they share names', async () => {
    const [chefs, farmers, both] = await selectTogether([
      rawSelect(contestants(['chef'])),
      rawSelect(contestants(['farmer'])),
      rawSelect(byBrand(['chef', 'farmer'])),
    ]);
    expect(new Set(chefs.map((r) => r.brandId))).toEqual(new Set(['chef']));
    expect(new Set(farmers.map((r) => r.brandId))).toEqual(new Set(['farmer']));
    expect(both.map((r) => Number(r.programs))).toEqual([13, 14]);
  });

  it('sends a second statement where one would bind more values than the databases allow', async () => {
    const many = (brand: string) => [brand, ...Array.from({ length: MAX_BOUND_VALUES / 2 }, (_, i) => `x${i}`)];
    const { value, statements } = await statementsOf(() =>
      selectTogether([contestants(many('chef')), contestants(many('farmer')), contestants(['chef'])].map((q) => rawSelect(q))),
    );
    expect(statements).toBe(2);
    expect(value.map((rows) => rows.length)).toEqual([6, 6, 6]);
    expect(value[1].every((r) => r.brandId === 'farmer')).toBe(true);
  });

  it('reads inside a transaction on the transaction’s connection: it sees what the transaction wrote', async () => {
    await db
      .transaction(async (manager) => {
        await manager.getRepository(Competition).insert({ id: 'uncommitted', brandId: 'builder', participants: 5 });
        const inside = manager.createQueryBuilder().from(Competition, 'c').select('c.id', 'id').where('c.brand_id = :b', { b: 'builder' });
        const { value: seen, statements } = await statementsOf(() => selectTogether([rawSelect(inside), rawSelect(contestants(['chef']))]));
        expect(seen[0]).toEqual([{ id: 'uncommitted' }]);
        expect(seen[1]).toHaveLength(6);
        expect(statements).toBe(2); // one on the transaction's connection, one on the pool's
        throw new Error('roll back');
      })
      .catch((err: Error) => expect(err.message).toBe('roll back'));
    expect(await db.getRepository(Competition).countBy({ brandId: 'builder' })).toBe(0);
  });

  it('refuses a select whose columns are not all named, an entity read with joins, and a column JSON cannot carry', () => {
    expect(() => rawSelect(db.createQueryBuilder().from(Competition, 'c').select('COUNT(*)'))).toThrow(
      /names every column it answers \(COUNT\(\*\)\)/,
    );
    expect(() => entityRead(programs().innerJoin(Competition, 'c', 'c.brand_id = p.brand_id'))).toThrow(/reads one plain entity/);
    expect(() => entityRead(db.getRepository(Scan).createQueryBuilder('s'))).toThrow(
      /cannot read Scan.image: JSON does not carry (bytea|blob)/,
    );
  });

  it('fails every select of a statement that fails, and changes nothing', async () => {
    const broken = db.createQueryBuilder().from(Competition, 'c').select('c.no_such_column', 'x');
    await expect(selectTogether([rawSelect(contestants(['chef'])), rawSelect(broken)])).rejects.toThrow(/no_such_column/);
    expect(await db.getRepository(Competition).count()).toBe(12);
  });
});
