import { badInput, notFound, type RequestContext } from '@skills-sichuan/kit';

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Refuses a write that names organisations the bases subgraph does not know: one query
 * through the graph for all of them, since organisations are not ours to read.
 */
export async function assertOrganizationsExist(ctx: RequestContext, ids: string[], field: string): Promise<void> {
  const unique = [...new Set(ids)];
  const malformed = unique.filter((id) => !ID.test(id));
  if (malformed.length) throw badInput(`${field}: ${malformed.map((id) => JSON.stringify(id)).join(', ')} is not an organisation id`, { field });
  if (unique.length === 0) return;
  const query = `query (${unique.map((_, i) => `$o${i}: ID!`).join(', ')}) { ${unique.map((_, i) => `o${i}: organization(id: $o${i}) { id }`).join(' ')} }`;
  const found = await ctx.graph!.query<Record<string, { id: string } | null>>(ctx, query, Object.fromEntries(unique.map((id, i) => [`o${i}`, id])));
  const missing = unique.filter((_, i) => !found[`o${i}`]);
  if (missing.length) throw notFound(`${field}: no organisation has the id ${missing.join(', ')}`, { field });
}
