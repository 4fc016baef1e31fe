import { GraphQLError, Kind, OperationTypeNode, parse, visit, type ASTNode, type DocumentNode } from 'graphql';
import { ErrorCode } from '@skills-sichuan/runtime';

/** Names that reach JavaScript objects' prototypes: never an alias, a variable or a key of a variable's value. */
const PROTOTYPE_NAMES = new Set(['__proto__', 'constructor', 'prototype']);

const refuse = (message: string) => new GraphQLError(message, { extensions: { code: ErrorCode.BAD_USER_INPUT, http: { status: 400 } } });

/** deeper than any input of the graph nests */
const MAX_VARIABLE_DEPTH = 16;

/** Walks a variable's value with a stack of its own, so no nesting can exhaust the call stack. */
function checkValue(root: unknown, rootPath: string, maxStringLength: number): void {
  const pending: [unknown, string, number][] = [[root, rootPath, 0]];
  while (pending.length > 0) {
    const [value, path, depth] = pending.pop()!;
    if (depth > MAX_VARIABLE_DEPTH) throw refuse(`variable ${rootPath} nests deeper than ${MAX_VARIABLE_DEPTH} levels`);
    if (typeof value === 'string') {
      if (value.length > maxStringLength) throw refuse(`variable ${path} is longer than ${maxStringLength} characters`);
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => pending.push([item, `${path}[${i}]`, depth + 1]));
    } else if (value && typeof value === 'object') {
      for (const key of Object.keys(value)) {
        if (PROTOTYPE_NAMES.has(key)) throw refuse(`variable ${path} holds the key ${JSON.stringify(key)}, which no input has`);
        pending.push([(value as Record<string, unknown>)[key], `${path}.${key}`, depth + 1]);
      }
    }
  }
}

// --- bulk arguments (issue 12, finding 9a) ------------------------------------------------
/**
 * Arguments that carry a whole file as one string, by field: `importTrainingRecords(csv:)`
 * takes up to 5,000 rows, which maxStringLength (10,000 characters, about 168 rows) would cut.
 * Such a string is bounded by MAX_BULK_STRING_LENGTH and, first, by the bulk body limit
 * (MAX_BULK_BODY_BYTES, see isBulkRequest); the import refuses more than 5,000 rows itself.
 */
const BULK_TEXT_ARGUMENTS: Readonly<Record<string, readonly string[]>> = { importTrainingRecords: ['csv'] };

/** characters a bulk argument may hold: 1 Mi, above any bulk body the gateway reads, so the body limit decides */
export const MAX_BULK_STRING_LENGTH = 1024 * 1024;

/** an operation that only imports a file is a few dozen tokens: parsing more before the body is admitted is not needed */
const BULK_OPERATION_MAX_TOKENS = 1_000;

/**
 * The operation's bulk string literals, and the variables used only as bulk arguments: a
 * variable that also feeds any other argument keeps the ordinary limit.
 */
function bulkInputs(document: DocumentNode): { literals: Set<ASTNode>; variables: Set<string> } {
  const literals = new Set<ASTNode>();
  const bulkUses = new Map<string, number>();
  const allUses = new Map<string, number>();
  visit(document, {
    Field(node) {
      const bulk = BULK_TEXT_ARGUMENTS[node.name.value] ?? [];
      for (const argument of node.arguments ?? []) {
        if (!bulk.includes(argument.name.value)) continue;
        if (argument.value.kind === Kind.STRING) literals.add(argument.value);
        if (argument.value.kind === Kind.VARIABLE) {
          const name = argument.value.name.value;
          bulkUses.set(name, (bulkUses.get(name) ?? 0) + 1);
        }
      }
    },
    Variable(node, _key, parent) {
      if (parent && !Array.isArray(parent) && (parent as ASTNode).kind === Kind.VARIABLE_DEFINITION) return;
      allUses.set(node.name.value, (allUses.get(node.name.value) ?? 0) + 1);
    },
  });
  const variables = new Set([...bulkUses].filter(([name, uses]) => allUses.get(name) === uses).map(([name]) => name));
  return { literals, variables };
}
/**
 * Whether a body over MAX_BODY_BYTES may still be read (issue 12, finding 9a): its operation
 * is a mutation whose every root field is a bulk one (`importTrainingRecords`), and what the
 * body holds besides the files passed as variables fits the ordinary limit — so only the file
 * is ever larger than an ordinary request. `bytes` is the body's size as received: a file whose
 * non-ASCII characters were sent as \u escapes counts them as sent, so it is refused sooner.
 */
export function isBulkRequest(body: unknown, bytes: number, maxBodyBytes: number): boolean {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return false;
  const { query, operationName, variables = {} } = body as Record<string, unknown>;
  if (typeof query !== 'string' || !variables || typeof variables !== 'object') return false;
  let document: DocumentNode;
  try {
    document = parse(query, { noLocation: true, maxTokens: BULK_OPERATION_MAX_TOKENS });
  } catch {
    return false;
  }
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  const operation =
    typeof operationName === 'string'
      ? operations.find((o) => o.name?.value === operationName)
      : operations.length === 1
        ? operations[0]
        : undefined;
  if (operation?.operation !== OperationTypeNode.MUTATION) return false;
  const bulkOnly = operation.selectionSet.selections.every(
    (s) => s.kind === Kind.FIELD && Object.hasOwn(BULK_TEXT_ARGUMENTS, s.name.value),
  );
  if (!bulkOnly) return false;
  let files = 0;
  for (const name of bulkInputs(document).variables) {
    const value = (variables as Record<string, unknown>)[name];
    if (typeof value === 'string') files += Buffer.byteLength(JSON.stringify(value));
  }
  return bytes - files <= maxBodyBytes;
}
// --- end of bulk arguments --------------------------------------------------------------

/** what a document's own walk found, once per parsed document (Apollo Server keeps one per query text) and string limit */
const walked = new WeakMap<DocumentNode, { maxStringLength: number; bulk: ReturnType<typeof bulkInputs>; refusal?: string }>();

/** Refuses prototype-shaped names and over-long strings anywhere in an operation or its variables. */
export function assertHygienic(document: DocumentNode, variables: Record<string, unknown>, maxStringLength: number): void {
  let known = walked.get(document);
  if (!known || known.maxStringLength !== maxStringLength) {
    known = { maxStringLength, bulk: bulkInputs(document) };
    try {
      assertHygienicDocument(document, known.bulk, maxStringLength);
    } catch (err) {
      if (!(err instanceof GraphQLError)) throw err;
      known.refusal = err.message;
    }
    walked.set(document, known);
  }
  // a fresh error each time: a request's error is its own to annotate
  if (known.refusal) throw refuse(known.refusal);
  const bulk = known.bulk;
  for (const key of Object.keys(variables)) {
    if (PROTOTYPE_NAMES.has(key)) throw refuse(`the variables hold the key ${JSON.stringify(key)}`);
    checkValue(variables[key], `$${key}`, bulk.variables.has(key) ? MAX_BULK_STRING_LENGTH : maxStringLength);
  }
}

function assertHygienicDocument(document: DocumentNode, bulk: ReturnType<typeof bulkInputs>, maxStringLength: number): void {
  visit(document, {
    Field(node) {
      if (node.alias && PROTOTYPE_NAMES.has(node.alias.value)) throw refuse(`an alias may not be named ${node.alias.value}`);
    },
    VariableDefinition(node) {
      if (PROTOTYPE_NAMES.has(node.variable.name.value)) throw refuse(`a variable may not be named ${node.variable.name.value}`);
    },
    StringValue(node) {
      const limit = bulk.literals.has(node) ? MAX_BULK_STRING_LENGTH : maxStringLength;
      if (node.value.length > limit) throw refuse(`a string in the operation is longer than ${limit} characters`);
    },
  });
}
