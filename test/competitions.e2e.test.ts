import { type ViewerClaims } from '@skills-sichuan/runtime';
import { generateProgram } from './program';
import { startGraph, TEST_PROGRAM, type Graph } from './graph';

/** Competitions with their results, promotion events with their reach, typical cases linked to brands. */
describe('competitions, promotion events and typical cases', () => {
  let graph: Graph;
  const program = generateProgram(TEST_PROGRAM);
  const base = program.bases.find((b) => b.status === 'ACTIVE')!;
  const operator: ViewerClaims = { role: 'BASE_OPERATOR' as never, org: base.operatorId };
  const stranger: ViewerClaims = {
    role: 'BASE_OPERATOR' as never,
    org: program.bases.find((b) => b.operatorId !== base.operatorId)!.operatorId,
  };
  const admin: ViewerClaims = { role: 'PROVINCIAL_ADMIN' as never };
  const count = async (table: string) => Number((await graph.subgraphs.training.db.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);

  beforeAll(async () => {
    graph = await startGraph();
  });
  afterAll(() => graph?.stop());

  const REGISTER = `mutation ($input: RegisterCompetitionInput!) { registerCompetition(input: $input) { id level participants city { code } host { ... on Base { id } } brand { id } } }`;
  const input = (overrides: Record<string, unknown> = {}) => ({
    name: '2025年川菜烹饪技能竞赛',
    level: 'CITY',
    brandId: base.brandId,
    occupation: '中式烹调师',
    hostBaseId: base.id,
    startOn: '2025-06-01',
    endOn: '2025-06-02',
    participants: 80,
    ...overrides,
  });
  const RESULTS = `mutation ($id: ID!, $results: [CompetitionResultInput!]!) { recordCompetitionResults(competitionId: $id, results: $results) { results { rank award contestantName } } }`;

  it('lets a base’s operator register a competition it hosts and publish its results; the base lists it', async () => {
    const { body } = await graph.query<{ registerCompetition: { id: string } & Record<string, unknown> }>(
      REGISTER,
      { input: input() },
      operator,
    );
    expect(body.errors).toBeUndefined();
    expect(body.data!.registerCompetition).toMatchObject({
      level: 'CITY',
      participants: 80,
      city: { code: base.cityCode },
      host: { id: base.id },
      brand: { id: base.brandId },
    });
    const id = body.data!.registerCompetition.id;
    const results = [
      { rank: 2, award: 'SECOND_PRIZE', contestantName: '李四', representing: base.name },
      { rank: 1, award: 'FIRST_PRIZE', contestantName: '张三', representing: base.name },
    ];
    const published = await graph.query<{ recordCompetitionResults: { results: { rank: number }[] } }>(RESULTS, { id, results }, operator);
    expect(published.body.data!.recordCompetitionResults.results.map((r) => r.rank)).toEqual([1, 2]);
    const before = await count('competition_result');
    expect(
      (await graph.query(RESULTS, { id, results: [{ rank: 1, contestantName: '王五', representing: 'x' }] }, operator)).body.errors?.[0]
        .extensions?.code,
    ).toBe('CONFLICT');
    expect(
      (await graph.query(RESULTS, { id, results: [{ rank: 0, contestantName: '王五', representing: 'x' }] }, operator)).body.errors?.[0]
        .extensions?.code,
    ).toBe('BAD_USER_INPUT');
    expect(
      (await graph.query(RESULTS, { id, results: [{ rank: 9, contestantName: '王五', representing: 'x' }] }, stranger)).body.errors?.[0]
        .extensions?.code,
    ).toBe('FORBIDDEN');
    expect(await count('competition_result')).toBe(before);
    const hosted = await graph.query<{ base: { competitionsHosted: { id: string }[] } }>(
      `query ($id: ID!) { base(id: $id) { competitionsHosted { id } } }`,
      { id: base.id },
    );
    expect(hosted.body.data!.base.competitionsHosted.map((c) => c.id)).toContain(id);
  });

  it.each([
    ['a negative participant count', () => operator, () => input({ participants: -1 }), 'BAD_USER_INPUT'],
    ['another organisation’s base as host', () => stranger, () => input(), 'FORBIDDEN'],
    ['no host from a BASE_OPERATOR', () => operator, () => input({ hostBaseId: null, cityCode: base.cityCode }), 'BAD_USER_INPUT'],
    ['an unknown brand', () => admin, () => input({ brandId: '00000000-0000-4000-8000-000000000000' }), 'NOT_FOUND'],
  ])('refuses a competition with %s and writes nothing', async (_case, viewer, given, code) => {
    const before = await count('competition');
    expect((await graph.query(REGISTER, { input: given() }, viewer())).body.errors?.[0].extensions?.code).toBe(code);
    expect(await count('competition')).toBe(before);
  });

  it('lists seeded competitions with their results, newest first, to the public', async () => {
    const { body } = await graph.query<{
      competitions: { totalCount: number; nodes: { startOn: string; results: { rank: number; award: string }[] }[] };
    }>(`{ competitions(year: 2024, first: 5) { totalCount nodes { startOn results { rank award } } } }`);
    expect(body.errors).toBeUndefined();
    expect(body.data!.competitions.totalCount).toBeGreaterThan(0);
    const dates = body.data!.competitions.nodes.map((c) => c.startOn);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(body.data!.competitions.nodes[0].results[0]).toEqual({ rank: 1, award: 'FIRST_PRIZE' });
  });

  it('records a promotion event with its reach, and refuses a negative reach', async () => {
    const RECORD = `mutation ($input: RecordPromotionEventInput!) { recordPromotionEvent(input: $input) { kind reach city { code } } }`;
    const event = {
      kind: 'TALENT_RECRUITMENT',
      title: '专场人才招聘会',
      brandId: base.brandId,
      hostBaseId: base.id,
      heldOn: '2025-05-01',
      reach: 1200,
    };
    const { body } = await graph.query(RECORD, { input: event }, operator);
    expect(body.data).toEqual({ recordPromotionEvent: { kind: 'TALENT_RECRUITMENT', reach: 1200, city: { code: base.cityCode } } });
    const before = await count('promotion_event');
    expect((await graph.query(RECORD, { input: { ...event, reach: -3 } }, operator)).body.errors?.[0].extensions?.code).toBe(
      'BAD_USER_INPUT',
    );
    expect(await count('promotion_event')).toBe(before);
    const listed = await graph.query<{ promotionEvents: { totalCount: number } }>(
      `query ($b: ID) { promotionEvents(brandId: $b, kind: TALENT_RECRUITMENT) { totalCount } }`,
      { b: base.brandId },
    );
    expect(listed.body.data!.promotionEvents.totalCount).toBeGreaterThan(0);
  });

  it('publishes a typical case (PROVINCIAL_ADMIN only) and shows it on each of its brands', async () => {
    const brands = program.brands.filter((b) => b.level === 'PUBLIC_BRAND').slice(0, 2);
    const PUBLISH = `mutation ($input: PublishTypicalCaseInput!) { publishTypicalCase(input: $input) { id brands { id } } }`;
    const given = {
      kind: 'EXCELLENT_CASE',
      title: '产训结合优秀案例',
      summary: '……',
      year: 2025,
      publishedOn: '2025-12-31',
      brandIds: brands.map((b) => b.id),
    };
    expect((await graph.query(PUBLISH, { input: given }, operator)).body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const { body } = await graph.query<{ publishTypicalCase: { id: string; brands: { id: string }[] } }>(PUBLISH, { input: given }, admin);
    expect(body.errors).toBeUndefined();
    expect(body.data!.publishTypicalCase.brands.map((b) => b.id).sort()).toEqual(brands.map((b) => b.id).sort());
    const shown = await graph.query<{ brand: { typicalCases: { id: string }[] } }>(
      `query ($id: ID!) { brand(id: $id) { typicalCases { id } } }`,
      { id: brands[1].id },
    );
    expect(shown.body.data!.brand.typicalCases[0].id).toBe(body.data!.publishTypicalCase.id);
  });

  it('lists typical cases in pages, newest first, filtered by brand and kind', async () => {
    const LIST = `query ($b: ID, $k: TypicalCaseKind, $first: Int!, $after: String) { typicalCases(brandId: $b, kind: $k, first: $first, after: $after) { totalCount pageInfo { endCursor hasNextPage } nodes { id kind publishedOn brands { id } } } }`;
    type Listed = {
      typicalCases: {
        totalCount: number;
        pageInfo: { endCursor: string | null; hasNextPage: boolean };
        nodes: { id: string; kind: string; publishedOn: string; brands: { id: string }[] }[];
      };
    };
    const all = (await graph.query<Listed>(LIST, { first: 500 })).body.data!.typicalCases;
    expect(all.totalCount).toBe(await count('typical_case'));
    expect(all.totalCount).toBeGreaterThan(2);
    const order = (a: { publishedOn: string; id: string }, b: { publishedOn: string; id: string }) =>
      a.publishedOn === b.publishedOn ? (a.id < b.id ? -1 : 1) : a.publishedOn > b.publishedOn ? -1 : 1;
    expect(all.nodes).toEqual([...all.nodes].sort(order));
    const paged: Listed['typicalCases']['nodes'] = [];
    let after: string | null = null;
    do {
      const page: Listed['typicalCases'] = (await graph.query<Listed>(LIST, { first: 2, after })).body.data!.typicalCases;
      paged.push(...page.nodes);
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(paged.map((c) => c.id)).toEqual(all.nodes.map((c) => c.id));
    const brandId = all.nodes[0].brands[0].id;
    const ofBrand = (await graph.query<Listed>(LIST, { b: brandId, k: all.nodes[0].kind, first: 500 })).body.data!.typicalCases;
    expect(ofBrand.nodes.map((c) => c.id)).toEqual(
      all.nodes.filter((c) => c.kind === all.nodes[0].kind && c.brands.some((x) => x.id === brandId)).map((c) => c.id),
    );
    expect(ofBrand.totalCount).toBe(ofBrand.nodes.length);
    expect((await graph.query(LIST, { first: 501 })).body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});
