import { checkCityCode, checkYear, defineFigure, defineLoader, yearOf } from '@skills-sichuan/subgraph-kit';
import { Base } from '../base/base.entity';
import { BaseTier } from '../base/base.enums';
import { City } from '../city/city.entity';
import { RosterStatus } from '../roster/roster.enums';
import type { BaseCountFilter } from './base-count';

/** Refuses a filter no base could match for a reason the client should hear (an unknown city, a year no plan means). */
export function checkBaseCountFilter(filter: BaseCountFilter | null | undefined): BaseCountFilter {
  checkCityCode(filter?.cityCode);
  checkYear(filter?.designatedIn);
  return filter ?? {};
}

const signature = (f: BaseCountFilter) =>
  JSON.stringify([f.cityCode ?? null, f.tier ?? null, f.status ?? null, f.designatedIn ?? null, f.honourLevel ?? null]);

/**
 * Bases by brand and the dimensions asked for, in one GROUP BY statement for every brand
 * under one filter; grouped by CITY it joins the city and primes its loader, so the groups'
 * cities cost nothing more.
 */
export const baseCounts = defineFigure('baseCounts', {
  dimensions: {
    CITY: {},
    TIER: { order: [BaseTier.MAIN, BaseTier.AUXILIARY] },
    STATUS: { order: Object.values(RosterStatus) },
    DESIGNATION_YEAR: { numeric: true },
  },
  measures: ['count'],
  signature,
  select({ db, reads }, brandIds, filter: BaseCountFilter, dimensions) {
    const query = db
      .getRepository(Base)
      .createQueryBuilder('b')
      .select('b.brand_id', 'brandId')
      .addSelect('COUNT(*)', 'count')
      .where('b.brand_id IN (:...brandIds)', { brandIds })
      .groupBy('b.brand_id');
    const designationYear = yearOf(db, 'b.designated_on');
    if (dimensions.includes('CITY'))
      // only the 21 cities' bases are counted; their names come from the cities read once per process
      query.innerJoin(City, 'c', 'c.code = b.city_code').addSelect('b.city_code', 'CITY').addGroupBy('b.city_code');
    if (dimensions.includes('TIER')) query.addSelect('b.tier', 'TIER').addGroupBy('b.tier');
    if (dimensions.includes('STATUS')) query.addSelect('b.status', 'STATUS').addGroupBy('b.status');
    if (dimensions.includes('DESIGNATION_YEAR')) query.addSelect(designationYear, 'DESIGNATION_YEAR').addGroupBy(designationYear);
    if (filter.cityCode) query.andWhere('b.city_code = :cityCode', { cityCode: filter.cityCode });
    if (filter.tier) query.andWhere('b.tier = :tier', { tier: filter.tier });
    if (filter.status) query.andWhere('b.status = :status', { status: filter.status });
    if (filter.designatedIn != null) query.andWhere(`${designationYear} = :designatedIn`, { designatedIn: filter.designatedIn });
    if (filter.honourLevel)
      query.andWhere('EXISTS (SELECT 1 FROM honour h WHERE h.base_id = b.id AND h.level = :honourLevel)', {
        honourLevel: filter.honourLevel,
      });
    return reads.rows(query);
  },
});

/**
 * The cities where none of a brand's (and its sub-brands') main bases is ACTIVE (主基地覆盖缺口):
 * every city joined to the ACTIVE main bases of every brand asking, in one statement.
 */
export const citiesWithoutMainBase = defineLoader<readonly string[], City[]>(
  'citiesWithoutMainBase',
  async (keys, { db, reads }) => {
    const brandIds = [...new Set(keys.flat())];
    const rows = await reads.rows<{ code: string; name: string; brandId: string | null }>(
      db
        .getRepository(City)
        .createQueryBuilder('c')
        .select('c.code', 'code')
        .addSelect('c.name', 'name')
        .addSelect('b.brand_id', 'brandId')
        .leftJoin(Base, 'b', 'b.city_code = c.code AND b.tier = :main AND b.status = :active AND b.brand_id IN (:...brandIds)', {
          main: BaseTier.MAIN,
          active: RosterStatus.ACTIVE,
          brandIds,
        })
        .orderBy('c.code', 'ASC'),
    );
    const cities = new Map<string, { city: City; covering: Set<string> }>();
    for (const row of rows) {
      let entry = cities.get(row.code);
      if (!entry)
        cities.set(row.code, (entry = { city: Object.assign(new City(), { code: row.code, name: row.name }), covering: new Set() }));
      if (row.brandId) entry.covering.add(row.brandId);
    }
    return keys.map((family) => [...cities.values()].filter(({ covering }) => !family.some((id) => covering.has(id))).map((e) => e.city));
  },
  { cacheKey: (family) => [...family].sort().join(',') },
);
