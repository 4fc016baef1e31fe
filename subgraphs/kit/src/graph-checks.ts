import type { RequestContext } from './context';

/** Aliases per query: the gateway refuses an operation of more than 30 (its default maxAliases). */
export const ALIASES_PER_QUERY = 25;

/**
 * Which of these ids a root field of the graph resolves (`brand(id:)`, `organization(id:)`):
 * one query per 25 ids, each id an alias, asked as the viewer — never the whole list of
 * another subgraph's records. Ids it does not resolve (unknown, malformed) are left out.
 */
export async function existingIds(ctx: RequestContext, rootField: string, ids: readonly string[]): Promise<Set<string>> {
  const unique = [...new Set(ids)];
  const chunks: string[][] = [];
  for (let i = 0; i < unique.length; i += ALIASES_PER_QUERY) chunks.push(unique.slice(i, i + ALIASES_PER_QUERY));
  const found = new Set<string>();
  await Promise.all(
    chunks.map(async (chunk) => {
      const query = `query (${chunk.map((_, i) => `$v${i}: ID!`).join(', ')}) { ${chunk.map((_, i) => `v${i}: ${rootField}(id: $v${i}) { id }`).join(' ')} }`;
      const answer = await ctx.graph!.query<Record<string, { id: string } | null>>(ctx, query, Object.fromEntries(chunk.map((id, i) => [`v${i}`, id])));
      chunk.forEach((id, i) => answer[`v${i}`] && found.add(id));
    }),
  );
  return found;
}

/** Which of these ids name a brand of the brands subgraph. */
export function existingBrandIds(ctx: RequestContext, ids: readonly string[]): Promise<Set<string>> {
  return existingIds(ctx, 'brand', ids);
}
