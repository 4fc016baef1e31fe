import { GraphQLError, type GraphQLFormattedError } from 'graphql';

/**
 * The error codes clients may rely on (`extensions.code`). Each names what went wrong in
 * the client's terms; internals (SQL, stacks, URLs) stay in the logs.
 */
export const ErrorCode = {
  /** an argument is malformed or arguments contradict each other */
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  /** a referenced record does not exist */
  NOT_FOUND: 'NOT_FOUND',
  /** the write would break a uniqueness rule (duplicate code, second main base …) */
  CONFLICT: 'CONFLICT',
  /** a status move the workflow does not allow */
  INVALID_TRANSITION: 'INVALID_TRANSITION',
  /** the operation asks more of the graph than the gateway's limits allow (depth, aliases, directives, cost) */
  OPERATION_LIMIT_EXCEEDED: 'OPERATION_LIMIT_EXCEEDED',
  /** a check the request depends on could not be made now; the same request may succeed later */
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  /** one part of the graph (`extensions.service`) did not answer in time: its fields are null, the rest of the answer is whole */
  SUBGRAPH_UNAVAILABLE: 'SUBGRAPH_UNAVAILABLE',
  /** a partner's schema failed the registry's checks (`extensions.problems` says each reason); nothing was changed */
  PARTNER_REFUSED: 'PARTNER_REFUSED',
  /** the organisation or subject is on the dishonesty list (失信惩戒): no application, roster addition, licence, honour or support for it */
  SUBJECT_DISHONEST: 'SUBJECT_DISHONEST',
  /** the subject was taken off the roster (取消资格) before the period the act concerns */
  SUBJECT_DISQUALIFIED: 'SUBJECT_DISQUALIFIED',
  /** a brand usage licence's qualifications (使用资格条件) are not met (`extensions.unmet` lists each) */
  QUALIFICATION_NOT_MET: 'QUALIFICATION_NOT_MET',
  /** a client that may send only its registered operations (REGISTERED_ONLY_CLIENTS, the dashboard) sent another */
  PERSISTED_QUERY_NOT_IN_LIST: 'PERSISTED_QUERY_NOT_IN_LIST',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** An error a client caused and can correct; its message is safe to show. */
export class DomainError extends GraphQLError {
  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message, { extensions: { ...details, code } });
  }
}

export const badInput = (message: string, details?: Record<string, unknown>) => new DomainError(ErrorCode.BAD_USER_INPUT, message, details);
export const notFound = (message: string, details?: Record<string, unknown>) => new DomainError(ErrorCode.NOT_FOUND, message, details);
export const conflict = (message: string, details?: Record<string, unknown>) => new DomainError(ErrorCode.CONFLICT, message, details);

/** Refuses a lookup given anything but exactly one of its alternative arguments. */
export function exactlyOne<T extends Record<string, unknown>>(args: T, field: string): keyof T {
  const given = Object.keys(args).filter((k) => args[k] !== undefined && args[k] !== null);
  if (given.length !== 1) {
    throw badInput(
      `${field} takes exactly one of (${Object.keys(args).join(', ')}), got ${given.length === 0 ? 'none' : given.join(' and ')}`,
      {
        argumentNames: given,
      },
    );
  }
  return given[0] as keyof T;
}

/** codes of errors that are not the client's doing but are shown to it as they are: they say which part of the graph to wait for */
const OPERATIONAL_CODES = new Set<string>([ErrorCode.SUBGRAPH_UNAVAILABLE]);

const CLIENT_CODES = new Set<string>([
  ...Object.values(ErrorCode).filter((c) => c !== ErrorCode.INTERNAL_SERVER_ERROR && !OPERATIONAL_CODES.has(c)),
  // raised by graphql-js and Apollo Server themselves for a malformed operation
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

/**
 * True when the client caused the error and its message is safe to show: a client code, or no
 * code but a 4xx status, which Apollo Server sets on a few refusals (a persisted query's
 * unsupported version or mismatched hash) that formatting would otherwise call internal.
 */
export function isClientError(error: { extensions?: Record<string, unknown> }): boolean {
  const code = error.extensions?.code;
  if (code === undefined) {
    const status = (error.extensions?.http as { status?: unknown } | undefined)?.status;
    return typeof status === 'number' && status >= 400 && status < 500;
  }
  return CLIENT_CODES.has(String(code));
}

/** True for an error about the graph's own state that the client is shown as it is (a part that did not answer), though it did not cause it. */
export function isOperationalError(error: { extensions?: Record<string, unknown> }): boolean {
  return OPERATIONAL_CODES.has(String(error.extensions?.code));
}

/**
 * Apollo Server's formatError: client errors pass as they are, and so do operational ones; anything else (a failed SQL
 * statement, a bug) reaches the client only as a generic message, and the logs keep the rest.
 */
export function maskInternalErrors(formatted: GraphQLFormattedError, error?: unknown): GraphQLFormattedError {
  if (isClientError(formatted) || isOperationalError(formatted)) return withoutServiceName(formatted);
  // a statement PostgreSQL cancelled at its statement_timeout: the request asked too much, not a fault
  if (databaseTimeExceeded(error)) {
    const refusal = databaseTimeRefusal();
    return { message: refusal.message, path: formatted.path, locations: formatted.locations, extensions: refusal.extensions };
  }
  // formatting has already moved the status off and called the codeless error internal: the error as raised still says whose it is
  if (error instanceof GraphQLError && isClientError(error))
    return withoutServiceName({ ...formatted, extensions: { ...formatted.extensions, code: 'BAD_REQUEST' } });
  return {
    message: 'Internal server error',
    path: formatted.path,
    locations: formatted.locations,
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
  };
}

/**
 * Apollo Gateway names the subgraph that raised an error (`extensions.serviceName`): that maps
 * the graph's layout for an attacker, so clients never see it; errorLogging logs it with every internal error.
 */
function withoutServiceName(formatted: GraphQLFormattedError): GraphQLFormattedError {
  if (formatted.extensions?.serviceName === undefined) return formatted;
  const { serviceName: _logged, ...extensions } = formatted.extensions;
  return { ...formatted, extensions };
}

/** What a failed write broke, read from either database's error. */
export function constraintViolated(err: unknown): 'unique' | 'foreign-key' | 'check' | null {
  const driver = (err as { driverError?: { code?: string } })?.driverError ?? (err as { code?: string });
  switch (driver?.code) {
    case '23505':
    case 'SQLITE_CONSTRAINT_UNIQUE':
    case 'SQLITE_CONSTRAINT_PRIMARYKEY':
      return 'unique';
    case '23503':
    case 'SQLITE_CONSTRAINT_FOREIGNKEY':
      return 'foreign-key';
    case '23514':
    case 'SQLITE_CONSTRAINT_CHECK':
      return 'check';
    default:
      return null;
  }
}

/** The limit a request's database time is refused under (`extensions.limit`), on either database. */
export const DATABASE_TIME_LIMIT = 'database time';

/** The client's answer when a request's SQL ran past its statement timeout (PostgreSQL) or its time budget (SQLite). */
export const databaseTimeRefusal = () =>
  new DomainError(
    ErrorCode.OPERATION_LIMIT_EXCEEDED,
    'the operation needs more database time than one request may take; ask for fewer counts or smaller pages',
    { limit: DATABASE_TIME_LIMIT },
  );

/** True when PostgreSQL cancelled a statement (SQLSTATE 57014: statement_timeout), however deep the error is wrapped. */
export function databaseTimeExceeded(err: unknown): boolean {
  for (let cause = err as { originalError?: unknown; driverError?: { code?: string }; code?: string } | undefined; cause;) {
    if (cause.code === '57014' || cause.driverError?.code === '57014') return true;
    cause = cause.originalError as typeof cause;
  }
  return false;
}
