import { DEFAULT_OPERATION_LIMITS, SERVICE_HEADER, Viewer, type ViewerClaims } from '@skills-sichuan/runtime';
import { composeCreditCode } from '@skills-sichuan/bases/seed';
import { GraphClient, GraphReadRefused, planRead, MAX_IDS } from '@skills-sichuan/subgraph-kit';
import { generateProgram } from './program';
import { Application } from '../subgraphs/bases/src/application/application.entity';
import { Standard } from '../subgraphs/brands/src/standard/standard.entity';
import { ProgressReport } from '../subgraphs/evaluation/src/report/progress-report.entity';
import { MAX_REQUESTED } from '../subgraphs/evaluation/src/report/progress-report.service';
import { TypicalCase } from '../subgraphs/training/src/case/typical-case.entity';
import { startGraph, TEST_PROGRAM, type Graph, type GraphResponse } from './graph';

const ADMIN = { role: 'PROVINCIAL_ADMIN', sub: 'admin' } as ViewerClaims;
const unknownId = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
const program = generateProgram(TEST_PROGRAM);
const REQUEST = `mutation ($period: String!, $ids: [ID!]!) { requestProgressReports(period: $period, organizationIds: $ids) { organization { id } status } }`;

/** Every read of the graph a subgraph sends while `action` runs: which subgraph, and the query. */
async function readsDuring(action: () => Promise<unknown>): Promise<{ service: string; query: string; ids: number }[]> {
  const spy = jest.spyOn(globalThis, 'fetch');
  try {
    await action();
    return spy.mock.calls
      .map(([, init]) => ({
        headers: (init?.headers ?? {}) as Record<string, string>,
        body: JSON.parse(String(init?.body ?? '{}')) as { query?: string; variables?: object },
      }))
      .filter(({ headers }) => headers[SERVICE_HEADER])
      .map(({ headers, body }) => ({
        service: headers[SERVICE_HEADER],
        query: body.query ?? '',
        ids: Object.keys(body.variables ?? {}).length,
      }));
  } finally {
    spy.mockRestore();
  }
}

/** The program's organisations and as many registered through the graph as `requestProgressReports` needs to reach its maximum. */
async function hundredOrganizations(graph: Graph): Promise<string[]> {
  const city = program.organizations[0].cityCode;
  const registered = await Promise.all(
    Array.from({ length: MAX_REQUESTED - program.organizations.length }, async (_, i) => {
      const creditCode = composeCreditCode('91', city, String(31_000_000 + i));
      const { body } = await graph.query<{ registerOrganization: { id: string } }>(
        `mutation ($input: RegisterOrganizationInput!) { registerOrganization(input: $input) { id } }`,
        {
          input: {
            name: `四川读图${i}科技有限公司`,
            kind: 'ENTERPRISE',
            creditCode,
            cityCode: city,
            contacts: [{ name: '王小川', title: '总经理', phone: '028-86000000', email: 'wang@example.cn' }],
          },
        },
        ADMIN,
      );
      expect(body.errors).toBeUndefined();
      return body.data!.registerOrganization.id;
    }),
  );
  return [...program.organizations.map((o) => o.id), ...registered];
}

/** Cross-subgraph reads through the gateway: one kit mechanism, chunked under the gateway's own limits, at each caller's documented maximum. */
describe('reads of the graph by ids', () => {
  it('sizes a chunk by the gateway’s limits: aliases for a light selection, cost for a heavy one, never past depth', () => {
    expect(planRead('organization', '{ id city { code } }', DEFAULT_OPERATION_LIMITS)).toEqual({ idsPerQuery: 30, aliased: true });
    expect(planRead('organization', '{ id city { code } }', { ...DEFAULT_OPERATION_LIMITS, maxAliases: 5 })).toEqual({
      idsPerQuery: 5,
      aliased: true,
    });
    // each id weighs 1 + 1 + 10 × (1 + 1): 22, so 100 allows four
    expect(planRead('organization', '{ id city { code } }', { ...DEFAULT_OPERATION_LIMITS, maxCost: 100 })).toEqual({
      idsPerQuery: 4,
      aliased: true,
    });
    expect(planRead('brand', '{ id }', { ...DEFAULT_OPERATION_LIMITS, maxAliases: 0 })).toEqual({ idsPerQuery: 1, aliased: false });
    expect(() => planRead('brand', '{ parent { parent { parent { id } } } }', { ...DEFAULT_OPERATION_LIMITS, maxDepth: 3 })).toThrow(
      /alone exceeds/,
    );
  });

  describe('at the default limits', () => {
    let graph: Graph;
    let organizations: string[];
    beforeAll(async () => {
      graph = await startGraph();
      organizations = await hundredOrganizations(graph);
    });
    afterAll(() => graph?.stop());
    const reports = () => graph.subgraphs.evaluation.db.getRepository(ProgressReport).count();

    it(`requests progress reports of ${MAX_REQUESTED} organisations, checked in 4 reads of at most 30`, async () => {
      expect(organizations).toHaveLength(MAX_REQUESTED);
      let body: GraphResponse['body'] = {};
      const reads = await readsDuring(
        async () => ({ body } = await graph.query(REQUEST, { period: '2097-H1', ids: organizations }, ADMIN)),
      );
      expect(body.errors).toBeUndefined();
      expect(body.data!.requestProgressReports).toHaveLength(MAX_REQUESTED);
      expect(reads.map((r) => r.ids).sort((a, b) => b - a)).toEqual([30, 30, 30, 10]);
      expect(reads.every((r) => r.service === 'evaluation' && /organizationByIds/.test(r.query))).toBe(true);
      expect(await graph.subgraphs.evaluation.db.getRepository(ProgressReport).countBy({ period: '2097-H1' })).toBe(MAX_REQUESTED);
    });

    it(`refuses ${MAX_REQUESTED} organisations of which some are unknown with NOT_FOUND naming each, writing nothing`, async () => {
      const ids = [...organizations.slice(0, MAX_REQUESTED - 3), unknownId(1), unknownId(2), unknownId(3)];
      const before = await reports();
      const { body } = await graph.query(REQUEST, { period: '2097-H2', ids }, ADMIN);
      expect(body.errors?.[0].extensions).toMatchObject({
        code: 'NOT_FOUND',
        field: 'organizationIds',
        missingIds: [unknownId(1), unknownId(2), unknownId(3)],
      });
      expect(body.errors?.[0].message).toBe(`no organization has id ${unknownId(1)}, ${unknownId(2)}, ${unknownId(3)}`);
      expect(await reports()).toBe(before);
    });

    it(`checks an application's brands at the most it may list (${MAX_IDS}), and the whole catalogue`, async () => {
      const operator = program.organizations[0];
      const applications = () => graph.subgraphs.bases.db.getRepository(Application).count();
      const submit = (brandIds: string[]) =>
        graph.query(
          `mutation ($input: SubmitApplicationInput!) { submitApplication(input: $input) { id brands { id } } }`,
          {
            input: {
              kind: 'INSTITUTION',
              organizationId: operator.id,
              name: '品牌最全的机构',
              brandIds,
              services: ['TRAINING'],
              occupations: ['中式烹调师'],
            },
          },
          ADMIN,
        );
      const catalogue = program.brands.map((b) => b.id);
      const unknown = Array.from({ length: MAX_IDS - catalogue.length }, (_, i) => unknownId(i));
      const before = await applications();
      let refused: Awaited<ReturnType<typeof submit>>['body'] = {};
      const reads = await readsDuring(async () => ({ body: refused } = await submit([...catalogue, ...unknown])));
      expect(refused.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'brandIds', missingIds: unknown });
      expect(reads).toHaveLength(Math.ceil(MAX_IDS / 30));
      expect(await applications()).toBe(before);

      const { body } = await submit(catalogue);
      expect(body.errors).toBeUndefined();
      expect(body.data!.submitApplication.brands).toHaveLength(catalogue.length);
      expect(await applications()).toBe(before + 1);
    });

    it('checks a typical case about every brand, and refuses one about an unknown brand too, writing nothing', async () => {
      const cases = () => graph.subgraphs.training.db.getRepository(TypicalCase).count();
      const publish = (brandIds: string[]) =>
        graph.query(
          `mutation ($input: PublishTypicalCaseInput!) { publishTypicalCase(input: $input) { id brands { id } } }`,
          {
            input: { kind: 'EXCELLENT_CASE', title: '全品牌案例', summary: '……', year: 2025, publishedOn: '2025-12-31', brandIds },
          },
          ADMIN,
        );
      const catalogue = program.brands.map((b) => b.id);
      const before = await cases();
      const refused = await publish([...catalogue, unknownId(7)]);
      expect(refused.body.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', missingIds: [unknownId(7)] });
      expect(await cases()).toBe(before);
      expect((await publish(catalogue)).body.data).toMatchObject({
        publishTypicalCase: { brands: expect.arrayContaining(catalogue.map((id) => ({ id }))) },
      });
      expect(await cases()).toBe(before + 1);
    });

    it(`checks a standard drafted by ${MAX_REQUESTED} organisations, and refuses one with an unknown drafter, writing nothing`, async () => {
      const standards = () => graph.subgraphs.brands.db.getRepository(Standard).count();
      const draft = (code: string, by: string[]) =>
        graph.query(
          `mutation ($b: [ID!]!, $by: [ID!]!, $code: String!) { draftStandard(input: { code: $code, title: "众人起草的标准", category: CULTIVATION, brandIds: $b, draftedByIds: $by }) { id draftedBy { id } } }`,
          {
            b: [program.brands[0].id],
            by,
            code,
          },
          ADMIN,
        );
      const before = await standards();
      const refused = await draft('T/SCJN 950', [...organizations.slice(1), unknownId(9)]);
      expect(refused.body.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'draftedByIds', missingIds: [unknownId(9)] });
      expect(refused.body.errors?.[0].message).toMatch(/no organisation has id/);
      expect(await standards()).toBe(before);
      const { body } = await draft('T/SCJN 951', organizations);
      expect(body.errors).toBeUndefined();
      expect(await standards()).toBe(before + 1);
    });

    describe('the GraphClient’s rule for upstream errors', () => {
      const client = () => new GraphClient('evaluation', graph.secrets.subgraph('evaluation'), () => graph.url);
      const as = (claims: ViewerClaims) => ({ requestId: 'req-graph-reads', viewer: Viewer.fromClaims(claims) });

      it('passes on what concerns the viewer: UNAUTHENTICATED, FORBIDDEN', async () => {
        await expect(client().query(as({ role: 'PUBLIC' } as ViewerClaims), '{ feedbackQueue { totalCount } }')).rejects.toMatchObject({
          extensions: { code: 'UNAUTHENTICATED' },
        });
        const operator = { role: 'BASE_OPERATOR', sub: 'op', org: program.organizations[0].id } as ViewerClaims;
        await expect(client().query(as(operator), '{ feedbackQueue { totalCount } }')).rejects.toMatchObject({
          extensions: { code: 'FORBIDDEN' },
        });
      });

      it('takes a refused operation for our own bug, carrying the gateway’s code to the log', async () => {
        const tooMany = `{ ${Array.from({ length: 31 }, (_, i) => `b${i}: brand(code: "SICHUAN_CHEF") { id }`).join(' ')} }`;
        const refusal = client().query(as(ADMIN), tooMany);
        await expect(refusal).rejects.toBeInstanceOf(GraphReadRefused);
        await expect(refusal).rejects.toMatchObject({ upstreamCode: 'OPERATION_LIMIT_EXCEEDED', httpStatus: 400 });
        await expect(refusal).rejects.toThrow(/limit aliases, max 30/);
      });

      it('calls a gateway that does not answer SERVICE_UNAVAILABLE, its address kept out of the message', async () => {
        const gone = new GraphClient(
          'evaluation',
          graph.secrets.subgraph('evaluation'),
          () => 'http://127.0.0.1:9/graphql',
          undefined,
          500,
        );
        const failed = gone.query(as(ADMIN), '{ __typename }');
        await expect(failed).rejects.toMatchObject({ extensions: { code: 'SERVICE_UNAVAILABLE' } });
        await expect(failed).rejects.not.toThrow(/127\.0\.0\.1/);
      });
    });
  });

  describe('at MAX_ALIASES=5, given to the gateway and the subgraphs alike', () => {
    let graph: Graph;
    beforeAll(async () => {
      graph = await startGraph({ env: { MAX_ALIASES: '5' } });
    });
    afterAll(() => graph?.stop().catch(() => undefined));

    it('has the gateway refuse six aliases and the subgraphs read in chunks of five', async () => {
      const six = `{ ${Array.from({ length: 6 }, (_, i) => `b${i}: brand(code: "SICHUAN_CHEF") { id }`).join(' ')} }`;
      expect((await graph.query(six)).body.errors?.[0].extensions).toMatchObject({
        code: 'OPERATION_LIMIT_EXCEEDED',
        limit: 'aliases',
        max: 5,
      });
      const ids = program.organizations.map((o) => o.id);
      let body: GraphResponse['body'] = {};
      const reads = await readsDuring(async () => ({ body } = await graph.query(REQUEST, { period: '2097-H1', ids }, ADMIN)));
      expect(body.errors).toBeUndefined();
      expect(body.data!.requestProgressReports).toHaveLength(ids.length);
      expect(reads).toHaveLength(Math.ceil(ids.length / 5));
      expect(Math.max(...reads.map((r) => r.ids))).toBe(5);
    });

    it('answers SERVICE_UNAVAILABLE when the owner of the facts is down, writing nothing', async () => {
      const reports = () => graph.subgraphs.evaluation.db.getRepository(ProgressReport).count();
      const before = await reports();
      await graph.subgraphs.bases.stop();
      const { body } = await graph.query(REQUEST, { period: '2096-H1', ids: program.organizations.slice(0, 12).map((o) => o.id) }, ADMIN);
      expect(body.errors?.[0].extensions?.code).toBe('SERVICE_UNAVAILABLE');
      expect(JSON.stringify(body)).not.toMatch(/127\.0\.0\.1|localhost|stack/);
      expect(await reports()).toBe(before);
    });
  });
});
