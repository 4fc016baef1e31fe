import { GraphQLError, Kind, type DocumentNode, type FragmentDefinitionNode } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import { assertHygienic } from './input-hygiene';
import { assertWithinLimits, measureOperation, type OperationLimits } from './operation-limits';

/** Refuses, before any subgraph is called, an operation that asks more than the limits allow or carries hostile names. */
export function operationLimits(limits: OperationLimits): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, request, schema }) {
          // no operation is refused by executableOperations, which runs with or without limits
          if (!operation) return;
          assertHygienic(document, request.variables ?? {}, limits.maxStringLength);
          const fragments: Record<string, FragmentDefinitionNode> = {};
          for (const definition of document.definitions)
            if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
          assertWithinLimits(measureOperation(schema, operation, fragments, request.variables ?? {}), limits);
        },
      };
    },
  };
}

/** What graphql-js says when it cannot pick the operation to run, for the same request. */
function unresolvable(document: DocumentNode, operationName: string | undefined): string {
  if (operationName != null) return `Unknown operation named "${operationName}".`;
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION).length;
  return operations > 1 ? 'Must provide operation name if query contains multiple operations.' : 'Must provide an operation.';
}

/**
 * Refuses, as the client's mistake, what the gateway's executor would otherwise throw on (a 500):
 * a document whose operation cannot be picked (several and no operationName, an unknown or an
 * empty one) and an operation type the graph has no root for (a subscription). Without it an
 * operationName of "" slips past every didResolveOperation check, the limits included: Apollo
 * Server finds no operation named "" but the gateway, reading "" as absent, runs the only one.
 */
export function executableOperations(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, request, schema }) {
          if (!operation) {
            throw new GraphQLError(unresolvable(document, request.operationName), {
              extensions: { code: 'OPERATION_RESOLUTION_FAILURE', http: { status: 400 } },
            });
          }
          // graphql-js 17 makes this a validation rule (KnownOperationTypesRule); 16 leaves it to the query planner, which throws
          if (!schema.getRootType(operation.operation)) {
            throw new GraphQLError(`The ${operation.operation} operation is not supported by the schema.`, {
              nodes: operation,
              extensions: { code: 'GRAPHQL_VALIDATION_FAILED', http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}
