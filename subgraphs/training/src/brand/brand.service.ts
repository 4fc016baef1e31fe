import { assertAllExist, checkIds, type RequestContext } from '@skills-sichuan/subgraph-kit';

/** Refuses a malformed brand id, more than the kit's MAX_IDS, or a brand the brands subgraph does not know. */
export async function assertBrandsExist(ctx: RequestContext, brandIds: string[]): Promise<void> {
  checkIds(brandIds, 'brandIds');
  await assertAllExist(ctx, 'brand', brandIds, { field: 'brandIds' });
}
