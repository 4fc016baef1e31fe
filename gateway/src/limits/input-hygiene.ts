import { GraphQLError, visit, type DocumentNode } from 'graphql';
import { ErrorCode } from '@skills-sichuan/kit';

/** Names that reach JavaScript objects' prototypes: never an alias, a variable or a key of a variable's value. */
const PROTOTYPE_NAMES = new Set(['__proto__', 'constructor', 'prototype']);

const refuse = (message: string) => new GraphQLError(message, { extensions: { code: ErrorCode.BAD_USER_INPUT, http: { status: 400 } } });

function checkValue(value: unknown, path: string, maxStringLength: number): void {
  if (typeof value === 'string') {
    if (value.length > maxStringLength) throw refuse(`variable ${path} is longer than ${maxStringLength} characters`);
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => checkValue(item, `${path}[${i}]`, maxStringLength));
  } else if (value && typeof value === 'object') {
    for (const key of Object.keys(value)) {
      if (PROTOTYPE_NAMES.has(key)) throw refuse(`variable ${path} holds the key ${JSON.stringify(key)}, which no input has`);
      checkValue((value as Record<string, unknown>)[key], `${path}.${key}`, maxStringLength);
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
