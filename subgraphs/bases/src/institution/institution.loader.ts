import { In } from 'typeorm';
import { byKey, defineLoader, groupedByKey } from '@skills-sichuan/subgraph-kit';
import { Institution, InstitutionBrand, InstitutionOccupation, InstitutionService } from './institution.entity';
import type { ServiceType } from './institution.enums';

export const institutionById = defineLoader<string, Institution | null>('institutionById', async (ids, { db }) =>
  byKey(ids, await db.getRepository(Institution).findBy({ id: In([...ids]) }), (i) => i.id),
);

export const servicesOf = defineLoader<string, ServiceType[]>('servicesOf', async (ids, { db }) =>
  groupedByKey(
    ids,
    await db.getRepository(InstitutionService).find({ where: { institutionId: In([...ids]) }, order: { service: 'ASC' } }),
    (s) => s.institutionId,
  ).map((rows) => rows.map((r) => r.service)),
);

export const brandIdsOf = defineLoader<string, string[]>('brandIdsOf', async (ids, { db }) =>
  groupedByKey(
    ids,
    await db.getRepository(InstitutionBrand).find({ where: { institutionId: In([...ids]) }, order: { brandId: 'ASC' } }),
    (b) => b.institutionId,
  ).map((rows) => rows.map((r) => r.brandId)),
);

export const occupationsOf = defineLoader<string, string[]>('occupationsOf', async (ids, { db }) =>
  groupedByKey(
    ids,
    await db.getRepository(InstitutionOccupation).find({ where: { institutionId: In([...ids]) }, order: { occupation: 'ASC' } }),
    (o) => o.institutionId,
  ).map((rows) => rows.map((r) => r.occupation)),
);

/** Each organisation's institutions, by city and name: one statement for any number of organisations. */
export const institutionsOfOrganizations = defineLoader<string, Institution[]>('institutionsOfOrganizations', async (ids, { db }) =>
  groupedByKey(
    ids,
    await db
      .getRepository(Institution)
      .find({ where: { organizationId: In([...ids]) }, order: { cityCode: 'ASC', name: 'ASC', id: 'ASC' } }),
    (i) => i.organizationId,
  ),
);

export interface BrandInstitutionsKey {
  brandId: string;
  service?: ServiceType | null;
}

/**
 * Each brand's institutions, optionally only those offering a service, by city and name:
 * one statement for the brand links per distinct service, one for the institutions.
 */
export const institutionsOfBrands = defineLoader<BrandInstitutionsKey, Institution[]>(
  'institutionsOfBrands',
  async (keys, ctx) => {
    const links: { brandId: string; institutionId: string; service: ServiceType | null }[] = [];
    for (const service of new Set(keys.map((k) => k.service ?? null))) {
      const query = ctx.db
        .getRepository(InstitutionBrand)
        .createQueryBuilder('ib')
        .where('ib.brand_id IN (:...brandIds)', { brandIds: keys.filter((k) => (k.service ?? null) === service).map((k) => k.brandId) });
      if (service)
        query.andWhere('EXISTS (SELECT 1 FROM institution_service s WHERE s.institution_id = ib.institution_id AND s.service = :service)', {
          service,
        });
      for (const { brandId, institutionId } of await query.getMany()) links.push({ brandId, institutionId, service });
    }
    const institutions = await ctx.loaders.of(institutionById).loadMany([...new Set(links.map((l) => l.institutionId))]);
    const byId = new Map(institutions.filter((i): i is Institution => i instanceof Institution).map((i) => [i.id, i]));
    const order = (a: Institution, b: Institution) =>
      a.cityCode.localeCompare(b.cityCode) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) || (a.id < b.id ? -1 : 1);
    return keys.map((key) =>
      links
        .filter((l) => l.brandId === key.brandId && l.service === (key.service ?? null))
        .map((l) => byId.get(l.institutionId))
        .filter((i): i is Institution => i !== undefined)
        .sort(order),
    );
  },
  { cacheKey: (k) => `${k.brandId}|${k.service ?? null}` },
);
