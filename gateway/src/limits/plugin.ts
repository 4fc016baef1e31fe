import { Kind, type FragmentDefinitionNode } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import { assertHygienic } from './input-hygiene';
import { assertWithinLimits, measureOperation, type OperationLimits } from './operation-limits';

/** Refuses, before any subgraph is called, an operation that asks more than the limits allow or carries hostile names. */
export function operationLimits(limits: OperationLimits): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, request, schema }) {
          if (!operation) return;
          assertHygienic(document, request.variables ?? {}, limits.maxStringLength);
          const fragments: Record<string, FragmentDefinitionNode> = {};
          for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
          assertWithinLimits(measureOperation(schema, operation, fragments, request.variables ?? {}), limits);
        },
      };
    },
  };
}
