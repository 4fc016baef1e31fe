import type { DataSource } from 'typeorm';
import { createDataSource, openDatabase, SqlStatementCounter } from '@skills-sichuan/database';
import { createLogger } from '@skills-sichuan/runtime';
import { createRequestContext, defineLoader, groupedByKey, type RequestContext } from './context';

/** A request's loaders, each batching its own table: what they send in one turn is one statement. */
describe('Reads', () => {
  const counter = new SqlStatementCounter();
  const log = createLogger('kit-test');
  let db: DataSource;

  const statementsOf = async <T>(action: () => Promise<T>): Promise<{ value: T; statements: number }> => {
    const before = counter.count;
    const value = await action();
    return { value, statements: counter.count - before };
  };
  const programsOf = defineLoader<string, { id: string; brandId: string }[]>('programsOf', async (brandIds, { db, reads }) =>
    groupedByKey(
      brandIds,
      await reads.rows<{ id: string; brandId: string }>(
        db
          .createQueryBuilder()
          .from('program', 'p')
          .select('p.id', 'id')
          .addSelect('p.brand_id', 'brandId')
          .where('p.brand_id IN (:...brandIds)', { brandIds: [...brandIds] })
          .orderBy('p.id'),
      ),
      (p) => p.brandId,
    ),
  );
  const contestantsOf = defineLoader<string, number>('contestantsOf', async (brandIds, { db, reads }) => {
    const rows = await reads.rows<{ brandId: string; participants: number }>(
      db
        .createQueryBuilder()
        .from('competition', 'c')
        .select('c.brand_id', 'brandId')
        .addSelect('SUM(c.participants)', 'participants')
        .where('c.brand_id IN (:...brandIds)', { brandIds: [...brandIds] })
        .groupBy('c.brand_id'),
    );
    return brandIds.map((id) => Number(rows.find((r) => r.brandId === id)?.participants ?? 0));
  });
  const newContext = (): RequestContext => createRequestContext({ db, log });

  beforeAll(async () => {
    db = createDataSource({ target: { kind: 'sqlite', file: ':memory:' }, entities: [], migrations: [], logger: log, counter });
    await openDatabase(db, { kind: 'sqlite', file: ':memory:' });
    await db.query('CREATE TABLE program (id varchar PRIMARY KEY, brand_id varchar NOT NULL)');
    await db.query('CREATE TABLE competition (id varchar PRIMARY KEY, brand_id varchar NOT NULL, participants integer NOT NULL)');
    await db.query(`INSERT INTO program VALUES ('p1', 'chef'), ('p2', 'farmer'), ('p3', 'chef')`);
    await db.query(`INSERT INTO competition VALUES ('c1', 'chef', 30), ('c2', 'chef', 12), ('c3', 'farmer', 7)`);
  });
  afterAll(() => db?.destroy());

  it('sends the selects of different loaders asked in one turn as one statement, each its own answer', async () => {
    const { loaders } = newContext();
    const { value, statements } = await statementsOf(() =>
      Promise.all([
        loaders.of(programsOf).load('chef'),
        loaders.of(contestantsOf).load('chef'),
        loaders.of(programsOf).load('farmer'),
        loaders.of(contestantsOf).load('nobody'),
      ]),
    );
    expect(value).toEqual([
      [
        { id: 'p1', brandId: 'chef' },
        { id: 'p3', brandId: 'chef' },
      ],
      42,
      [{ id: 'p2', brandId: 'farmer' }],
      0,
    ]);
    expect(statements).toBe(1);
  });

  it('sends a select asked after the others’ answer as a statement of its own', async () => {
    const { loaders } = newContext();
    const { statements } = await statementsOf(async () => {
      await loaders.of(programsOf).load('chef');
      await loaders.of(contestantsOf).load('chef');
    });
    expect(statements).toBe(2);
  });

  it('keeps one request’s reads apart from another’s', async () => {
    const [a, b] = [newContext(), newContext()];
    const { value, statements } = await statementsOf(() =>
      Promise.all([a.loaders.of(contestantsOf).load('chef'), b.loaders.of(contestantsOf).load('farmer')]),
    );
    expect(value).toEqual([42, 7]);
    expect(statements).toBe(2);
  });

  it('fails every loader of a statement that fails, with the database’s error', async () => {
    const broken = defineLoader<string, unknown>('broken', async (ids, { db, reads }) => {
      await reads.rows(db.createQueryBuilder().from('program', 'p').select('p.no_such_column', 'x'));
      return ids.map(() => null);
    });
    const { loaders } = newContext();
    const [programs, failed] = await Promise.allSettled([loaders.of(programsOf).load('chef'), loaders.of(broken).load('x')]);
    expect(failed).toMatchObject({
      status: 'rejected',
      reason: expect.objectContaining({ message: expect.stringMatching(/no_such_column/) }),
    });
    expect(programs.status).toBe('rejected');
  });
});
