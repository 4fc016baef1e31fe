import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, TypeInfo, visit, visitWithTypeInfo, type OperationDefinitionNode } from 'graphql';
import { DomainError, ErrorCode, Role } from '@skills-sichuan/runtime';
import type { GatewayContext } from '../context';
import type { SupergraphLayout } from '../supergraph/layout';
import { REGISTRY_SUBGRAPH } from './registry-subgraph';

/** the one registry mutation a partner's own token may call (its resolver checks the name) */
const PARTNER_MUTATIONS = new Set(['publishPartnerSchema']);

/**
 * The PARTNER role at the gateway: a partner's token reads the public data of the core (our
 * subgraphs are told it is PUBLIC) and its own fields, nothing more. Refused before any
 * subgraph is called: another partner's fields, and any mutation but its own service's and
 * the publishing of its own schema.
 */
export function partnerScope(layout: () => SupergraphLayout, isPartner: (name: string) => boolean): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, operation, document, schema }) {
          const viewer = contextValue.viewer;
          if (viewer.role !== Role.PARTNER || !operation) return;
          const own = viewer.partner!;
          if (!isPartner(own))
            throw new DomainError(ErrorCode.FORBIDDEN, `partner ${own} is not in the graph`, { reason: 'ROLE', http: { status: 403 } });
          const current = layout();
          const refused = new Set<string>();
          const typeInfo = new TypeInfo(schema);
          const isMutationRoot = (parent: string) => operation.operation === 'mutation' && parent === schema.getMutationType()?.name;
          visit(
            {
              kind: Kind.DOCUMENT,
              definitions: [
                operation as OperationDefinitionNode,
                ...document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION),
              ],
            },
            visitWithTypeInfo(typeInfo, {
              Field() {
                const parent = typeInfo.getParentType()?.name;
                const field = typeInfo.getFieldDef()?.name;
                if (!parent || !field || field.startsWith('__')) return;
                const coordinate = `${parent}.${field}`;
                const owners = current.ownersOf(coordinate);
                if (owners.has(own)) return;
                if (isMutationRoot(parent)) {
                  if (!(owners.has(REGISTRY_SUBGRAPH) && PARTNER_MUTATIONS.has(field))) refused.add(coordinate);
                  return;
                }
                // readable when the core serves it; a field only other partners serve is theirs
                if (![...owners].some((owner) => !isPartner(owner))) refused.add(coordinate);
              },
            }),
          );
          if (refused.size > 0)
            throw new DomainError(
              ErrorCode.FORBIDDEN,
              `a PARTNER token of ${own} reads the public graph and its own fields only, not ${[...refused].join(', ')}`,
              { reason: 'ROLE', coordinates: [...refused], http: { status: 403 } },
            );
        },
      };
    },
  };
}
