import {
  Kind,
  getNamedType,
  getNullableType,
  isInputObjectType,
  isEnumType,
  isInterfaceType,
  isListType,
  isObjectType,
  isUnionType,
  isWrappingType,
  parse,
  valueFromASTUntyped,
  type ConstDirectiveNode,
  type DocumentNode,
  type GraphQLSchema,
  type GraphQLType,
} from 'graphql';

/** What the schema declares of one field's size: Federation's `@listSize` and `@cost` (the cost spec, v0.1). */
export interface FieldDemand {
  /** how many items the list holds when no slicing argument says (`@listSize(assumedSize:)`) */
  assumedSize?: number;
  /** arguments whose value is the list's size (`@listSize(slicingArguments:)`), e.g. `first` */
  slicingArguments?: string[];
  /** what resolving the field weighs (`@cost(weight:)`); 1 when undeclared */
  weight?: number;
  /** how often a single, nullable object is there at all (introspection's `ofType`); 1 when undeclared */
  presence?: number;
}

/** `Type.field` → what its schema declares; read once per supergraph. */
export type SchemaDemand = ReadonlyMap<string, FieldDemand>;

const COST_SPEC = 'https://specs.apollo.dev/cost/';

/** The names the supergraph gives the cost spec's directives: its @link may import them, rename them, or leave them prefixed. */
function costDirectiveNames(document: DocumentNode): { listSize: string; cost: string } | undefined {
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.SCHEMA_DEFINITION && definition.kind !== Kind.SCHEMA_EXTENSION) continue;
    for (const link of definition.directives ?? []) {
      if (link.name.value !== 'link') continue;
      const args = Object.fromEntries((link.arguments ?? []).map((a) => [a.name.value, valueFromASTUntyped(a.value)]));
      if (typeof args.url !== 'string' || !args.url.startsWith(COST_SPEC)) continue;
      const prefix = typeof args.as === 'string' ? args.as : 'cost';
      const names = { listSize: `${prefix}__listSize`, cost: prefix };
      for (const entry of Array.isArray(args.import) ? (args.import as unknown[]) : []) {
        const [name, as] =
          typeof entry === 'string'
            ? [entry, entry]
            : [(entry as { name: string }).name, (entry as { as?: string }).as ?? (entry as { name: string }).name];
        if (name === '@listSize') names.listSize = as.replace(/^@/, '');
        if (name === '@cost') names.cost = as.replace(/^@/, '');
      }
      return names;
    }
  }
  return undefined;
}

/**
 * Reads `@listSize` and `@cost` from the supergraph's SDL. They compose into the supergraph
 * (composition links the cost spec when a subgraph imports them) but the API schema the gateway
 * executes against, and that its plugins see, drops every spec directive: so they are read here,
 * once per supergraph, and the cost measure looks fields up by `Type.field`.
 */
export function schemaDemand(supergraphSdl: string): SchemaDemand {
  const document = parse(supergraphSdl, { noLocation: true });
  const names = costDirectiveNames(document);
  const demand = new Map<string, FieldDemand>();
  if (!names) return demand;
  const argument = (directive: ConstDirectiveNode, name: string) => {
    const node = directive.arguments?.find((a) => a.name.value === name);
    return node ? valueFromASTUntyped(node.value) : undefined;
  };
  for (const definition of document.definitions) {
    if (
      definition.kind !== Kind.OBJECT_TYPE_DEFINITION &&
      definition.kind !== Kind.OBJECT_TYPE_EXTENSION &&
      definition.kind !== Kind.INTERFACE_TYPE_DEFINITION &&
      definition.kind !== Kind.INTERFACE_TYPE_EXTENSION
    )
      continue;
    for (const field of definition.fields ?? []) {
      const declared: FieldDemand = {};
      for (const directive of field.directives ?? []) {
        if (directive.name.value === names.listSize) {
          const assumedSize = argument(directive, 'assumedSize');
          const slicing = argument(directive, 'slicingArguments');
          if (typeof assumedSize === 'number') declared.assumedSize = assumedSize;
          if (Array.isArray(slicing)) declared.slicingArguments = slicing.filter((s): s is string => typeof s === 'string');
        } else if (directive.name.value === names.cost) {
          const weight = argument(directive, 'weight');
          if (typeof weight === 'number') declared.weight = weight;
        }
      }
      if (Object.keys(declared).length > 0) demand.set(`${definition.name.value}.${field.name.value}`, declared);
    }
  }
  return demand;
}

const mean = (total: number, count: number) => total / Math.max(1, count);

/**
 * The sizes of the introspection lists of one schema, so that introspection is costed like any
 * selection: `__Schema.types` is the schema's real type count; a type's `fields`, `args` … their
 * mean over every type (or field), so that the types times the mean is the real total and the
 * standard introspection query is estimated near its true size, while every alias or nested list
 * multiplies the estimate as it multiplies the answer. `ofType` is there as often as the schema's
 * type references wrap (`[Brand!]!` is four steps, three of them wrappers).
 */
export function introspectionDemand(schema: GraphQLSchema): Map<string, FieldDemand> {
  const types = Object.values(schema.getTypeMap());
  let fields = 0;
  let args = 0;
  let interfaces = 0;
  let possible = 0;
  let enumValues = 0;
  let inputFields = 0;
  let steps = 0;
  let wrappers = 0;
  const reference = (type: GraphQLType) => {
    for (let step: GraphQLType = type; ; step = step.ofType) {
      steps += 1;
      if (!isWrappingType(step)) break;
      wrappers += 1;
    }
  };
  for (const type of types) {
    if (isObjectType(type) || isInterfaceType(type)) {
      interfaces += type.getInterfaces().length;
      for (const field of Object.values(type.getFields())) {
        fields += 1;
        args += field.args.length;
        reference(field.type);
        for (const arg of field.args) reference(arg.type);
      }
    }
    if (isInterfaceType(type) || isUnionType(type)) {
      possible += schema.getPossibleTypes(type).length;
    }
    if (isEnumType(type)) {
      enumValues += type.getValues().length;
    }
    if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        inputFields += 1;
        reference(field.type);
      }
    }
  }
  const directives = schema.getDirectives();
  const directiveArgs = directives.reduce((n, d) => n + d.args.length, 0);
  const sized = (assumedSize: number): FieldDemand => ({ assumedSize });
  return new Map([
    ['__Schema.types', sized(types.length)],
    ['__Schema.directives', sized(directives.length)],
    ['__Type.fields', sized(mean(fields, types.length))],
    ['__Type.interfaces', sized(mean(interfaces, types.length))],
    ['__Type.possibleTypes', sized(mean(possible, types.length))],
    ['__Type.enumValues', sized(mean(enumValues, types.length))],
    ['__Type.inputFields', sized(mean(inputFields, types.length))],
    ['__Field.args', sized(mean(args, fields))],
    ['__Directive.args', sized(mean(directiveArgs, directives.length))],
    ['__Type.ofType', { presence: mean(wrappers, steps) }],
  ]);
}

/** The lists of objects in a schema that neither a slicing argument nor `@listSize` bounds: each is costed at the default size. */
export function undeclaredLists(schema: GraphQLSchema, demand: SchemaDemand): string[] {
  const undeclared: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || !(isObjectType(type) || isInterfaceType(type))) continue;
    for (const field of Object.values(type.getFields())) {
      const nullable = getNullableType(field.type);
      const named = getNamedType(field.type);
      if (!isListType(nullable) || !(isObjectType(named) || isInterfaceType(named) || isUnionType(named))) continue;
      const declared = demand.get(`${type.name}.${field.name}`);
      // a connection's nodes are as many as the `first` of the field that returned the connection
      const paged = field.args.some((a) => a.name === 'first') || (type.name.endsWith('Connection') && field.name === 'nodes');
      if (!declared && !paged) undeclared.push(`${type.name}.${field.name}`);
    }
  }
  return undeclared;
}
