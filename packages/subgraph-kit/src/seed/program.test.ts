import { isIsoDate } from '@skills-sichuan/runtime';
import { creditCodeProblem } from '../credit-code';
import { DEFAULT_PROGRAM, generateProgram, type Program } from './program';

// The facts below are copied from DOMAIN.md, not from catalog.ts, so the tests check the catalog too.
const PUBLIC_BRANDS = [
  { code: 'NEW_FARMER', name: '天府新农人', target: 50_000 },
  { code: 'CONSTRUCTION_WORKER', name: '天府建筑工', target: 150_000 },
  { code: 'SICHUAN_CHEF', name: '川菜大师傅', target: 25_000 },
  { code: 'TECHNICIAN', name: '天府技工', target: 50_000 },
  { code: 'DIGITAL_CRAFTSMAN', name: '天府数智工匠', target: 25_000 },
];
const CITIES = [
  ['510100', '成都市'], ['510300', '自贡市'], ['510400', '攀枝花市'], ['510500', '泸州市'], ['510600', '德阳市'],
  ['510700', '绵阳市'], ['510800', '广元市'], ['510900', '遂宁市'], ['511000', '内江市'], ['511100', '乐山市'],
  ['511300', '南充市'], ['511400', '眉山市'], ['511500', '宜宾市'], ['511600', '广安市'], ['511700', '达州市'],
  ['511800', '雅安市'], ['511900', '巴中市'], ['512000', '资阳市'], ['513200', '阿坝藏族羌族自治州'],
  ['513300', '甘孜藏族自治州'], ['513400', '凉山彝族自治州'],
].map(([code, name]) => ({ code, name }));
// GB 32100 registration authority and category for each kind of organisation
const CATEGORY_OF_KIND = { CITY_BUREAU: '11', COLLEGE: '12', ENTERPRISE: '91', INDUSTRY_ASSOCIATION: '51', TRAINING_INSTITUTION: '52' };

function take<T>(items: Iterable<T>, count: number): T[] {
  const out: T[] = [];
  for (const item of items) {
    if (out.length === count) break;
    out.push(item);
  }
  return out;
}

/** The program without its record generator, which toEqual cannot compare. */
function tables({ trainingRecords: _records, ...rest }: Program) {
  return rest;
}

/** Values that occur more than once. */
function duplicates<T>(values: readonly T[]): T[] {
  const seen = new Set<T>();
  return values.filter((v) => (seen.has(v) ? true : (seen.add(v), false)));
}

const plan = generateProgram(DEFAULT_PROGRAM);
const smallOther = generateProgram({ seed: 7, scale: 0.3 });

/** The same seed and scale give the same program, on every machine; another seed gives another. */
describe('generateProgram determinism', () => {
  it('gives a deep-equal program, first 1000 training records included, for the same seed and scale', () => {
    const again = generateProgram({ ...DEFAULT_PROGRAM });
    expect(tables(again)).toEqual(tables(plan));
    const records = take(plan.trainingRecords(), 1000);
    expect(records).toHaveLength(1000);
    expect(take(again.trainingRecords(), 1000)).toEqual(records);
    // the generator restarts from the beginning on every call
    expect(take(plan.trainingRecords(), 1000)).toEqual(records);
  });

  it('gives different ids and credit codes for a different seed', () => {
    const other = generateProgram({ seed: DEFAULT_PROGRAM.seed + 1, scale: 1 });
    const ids = (p: Program) => [...p.brands, ...p.organizations, ...p.bases, ...p.institutions, ...p.assessments, ...p.trainingPrograms].map((r) => r.id);
    const mine = new Set(ids(plan));
    expect(ids(other).filter((id) => mine.has(id))).toEqual([]);
    const codes = new Set(plan.organizations.map((o) => o.creditCode));
    expect(other.organizations.filter((o) => codes.has(o.creditCode))).toEqual([]);
    expect(take(other.trainingRecords(), 10).map((r) => r.id)).not.toEqual(take(plan.trainingRecords(), 10).map((r) => r.id));
  });
});

/** Every generated program keeps the rules of DOMAIN.md. */
describe.each([
  ['the default program', plan],
  ['seed 7 at scale 0.3', smallOther],
])('%s', (_label, program) => {
  const brandById = new Map(program.brands.map((b) => [b.id, b]));
  const orgById = new Map(program.organizations.map((o) => [o.id, o]));
  const cityCodes = new Set(program.cities.map((c) => c.code));

  it('has every id unique across all its records', () => {
    const ids = [...program.brands, ...program.organizations, ...program.bases, ...program.institutions, ...program.assessments, ...program.trainingPrograms].map((r) => r.id);
    expect(duplicates(ids)).toEqual([]);
  });

  it('has the five public brands with their 2025 targets, and sub-brands under them', () => {
    const publicBrands = program.brands.filter((b) => b.level === 'PUBLIC_BRAND');
    expect(publicBrands.map(({ code, name, targetPersonTimes: target }) => ({ code, name, target }))).toEqual(PUBLIC_BRANDS);
    expect(publicBrands.every((b) => b.parentId === null && b.targetDeadline === '2025-12-31')).toBe(true);
    const subBrands = program.brands.filter((b) => b.level === 'SUB_BRAND');
    expect(subBrands.length).toBeGreaterThan(0);
    for (const sub of subBrands) {
      const parent = brandById.get(sub.parentId ?? '');
      expect(parent?.level).toBe('PUBLIC_BRAND');
      expect(sub.code.startsWith(`${parent?.code}.`)).toBe(true);
    }
  });

  it('has all 21 cities with their GB/T 2260 codes', () => {
    expect(program.cities).toEqual(CITIES);
  });

  it('gives every organisation a valid, unique credit code of its kind and city, and a unique name', () => {
    const problems = program.organizations.map((o) => [o.creditCode, creditCodeProblem(o.creditCode)]).filter(([, problem]) => problem !== null);
    expect(problems).toEqual([]);
    expect(duplicates(program.organizations.map((o) => o.creditCode))).toEqual([]);
    expect(duplicates(program.organizations.map((o) => o.name))).toEqual([]);
    const misplaced = program.organizations.filter(
      (o) => o.creditCode.slice(0, 2) !== CATEGORY_OF_KIND[o.kind] || o.creditCode.slice(2, 8) !== o.cityCode || !cityCodes.has(o.cityCode),
    );
    expect(misplaced).toEqual([]);
    // one HR bureau per city
    expect(program.organizations.filter((o) => o.kind === 'CITY_BUREAU').map((o) => o.cityCode).sort()).toEqual(CITIES.map((c) => c.code));
  });

  it('points every base at a brand and an organisation of the program, in a known city', () => {
    expect(program.bases.length).toBeGreaterThan(0);
    const dangling = program.bases.filter(
      (b) => !brandById.has(b.brandId) || !orgById.has(b.operatorId) || !cityCodes.has(b.cityCode) || !isIsoDate(b.designatedOn),
    );
    expect(dangling).toEqual([]);
  });

  it('has at most one main base per brand per city', () => {
    const mains = program.bases.filter((b) => b.tier === 'MAIN').map((b) => `${b.brandId} ${b.cityCode}`);
    expect(mains.length).toBeGreaterThan(0);
    expect(duplicates(mains)).toEqual([]);
  });

  it('gives every public brand main and auxiliary bases', () => {
    for (const brand of program.brands.filter((b) => b.level === 'PUBLIC_BRAND')) {
      const tiers = new Set(program.bases.filter((b) => b.brandId === brand.id).map((b) => b.tier));
      expect([brand.code, [...tiers].sort()]).toEqual([brand.code, ['AUXILIARY', 'MAIN']]);
    }
  });

  it('points every institution at its organisation, its city and brands of the program', () => {
    expect(program.institutions.length).toBeGreaterThan(0);
    const dangling = program.institutions.filter(
      (i) => orgById.get(i.organizationId)?.cityCode !== i.cityCode || i.brandIds.length === 0 || !i.brandIds.every((id) => brandById.has(id)) || i.services.length === 0,
    );
    expect(dangling).toEqual([]);
  });

  it('assesses real subjects at most once a year, 2023–2025, never before designation, scores 0–100', () => {
    const designatedOn = new Map([
      ...program.bases.map((b) => [`Base ${b.id}`, b.designatedOn] as const),
      ...program.institutions.map((i) => [`Institution ${i.id}`, i.designatedOn] as const),
    ]);
    const inRange = (s: number) => s >= 0 && s <= 100;
    const broken = program.assessments.filter((a) => {
      const since = designatedOn.get(`${a.subjectType} ${a.subjectId}`);
      return since === undefined || a.year < 2023 || a.year > 2025 || a.year < Number(since.slice(0, 4))
        || !inRange(a.qualityScore) || !inRange(a.trustScore) || (a.publicScore !== null && !inRange(a.publicScore))
        || !isIsoDate(a.assessedOn) || !a.assessedOn.startsWith(`${a.year}-`);
    });
    expect(program.assessments.length).toBeGreaterThan(0);
    expect(broken).toEqual([]);
    expect(duplicates(program.assessments.map((a) => `${a.subjectId} ${a.year}`))).toEqual([]);
  });

  it('includes some weak subjects (quality below 60) among mostly sound ones', () => {
    const weak = new Set(program.assessments.filter((a) => a.qualityScore < 60).map((a) => a.subjectId));
    const all = new Set(program.assessments.map((a) => a.subjectId));
    expect(weak.size).toBeGreaterThan(0);
    expect(weak.size).toBeLessThan(all.size / 2);
  });

  it('runs every training program at a provider of the program, within capacity and within one year', () => {
    const providers = new Set([...program.bases.map((b) => `Base ${b.id}`), ...program.institutions.map((i) => `Institution ${i.id}`)]);
    const broken = program.trainingPrograms.filter(
      (p) => !providers.has(`${p.providerType} ${p.providerId}`) || !brandById.has(p.brandId)
        || p.enrolled < 1 || p.enrolled > p.capacity || p.startOn > p.endOn || p.startOn.slice(0, 4) !== p.endOn.slice(0, 4),
    );
    expect(program.trainingPrograms.length).toBeGreaterThan(0);
    expect(broken).toEqual([]);
  });
});

/** One training record per enrolment, about the plan's 300,000 person-times at scale 1. */
describe('trainingRecords', () => {
  it('yields one record per enrolment of each program, near the five targets at scale 1', () => {
    // records come program by program: count the runs instead of indexing 300,000 records
    const runs: [string, number][] = [];
    let inconsistent = 0;
    for (const record of plan.trainingRecords()) {
      const run = runs[runs.length - 1];
      if (run?.[0] === record.programId) run[1] += 1;
      else runs.push([record.programId, 1]);
      if (record.completed === (record.completedOn === null)) inconsistent += 1;
    }
    expect(runs).toEqual(plan.trainingPrograms.map((p) => [p.id, p.enrolled]));
    expect(inconsistent).toBe(0);
    const total = runs.reduce((sum, [, count]) => sum + count, 0);
    expect(total).toBe(plan.trainingPrograms.reduce((sum, p) => sum + p.enrolled, 0));
    const targets = PUBLIC_BRANDS.reduce((sum, b) => sum + b.target, 0);
    expect(targets).toBe(300_000);
    expect(total).toBeGreaterThanOrEqual(targets * 0.75);
    expect(total).toBeLessThanOrEqual(targets * 1.25);
  });
});

/** The scale knob grows the auxiliary bases (and the training) roughly in proportion. */
describe('scale', () => {
  it('roughly doubles the auxiliary bases and enrolments when the scale doubles', () => {
    const half = generateProgram({ seed: DEFAULT_PROGRAM.seed, scale: 0.5 });
    const double = generateProgram({ seed: DEFAULT_PROGRAM.seed, scale: 2 });
    const auxiliary = (p: Program) => p.bases.filter((b) => b.tier === 'AUXILIARY').length;
    const enrolled = (p: Program) => p.trainingPrograms.reduce((sum, x) => sum + x.enrolled, 0);
    for (const [small, large] of [[half, plan], [plan, double]]) {
      expect(auxiliary(large) / auxiliary(small)).toBeGreaterThan(1.6);
      expect(auxiliary(large) / auxiliary(small)).toBeLessThan(2.4);
      expect(enrolled(large) / enrolled(small)).toBeGreaterThan(1.4);
      expect(enrolled(large) / enrolled(small)).toBeLessThan(2.8);
    }
    expect(double.institutions.length).toBeGreaterThan(half.institutions.length * 2.5);
  });
});
