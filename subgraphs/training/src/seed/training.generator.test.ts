import { DEFAULT_PROGRAM, type ProgramOptions } from '@skills-sichuan/subgraph-kit';
import { BrandLevel, generateBrands } from '@skills-sichuan/brands/seed';
import { generateRoster } from '@skills-sichuan/bases/seed';
import { generateTraining, type TrainingSeed } from './training.generator';

function take<T>(items: Iterable<T>, count: number): T[] {
  const out: T[] = [];
  for (const item of items) {
    if (out.length === count) break;
    out.push(item);
  }
  return out;
}

const plan = generateTraining(DEFAULT_PROGRAM);

/** The same seed and scale give the same programs and person-times, on every machine; another seed gives another. */
describe('generateTraining determinism', () => {
  it('gives deep-equal programs, and the same first 1000 training records, for the same seed and scale', () => {
    const again = generateTraining({ ...DEFAULT_PROGRAM });
    expect(again.programs).toEqual(plan.programs);
    const records = take(plan.records(), 1000);
    expect(records).toHaveLength(1000);
    expect(take(again.records(), 1000)).toEqual(records);
    // the generator restarts from the beginning on every call
    expect(take(plan.records(), 1000)).toEqual(records);
  });

  it('gives different ids for a different seed', () => {
    const other = generateTraining({ seed: DEFAULT_PROGRAM.seed + 1, scale: 1 });
    const mine = new Set(plan.programs.map((p) => p.id));
    expect(other.programs.filter((p) => mine.has(p.id))).toEqual([]);
    expect(take(other.records(), 10).map((r) => r.id)).not.toEqual(take(plan.records(), 10).map((r) => r.id));
  });
});

/** Every generated program runs at a provider of the bases subgraph's roster, for a brand of the brands subgraph. */
describe.each([
  ['the default program', DEFAULT_PROGRAM],
  ['seed 7 at scale 0.3', { seed: 7, scale: 0.3 }],
])('%s', (_label, options: ProgramOptions) => {
  const { programs } = generateTraining(options);
  const { bases, institutions } = generateRoster(options);
  const brandIds = new Set(generateBrands(options).map((b) => b.id));

  it('has every program id unique', () => {
    expect(new Set(programs.map((p) => p.id)).size).toBe(programs.length);
  });

  it('runs every training program at a provider of the program, within capacity and within one year', () => {
    const providers = new Set([...bases.map((b) => `Base ${b.id}`), ...institutions.map((i) => `Institution ${i.id}`)]);
    const broken = programs.filter(
      (p) =>
        !providers.has(`${p.providerType} ${p.providerId}`) ||
        !brandIds.has(p.brandId) ||
        p.enrolled < 1 ||
        p.enrolled > p.capacity ||
        p.startOn > p.endOn ||
        p.startOn.slice(0, 4) !== p.endOn.slice(0, 4),
    );
    expect(programs.length).toBeGreaterThan(0);
    expect(broken).toEqual([]);
  });
});

/** One training record per enrolment, about the plan's 300,000 person-times by 2025 at scale 1, and some after it. */
describe('records', () => {
  it('yields one record per enrolment of each program, near the five targets within the plan’s years at scale 1', () => {
    // records come program by program: count the runs instead of indexing 300,000 records
    const runs: [string, number][] = [];
    let inconsistent = 0;
    for (const record of plan.records()) {
      const run = runs[runs.length - 1];
      if (run?.[0] === record.programId) run[1] += 1;
      else runs.push([record.programId, 1]);
      if (record.completed === (record.completedOn === null)) inconsistent += 1;
    }
    expect(runs).toEqual(plan.programs.map((p) => [p.id, p.enrolled]));
    expect(inconsistent).toBe(0);
    const endOf = new Map(plan.programs.map((p) => [p.id, p.endOn]));
    const within = runs.filter(([id]) => endOf.get(id)! <= '2025-12-31').reduce((sum, [, count]) => sum + count, 0);
    const after = runs.reduce((sum, [, count]) => sum + count, 0) - within;
    const targets = generateBrands(DEFAULT_PROGRAM)
      .filter((b) => b.level === BrandLevel.PUBLIC_BRAND)
      .reduce((sum, b) => sum + (b.targetPersonTimes ?? 0), 0);
    expect(targets).toBe(300_000);
    expect(within).toBeGreaterThanOrEqual(targets * 0.75);
    expect(within).toBeLessThanOrEqual(targets * 1.25);
    // 2026's training goes on, toward no 2025 target
    expect(after).toBeGreaterThan(0);
    expect(after).toBeLessThan(targets * 0.25);
    expect(plan.programs.every((p) => p.startOn >= '2023-12-15')).toBe(true);
  });
});

/** The scale knob grows the training roughly in proportion. */
describe('scale', () => {
  it('roughly doubles the enrolments when the scale doubles', () => {
    const half = generateTraining({ seed: DEFAULT_PROGRAM.seed, scale: 0.5 });
    const double = generateTraining({ seed: DEFAULT_PROGRAM.seed, scale: 2 });
    const enrolled = (t: TrainingSeed) => t.programs.reduce((sum, p) => sum + p.enrolled, 0);
    for (const [small, large] of [
      [half, plan],
      [plan, double],
    ]) {
      expect(enrolled(large) / enrolled(small)).toBeGreaterThan(1.4);
      expect(enrolled(large) / enrolled(small)).toBeLessThan(2.8);
    }
  });
});
