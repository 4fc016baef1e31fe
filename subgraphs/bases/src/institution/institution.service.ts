import {
  checkCityCode,
  paginate,
  type OrderKey,
  type Page,
  type PageArgs,
  type RequestContext,
  checkId,
  checkIds,
} from '@skills-sichuan/subgraph-kit';
import { Institution } from './institution.entity';
import type { InstitutionFilter } from './institution.input';

/** By city, name and id: the order Brand.institutions uses too. */
const INSTITUTION_PAGE_ORDER: OrderKey<Institution>[] = [
  { column: 'i.city_code', property: 'cityCode', direction: 'ASC' },
  { column: 'i.name', property: 'name', direction: 'ASC' },
  { column: 'i.id', property: 'id', direction: 'ASC' },
];

/** Query.institutions: the roster of institutions under a filter, a page at a time. */
export function listInstitutions(
  ctx: RequestContext,
  filter: InstitutionFilter | null | undefined,
  page: PageArgs,
): Promise<Page<Institution>> {
  checkCityCode(filter?.cityCode);
  checkIds(filter?.ids, 'filter.ids');
  checkId(filter?.brandId, 'filter.brandId');
  checkId(filter?.organizationId, 'filter.organizationId');
  const query = ctx.db.getRepository(Institution).createQueryBuilder('i');
  if (filter?.ids) query.andWhere(filter.ids.length ? 'i.id IN (:...ids)' : '1 = 0', { ids: filter.ids });
  if (filter?.service)
    query.andWhere('EXISTS (SELECT 1 FROM institution_service s WHERE s.institution_id = i.id AND s.service = :service)', {
      service: filter.service,
    });
  if (filter?.brandId)
    query.andWhere('EXISTS (SELECT 1 FROM institution_brand ib WHERE ib.institution_id = i.id AND ib.brand_id = :brandId)', {
      brandId: filter.brandId,
    });
  if (filter?.cityCode) query.andWhere('i.city_code = :cityCode', { cityCode: filter.cityCode });
  if (filter?.status) query.andWhere('i.status = :status', { status: filter.status });
  if (filter?.organizationId) query.andWhere('i.organization_id = :organizationId', { organizationId: filter.organizationId });
  return paginate(query, INSTITUTION_PAGE_ORDER, page);
}
