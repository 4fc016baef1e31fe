import { getArgumentValues, getNamedType, isObjectType, Kind, type FieldNode, type GraphQLResolveInfo, type SelectionNode } from 'graphql';

/** Every node of this field in the selection of what the resolver returns, directly or in a fragment (under @skip too). */
function nodesAsked(info: GraphQLResolveInfo, name: string): FieldNode[] {
  const found: FieldNode[] = [];
  const walk = (selections: readonly SelectionNode[]) => {
    for (const selection of selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value === name) found.push(selection);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) walk(selection.selectionSet.selections);
      else walk(info.fragments[selection.name.value]?.selectionSet.selections ?? []);
    }
  };
  for (const node of info.fieldNodes) walk(node.selectionSet?.selections ?? []);
  return found;
}

/**
 * Whether the operation asks this field of what the resolver returns (directly or in a
 * fragment; a field under @skip counts as asked): what a resolver reads ahead in the same
 * statement — a connection's `totalCount`, a base's operator.
 */
export function asksField(info: GraphQLResolveInfo, name: string): boolean {
  return nodesAsked(info, name).length > 0;
}

/**
 * The arguments of each time the operation asks this field of what the resolver returns,
 * variables applied and defaults filled in, as the field's resolver will get them: what a
 * resolver needs to ask the field's loader ahead, in the same turn as its own read.
 */
export function argumentsAsked(info: GraphQLResolveInfo, name: string): Record<string, unknown>[] {
  const type = getNamedType(info.returnType);
  const field = isObjectType(type) ? type.getFields()[name] : undefined;
  if (!field) return [];
  return nodesAsked(info, name).map((node) => getArgumentValues(field, node, info.variableValues));
}
