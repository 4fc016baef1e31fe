import type { SelectQueryBuilder, ObjectLiteral } from 'typeorm';
import { Role } from '@skills-sichuan/runtime';
import { checkCityCode, checkYear, defineFigure, defineLoader, groupBy, type RequestContext, yearOf } from '@skills-sichuan/subgraph-kit';
import { Brand } from '../brand/brand.entity';
import { subBrandsOf } from '../brand/brand.loader';
import { InfringementFinding, InfringementReport, InfringementStatus } from '../infringement/infringement-report.entity';
import { LicenceStatus, UsageLicence } from '../licence/usage-licence.entity';
import { whereLicenceStatus } from '../licence/usage-licence.service';
import type { InfringementCountFilter } from './brand-figures';

/** Rows of these brands, or (the hierarchy lives here) of these brands' sub-brands: `alias.brand_id` joined to its brand as `fb`. */
function ofBrands<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, alias: string, brandIds: string[], parentIds: string[]) {
  query.innerJoin(Brand, 'fb', `fb.id = ${alias}.brand_id`);
  query.andWhere(
    parentIds.length ? `(${alias}.brand_id IN (:...brandIds) OR fb.parent_id IN (:...parentIds))` : `${alias}.brand_id IN (:...brandIds)`,
    { brandIds, parentIds },
  );
}

/**
 * Reports name people, so their counts are read as the reports are: a CITY_ADMIN's are of its
 * own city (another city's is FORBIDDEN), PROVINCIAL_ADMIN's of the province (the field's
 * @Authorized refuses anyone else).
 */
export function scopedInfringementFilter(ctx: RequestContext, filter: InfringementCountFilter | null | undefined): InfringementCountFilter {
  checkYear(filter?.year);
  checkCityCode(filter?.cityCode);
  const { viewer } = ctx;
  if (viewer.role !== Role.CITY_ADMIN) return filter ?? {};
  if (filter?.cityCode) viewer.assertCity(filter.cityCode, 'infringementCounts');
  return { ...filter, cityCode: viewer.cityCode };
}

/** Infringement reports by brand and the dimensions asked for: one GROUP BY for every brand under one filter. */
export const infringementCounts = defineFigure('infringementCounts', {
  dimensions: {
    CITY: {},
    YEAR: { numeric: true },
    STATUS: { order: Object.values(InfringementStatus) },
    FINDING: { order: Object.values(InfringementFinding) },
  },
  measures: ['count'],
  signature: (f: InfringementCountFilter) => JSON.stringify([f.year ?? null, f.cityCode ?? null, f.status ?? null, f.finding ?? null]),
  select({ db, reads }, brandIds, filter: InfringementCountFilter, dimensions, parentIds) {
    const year = yearOf(db, 'r.filed_on');
    const query = db
      .createQueryBuilder()
      .from(InfringementReport, 'r')
      .select('r.brand_id', 'brandId')
      .addSelect('fb.parent_id', 'parentBrandId')
      .addSelect('COUNT(*)', 'count')
      .groupBy('r.brand_id')
      .addGroupBy('fb.parent_id');
    ofBrands(query, 'r', brandIds, parentIds);
    if (dimensions.includes('CITY')) query.addSelect('r.city_code', 'CITY').addGroupBy('r.city_code');
    if (dimensions.includes('YEAR')) query.addSelect(year, 'YEAR').addGroupBy(year);
    if (dimensions.includes('STATUS')) query.addSelect('r.status', 'STATUS').addGroupBy('r.status');
    if (dimensions.includes('FINDING')) query.addSelect('r.finding', 'FINDING').addGroupBy('r.finding');
    if (filter.year != null) query.andWhere(`${year} = :year`, { year: filter.year });
    if (filter.cityCode) query.andWhere('r.city_code = :cityCode', { cityCode: filter.cityCode });
    if (filter.status) query.andWhere('r.status = :status', { status: filter.status });
    if (filter.finding) query.andWhere('r.finding = :finding', { finding: filter.finding });
    return reads.rows(query);
  },
});

/** A brand's licences asked for: the brand, its sub-brands' unless not wanted, one status or all. */
export interface BrandLicencesKey {
  brandId: string;
  includeSubBrands: boolean;
  status: LicenceStatus | null;
}

/** The key of Brand.usageLicences asked with these arguments, for its resolver and for a read ahead of it alike. */
export const brandLicencesKey = (
  brandId: string,
  args: { status?: LicenceStatus | null; includeSubBrands?: boolean | null },
): BrandLicencesKey => ({
  brandId,
  includeSubBrands: args.includeSubBrands !== false,
  status: args.status ?? null,
});

/**
 * Every brand's licences (with its sub-brands') under one status, newest first, read with the
 * brands' sub-brands in the request's one statement: a sub-brand's licences reach its public
 * brand without another read of the hierarchy.
 */
export const licencesOfBrands = defineLoader<BrandLicencesKey, UsageLicence[]>(
  'licencesOfBrands',
  async (keys, { db, reads, loaders }) => {
    const answers = new Map<BrandLicencesKey, UsageLicence[]>();
    await Promise.all(
      [...groupBy(keys, (k) => k.status ?? '')].map(async ([, group]) => {
        const brandIds = [...new Set(group.map((k) => k.brandId))];
        const parentIds = [...new Set(group.filter((k) => k.includeSubBrands).map((k) => k.brandId))];
        const query = db
          .getRepository(UsageLicence)
          .createQueryBuilder('l')
          .where(
            parentIds.length
              ? '(l.brand_id IN (:...brandIds) OR l.brand_id IN (SELECT s.id FROM brand s WHERE s.parent_id IN (:...parentIds)))'
              : 'l.brand_id IN (:...brandIds)',
            { brandIds, parentIds },
          );
        whereLicenceStatus(query, group[0].status);
        query.orderBy('l.valid_from', 'DESC').addOrderBy('l.id', 'ASC');
        const [licences, subBrands] = await Promise.all([reads.entities(query), loaders.of(subBrandsOf).loadMany(parentIds)]);
        const parentOf = new Map(
          subBrands.flatMap((subs) => {
            if (subs instanceof Error) throw subs;
            return subs.map((b) => [b.id, b.parentId]);
          }),
        );
        for (const key of group)
          answers.set(
            key,
            licences.filter((l) => l.brandId === key.brandId || (key.includeSubBrands && parentOf.get(l.brandId) === key.brandId)),
          );
      }),
    );
    return keys.map((key) => answers.get(key)!);
  },
  { cacheKey: (k) => `${k.brandId}|${k.includeSubBrands}|${k.status ?? ''}` },
);
