import { Column, DataSource, Entity, PrimaryColumn } from 'typeorm';
import { GraphQLError } from 'graphql';
import { paginate, type OrderKey } from './pagination';

@Entity('roster_row')
class RosterRow {
  @PrimaryColumn('varchar')
  id: string;

  @Column('varchar', { name: 'city_code' })
  cityCode: string;

  @Column('integer')
  score: number;
}

/** Keyset pagination: every row exactly once, in the list's order, however the order's directions mix. */
describe('paginate', () => {
  let db: DataSource;
  const rows = Array.from({ length: 53 }, (_, i) =>
    Object.assign(new RosterRow(), { id: `r${String(i).padStart(3, '0')}`, cityCode: `5101${i % 4}0`, score: i % 7 }),
  );
  const order: OrderKey<RosterRow>[] = [
    { column: 'r.city_code', property: 'cityCode', direction: 'ASC' },
    { column: 'r.score', property: 'score', direction: 'DESC' },
    { column: 'r.id', property: 'id', direction: 'ASC' },
  ];
  const rowsWith = (keep: (r: RosterRow) => boolean) => rows.filter(keep).length;
  const expected = [...rows]
    .sort((a, b) => a.cityCode.localeCompare(b.cityCode) || b.score - a.score || a.id.localeCompare(b.id))
    .map((r) => r.id);

  let statements = 0;
  const statementsDuring = async (run: () => Promise<unknown>) => {
    const before = statements;
    await run();
    return statements - before;
  };

  beforeAll(async () => {
    const counting = {
      logQuery: () => void (statements += 1),
      logQueryError() {},
      logQuerySlow() {},
      logSchemaBuild() {},
      logMigration() {},
      log() {},
    };
    db = new DataSource({ type: 'better-sqlite3', database: ':memory:', entities: [RosterRow], logging: ['query'], logger: counting });
    await db.initialize();
    await db.query('CREATE TABLE roster_row (id varchar PRIMARY KEY, city_code varchar NOT NULL, score integer NOT NULL)');
    await db.getRepository(RosterRow).insert(rows);
  });
  afterAll(() => db?.destroy());

  it('walks every row once, in order, page by page', async () => {
    const seen: string[] = [];
    let after: string | null | undefined;
    let pages = 0;
    do {
      const page = await paginate(db.getRepository(RosterRow).createQueryBuilder('r'), order, { first: 10, after });
      expect(await page.totalCount).toBe(53);
      seen.push(...page.nodes.map((r) => r.id));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : undefined;
      pages += 1;
    } while (after);
    expect(pages).toBe(6);
    expect(seen).toEqual(expected);
  });

  it('counts and pages within a filter', async () => {
    const page = await paginate(db.getRepository(RosterRow).createQueryBuilder('r').where('r.city_code = :c', { c: '510110' }), order, {
      first: 100,
    });
    expect(await page.totalCount).toBe(rows.filter((r) => r.cityCode === '510110').length);
    expect(page.nodes.every((r) => r.cityCode === '510110')).toBe(true);
    expect(page.pageInfo.hasNextPage).toBe(false);
  });

  it('counts rows instead of distinct ids when told every join is to-one, with the same answer', async () => {
    const query = () => db.getRepository(RosterRow).createQueryBuilder('r').where('r.score > :s', { s: 2 });
    const distinct = await paginate(query(), order, { first: 5 });
    const rows = await paginate(query(), order, { first: 5 }, { toOneJoins: true });
    expect(await rows.totalCount).toBe(await distinct.totalCount);
    expect(await rows.totalCount).toBe(rowsWith((r) => r.score > 2));
    expect(rows.nodes).toEqual(distinct.nodes);
  });

  it('counts in the page’s own statement when the operation asks the count: the same pages and totals, one statement each', async () => {
    const query = () => db.getRepository(RosterRow).createQueryBuilder('r').where('r.score > :s', { s: 2 });
    const total = rowsWith((r) => r.score > 2);
    let after: string | null | undefined;
    do {
      const apart = await paginate(query(), order, { first: 7, after });
      let together: Awaited<ReturnType<typeof paginate<RosterRow>>> | undefined;
      const sent = await statementsDuring(async () => {
        together = await paginate(query(), order, { first: 7, after, counted: true });
        expect(await together.totalCount).toBe(total);
      });
      expect(sent).toBe(1);
      expect(together!.nodes).toEqual(apart.nodes);
      expect(together!.pageInfo).toEqual(apart.pageInfo);
      after = apart.pageInfo.hasNextPage ? apart.pageInfo.endCursor : undefined;
    } while (after);
    // past the last row the page has no row to carry the count: it is counted apart, and still right
    const last = await paginate(query(), order, { first: 500 });
    const beyond = await paginate(query(), order, { first: 7, after: last.pageInfo.endCursor, counted: true });
    expect(beyond.nodes).toEqual([]);
    expect(await statementsDuring(async () => expect(await beyond.totalCount).toBe(total))).toBe(1);
  });

  it.each([
    ['a forged cursor', { first: 10, after: 'bm90LWEtY3Vyc29y' }, /not a cursor/],
    ['a cursor of another shape', { first: 10, after: Buffer.from('["a"]').toString('base64url') }, /not a cursor/],
    ['a page of 0', { first: 0 }, /first must be from 1 to 500/],
    ['a page of 501', { first: 501 }, /first must be from 1 to 500/],
  ])('refuses %s with BAD_USER_INPUT', async (_case, args, message) => {
    const attempt = paginate(db.getRepository(RosterRow).createQueryBuilder('r'), order, args);
    await expect(attempt).rejects.toThrow(message);
    await expect(attempt).rejects.toBeInstanceOf(GraphQLError);
    await attempt.catch((e: GraphQLError) => expect(e.extensions.code).toBe('BAD_USER_INPUT'));
  });
});
