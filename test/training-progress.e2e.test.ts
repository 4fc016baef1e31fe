import { Role, type ViewerClaims } from '@skills-sichuan/runtime';
import { todayInChina } from '@skills-sichuan/subgraph-kit';
import { TargetCountsFrom1700000001700 } from '../subgraphs/brands/src/migrations/1700000001700-TargetCountsFrom';
import { identityCheckCharacter } from '../subgraphs/training/src/trainee/identity-number';
import { generateProgram } from './program';
import { fewestSqlDuring, startGraph, TEST_PROGRAM, type Graph, type Json } from './graph';

/** the plan's window as the brands seed sets it: from the plan's issue date to the 2025 deadline */
const PLAN_WINDOW = { from: '2023-12-15', to: '2025-12-31' };

interface Progress {
  personTimes: number;
  countedFrom: string | null;
  countedTo: string | null;
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

  type ProgramFacts = { year: number; cityCode: string; startOn: string };
  /** a person-time is dated by its program's start; without a year, progress counts the plan's window */
  const inWindow =
    ({ from, to } = PLAN_WINDOW) =>
    (p: ProgramFacts) =>
      p.startOn >= from && p.startOn <= to;
  /** the records the program trained for a brand family, by the records themselves */
  const recordsOf = (code: string, filter: (p: ProgramFacts) => boolean = inWindow()) => {
    const brand = program.brands.find((b) => b.code === code)!;
    const family = new Set(program.brands.filter((b) => b.id === brand.id || b.parentId === brand.id).map((b) => b.id));
    return records.filter((r) => {
      const p = programById.get(r.programId)!;
      return family.has(p.brandId) && filter({ year: Number(p.startOn.slice(0, 4)), cityCode: p.cityCode, startOn: p.startOn });
    });
  };
  const expectedPersonTimes = (code: string, filter?: (p: ProgramFacts) => boolean) => recordsOf(code, filter).length;

  beforeAll(async () => {
    graph = await startGraph();
  });
  afterAll(() => graph?.stop());

  it('counts a public brand’s person-times with its sub-brands’, within the plan’s window, against its target', async () => {
    const { body } = await graph.query<{ brand: { trainingTarget: { personTimes: number }; trainingProgress: Progress } }>(
      `{ brand(code: "NEW_FARMER") { trainingTarget { personTimes countsFrom deadline } trainingProgress { personTimes countedFrom countedTo target ratio byYear { year personTimes } byCity { city { code name } personTimes } } } }`,
    );
    expect(body.errors).toBeUndefined();
    expect(body.data!.brand.trainingTarget).toEqual({ personTimes: 50_000, countsFrom: '2023-12-15', deadline: '2025-12-31' });
    const progress = body.data!.brand.trainingProgress;
    expect(progress.personTimes).toBe(expectedPersonTimes('NEW_FARMER'));
    expect(progress.personTimes).toBeGreaterThan(1000);
    // the seed has training before the plan's issue date: it is not counted toward the plan's target
    expect(expectedPersonTimes('NEW_FARMER', () => true)).toBeGreaterThan(progress.personTimes);
    expect({ from: progress.countedFrom, to: progress.countedTo }).toEqual(PLAN_WINDOW);
    expect(progress.target).toBe(50_000);
    expect(progress.ratio).toBeCloseTo(progress.personTimes / 50_000, 4);
    const years = [...new Set(recordsOf('NEW_FARMER').map((r) => Number(programById.get(r.programId)!.startOn.slice(0, 4))))].sort();
    expect(progress.byYear.map((y) => y.year)).toEqual(years);
    expect(years.every((y) => y >= 2024 && y <= 2025)).toBe(true);
    expect(progress.byYear.reduce((s, y) => s + y.personTimes, 0)).toBe(progress.personTimes);
    expect(progress.byCity.reduce((s, c) => s + c.personTimes, 0)).toBe(progress.personTimes);
    // cities are resolved by the bases subgraph, most person-times first
    expect(progress.byCity.every((c) => /市|州$/.test(c.city.name))).toBe(true);
    expect(progress.byCity.map((c) => c.personTimes)).toEqual([...progress.byCity.map((c) => c.personTimes)].sort((a, b) => b - a));
  });

  it('narrows to a year and a city', async () => {
    const { body } = await graph.query<{ brand: { trainingProgress: Progress } }>(
      `{ brand(code: "CONSTRUCTION_WORKER") { trainingProgress(year: 2024, cityCode: "510100") { personTimes countedFrom countedTo byYear { year personTimes } byCity { city { code } personTimes } } } }`,
    );
    const progress = body.data!.brand.trainingProgress;
    expect([progress.countedFrom, progress.countedTo]).toEqual(['2024-01-01', '2024-12-31']);
    expect(progress.personTimes).toBe(expectedPersonTimes('CONSTRUCTION_WORKER', (p) => p.year === 2024 && p.cityCode === '510100'));
    expect(progress.personTimes).toBeGreaterThan(0);
    expect(progress.byYear).toEqual([{ year: 2024, personTimes: progress.personTimes }]);
    expect(progress.byCity).toEqual([{ city: { code: '510100' }, personTimes: progress.personTimes }]);
  });

  it('has no target or ratio for a sub-brand without its own target, and counts it within its public brand’s window', async () => {
    const { body } = await graph.query<{ brand: { trainingTarget: null; trainingProgress: Progress } }>(
      `{ brand(code: "NEW_FARMER.TEA") { trainingTarget { personTimes } trainingProgress { personTimes countedFrom countedTo target ratio } } }`,
    );
    expect(body.data!.brand.trainingTarget).toBeNull();
    expect(body.data!.brand.trainingProgress).toEqual({
      personTimes: expectedPersonTimes('NEW_FARMER.TEA'),
      countedFrom: PLAN_WINDOW.from,
      countedTo: PLAN_WINDOW.to,
      target: null,
      ratio: null,
    });
  });

  it('answers every brand’s progress with one statement in each subgraph', async () => {
    let brands: { code: string; trainingProgress: Progress }[] = [];
    // the fewer of two sends: a subgraph's outbox relay polling on a loaded machine falls into one, not both
    const sql = await fewestSqlDuring(graph, async () => {
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
  /** Progress toward a 2025 target counts the training from the target's countsFrom to its deadline (both data); other years stay queryable. */
  describe('the plan’s window', () => {
    const ADMIN: ViewerClaims = { role: Role.PROVINCIAL_ADMIN, sub: 'dept-admin' };
    const base = program.bases.find((b) => b.status === 'ACTIVE' && b.tier === 'MAIN')!;
    const servedBrand = program.brands.find((b) => b.id === base.brandId)!;
    const publicBrand = program.brands.find((b) => b.id === (servedBrand.parentId ?? servedBrand.id))!;
    const operator: ViewerClaims = { role: Role.BASE_OPERATOR, org: base.operatorId };
    /** 17 digits + GB 11643 check character: a valid identity number born in 1990 in 锦江区 */
    const identity = (sequence: number) => {
      const first17 = `51010419900101${String(sequence).padStart(3, '0')}`;
      return first17 + identityCheckCharacter(first17);
    };
    const PROGRESS = `query ($code: String!, $year: Int) { brand(code: $code) { trainingProgress(year: $year) { personTimes countedFrom countedTo target ratio byYear { year personTimes } } } }`;
    const progressOf = async (code: string, year?: number) => {
      const { body } = await graph.query<{ brand: { trainingProgress: Progress } }>(PROGRESS, { code, year });
      expect(body.errors).toBeUndefined();
      return body.data!.brand.trainingProgress;
    };
    const SET_TARGET = `mutation ($input: SetTrainingTargetInput!) { setTrainingTarget(input: $input) { trainingTarget { personTimes deadline countsFrom } } }`;
    const targetRow = async (code: string) =>
      (
        await graph.subgraphs.brands.db.query(
          `SELECT target_person_times, target_deadline, target_counts_from FROM brand WHERE code = '${code}'`,
        )
      )[0] as Record<string, unknown>;

    it('leaves the 2025 progress unchanged by training recorded in 2026, which year: 2026 shows', async () => {
      const before = await progressOf(publicBrand.code);
      const before2026 = await progressOf(publicBrand.code, 2026);
      expect([before2026.countedFrom, before2026.countedTo]).toEqual(['2026-01-01', '2026-12-31']);

      const registered = await graph.query<{ registerTrainingProgram: { id: string; year: number } }>(
        `mutation ($input: RegisterTrainingProgramInput!) { registerTrainingProgram(input: $input) { id year } }`,
        {
          input: {
            brandId: servedBrand.id,
            baseId: base.id,
            occupation: servedBrand.occupations[0],
            level: 4,
            startOn: '2026-03-02',
            endOn: '2026-03-27',
            capacity: 5,
          },
        },
        operator,
      );
      expect(registered.body.errors).toBeUndefined();
      const programId = registered.body.data!.registerTrainingProgram.id;
      expect(registered.body.data!.registerTrainingProgram.year).toBe(2026);
      const started = await graph.query(
        `mutation ($id: ID!) { changeTrainingProgramStatus(id: $id, status: ONGOING) { status } }`,
        { id: programId },
        operator,
      );
      expect(started.body.errors).toBeUndefined();
      const completedOn = todayInChina() >= '2026-03-27' ? '2026-03-27' : null;
      for (const n of [1, 2, 3]) {
        const recorded = await graph.query(
          `mutation ($input: RecordTrainingInput!) { recordTraining(input: $input) { id completedOn } }`,
          { input: { programId, traineeName: `窗口测试学员${n}`, identityNumber: identity(700 + n), completedOn } },
          operator,
        );
        expect(recorded.body.errors).toBeUndefined();
      }
      const [row] = await graph.subgraphs.training.db.query(`SELECT person_times FROM training_program WHERE id = '${programId}'`);
      expect(Number(row.person_times)).toBe(3);

      // the target's window ends on 2025-12-31: the 2026 person-times do not raise its ratio
      expect(await progressOf(publicBrand.code)).toEqual(before);
      const after2026 = await progressOf(publicBrand.code, 2026);
      expect(after2026.personTimes).toBe(before2026.personTimes + 3);
      expect(after2026.byYear).toEqual([{ year: 2026, personTimes: before2026.personTimes + 3 }]);
    });

    it('takes the window from the data: a sub-brand’s own target counts from its own countsFrom', async () => {
      const tea = program.brands.find((b) => b.code === 'NEW_FARMER.TEA')!;
      const parentBefore = await progressOf('NEW_FARMER');
      const { body } = await graph.query<{ setTrainingTarget: { trainingTarget: Json } }>(
        SET_TARGET,
        { input: { brandId: tea.id, personTimes: 5_000, deadline: '2025-12-31', countsFrom: '2024-07-01' } },
        ADMIN,
      );
      expect(body.errors).toBeUndefined();
      expect(body.data!.setTrainingTarget.trainingTarget).toEqual({ personTimes: 5_000, deadline: '2025-12-31', countsFrom: '2024-07-01' });
      const progress = await progressOf('NEW_FARMER.TEA');
      expect(progress).toMatchObject({ countedFrom: '2024-07-01', countedTo: '2025-12-31', target: 5_000 });
      expect(progress.personTimes).toBe(expectedPersonTimes('NEW_FARMER.TEA', inWindow({ from: '2024-07-01', to: '2025-12-31' })));
      expect(progress.personTimes).toBeLessThan(expectedPersonTimes('NEW_FARMER.TEA'));
      // the public brand counts its sub-brands within its own window, whatever theirs
      expect(await progressOf('NEW_FARMER')).toEqual(parentBefore);
    });

    it.each([
      [
        'a countsFrom after the deadline',
        { personTimes: 50_000, deadline: '2025-12-31', countsFrom: '2026-01-01' },
        'COUNTS_FROM_AFTER_DEADLINE',
      ],
      ['a deadline before the stored countsFrom', { personTimes: 50_000, deadline: '2023-12-01' }, 'COUNTS_FROM_AFTER_DEADLINE'],
      ['a countsFrom without a target', { personTimes: null, deadline: null, countsFrom: '2023-12-15' }, undefined],
    ])('refuses %s with BAD_USER_INPUT and writes nothing', async (_case, target, reason) => {
      const farmer = program.brands.find((b) => b.code === 'NEW_FARMER')!;
      const before = await targetRow('NEW_FARMER');
      const { body } = await graph.query(SET_TARGET, { input: { brandId: farmer.id, ...target } }, ADMIN);
      expect(body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'countsFrom' });
      expect(body.errors?.[0].extensions?.reason).toBe(reason);
      expect(await targetRow('NEW_FARMER')).toEqual(before);
      expect(Number(before.target_person_times)).toBe(50_000);
    });

    it('migrates a database whose targets predate countsFrom: each target counts from the plan’s issue date, brands without one stay without', async () => {
      const db = graph.subgraphs.brands.db;
      const runner = db.createQueryRunner();
      try {
        // as runMigrations does: on SQLite, foreign keys off while a table is rebuilt
        await runner.beforeMigration();
        await new TargetCountsFrom1700000001700().down(runner);
        await runner.afterMigration();
      } finally {
        await runner.release();
      }
      await db.query(`DELETE FROM schema_migrations WHERE name = 'TargetCountsFrom1700000001700'`);
      const ran = await db.runMigrations({ transaction: 'each' });
      expect(ran.map((m) => m.name)).toEqual(['TargetCountsFrom1700000001700']);
      const rows = (await db.query(`SELECT code, target_person_times, target_counts_from FROM brand ORDER BY code`)) as {
        code: string;
        target_person_times: number | null;
        target_counts_from: string | Date | null;
      }[];
      const day = (d: string | Date | null) => (d instanceof Date ? d.toISOString().slice(0, 10) : d);
      expect(rows.filter((r) => r.target_person_times !== null).map((r) => day(r.target_counts_from))).toEqual(
        rows.filter((r) => r.target_person_times !== null).map(() => '2023-12-15'),
      );
      expect(rows.filter((r) => r.target_person_times === null).every((r) => r.target_counts_from === null)).toBe(true);
      // the sub-brand given its own countsFrom above counts from the plan's issue date again
      expect(await progressOf('NEW_FARMER.TEA')).toMatchObject({ countedFrom: PLAN_WINDOW.from, countedTo: PLAN_WINDOW.to });
    });

    it('refuses a first target without the day it counts from', async () => {
      const untargeted = program.brands.find(
        (b) => b.level === 'SUB_BRAND' && b.targetPersonTimes === null && b.code !== 'NEW_FARMER.TEA',
      )!;
      const { body } = await graph.query(
        SET_TARGET,
        { input: { brandId: untargeted.id, personTimes: 1_000, deadline: '2025-12-31' } },
        ADMIN,
      );
      expect(body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'countsFrom' });
      expect(await targetRow(untargeted.code)).toMatchObject({ target_person_times: null, target_counts_from: null });
    });
  });
});
