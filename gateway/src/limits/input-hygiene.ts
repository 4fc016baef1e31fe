import { GraphQLError, visit, type DocumentNode } from 'graphql';
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

/** Refuses prototype-shaped names and over-long strings anywhere in an operation or its variables. */
export function assertHygienic(document: DocumentNode, variables: Record<string, unknown>, maxStringLength: number): void {
  visit(document, {
    Field(node) {
      if (node.alias && PROTOTYPE_NAMES.has(node.alias.value)) throw refuse(`an alias may not be named ${node.alias.value}`);
    },
    VariableDefinition(node) {
      if (PROTOTYPE_NAMES.has(node.variable.name.value)) throw refuse(`a variable may not be named ${node.variable.name.value}`);
    },
    StringValue(node) {
      if (node.value.length > maxStringLength) throw refuse(`a string in the operation is longer than ${maxStringLength} characters`);
    },
  });
  for (const key of Object.keys(variables)) {
    if (PROTOTYPE_NAMES.has(key)) throw refuse(`the variables hold the key ${JSON.stringify(key)}`);
    checkValue(variables[key], `$${key}`, maxStringLength);
  }
}
