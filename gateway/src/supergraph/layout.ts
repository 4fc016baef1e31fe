import {
  Kind,
  parse,
  print,
  type ConstDirectiveNode,
  type DefinitionNode,
  type EnumTypeDefinitionNode,
  type FieldDefinitionNode,
  type InputValueDefinitionNode,
} from 'graphql';

export type TypeKind = 'object' | 'interface' | 'union' | 'enum' | 'input' | 'scalar';

export interface FieldLayout {
  /** the field's type as written, e.g. `[Base!]!` */
  type: string;
  /** the subgraphs that resolve it (an @external declaration does not count) */
  owners: ReadonlySet<string>;
}

export interface TypeLayout {
  kind: TypeKind;
  /** the subgraphs that define the type */
  owners: ReadonlySet<string>;
  /** each subgraph's @key field sets of an entity, e.g. bases → ["id"] */
  keys: ReadonlyMap<string, string[]>;
  fields: ReadonlyMap<string, FieldLayout>;
}

/** Who serves what in a composed supergraph, read from its join__ directives. */
export interface SupergraphLayout {
  /** the subgraphs it was composed from, by name */
  subgraphs: ReadonlySet<string>;
  types: ReadonlyMap<string, TypeLayout>;
  /** the subgraphs that resolve `Type.field`; empty for a coordinate the graph does not have */
  ownersOf(coordinate: string): ReadonlySet<string>;
}

/** the kind of a type's definition or extension in an SDL */
export const TYPE_KINDS: Partial<Record<string, TypeKind>> = {
  [Kind.OBJECT_TYPE_DEFINITION]: 'object',
  [Kind.OBJECT_TYPE_EXTENSION]: 'object',
  [Kind.INTERFACE_TYPE_DEFINITION]: 'interface',
  [Kind.INTERFACE_TYPE_EXTENSION]: 'interface',
  [Kind.UNION_TYPE_DEFINITION]: 'union',
  [Kind.UNION_TYPE_EXTENSION]: 'union',
  [Kind.ENUM_TYPE_DEFINITION]: 'enum',
  [Kind.ENUM_TYPE_EXTENSION]: 'enum',
  [Kind.INPUT_OBJECT_TYPE_DEFINITION]: 'input',
  [Kind.INPUT_OBJECT_TYPE_EXTENSION]: 'input',
  [Kind.SCALAR_TYPE_DEFINITION]: 'scalar',
  [Kind.SCALAR_TYPE_EXTENSION]: 'scalar',
};
/** the supergraph's own machinery, not the graph's types */
export const isMachineryName = (name: string) => /^(join__|link__|federation__|_)/.test(name);

const argument = (directive: ConstDirectiveNode, name: string) => directive.arguments?.find((a) => a.name.value === name)?.value;
const stringArgument = (directive: ConstDirectiveNode, name: string) => {
  const value = argument(directive, name);
  return value?.kind === Kind.STRING || value?.kind === Kind.ENUM ? value.value : undefined;
};
const named = (directives: readonly ConstDirectiveNode[] | undefined, name: string) =>
  (directives ?? []).filter((d) => d.name.value === name);

/** Reads a composed supergraph's layout: which subgraph defines each type and resolves each field. */
export function supergraphLayout(supergraphSdl: string): SupergraphLayout {
  const definitions = parse(supergraphSdl).definitions;
  const joinGraph = definitions.find(
    (d): d is EnumTypeDefinitionNode => d.kind === Kind.ENUM_TYPE_DEFINITION && d.name.value === 'join__Graph',
  );
  // join__Graph's values (BASES) stand for the subgraphs' names (bases)
  const graphNames = new Map<string, string>();
  for (const value of joinGraph?.values ?? []) {
    const name = named(value.directives, 'join__graph')[0];
    const given = name && stringArgument(name, 'name');
    if (given) graphNames.set(value.name.value, given);
  }
  const graphOf = (directive: ConstDirectiveNode) => {
    const value = stringArgument(directive, 'graph');
    return value === undefined ? undefined : graphNames.get(value);
  };
  const types = new Map<string, TypeLayout>();
  for (const definition of definitions as DefinitionNode[]) {
    const kind = TYPE_KINDS[definition.kind];
    if (!kind || !('name' in definition) || !definition.name || isMachineryName(definition.name.value)) continue;
    const directives = 'directives' in definition ? (definition.directives as readonly ConstDirectiveNode[]) : [];
    const owners = new Set<string>();
    const keys = new Map<string, string[]>();
    for (const joinType of named(directives, 'join__type')) {
      const graph = graphOf(joinType);
      if (!graph) continue;
      owners.add(graph);
      const key = stringArgument(joinType, 'key');
      if (key !== undefined) keys.set(graph, [...(keys.get(graph) ?? []), key]);
    }
    const fields = new Map<string, FieldLayout>();
    const declared =
      'fields' in definition ? ((definition.fields ?? []) as readonly (FieldDefinitionNode | InputValueDefinitionNode)[]) : [];
    for (const field of declared) {
      const joins = named(field.directives, 'join__field');
      // without a join__field the field belongs to every subgraph that defines its type
      const fieldOwners = new Set<string>(joins.length === 0 ? owners : []);
      for (const join of joins) {
        const graph = graphOf(join);
        const external = argument(join, 'external');
        if (graph && !(external?.kind === Kind.BOOLEAN && external.value)) fieldOwners.add(graph);
      }
      fields.set(field.name.value, { type: print(field.type), owners: fieldOwners });
    }
    types.set(definition.name.value, { kind, owners, keys, fields });
  }
  const none: ReadonlySet<string> = new Set();
  return {
    subgraphs: new Set(graphNames.values()),
    types,
    ownersOf(coordinate) {
      const [typeName, fieldName] = coordinate.split('.');
      return types.get(typeName)?.fields.get(fieldName)?.owners ?? none;
    },
  };
}
