import { generateProgram } from './program';
import { sqlDuring, startGraph, TEST_PROGRAM, type Graph } from './graph';

interface Progress {
  personTimes: number;
  target: number | null;
  ratio: number | null;
  byYear: { year: number; personTimes: number }[];
  byCity: { city: { code: string; name: string }; personTimes: number }[];
}

/** Brand.trainingProgress: person-times from the training subgraph against the target the brands subgraph owns (@requires). */
describe('training progress against the 2025 targets', () => {
  let graph: Graph;
  const program = generateProgram(TEST_PROGRAM);
  const records = [...program.trainingRecords()];
  const programById = new Map(program.trainingPrograms.map((p) => [p.id, p]));

  /** person-times the program trained for a brand family, by the records themselves */
  const expectedPersonTimes = (code: string, filter: (p: { year: number; cityCode: string }) => boolean = () => true) => {
    const brand = program.brands.find((b) => b.code === code)!;
    const family = new Set(program.brands.filter((b) => b.id === brand.id || b.parentId === brand.id).map((b) => b.id));
    return records.filter((r) => {
      const p = programById.get(r.programId)!;
      return family.has(p.brandId) && filter({ year: Number(p.startOn.slice(0, 4)), cityCode: p.cityCode });
    }).length;
  };

  beforeAll(async () => {
    graph = await startGraph();
  });
  afterAll(() => graph?.stop());

  it('counts a public brand’s person-times with its sub-brands’, against its target', async () => {
    const { body } = await graph.query<{ brand: { trainingTarget: { personTimes: number }; trainingProgress: Progress } }>(
      `{ brand(code: "NEW_FARMER") { trainingTarget { personTimes } trainingProgress { personTimes target ratio byYear { year personTimes } byCity { city { code name } personTimes } } } }`,
    );
    expect(body.errors).toBeUndefined();
    const progress = body.data!.brand.trainingProgress;
    expect(progress.personTimes).toBe(expectedPersonTimes('NEW_FARMER'));
    expect(progress.personTimes).toBeGreaterThan(1000);
    expect(progress.target).toBe(50_000);
    expect(progress.ratio).toBeCloseTo(progress.personTimes / 50_000, 4);
    expect(progress.byYear.map((y) => y.year)).toEqual([2024, 2025, 2026]);
    expect(progress.byYear.reduce((s, y) => s + y.personTimes, 0)).toBe(progress.personTimes);
    expect(progress.byCity.reduce((s, c) => s + c.personTimes, 0)).toBe(progress.personTimes);
    // cities are resolved by the bases subgraph, most person-times first
    expect(progress.byCity.every((c) => /市|州$/.test(c.city.name))).toBe(true);
    expect(progress.byCity.map((c) => c.personTimes)).toEqual([...progress.byCity.map((c) => c.personTimes)].sort((a, b) => b - a));
  });

  it('narrows to a year and a city', async () => {
    const { body } = await graph.query<{ brand: { trainingProgress: Progress } }>(
      `{ brand(code: "CONSTRUCTION_WORKER") { trainingProgress(year: 2024, cityCode: "510100") { personTimes byYear { year personTimes } byCity { city { code } personTimes } } } }`,
    );
    const progress = body.data!.brand.trainingProgress;
    expect(progress.personTimes).toBe(expectedPersonTimes('CONSTRUCTION_WORKER', (p) => p.year === 2024 && p.cityCode === '510100'));
    expect(progress.personTimes).toBeGreaterThan(0);
    expect(progress.byYear).toEqual([{ year: 2024, personTimes: progress.personTimes }]);
    expect(progress.byCity).toEqual([{ city: { code: '510100' }, personTimes: progress.personTimes }]);
  });

  it('has no target or ratio for a sub-brand without its own target', async () => {
    const { body } = await graph.query<{ brand: { trainingTarget: null; trainingProgress: Progress } }>(
      `{ brand(code: "NEW_FARMER.TEA") { trainingTarget { personTimes } trainingProgress { personTimes target ratio } } }`,
    );
    expect(body.data!.brand.trainingTarget).toBeNull();
    expect(body.data!.brand.trainingProgress).toEqual({ personTimes: expectedPersonTimes('NEW_FARMER.TEA'), target: null, ratio: null });
  });

  it('answers every brand’s progress with one statement in each subgraph', async () => {
    let brands: { code: string; trainingProgress: Progress }[] = [];
    const sql = await sqlDuring(graph, async () => {
      const { body } = await graph.query<{ brands: typeof brands }>(`{ brands { code trainingProgress { personTimes target } } }`);
      brands = body.data!.brands;
    });
    expect(brands).toHaveLength(program.brands.length);
    expect(brands.find((b) => b.code === 'SICHUAN_CHEF')?.trainingProgress.personTimes).toBe(expectedPersonTimes('SICHUAN_CHEF'));
    expect(sql).toEqual({ brands: 1, bases: 0, training: 1, evaluation: 0 });
  });

  it.each([
    ['a year no plan could mean', `{ brand(code: "NEW_FARMER") { trainingProgress(year: 99999) { personTimes } } }`, /calendar year/],
    ['a malformed city code', `{ brand(code: "NEW_FARMER") { trainingProgress(cityCode: "51") { personTimes } } }`, /6-digit/],
  ])('refuses %s with BAD_USER_INPUT', async (_case, query, message) => {
    const { body } = await graph.query(query);
    expect(body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(body.errors?.[0].message).toMatch(message);
  });
});
