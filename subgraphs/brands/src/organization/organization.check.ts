import { badInput, isRecordId } from '@skills-sichuan/runtime';
import { assertAllExist, type RequestContext } from '@skills-sichuan/subgraph-kit';

/** Refuses a write that names organisations the bases subgraph does not know, asked through the graph (organisations are not ours to read). */
export async function assertOrganizationsExist(ctx: RequestContext, ids: string[], field: string): Promise<void> {
  const malformed = [...new Set(ids)].filter((id) => !isRecordId(id));
  if (malformed.length)
    throw badInput(`${field}: ${malformed.map((id) => JSON.stringify(id)).join(', ')} is not an organisation id`, { field });
  await assertAllExist(ctx, 'organization', ids, { field, noun: 'organisation' });
}
