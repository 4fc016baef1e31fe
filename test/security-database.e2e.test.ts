import type { ViewerClaims } from '@skills-sichuan/runtime';
import { sqlDuring, startGraph, usingPostgres, type Graph, type GraphResponse } from './graph';

const ADMIN = { role: 'PROVINCIAL_ADMIN', sub: 'province-1' } as ViewerClaims;

/** Issue 12's finding 4: 30 aliased counts of every training record froze the training subgraph for 4.4 s. */
const THIRTY_COUNTS = `{ ${Array.from({ length: 30 }, (_, i) => `r${i}: trainingRecords(first: 500) { totalCount }`).join(' ')} }`;

const total = (sql: Record<string, number>) => Object.values(sql).reduce((a, b) => a + b, 0);

function expectDatabaseTimeRefused(response: GraphResponse) {
  const error = response.body.errors?.[0];
  expect(error?.extensions?.code).toBe('OPERATION_LIMIT_EXCEEDED');
  expect(error?.extensions?.limit).toBe('database time');
  expect(error?.message).not.toMatch(/select|statement|canceling|sqlite|postgres/i);
}

/** A request's database time: counts over large tables cost what they make the database do, and what still runs is bounded. */
describe('one request cannot hold a subgraph’s database (issue 12, finding 4)', () => {
  describe('with the default limits', () => {
    let graph: Graph;

    beforeAll(async () => {
      graph = await startGraph();
    });
    afterAll(() => graph?.stop());

    it('refuses 30 aliased counts of every training record before any SQL runs', async () => {
      let response: GraphResponse | undefined;
      const sql = await sqlDuring(graph, async () => {
        response = await graph.query(THIRTY_COUNTS, undefined, ADMIN);
      });
      expect(response?.status).toBe(400);
      expect(response?.body.data).toBeUndefined();
      expect(response?.body.errors?.[0]?.extensions?.code).toBe('OPERATION_LIMIT_EXCEEDED');
      expect(response?.body.errors?.[0]?.message).toMatch(/cost/);
      expect(total(sql)).toBe(0);
    });

    it('answers a dashboard’s few counts', async () => {
      const response = await graph.query<Record<string, { totalCount: number }>>(
        `{ all: trainingRecords(first: 1) { totalCount } programs: trainingPrograms(first: 1) { totalCount }
           bases(first: 1) { totalCount } competitions(first: 1) { totalCount } }`,
        undefined,
        ADMIN,
      );
      expect(response.body.errors).toBeUndefined();
      expect(response.body.data?.all.totalCount).toBeGreaterThan(1000);
      expect(response.body.data?.programs.totalCount).toBeGreaterThan(0);
    });
  });

  (usingPostgres ? describe : describe.skip)('on PostgreSQL, with a 1 ms statement timeout', () => {
    let graph: Graph;

    beforeAll(async () => {
      graph = await startGraph({ env: { DATABASE_STATEMENT_TIMEOUT_MS: '1' } });
    });
    afterAll(() => graph?.stop());

    it('answers a cancelled statement as the operation limit, not an internal error', async () => {
      // a count over every record and a page of 500: tens of milliseconds of SQL, far over 1 ms
      const response = await graph.query(`{ trainingRecords(first: 500) { totalCount nodes { id } } }`, undefined, ADMIN);
      expect(response.body.errors?.map((e) => e.extensions?.code)).not.toContain('INTERNAL_SERVER_ERROR');
      expectDatabaseTimeRefused(response);
    });
  });

  (usingPostgres ? describe.skip : describe)('on SQLite, with a request budget of 0 ms', () => {
    let graph: Graph;

    beforeAll(async () => {
      graph = await startGraph({ env: { DATABASE_REQUEST_BUDGET_MS: '0' } });
    });
    afterAll(() => graph?.stop());

    it('lets a request’s first statement run and refuses the ones after it', async () => {
      let response: GraphResponse | undefined;
      // a list filtered through a join counts apart: the page spends the budget, its count is refused
      const [{ brand_id: brandId }] = await graph.subgraphs.training.db.query('SELECT brand_id FROM typical_case_brand LIMIT 1');
      const sql = await sqlDuring(graph, async () => {
        response = await graph.query(`{ typicalCases(first: 5, brandId: "${brandId}") { totalCount nodes { id } } }`, undefined, ADMIN);
      });
      expectDatabaseTimeRefused(response!);
      expect(sql.training).toBe(1);
    });
  });
});
