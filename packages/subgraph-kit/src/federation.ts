import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { parse, type GraphQLResolveInfo, type GraphQLSchema } from 'graphql';
import { buildSchema, createResolversMap, type ClassType, type NonEmptyArray } from 'type-graphql';
import { authChecker } from './authorization';
import { CACHE_CONTROL_SDL } from './cache-hints';
import type { RequestContext } from './context';

/** The federation spec every subgraph links; composition and the gateway (2.14) know it. */
export const FEDERATION_SPEC = 'https://specs.apollo.dev/federation/v2.14';
// @listSize and @cost: the demand-control directives (federation 2.9+) the gateway's cost estimate reads from the supergraph
const FEDERATION_IMPORTS = [
  '@key',
  '@shareable',
  '@external',
  '@requires',
  '@provides',
  '@inaccessible',
  '@tag',
  '@override',
  '@listSize',
  '@cost',
];

/** `__resolveReference` for an entity: a representation (key fields, plus any @requires fields) in, the entity out. */
export type ReferenceResolver<R = Record<string, unknown>> = (
  representation: R & { __typename: string },
  context: RequestContext,
  info: GraphQLResolveInfo,
) => unknown;

export interface FederatedSchemaOptions {
  resolvers: NonEmptyArray<ClassType>;
  /** types only reachable through the gateway (entity stubs, union members) */
  orphanedTypes?: ClassType[];
  /** entity type name → its reference resolver */
  // never: each entity's resolver takes its own representation's shape
  references?: Record<string, ReferenceResolver<never>>;
}

/**
 * Builds a Federation 2 subgraph schema from type-graphql classes: type-graphql builds the
 * executable schema, its SDL (with @key and friends, which printSchema would drop) gets
 * the spec's @link, and @apollo/subgraph adds _service and _entities.
 */
export async function buildFederatedSchema(options: FederatedSchemaOptions): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: options.resolvers,
    orphanedTypes: options.orphanedTypes,
    authChecker,
    // inputs are checked one way, by the services: their rules need the database and the viewer, which decorators do not see
    validate: false,
    skipCheck: true,
  });
  const link = `extend schema @link(url: "${FEDERATION_SPEC}", import: [${FEDERATION_IMPORTS.map((d) => JSON.stringify(d)).join(', ')}])`;
  const typeDefs = parse(`${link}\n\n${CACHE_CONTROL_SDL}\n\n${printSchemaWithDirectives(schema)}`);

  // type-graphql's map and Apollo's differ only in their context type parameter
  const resolvers = createResolversMap(schema) as GraphQLResolverMap<unknown>;
  for (const [typeName, resolveReference] of Object.entries(options.references ?? {})) {
    const existing = (resolvers[typeName] ?? {}) as Record<string, unknown>;
    resolvers[typeName] = { ...existing, __resolveReference: resolveReference } as GraphQLResolverMap<unknown>[string];
  }
  return buildSubgraphSchema({ typeDefs, resolvers });
}
