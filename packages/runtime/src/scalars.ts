import { GraphQLError, GraphQLScalarType, Kind, isScalarType, isSpecifiedScalarType, type GraphQLSchema, type ValueNode } from 'graphql';
import { ErrorCode } from './errors';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar day written YYYY-MM-DD (2025-02-30 is not one). */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d); // not Date.UTC, which reads years 0–99 as 1900–1999
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** BAD_USER_INPUT, pointing at the literal when there is one, so the client sees where in its operation. */
const refuse = (message: string, node?: ValueNode) =>
  new GraphQLError(message, { nodes: node, extensions: { code: ErrorCode.BAD_USER_INPUT } });

function parseDate(value: unknown, node?: ValueNode): string {
  if (typeof value !== 'string' || !isIsoDate(value)) {
    throw refuse(`Date must be an ISO 8601 calendar date such as "2025-12-31", got ${JSON.stringify(value)}`, node);
  }
  return value;
}

/**
 * A calendar date kept as its ISO string end to end: databases store `date` columns as
 * 'YYYY-MM-DD', so no time zone ever shifts a day.
 */
export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'ISO 8601 calendar date, e.g. "2025-12-31"',
  // a bad value on the way out is the server's fault, not the client's: a plain error, masked as internal
  serialize: (value) => {
    if (typeof value === 'string' && isIsoDate(value)) return value;
    throw new TypeError(`Date cannot represent ${JSON.stringify(value)}: the database holds something that is not a calendar date`);
  },
  parseValue: parseDate,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw refuse('Date must be a string such as "2025-12-31"', ast);
    return parseDate(ast.value, ast);
  },
});

/** Every custom scalar the subgraphs declare, by its name in the composed schema. */
export const CUSTOM_SCALARS: readonly GraphQLScalarType[] = [DateScalar];

/**
 * Gives a schema built from SDL (the gateway's, from the supergraph), whose custom scalars
 * accept anything, the kit's parsing for each one it declares, so a malformed value is the
 * client's 400 at the gateway instead of a refusal from a subgraph. Output is left as it is:
 * the gateway passes on what subgraphs serialized. Returns the custom scalars left unchecked.
 */
export function adoptScalarParsing(schema: GraphQLSchema): string[] {
  const known = new Map(CUSTOM_SCALARS.map((scalar) => [scalar.name, scalar]));
  const unchecked: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isScalarType(type) || isSpecifiedScalarType(type)) continue;
    const kit = known.get(type.name);
    if (!kit) {
      unchecked.push(type.name);
      continue;
    }
    if (kit === type) continue;
    // the schema's own instance is patched in place: Apollo Server validates literals, and the gateway coerces variables, against this very object
    type.parseValue = kit.parseValue;
    type.parseLiteral = kit.parseLiteral;
  }
  return unchecked;
}
