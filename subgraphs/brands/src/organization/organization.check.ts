import { assertAllExist, checkIds, type RequestContext } from '@skills-sichuan/subgraph-kit';

/** Refuses a write that names organisations the bases subgraph does not know, asked through the graph (organisations are not ours to read). */
export async function assertOrganizationsExist(ctx: RequestContext, ids: string[], field: string): Promise<void> {
  checkIds(ids, field);
  await assertAllExist(ctx, 'organization', ids, { field, noun: 'organisation' });
}
