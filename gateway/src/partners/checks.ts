import { buildSubgraph, errorCauses, Supergraph } from '@apollo/federation-internals';
import {
  getNamedType,
  isListType,
  isNonNullType,
  Kind,
  parse,
  print,
  TypeInfo,
  validate,
  visit,
  visitWithTypeInfo,
  type ConstDirectiveNode,
  type DocumentNode,
  type FieldDefinitionNode,
  type GraphQLOutputType,
  type GraphQLSchema,
  type InputValueDefinitionNode,
  type TypeNode,
} from 'graphql';
import { compose, type SubgraphSdl } from '../supergraph/compose';
import { isMachineryName, supergraphLayout, TYPE_KINDS, type SupergraphLayout, type TypeKind } from '../supergraph/layout';
import type { RegisteredOperation } from '../operations/registered';

/** The core entities a partner may add fields to, by the key it must extend them with (docs/partners.md). */
export const EXTENSIBLE_ENTITIES: Readonly<Record<string, string>> = {
  Brand: 'id',
  Base: 'id',
  Institution: 'id',
  Organization: 'id',
  City: 'code',
};

/** Why a partner's schema is refused: stable codes, each problem naming the coordinate it is about. */
export type ProblemCode =
  | 'UNREACHABLE'
  | 'INVALID_SUBGRAPH'
  | 'NOT_FEDERATION_2'
  | 'COMPOSITION'
  | 'NOT_LOADABLE'
  | 'COLLIDES_WITH_CORE_TYPE'
  | 'COLLIDES_WITH_PARTNER'
  | 'WRONG_KEY'
  | 'OVERRIDES_CORE_FIELD'
  | 'RETYPES_CORE_FIELD'
  | 'SHARES_CORE_FIELD'
  | 'REDEFINES_CORE_FIELD'
  | 'SHADOWS_ROOT_FIELD'
  | 'OVERRIDE_NOT_ALLOWED'
  | 'DIRECTIVE_NOT_ALLOWED'
  | 'NON_NULL_PARTNER_FIELD'
  | 'SUBSCRIPTION_NOT_SERVED'
  | 'BREAKS_CLIENT_OPERATION';

export interface Problem {
  code: ProblemCode;
  /** `Base.name`, `Query.bases`, a type name, or an operation's name */
  coordinate?: string;
  message: string;
}

/** What the checks found for one partner's schema; nothing is changed by producing it. */
export interface PartnerReport {
  partner: string;
  accepted: boolean;
  problems: Problem[];
  /** composition's hints: composed, but worth a look */
  hints: string[];
  /** the fields the partner would add to the graph's own types and roots, e.g. `Base.subsidies` */
  fields: string[];
  /** the composition that would be served (core + every active partner), when accepted */
  supergraphSdl?: string;
}

export interface CheckContext {
  /** the in-house subgraphs, whose composition is the reviewed core */
  core: SubgraphSdl[];
  coreLayout: SupergraphLayout;
  /** the other active partners, as accepted */
  partners: SubgraphSdl[];
  /** what the graph serves now, to compare clients' operations against */
  served: { supergraphSdl: string; apiSchema: GraphQLSchema };
  operations: RegisteredOperation[];
}

const FEDERATION_ROOT_FIELDS = new Set(['_service', '_entities']);

interface DeclaredType {
  kind: TypeKind;
  directives: ConstDirectiveNode[];
  fields: (FieldDefinitionNode | InputValueDefinitionNode)[];
}

/** A partner's types as its SDL declares them, definitions and extensions merged. */
function declaredTypes(document: DocumentNode): Map<string, DeclaredType> {
  const types = new Map<string, DeclaredType>();
  for (const definition of document.definitions) {
    const kind = TYPE_KINDS[definition.kind];
    if (!kind || !('name' in definition) || !definition.name || isMachineryName(definition.name.value)) continue;
    const declared = types.get(definition.name.value) ?? { kind, directives: [], fields: [] };
    if ('directives' in definition && definition.directives) declared.directives.push(...(definition.directives as ConstDirectiveNode[]));
    if ('fields' in definition && definition.fields) declared.fields.push(...definition.fields);
    types.set(definition.name.value, declared);
  }
  return types;
}

/** The partner's root type names: a `schema { query: … }` may rename them. */
function rootTypes(document: DocumentNode): Record<'query' | 'mutation' | 'subscription', string> {
  const roots = { query: 'Query', mutation: 'Mutation', subscription: 'Subscription' };
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.SCHEMA_DEFINITION && definition.kind !== Kind.SCHEMA_EXTENSION) continue;
    for (const operation of definition.operationTypes ?? []) roots[operation.operation] = operation.type.name.value;
  }
  return roots;
}

const stringArgument = (directive: ConstDirectiveNode, name: string) => {
  const value = directive.arguments?.find((a) => a.name.value === name)?.value;
  return value?.kind === Kind.STRING ? value.value : undefined;
};
const normalisedFieldSet = (fields: string) => fields.trim().replace(/\s+/g, ' ');

/** The names this SDL uses for federation's directives: a @link may import them renamed, or leave them namespaced (`@federation__override`). */
function federationNames(subgraph: ReturnType<typeof buildSubgraph>) {
  const metadata = subgraph.metadata();
  const name = (directive: string) => metadata.federationDirectiveNameInSchema(directive);
  return {
    key: name('key'),
    override: name('override'),
    shareable: name('shareable'),
    external: name('external'),
    interfaceObject: name('interfaceObject'),
    composeDirective: name('composeDirective'),
    context: name('context'),
    fromContext: name('fromContext'),
  };
}

/**
 * The guardrails: what a partner may add to the graph whatever composition would allow. It may
 * add types of its own and fields to the extensible core entities, and root fields that are
 * new; it may not take, share, retype or redeclare a core field, collide with a core or another
 * partner's type, or make a field of its own non-null where a failure of its service would
 * then null out core data around it.
 */
export function guardrailProblems(
  candidate: SubgraphSdl,
  context: Pick<CheckContext, 'coreLayout'> & { served: SupergraphLayout },
): {
  problems: Problem[];
  fields: string[];
} {
  let document: DocumentNode;
  let subgraph: ReturnType<typeof buildSubgraph>;
  try {
    document = parse(candidate.sdl);
    subgraph = buildSubgraph(candidate.name, candidate.routingUrl, document);
    subgraph.validate();
  } catch (err) {
    const causes = errorCauses(err as Error) ?? [err as Error];
    return { problems: causes.map((cause) => ({ code: 'INVALID_SUBGRAPH', message: cause.message })), fields: [] };
  }
  if (!subgraph.isFed2Subgraph()) {
    return {
      problems: [
        { code: 'NOT_FEDERATION_2', message: 'the schema does not @link Federation 2 (https://specs.apollo.dev/federation/v2.x)' },
      ],
      fields: [],
    };
  }
  const names = federationNames(subgraph);
  const has = (directives: readonly ConstDirectiveNode[] | undefined, name: string) =>
    (directives ?? []).some((d) => d.name.value === name);
  const problems: Problem[] = [];
  const fields: string[] = [];
  const { coreLayout, served } = context;
  const roots = rootTypes(document);
  const rootNames = new Map([
    [roots.query, 'Query'],
    [roots.mutation, 'Mutation'],
  ]);
  const byOtherPartner = (owners: ReadonlySet<string>) =>
    [...owners].filter((owner) => owner !== candidate.name && !coreLayout.subgraphs.has(owner));

  for (const definition of document.definitions) {
    if (definition.kind !== Kind.SCHEMA_DEFINITION && definition.kind !== Kind.SCHEMA_EXTENSION) continue;
    for (const directive of definition.directives ?? [])
      if (directive.name.value === names.composeDirective)
        problems.push({
          code: 'DIRECTIVE_NOT_ALLOWED',
          message: `@${names.composeDirective} would carry the partner's own directives into the core's supergraph`,
        });
  }

  for (const [typeName, declared] of declaredTypes(document)) {
    if (typeName === roots.subscription) {
      problems.push({ code: 'SUBSCRIPTION_NOT_SERVED', coordinate: typeName, message: 'the gateway serves no subscriptions' });
      continue;
    }
    for (const directive of [names.interfaceObject, names.context])
      if (has(declared.directives, directive))
        problems.push({
          code: 'DIRECTIVE_NOT_ALLOWED',
          coordinate: typeName,
          message: `${typeName}: @${directive} is not open to partners`,
        });
    const rootName = rootNames.get(typeName);
    const publicName = rootName ?? typeName;
    const core = coreLayout.types.get(publicName);
    const extensibleKey = EXTENSIBLE_ENTITIES[publicName];

    if (!rootName && core && !extensibleKey) {
      // a scalar has no shape to take over: declaring the graph's Date to use it is harmless
      if (!(core.kind === 'scalar' && declared.kind === 'scalar'))
        problems.push({
          code: 'COLLIDES_WITH_CORE_TYPE',
          coordinate: typeName,
          message: `${typeName} is a core type (${[...core.owners].join(', ')}); a partner adds fields only to ${Object.keys(EXTENSIBLE_ENTITIES).join(', ')}, and names its own types otherwise`,
        });
      continue;
    }
    if (!rootName && !core) {
      const others = byOtherPartner(served.types.get(typeName)?.owners ?? new Set());
      if (others.length > 0) {
        problems.push({
          code: 'COLLIDES_WITH_PARTNER',
          coordinate: typeName,
          message: `${typeName} is partner ${others.join(', ')}'s type; name yours differently`,
        });
        continue;
      }
    }
    if (extensibleKey) {
      const keys = declared.directives
        .filter((d) => d.name.value === names.key)
        .map((d) => normalisedFieldSet(stringArgument(d, 'fields') ?? ''));
      if (keys.length === 0 || keys.some((key) => key !== extensibleKey))
        problems.push({
          code: 'WRONG_KEY',
          coordinate: typeName,
          message: `${typeName} is extended by its key alone: @key(fields: "${extensibleKey}")${keys.length ? `, not ${keys.map((k) => `"${k}"`).join(', ')}` : ''}`,
        });
    }

    for (const field of declared.fields) {
      // _service and _entities: federation's own root fields, which some libraries print in the SDL
      if (rootName && FEDERATION_ROOT_FIELDS.has(field.name.value)) continue;
      const coordinate = `${publicName}.${field.name.value}`;
      const type = print(field.type as TypeNode);
      const coreField = core?.fields.get(field.name.value);
      if (has(field.directives, names.override)) {
        problems.push(
          coreField
            ? {
                code: 'OVERRIDES_CORE_FIELD',
                coordinate,
                message: `${coordinate}: @${names.override} would take a core field from ${[...coreField.owners].join(', ')}`,
              }
            : { code: 'OVERRIDE_NOT_ALLOWED', coordinate, message: `${coordinate}: @${names.override} is not open to partners` },
        );
        continue;
      }
      if (coreField) {
        if (rootName) {
          problems.push({
            code: 'SHADOWS_ROOT_FIELD',
            coordinate,
            message: `${coordinate} is a core root field (${[...coreField.owners].join(', ')}); a partner's root fields need names of their own`,
          });
        } else if (coreField.type !== type) {
          problems.push({
            code: 'RETYPES_CORE_FIELD',
            coordinate,
            message: `${coordinate} is ${coreField.type} in the core (${[...coreField.owners].join(', ')}), not ${type}`,
          });
        } else if (field.name.value === extensibleKey) {
          // the key field: declared as the core declares it, which is how an entity is extended
        } else if (has(field.directives, names.shareable)) {
          problems.push({
            code: 'SHARES_CORE_FIELD',
            coordinate,
            message: `${coordinate}: @${names.shareable} would let the partner answer a core field (${[...coreField.owners].join(', ')})`,
          });
        } else {
          problems.push({
            code: 'REDEFINES_CORE_FIELD',
            coordinate,
            message: `${coordinate} is the core's (${[...coreField.owners].join(', ')}); a partner declares only ${extensibleKey ? `the key ${extensibleKey} and ` : ''}fields of its own`,
          });
        }
        continue;
      }
      const others = byOtherPartner(served.ownersOf(coordinate));
      if (others.length > 0) {
        problems.push({
          code: 'COLLIDES_WITH_PARTNER',
          coordinate,
          message: `${coordinate} is already served by partner ${others.join(', ')}`,
        });
        continue;
      }
      if (has(field.directives, names.external)) continue;
      // on a core entity or a root, a non-null field that fails nulls out its parent: the core data around it
      if ((core || rootName) && field.type.kind === Kind.NON_NULL_TYPE)
        problems.push({
          code: 'NON_NULL_PARTNER_FIELD',
          coordinate,
          message: `${coordinate} must be nullable (${type.replace(/!$/, '')}), so that a partner that does not answer costs only its own field`,
        });
      if (has(field.directives, names.fromContext))
        problems.push({
          code: 'DIRECTIVE_NOT_ALLOWED',
          coordinate,
          message: `${coordinate}: @${names.fromContext} is not open to partners`,
        });
      // what it adds to the graph's own types and roots; its own types hang off those
      if (core || rootName) fields.push(coordinate);
    }
  }
  return { problems, fields };
}

/** A supergraph's API schema as the gateway would serve it, or why it would not load. */
export function apiSchemaOf(supergraphSdl: string): GraphQLSchema {
  return Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
}

/**
 * Clients' registered operations that a change would break: each one valid against the graph
 * served now must stay valid, and every field it selects from the partner must keep a type
 * the client can still read (the same type, or a stricter one: `String` may become `String!`,
 * never the other way). A field no registered operation uses may change or go.
 */
export function breakingChanges(
  partner: string,
  before: { apiSchema: GraphQLSchema; layout: SupergraphLayout },
  after: GraphQLSchema,
  operations: RegisteredOperation[],
): Problem[] {
  const problems: Problem[] = [];
  for (const operation of operations) {
    let document: DocumentNode;
    try {
      document = parse(operation.document);
    } catch {
      continue;
    }
    // an operation the graph already refuses is not this change's doing
    if (validate(before.apiSchema, document).length > 0) continue;
    const named = `${operation.client} operation ${operation.name}`;
    const invalid = validate(after, document);
    if (invalid.length > 0) {
      problems.push({
        code: 'BREAKS_CLIENT_OPERATION',
        coordinate: operation.name,
        message: `${named} would no longer run: ${invalid.map((e) => e.message).join('; ')}`,
      });
      continue;
    }
    const typeInfo = new TypeInfo(before.apiSchema);
    visit(
      document,
      visitWithTypeInfo(typeInfo, {
        Field() {
          const parent = typeInfo.getParentType();
          const field = typeInfo.getFieldDef();
          if (!parent || !field) return;
          const coordinate = `${parent.name}.${field.name}`;
          if (!before.layout.ownersOf(coordinate).has(partner)) return;
          const now = (after.getType(parent.name) as { getFields?: () => Record<string, { type: GraphQLOutputType }> })?.getFields?.()[
            field.name
          ];
          if (now && !readableAs(field.type, now.type))
            problems.push({
              code: 'BREAKS_CLIENT_OPERATION',
              coordinate,
              message: `${named} reads ${coordinate} as ${String(field.type)}; it would become ${String(now.type)}`,
            });
        },
      }),
    );
  }
  return problems;
}

/** Whether a client written against `before` can read a value of type `after`: the same shape, non-null kept non-null. */
function readableAs(before: GraphQLOutputType, after: GraphQLOutputType): boolean {
  if (isNonNullType(before)) return isNonNullType(after) && readableAs(before.ofType, after.ofType);
  if (isNonNullType(after)) return readableAs(before, after.ofType);
  if (isListType(before)) return isListType(after) && readableAs(before.ofType, after.ofType);
  if (isListType(after)) return false;
  return getNamedType(before).name === getNamedType(after).name;
}

/** The composition a partner's composition errors are about, with the coordinate the message names when it names one. */
const coordinateIn = (message: string) =>
  /"([A-Za-z_]\w*\.[A-Za-z_]\w*)"/.exec(message)?.[1] ?? /\b([A-Z]\w*\.[a-z_]\w*)\b/.exec(message)?.[1];

/**
 * Every check, in the order a person would fix them: the guardrails, composition with the core
 * and the other partners, the composed graph loading as the gateway loads it, and the clients'
 * registered operations. `candidate` null is the partner's removal.
 */
export function checkPartner(name: string, candidate: SubgraphSdl | null, context: CheckContext): PartnerReport {
  const servedLayout = supergraphLayout(context.served.supergraphSdl);
  const guardrails = candidate
    ? guardrailProblems(candidate, { coreLayout: context.coreLayout, served: servedLayout })
    : { problems: [], fields: [] };
  if (guardrails.problems.length > 0)
    return { partner: name, accepted: false, problems: guardrails.problems, hints: [], fields: guardrails.fields };
  const composition = compose([...context.core, ...context.partners, ...(candidate ? [candidate] : [])]);
  const hints = composition.hints.map((h) => h.message);
  if (!composition.supergraphSdl) {
    const problems = composition.errors.map((e): Problem => ({
      code: 'COMPOSITION',
      coordinate: coordinateIn(e.message),
      message: e.message,
    }));
    return { partner: name, accepted: false, problems, hints, fields: guardrails.fields };
  }
  let after: GraphQLSchema;
  try {
    after = apiSchemaOf(composition.supergraphSdl);
  } catch (err) {
    return {
      partner: name,
      accepted: false,
      problems: [{ code: 'NOT_LOADABLE', message: (err as Error).message }],
      hints,
      fields: guardrails.fields,
    };
  }
  const problems = breakingChanges(name, { apiSchema: context.served.apiSchema, layout: servedLayout }, after, context.operations);
  return {
    partner: name,
    accepted: problems.length === 0,
    problems,
    hints,
    fields: guardrails.fields,
    supergraphSdl: problems.length === 0 ? composition.supergraphSdl : undefined,
  };
}
