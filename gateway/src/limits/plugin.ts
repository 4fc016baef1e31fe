import {
  GraphQLError,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import { answerBytes } from './answer-bytes';
import { introspectionDemand, type FieldDemand, type SchemaDemand } from './demand-control';
import { assertHygienic } from './input-hygiene';
import {
  assertWithinLimits,
  measureOperation,
  OperationLimitError,
  type DemandOf,
  type Measure,
  type OperationLimits,
} from './operation-limits';

const MEASURES_PER_OPERATION = 64;
/** variables longer than this as JSON (a bulk import) are measured each time: their key would cost more memory than the measure saves */
const MEASURED_VARIABLES_MAX_CHARS = 1_024;

/**
 * Refuses, before any subgraph is called, an operation that asks more than the limits allow or
 * carries hostile names. `demand` answers what the current supergraph declares (@listSize, @cost);
 * the introspection lists' sizes come from the API schema the operation runs against.
 */
export function operationLimits(limits: OperationLimits, demand: () => SchemaDemand = () => new Map()): ApolloServerPlugin {
  const introspection = new WeakMap<GraphQLSchema, Map<string, FieldDemand>>();
  const demandFor = (schema: GraphQLSchema): DemandOf => {
    let sizes = introspection.get(schema);
    if (!sizes) introspection.set(schema, (sizes = introspectionDemand(schema)));
    const declared = demand();
    const known = sizes;
    return (typeName, fieldName) => {
      const key = `${typeName}.${fieldName}`;
      return known.get(key) ?? declared.get(key);
    };
  };
  // an operation's measure with given variables, once per schema (a new supergraph is a new schema and demand)
  const measured = new WeakMap<GraphQLSchema, WeakMap<OperationDefinitionNode, Map<string, Measure>>>();
  const measure = (
    schema: GraphQLSchema,
    document: DocumentNode,
    operation: OperationDefinitionNode,
    variables: Record<string, unknown>,
  ) => {
    let bySchema = measured.get(schema);
    if (!bySchema) measured.set(schema, (bySchema = new WeakMap()));
    let byVariables = bySchema.get(operation);
    if (!byVariables) bySchema.set(operation, (byVariables = new Map()));
    const key = JSON.stringify(variables);
    const known = byVariables.get(key);
    if (known) return known;
    const fragments: Record<string, FragmentDefinitionNode> = {};
    for (const definition of document.definitions)
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
    const found = measureOperation(schema, operation, fragments, variables, demandFor(schema));
    if (key.length > MEASURED_VARIABLES_MAX_CHARS) return found;
    // a dashboard asks a few variable sets of each operation; a client cycling through many is measured each time
    if (byVariables.size >= MEASURES_PER_OPERATION) byVariables.clear();
    byVariables.set(key, found);
    return found;
  };
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, request, schema }) {
          // no operation is refused by executableOperations, which runs with or without limits
          if (!operation) return;
          assertHygienic(document, request.variables ?? {}, limits.maxStringLength);
          assertWithinLimits(measure(schema, document, operation, request.variables ?? {}), limits);
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

/**
 * A ceiling on the serialized answer: what the cost estimate let through and still came out
 * larger is refused as the client's (400, OPERATION_LIMIT_EXCEEDED) rather than sent. The
 * estimate refuses before executing; this bounds what an estimate that is wrong can cost the
 * clients and the network.
 */
export function responseSizeLimit(maxBytes: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        // an answer from the response cache never reaches here: it was measured when it was fetched
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const bytes = answerBytes(response.body.singleResult);
          if (bytes <= maxBytes) return;
          const refusal = new OperationLimitError('response size', bytes, maxBytes);
          // errors are formatted by now: this one is written as a client sees it
          response.body.singleResult = {
            errors: [{ message: refusal.message, extensions: { code: 'OPERATION_LIMIT_EXCEEDED', limit: 'response size', max: maxBytes } }],
          };
          response.http.status = 400;
        },
      };
    },
  };
}
