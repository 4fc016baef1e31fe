import { badInput } from '@skills-sichuan/runtime';
import { checkCityCode, paginate, readByIds, type OrderKey, type Page, type PageArgs, type RequestContext } from '@skills-sichuan/subgraph-kit';
import { checkId } from '../roster/roster.service';
import { Base } from './base.entity';
import type { BaseFilter } from './base.input';

/** Main bases first, then by city and name, then id: BASE_ORDER in SQL, for keyset pages. */
const BASE_PAGE_ORDER: OrderKey<Base>[] = [
  { column: 'b.tier', property: 'tier', direction: 'DESC' },
  { column: 'b.city_code', property: 'cityCode', direction: 'ASC' },
  { column: 'b.name', property: 'name', direction: 'ASC' },
  { column: 'b.id', property: 'id', direction: 'ASC' },
];

export const MAX_IDS = 500;

export function checkIds(ids: string[] | null | undefined, name: string): void {
  if (ids && ids.length > MAX_IDS) throw badInput(`${name} may list at most ${MAX_IDS} ids, got ${ids.length}`);
  for (const id of ids ?? []) checkId(id, name);
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
  if (filter?.brandId) query.andWhere('b.brand_id IN (:...brandIds)', { brandIds: await brandFamily(ctx, filter.brandId, filter.includeSubBrands !== false) });
  if (filter?.tier) query.andWhere('b.tier = :tier', { tier: filter.tier });
  if (filter?.cityCode) query.andWhere('b.city_code = :cityCode', { cityCode: filter.cityCode });
  if (filter?.status) query.andWhere('b.status = :status', { status: filter.status });
  if (filter?.operatorId) query.andWhere('b.operator_id = :operatorId', { operatorId: filter.operatorId });
  return paginate(query, BASE_PAGE_ORDER, page);
}
