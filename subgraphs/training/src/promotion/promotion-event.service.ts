import { randomUUID } from 'node:crypto';
import {
  checkCityCode,
  checkYear,
  paginate,
  type Page,
  type PageArgs,
  type RequestContext,
  requireText,
  yearSpan,
  checkCount,
} from '@skills-sichuan/subgraph-kit';
import { assertBrandsExist } from '../brand/brand.service';
import { hosting } from '../provider/provider.service';
import { PromotionEvent } from './promotion-event.entity';
import type { PromotionEventFilterArgs, RecordPromotionEventInput } from './promotion-event.input';

/** Promotion events, newest first, under the filter given. */
export function listPromotionEvents(ctx: RequestContext, filter: PromotionEventFilterArgs, page: PageArgs): Promise<Page<PromotionEvent>> {
  checkCityCode(filter.cityCode);
  checkYear(filter.year);
  const query = ctx.db.getRepository(PromotionEvent).createQueryBuilder('e');
  if (filter.brandId) query.andWhere('e.brand_id = :brandId', { brandId: filter.brandId });
  if (filter.kind) query.andWhere('e.kind = :kind', { kind: filter.kind });
  if (filter.cityCode) query.andWhere('e.city_code = :cityCode', { cityCode: filter.cityCode });
  if (filter.year != null) query.andWhere('e.held_on BETWEEN :first AND :last', yearSpan(filter.year));
  return paginate(
    query,
    [
      { column: 'e.held_on', property: 'heldOn', direction: 'DESC' },
      { column: 'e.id', property: 'id', direction: 'ASC' },
    ],
    page,
  );
}

export async function recordPromotionEvent(ctx: RequestContext, input: RecordPromotionEventInput): Promise<PromotionEvent> {
  const title = requireText(input.title, 'title', 1, 200);
  checkCount('reach', input.reach, 0, 2_000_000_000);
  checkYear(Number(input.heldOn.slice(0, 4)));
  const host = await hosting(ctx, input, 'recordPromotionEvent');
  await assertBrandsExist(ctx, [input.brandId]);
  const event = Object.assign(new PromotionEvent(), {
    id: randomUUID(),
    kind: input.kind,
    title,
    brandId: input.brandId,
    ...host,
    heldOn: input.heldOn,
    reach: input.reach,
  });
  await ctx.db.getRepository(PromotionEvent).insert(event);
  return event;
}
