import type { EntityManager } from 'typeorm';
import { conflict } from '@skills-sichuan/runtime';
import {
  checkCityCode,
  paginate,
  readByIds,
  type OrderKey,
  type Page,
  type PageArgs,
  type RequestContext,
  checkId,
  checkIds,
} from '@skills-sichuan/subgraph-kit';
import { RosterStatus } from '../roster/roster.enums';
import { Base } from './base.entity';
import { BaseTier } from './base.enums';
import type { BaseFilter } from './base.input';

/** Main bases first, then by city and name, then id: BASE_ORDER in SQL, for keyset pages. */
const BASE_PAGE_ORDER: OrderKey<Base>[] = [
  { column: 'b.tier', property: 'tier', direction: 'DESC' },
  { column: 'b.city_code', property: 'cityCode', direction: 'ASC' },
  { column: 'b.name', property: 'name', direction: 'ASC' },
  { column: 'b.id', property: 'id', direction: 'ASC' },
];

/** Refuses to make a main base ACTIVE where its brand already has an ACTIVE main base in that city. */
export async function assertMainBaseFree(manager: EntityManager, brandId: string, cityCode: string, exceptId?: string): Promise<void> {
  const holder = await manager.getRepository(Base).findOneBy({ brandId, cityCode, tier: BaseTier.MAIN, status: RosterStatus.ACTIVE });
  if (holder && holder.id !== exceptId) {
    throw conflict(`the brand already has an ACTIVE main base in ${cityCode}: ${holder.name}`, {
      reason: 'MAIN_BASE_TAKEN',
      baseId: holder.id,
    });
  }
}

/** A brand and, unless asked otherwise, its sub-brands: the hierarchy lives in the brands subgraph, so it is read through the graph. */
async function brandFamily(ctx: RequestContext, brandId: string, includeSubBrands: boolean): Promise<string[]> {
  if (!includeSubBrands) return [brandId];
  const brand = (await readByIds<{ subBrands: { id: string }[] }>(ctx, 'brand', [brandId], '{ subBrands { id } }')).get(brandId);
  return [brandId, ...(brand?.subBrands ?? []).map((s) => s.id)];
}

/** Query.bases: the roster of bases under a filter, a page at a time. */
export async function listBases(ctx: RequestContext, filter: BaseFilter | null | undefined, page: PageArgs): Promise<Page<Base>> {
  checkCityCode(filter?.cityCode);
  checkIds(filter?.ids, 'filter.ids');
  checkId(filter?.brandId, 'filter.brandId');
  checkId(filter?.operatorId, 'filter.operatorId');
  const query = ctx.db.getRepository(Base).createQueryBuilder('b');
  if (filter?.ids) query.andWhere(filter.ids.length ? 'b.id IN (:...ids)' : '1 = 0', { ids: filter.ids });
  if (filter?.brandId)
    query.andWhere('b.brand_id IN (:...brandIds)', { brandIds: await brandFamily(ctx, filter.brandId, filter.includeSubBrands !== false) });
  if (filter?.tier) query.andWhere('b.tier = :tier', { tier: filter.tier });
  if (filter?.cityCode) query.andWhere('b.city_code = :cityCode', { cityCode: filter.cityCode });
  if (filter?.status) query.andWhere('b.status = :status', { status: filter.status });
  if (filter?.operatorId) query.andWhere('b.operator_id = :operatorId', { operatorId: filter.operatorId });
  return paginate(query, BASE_PAGE_ORDER, page);
}
