import { DEFAULT_PROGRAM } from '@skills-sichuan/subgraph-kit';
import { BrandLevel } from '../brand/brand.enums';
import { generateBrands } from './brands.generator';

// The facts below are copied from DOMAIN.md, not from catalog.ts, so the tests check the catalog too.
const PUBLIC_BRANDS = [
  { code: 'NEW_FARMER', name: '天府新农人', target: 50_000 },
  { code: 'CONSTRUCTION_WORKER', name: '天府建筑工', target: 150_000 },
  { code: 'SICHUAN_CHEF', name: '川菜大师傅', target: 25_000 },
  { code: 'TECHNICIAN', name: '天府技工', target: 50_000 },
  { code: 'DIGITAL_CRAFTSMAN', name: '天府数智工匠', target: 25_000 },
];

const plan = generateBrands(DEFAULT_PROGRAM);

/** The same seed gives the same brands, whatever the scale, in every process that asks: their ids are what other subgraphs' seeds point at. */
describe('generateBrands determinism', () => {
  it('gives deep-equal brands for the same seed, at any scale', () => {
    expect(generateBrands({ ...DEFAULT_PROGRAM })).toEqual(plan);
    expect(generateBrands({ seed: DEFAULT_PROGRAM.seed, scale: 0.05 })).toEqual(plan);
  });

  it('gives other ids, and the same matrix, for another seed', () => {
    const other = generateBrands({ seed: DEFAULT_PROGRAM.seed + 1, scale: 1 });
    const ids = new Set(plan.map((b) => b.id));
    expect(other.filter((b) => ids.has(b.id))).toEqual([]);
    expect(other.map((b) => b.code)).toEqual(plan.map((b) => b.code));
  });
});

/** The brand matrix keeps the plan of DOMAIN.md. */
describe('the generated brands', () => {
  const brandById = new Map(plan.map((b) => [b.id, b]));

  it('has every id unique', () => {
    expect(new Set(plan.map((b) => b.id)).size).toBe(plan.length);
  });

  it('has the five public brands with their 2025 targets, and sub-brands under them', () => {
    const publicBrands = plan.filter((b) => b.level === BrandLevel.PUBLIC_BRAND);
    expect(publicBrands.map(({ code, name, targetPersonTimes: target }) => ({ code, name, target }))).toEqual(PUBLIC_BRANDS);
    expect(publicBrands.every((b) => b.parentId === null && b.targetDeadline === '2025-12-31' && b.targetCountsFrom === '2023-12-15')).toBe(
      true,
    );
    expect(PUBLIC_BRANDS.reduce((sum, b) => sum + b.target, 0)).toBe(300_000);
    const subBrands = plan.filter((b) => b.level === BrandLevel.SUB_BRAND);
    expect(subBrands.length).toBeGreaterThan(0);
    for (const sub of subBrands) {
      const parent = brandById.get(sub.parentId ?? '');
      expect(parent?.level).toBe(BrandLevel.PUBLIC_BRAND);
      expect(sub.code.startsWith(`${parent?.code}.`)).toBe(true);
      expect(sub.occupations).toEqual(parent?.occupations);
    }
  });
});
