import { assertAllExist, type RequestContext } from '@skills-sichuan/subgraph-kit';

/** Refuses a brand the brands subgraph does not know. */
export function assertBrandsExist(ctx: RequestContext, brandIds: string[]): Promise<void> {
  return assertAllExist(ctx, 'brand', brandIds);
}
