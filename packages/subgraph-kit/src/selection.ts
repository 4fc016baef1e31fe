import { Kind, type GraphQLResolveInfo, type SelectionNode } from 'graphql';

/**
 * Whether the operation asks this field of what the resolver returns (directly or in a
 * fragment; a field under @skip counts as asked): what a resolver reads ahead in the same
 * statement — a connection's `totalCount`, a base's operator.
 */
export function asksField(info: GraphQLResolveInfo, name: string): boolean {
  const asks = (selections: readonly SelectionNode[]): boolean =>
    selections.some((selection) => {
      if (selection.kind === Kind.FIELD) return selection.name.value === name;
      if (selection.kind === Kind.INLINE_FRAGMENT) return asks(selection.selectionSet.selections);
      return asks(info.fragments[selection.name.value]?.selectionSet.selections ?? []);
    });
  return info.fieldNodes.some((node) => asks(node.selectionSet?.selections ?? []));
}
