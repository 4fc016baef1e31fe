import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import {
  DomainError,
  ErrorCode,
  badInput,
  conflict,
  exactlyOne,
  isClientError,
  isOperationalError,
  maskInternalErrors,
  notFound,
} from './errors';

/** The DomainError a call throws. */
function thrown(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw new Error(`expected a DomainError, got ${String(error)}`, { cause: error });
  }
  throw new Error('expected a DomainError, but nothing was thrown');
}

/** exactlyOne: a lookup with alternative arguments takes one of them, never none or two. */
describe('exactlyOne', () => {
  it('returns the name of the one argument given', () => {
    expect(exactlyOne({ id: undefined, code: 'SICHUAN_CHEF', name: undefined }, 'brand')).toBe('code');
    expect(exactlyOne({ id: 'b-1', code: null, name: undefined }, 'brand')).toBe('id');
  });

  it('counts falsy values that are not null or undefined as given', () => {
    expect(exactlyOne({ id: '', code: undefined }, 'brand')).toBe('id');
    expect(exactlyOne({ year: 0, code: null }, 'assessment')).toBe('year');
  });

  it('refuses none, as BAD_USER_INPUT naming the field and its arguments', () => {
    const error = thrown(() => exactlyOne({ id: undefined, code: null, name: undefined }, 'brand'));
    expect(error.extensions.code).toBe(ErrorCode.BAD_USER_INPUT);
    expect(error.message).toBe('brand takes exactly one of (id, code, name), got none');
    expect(error.extensions.argumentNames).toEqual([]);
  });

  it('refuses two, naming both', () => {
    const error = thrown(() => exactlyOne({ id: 'b-1', code: 'SICHUAN_CHEF', name: undefined }, 'brand'));
    expect(error.extensions.code).toBe(ErrorCode.BAD_USER_INPUT);
    expect(error.message).toBe('brand takes exactly one of (id, code, name), got id and code');
    expect(error.extensions.argumentNames).toEqual(['id', 'code']);
  });
});

/** DomainError and its helpers: a stable code that details can never overwrite. */
describe('DomainError', () => {
  it('carries its code and details in extensions', () => {
    expect(badInput('bad').extensions).toEqual({ code: 'BAD_USER_INPUT' });
    expect(notFound('no base', { id: 'x' }).extensions).toEqual({ id: 'x', code: 'NOT_FOUND' });
    expect(conflict('second main base', { cityCode: '510100' }).extensions).toEqual({ cityCode: '510100', code: 'CONFLICT' });
    expect(conflict('x')).toBeInstanceOf(GraphQLError);
  });

  it('keeps its own code when details hold a code too', () => {
    expect(badInput('bad', { code: 'INTERNAL_SERVER_ERROR' }).extensions.code).toBe('BAD_USER_INPUT');
  });
});

/** isClientError: only codes a client can act on count as the client's error. */
describe('isClientError', () => {
  it.each([
    ...Object.values(ErrorCode).filter((c) => c !== 'INTERNAL_SERVER_ERROR' && c !== 'SUBGRAPH_UNAVAILABLE'),
    ...[
      'GRAPHQL_PARSE_FAILED',
      'GRAPHQL_VALIDATION_FAILED',
      'BAD_REQUEST',
      'OPERATION_RESOLUTION_FAILURE',
      'PERSISTED_QUERY_NOT_FOUND',
      'PERSISTED_QUERY_NOT_SUPPORTED',
    ],
  ])('is true for %s', (code) => {
    expect(isClientError({ extensions: { code } })).toBe(true);
  });

  it('is false for SUBGRAPH_UNAVAILABLE: not the client’s doing, though shown to it as it is', () => {
    const unavailable = {
      message: 'the evaluation subgraph did not answer within 5000 ms',
      extensions: { code: 'SUBGRAPH_UNAVAILABLE', service: 'evaluation' },
    };
    expect(isClientError(unavailable)).toBe(false);
    expect(isOperationalError(unavailable)).toBe(true);
    expect(maskInternalErrors(unavailable)).toEqual(unavailable);
  });

  it('is true for an error with no code that Apollo Server raised with a 4xx status', () => {
    expect(isClientError({ extensions: { http: { status: 400 } } })).toBe(true);
  });

  it.each([
    [{}],
    [{ extensions: {} }],
    [{ extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
    [{ extensions: { code: 'SQLITE_CONSTRAINT' } }],
    [{ extensions: { code: 'bad_user_input' } }],
    [{ extensions: { http: { status: 500 } } }],
    [{ extensions: { code: 'INTERNAL_SERVER_ERROR', http: { status: 400 } } }],
  ])('is false for %p', (error) => {
    expect(isClientError(error)).toBe(false);
  });
});

/** maskInternalErrors: client errors reach clients whole; anything else only as a generic message. */
describe('maskInternalErrors', () => {
  const where = { path: ['brand', 'bases', 0, 'operator'], locations: [{ line: 3, column: 5 }] };

  it('passes a client error through with its message and details', () => {
    const formatted = new GraphQLError('a main base for this brand already exists in 510100', {
      ...where,
      extensions: { code: 'CONFLICT', cityCode: '510100' },
    }).toJSON();
    expect(maskInternalErrors(formatted)).toEqual(formatted);
    expect(maskInternalErrors(formatted).message).toBe('a main base for this brand already exists in 510100');
  });

  it('strips the subgraph’s name the gateway adds (serviceName): it would map the graph’s layout', () => {
    const formatted: GraphQLFormattedError = {
      message: 'no organisation has id 00000000-0000-4000-8000-000000000000',
      ...where,
      extensions: { code: 'NOT_FOUND', serviceName: 'bases', field: 'organizationId' },
    };
    expect(maskInternalErrors(formatted)).toEqual({ ...formatted, extensions: { code: 'NOT_FOUND', field: 'organizationId' } });
    const internal = maskInternalErrors({ message: 'SQLITE_BUSY', extensions: { code: 'INTERNAL_SERVER_ERROR', serviceName: 'training' } });
    expect(internal.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
  });

  it('gives an error Apollo Server raised with a 4xx status and no code the code BAD_REQUEST', () => {
    const raised = new GraphQLError('provided sha does not match query', { extensions: { http: { status: 400 } } });
    const formatted: GraphQLFormattedError = { message: raised.message, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
    expect(maskInternalErrors(formatted, raised)).toEqual({
      message: 'provided sha does not match query',
      extensions: { code: 'BAD_REQUEST' },
    });
    const failed = new GraphQLError('connect ECONNREFUSED 10.0.0.7:5432', { extensions: { http: { status: 503 } } });
    expect(maskInternalErrors({ message: failed.message, extensions: { code: 'INTERNAL_SERVER_ERROR' } }, failed)).toEqual({
      message: 'Internal server error',
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  });

  it('passes graphql-js validation errors through', () => {
    const formatted: GraphQLFormattedError = {
      message: 'Cannot query field "bogus" on type "Query".',
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    };
    expect(maskInternalErrors(formatted)).toBe(formatted);
  });

  it.each([
    ['no code', { message: 'SQLITE_ERROR: no such table: base', ...where }],
    [
      'an internal code',
      {
        message: 'connect ECONNREFUSED 10.0.0.7:5432',
        ...where,
        extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['Error: connect', '    at TCPConnectWrap'] },
      },
    ],
    [
      'an unknown code',
      {
        message: 'duplicate key value violates unique constraint "organization_credit_code_key"',
        ...where,
        extensions: { code: '23505', sql: 'INSERT INTO organization …', serviceUrl: 'http://bases:4002/graphql' },
      },
    ],
  ])('hides an error with %s: generic message, only the code, path and locations kept', (_case, formatted: GraphQLFormattedError) => {
    const masked = maskInternalErrors(formatted);
    expect(masked.message).toBe('Internal server error');
    expect(masked.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
    expect(masked.path).toEqual(where.path);
    expect(masked.locations).toEqual(where.locations);
    expect(
      Object.keys(masked)
        .filter((k) => masked[k as keyof GraphQLFormattedError] !== undefined)
        .sort(),
    ).toEqual(['extensions', 'locations', 'message', 'path']);
    expect(JSON.stringify(masked)).not.toMatch(/SQLITE|ECONNREFUSED|10\.0\.0\.7|INSERT|duplicate|bases:4002|stacktrace/);
  });
});
