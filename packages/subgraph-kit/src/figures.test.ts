import type { DataSource } from 'typeorm';
import { createLogger } from '@skills-sichuan/runtime';
import { createRequestContext } from './context';
import { brandFamily, checkGroupBy, defineFigure, rate, type FigureRow } from './figures';

type Dimension = 'CITY' | 'TIER' | 'YEAR';
type Row = FigureRow<Dimension, 'count'>;

/** defineFigure: one statement per filter for every key, each key's groups folded from its own brands' rows. */
describe('defineFigure', () => {
  const ROWS: Row[] = [
    { brandId: 'chef', parentBrandId: null, CITY: '510300', TIER: 'AUXILIARY', YEAR: '2025', count: '2' },
    { brandId: 'chef', parentBrandId: null, CITY: '510100', TIER: 'MAIN', YEAR: '2024', count: 1 },
    { brandId: 'hotpot', parentBrandId: 'chef', CITY: '510100', TIER: 'AUXILIARY', YEAR: '2024', count: 3 },
    { brandId: 'farmer', parentBrandId: null, CITY: '510100', TIER: 'MAIN', YEAR: '2025', count: 4 },
  ];
  const statements: { brandIds: string[]; dimensions: Dimension[]; parentIds: string[] }[] = [];
  const figure = defineFigure('test', {
    dimensions: { CITY: {}, TIER: { order: ['MAIN', 'AUXILIARY'] }, YEAR: { numeric: true } },
    measures: ['count'],
    signature: (filter: { year?: number }) => String(filter.year ?? ''),
    async select(_ctx, brandIds, _filter, dimensions, parentIds) {
      statements.push({ brandIds, dimensions, parentIds });
      return ROWS.filter((r) => brandIds.includes(r.brandId) || parentIds.includes(r.parentBrandId ?? ''));
    },
  });
  const load = () => createRequestContext({ db: {} as DataSource, log: createLogger('test') }).loaders.of(figure);

  beforeEach(() => (statements.length = 0));

  it('answers keys with different groupings under one filter from one statement grouped by every dimension asked', async () => {
    const loader = load();
    const [chefByTier, farmerByCity, chefTotal] = await Promise.all([
      loader.load({ brandIds: ['chef', 'hotpot'], filter: {}, groupBy: ['TIER', 'CITY'] }),
      loader.load({ brandIds: ['farmer'], filter: {}, groupBy: ['CITY'] }),
      loader.load({ brandIds: ['chef', 'hotpot'], filter: {}, groupBy: [] }),
    ]);
    expect(statements).toEqual([{ brandIds: ['chef', 'hotpot', 'farmer'], dimensions: ['CITY', 'TIER'], parentIds: [] }]);
    // MAIN before AUXILIARY (the enum's order), then by city; strings from PostgreSQL summed as numbers
    expect(chefByTier.map((g) => [g.TIER, g.CITY, g.count])).toEqual([
      ['MAIN', '510100', 1],
      ['AUXILIARY', '510100', 3],
      ['AUXILIARY', '510300', 2],
    ]);
    expect(chefByTier[0]).toMatchObject({ brandId: null, YEAR: null });
    expect(farmerByCity).toEqual([{ brandId: null, CITY: '510100', TIER: null, YEAR: null, count: 4 }]);
    expect(chefTotal).toEqual([{ brandId: null, CITY: null, TIER: null, YEAR: null, count: 6 }]);
  });

  it('keeps brands apart grouped by BRAND, makes a year a number, and rolls up sub-brands the subgraph knows', async () => {
    const [byBrand, byYear] = await Promise.all([
      load().load({ brandIds: ['chef', 'hotpot'], filter: {}, groupBy: ['BRAND'] }),
      load().load({ brandIds: ['chef'], subBrandsOf: ['chef'], filter: {}, groupBy: ['YEAR'] }),
    ]);
    expect(byBrand.map((g) => [g.brandId, g.count])).toEqual([
      ['chef', 3],
      ['hotpot', 3],
    ]);
    expect(byYear.map((g) => [g.YEAR, g.count])).toEqual([
      [2024, 4],
      [2025, 2],
    ]);
  });

  it('gives a total of 0 when no row matches, and no groups when grouped', async () => {
    const loader = load();
    expect(await loader.load({ brandIds: ['nobody'], filter: { year: 2001 }, groupBy: [] })).toEqual([
      { brandId: null, CITY: null, TIER: null, YEAR: null, count: 0 },
    ]);
    expect(await loader.load({ brandIds: ['nobody'], filter: { year: 2001 }, groupBy: ['CITY'] })).toEqual([]);
  });

  it('sends one statement per distinct filter', async () => {
    const loader = load();
    await Promise.all([
      loader.load({ brandIds: ['chef'], filter: { year: 2024 }, groupBy: [] }),
      loader.load({ brandIds: ['farmer'], filter: { year: 2025 }, groupBy: [] }),
      loader.load({ brandIds: ['farmer'], filter: { year: 2024 }, groupBy: ['CITY'] }),
    ]);
    expect(statements.map((s) => s.brandIds)).toEqual([['chef', 'farmer'], ['farmer']]);
  });
});

describe('the figures’ helpers', () => {
  it('refuses a dimension named twice', () => {
    expect(() => checkGroupBy(['CITY', 'YEAR', 'CITY'])).toThrow(/CITY twice/);
    expect(checkGroupBy(undefined)).toEqual([]);
  });

  it('rolls up sub-brands unless told not to', () => {
    const brand = { id: 'chef', subBrands: [{ id: 'hotpot' }, { id: 'pastry' }] };
    expect(brandFamily(brand, undefined)).toEqual(['chef', 'hotpot', 'pastry']);
    expect(brandFamily(brand, false)).toEqual(['chef']);
  });

  it('rates to four places, null without a whole', () => {
    expect(rate(2, 3)).toBe(0.6667);
    expect(rate(0, 0)).toBeNull();
  });
});
