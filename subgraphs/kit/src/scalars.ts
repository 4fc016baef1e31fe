import { GraphQLScalarType, Kind } from 'graphql';
import { badInput } from './errors';

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

function parseDate(value: unknown): string {
  if (typeof value !== 'string' || !isIsoDate(value)) {
    throw badInput(`Date must be an ISO 8601 calendar date such as "2025-12-31", got ${JSON.stringify(value)}`);
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
    if (ast.kind !== Kind.STRING) throw badInput('Date must be a string such as "2025-12-31"');
    return parseDate(ast.value);
  },
});
