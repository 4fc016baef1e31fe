import {
  GraphQLError,
  Kind,
  getNamedType,
  getNullableType,
  isListType,
  isObjectType,
  isInterfaceType,
  valueFromASTUntyped,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type ValueNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { DEFAULT_OPERATION_LIMITS, type OperationLimits } from '@skills-sichuan/runtime';
import type { FieldDemand } from './demand-control';

export type { OperationLimits };

/** the kit's: the same constant sizes the subgraphs' own reads of the graph (graph-reads.ts) */
export const DEFAULT_LIMITS: OperationLimits = DEFAULT_OPERATION_LIMITS;

/** the size assumed for a list that says nothing of its size (the schema test keeps every list declared) */
export const DEFAULT_LIST_SIZE = 10;

/** What the schema declares of a field's size and weight (`@listSize`, `@cost`), by type and field name. */
export type DemandOf = (typeName: string, fieldName: string) => FieldDemand | undefined;

export interface Measure {
  depth: number;
  aliases: number;
  directives: number;
  cost: number;
}

const NONE: Measure = { depth: 0, aliases: 0, directives: 0, cost: 0 };

/**
 * Measures an operation with its fragments expanded — each fragment measured once, so a
 * fragment bomb is measured in linear time and its expanded size still counts — with the
 * variables of the request, so `first: $n` weighs what the client asked, and a list without
 * one weighs its declared `@listSize`. Introspection is measured like any selection: its
 * lists are as long as the schema's (demandOf answers `__Schema.types` …).
 */
export function measureOperation(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
  demandOf: DemandOf = () => undefined,
): Measure {
  const memo = new Map<string, Measure>();
  const visiting = new Set<string>();

  // a variable the request leaves out weighs its declared default
  const values: Record<string, unknown> = { ...variables };
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    if (values[name] === undefined && definition.defaultValue) values[name] = valueFromASTUntyped(definition.defaultValue);
  }
  /** the page a field asks for: its slicing arguments (`first` unless @listSize names others), else their defaults in the schema */
  const pageSize = (
    args: readonly { name: { value: string }; value: ValueNode }[] | undefined,
    definition: GraphQLField<unknown, unknown> | undefined,
    declared: FieldDemand | undefined,
  ): number | undefined => {
    let page: number | undefined;
    for (const name of declared?.slicingArguments ?? ['first']) {
      const given = args?.find((a) => a.name.value === name);
      const value = given ? valueFromASTUntyped(given.value, values) : definition?.args.find((a) => a.name === name)?.defaultValue;
      if (typeof value === 'number' && Number.isFinite(value)) page = Math.max(page ?? 0, value, 0);
    }
    return page;
  };

  const root =
    operation.operation === 'query'
      ? schema.getQueryType()
      : operation.operation === 'mutation'
        ? schema.getMutationType()
        : schema.getSubscriptionType();

  const measureSet = (
    selectionSet: SelectionSetNode,
    parent: GraphQLCompositeType | undefined,
    inheritedPage: number | undefined,
  ): Measure => {
    const total = { ...NONE };
    const add = (m: Measure) => {
      total.depth = Math.max(total.depth, m.depth);
      total.aliases += m.aliases;
      total.directives += m.directives;
      total.cost += m.cost;
    };
    for (const selection of selectionSet.selections) {
      const directives = selection.directives?.length ?? 0;
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        if (name === '__typename') {
          // answered by the gateway from the type it already has: no work to weigh
          add({ ...NONE, directives, aliases: selection.alias ? 1 : 0 });
          continue;
        }
        const definition =
          parent === root && name === '__schema'
            ? SchemaMetaFieldDef
            : parent === root && name === '__type'
              ? TypeMetaFieldDef
              : parent && (isObjectType(parent) || isInterfaceType(parent))
                ? parent.getFields()[name]
                : undefined;
        const declared = parent ? demandOf(parent.name, name) : undefined;
        const type = definition ? getNullableType(definition.type) : undefined;
        const named = type ? (getNamedType(type) as GraphQLCompositeType) : undefined;
        const page = pageSize(selection.arguments, definition, declared);
        const list = type !== undefined && isListType(type);
        // a list of scalars or enums is one value to fetch; a list of objects is that many objects to resolve
        const multiplier =
          list && selection.selectionSet
            ? (inheritedPage ?? page ?? declared?.assumedSize ?? DEFAULT_LIST_SIZE)
            : (declared?.presence ?? 1);
        const children = selection.selectionSet ? measureSet(selection.selectionSet, named, list ? undefined : page) : NONE;
        // inside introspection a single object (`type`, `ofType`) is one step of one type reference, not a level of the answer
        const nesting = parent?.name.startsWith('__') && !list ? 0 : 1;
        add({
          depth: nesting + children.depth,
          aliases: (selection.alias ? 1 : 0) + children.aliases,
          directives: directives + children.directives,
          cost: multiplier * ((declared?.weight ?? 1) + children.cost),
        });
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition
          ? (schema.getType(selection.typeCondition.name.value) as GraphQLCompositeType | undefined)
          : parent;
        const m = measureSet(selection.selectionSet, type, inheritedPage);
        add({ ...m, directives: m.directives + directives });
      } else {
        const name = selection.name.value;
        const fragment = fragments[name];
        if (!fragment || visiting.has(name)) continue; // unknown fragments and cycles are refused by validation
        // a fragment weighs what its place makes it weigh: measured once per page size it is spread under
        const key = `${name}|${inheritedPage ?? ''}`;
        let m = memo.get(key);
        if (!m) {
          visiting.add(name);
          m = measureSet(
            fragment.selectionSet,
            schema.getType(fragment.typeCondition.name.value) as GraphQLCompositeType | undefined,
            inheritedPage,
          );
          visiting.delete(name);
          memo.set(key, m);
        }
        add({ ...m, directives: m.directives + directives });
      }
    }
    return total;
  };

  const measure = measureSet(operation.selectionSet, root ?? undefined, undefined);
  return { ...measure, directives: measure.directives + (operation.directives?.length ?? 0) };
}

export class OperationLimitError extends GraphQLError {
  constructor(limit: string, actual: number, max: number) {
    super(`the operation exceeds the ${limit} limit: ${Number.isFinite(actual) ? Math.round(actual) : 'unbounded'} > ${max}`, {
      extensions: { code: 'OPERATION_LIMIT_EXCEEDED', limit, max, http: { status: 400 } },
    });
  }
}

/** Throws an OperationLimitError for the first limit the operation exceeds. */
export function assertWithinLimits(measure: Measure, limits: OperationLimits): void {
  if (measure.depth > limits.maxDepth) throw new OperationLimitError('depth', measure.depth, limits.maxDepth);
  if (measure.aliases > limits.maxAliases) throw new OperationLimitError('aliases', measure.aliases, limits.maxAliases);
  if (measure.directives > limits.maxDirectives) throw new OperationLimitError('directives', measure.directives, limits.maxDirectives);
  if (measure.cost > limits.maxCost) throw new OperationLimitError('cost', measure.cost, limits.maxCost);
}
