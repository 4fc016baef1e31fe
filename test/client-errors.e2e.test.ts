import { GraphQLDataSourceRequestKind } from '@apollo/gateway/dist/datasources/types';
import { serviceConnections } from '../gateway/src/services/connections';
import { fetchMetrics, GraphHealth } from '../gateway/src/services/health';
import { isClientRefusal } from '../gateway/src/services/service-client';
import { SubgraphClient } from '../gateway/src/services/subgraph-client';
import { createLogger, ServiceMetrics } from '@skills-sichuan/runtime';
import { fewestSqlDuring, startGraph, type Graph } from './graph';

/** A well-formed request that is the client's mistake: what goes over HTTP, and the 4xx, code and message it must get. */
interface Mistake {
  name: string;
  /** a JSON body to POST, or a query string to GET with the preflight header */
  body?: unknown;
  get?: string;
  expect: { status: number; code: string; message?: RegExp };
}

const ROSTER = 'rosterDecisions(filter: { decidedFrom: $d }) { totalCount }';
const get = (params: Record<string, string>) => `?${new URLSearchParams(params)}`;

const MISTAKES: Mistake[] = [
  // picking the operation
  {
    name: 'two operations and no operationName',
    body: { query: 'query Cities { cities { code } } query Brands { brands { code } }' },
    expect: {
      status: 400,
      code: 'OPERATION_RESOLUTION_FAILURE',
      message: /^Must provide operation name if query contains multiple operations\.$/,
    },
  },
  {
    name: 'two operations and no operationName, over GET',
    get: get({ query: 'query Cities { cities { code } } query Brands { brands { code } }' }),
    expect: { status: 400, code: 'OPERATION_RESOLUTION_FAILURE', message: /Must provide operation name/ },
  },
  {
    name: 'an unknown operationName',
    body: { query: 'query Cities { cities { code } }', operationName: 'Brands' },
    expect: { status: 400, code: 'OPERATION_RESOLUTION_FAILURE', message: /^Unknown operation named "Brands"\.$/ },
  },
  {
    name: 'an operationName that is not a string',
    body: { query: 'query Cities { cities { code } }', operationName: 7 },
    expect: { status: 400, code: 'BAD_REQUEST', message: /operationName/ },
  },
  // what the gateway does not execute
  {
    name: 'a subscription',
    body: { query: 'subscription { cities { code } }' },
    expect: { status: 400, code: 'GRAPHQL_VALIDATION_FAILED', message: /subscription operation is not supported/ },
  },
  {
    name: 'a subscription over GET',
    get: get({ query: 'subscription { cities { code } }' }),
    expect: { status: 405, code: 'BAD_REQUEST', message: /GET requests only support query operations/ },
  },
  // the supergraph declares neither: they are unknown directives, as anywhere else
  {
    name: '@defer',
    body: { query: '{ cities { code ... @defer { name } } }' },
    expect: { status: 400, code: 'GRAPHQL_VALIDATION_FAILED', message: /Unknown directive "@defer"/ },
  },
  {
    name: '@stream',
    body: { query: '{ cities @stream { code } }' },
    expect: { status: 400, code: 'GRAPHQL_VALIDATION_FAILED', message: /Unknown directive "@stream"/ },
  },
  {
    name: 'a subgraph’s own _entities field',
    body: { query: '{ _entities(representations: []) { __typename } }' },
    expect: { status: 400, code: 'GRAPHQL_VALIDATION_FAILED' },
  },
  // Dates, refused by the gateway with the kit's own parsing
  {
    name: 'a Date literal that is no date',
    body: { query: '{ rosterDecisions(filter: { decidedFrom: "9999-99-99" }) { totalCount } }' },
    expect: { status: 400, code: 'GRAPHQL_VALIDATION_FAILED', message: /Date must be an ISO 8601 calendar date.*"9999-99-99"/ },
  },
  {
    name: 'a Date literal that is a number',
    body: { query: '{ rosterDecisions(filter: { decidedFrom: 20250101 }) { totalCount } }' },
    expect: { status: 400, code: 'GRAPHQL_VALIDATION_FAILED', message: /Date must be a string/ },
  },
  {
    name: 'a Date variable on a day that does not exist',
    body: { query: `query ($d: Date) { ${ROSTER} }`, variables: { d: '2025-02-30' } },
    expect: { status: 400, code: 'BAD_USER_INPUT', message: /^Variable "\$d" got invalid value "2025-02-30"; Date must be/ },
  },
  {
    name: 'a Date variable that is an object',
    body: { query: `query ($d: Date) { ${ROSTER} }`, variables: { d: { year: 2025 } } },
    expect: { status: 400, code: 'BAD_USER_INPUT', message: /Date must be/ },
  },
  {
    name: 'a Date inside an input-object variable',
    body: {
      query: 'query ($f: RosterDecisionFilter) { rosterDecisions(filter: $f) { totalCount } }',
      variables: { f: { decidedTo: '2025-02-30' } },
    },
    expect: { status: 400, code: 'BAD_USER_INPUT', message: /at "f\.decidedTo"; Date must be/ },
  },
  {
    name: 'a Date variable’s default that is no date',
    body: { query: `query ($d: Date = "2025-02-30") { ${ROSTER} }` },
    expect: { status: 400, code: 'GRAPHQL_VALIDATION_FAILED', message: /Date must be/ },
  },
  // variables and literals graphql-js refuses
  {
    name: 'a string for an Int variable',
    body: { query: 'query ($n: Int!) { usageLicences(first: $n) { totalCount } }', variables: { n: 'ten' } },
    expect: { status: 400, code: 'BAD_USER_INPUT', message: /Int cannot represent non-integer value/ },
  },
  {
    name: 'null for a non-null variable',
    body: { query: 'query ($n: Int!) { usageLicences(first: $n) { totalCount } }', variables: { n: null } },
    expect: { status: 400, code: 'BAD_USER_INPUT', message: /must not be null/ },
  },
  {
    name: 'a non-null variable left out',
    body: { query: 'query ($n: Int!) { usageLicences(first: $n) { totalCount } }' },
    expect: { status: 400, code: 'BAD_USER_INPUT', message: /was not provided/ },
  },
  {
    name: 'an Int variable past 32 bits',
    body: { query: 'query ($n: Int!) { usageLicences(first: $n) { totalCount } }', variables: { n: 2 ** 31 } },
    expect: { status: 400, code: 'BAD_USER_INPUT', message: /non 32-bit signed integer/ },
  },
  {
    name: 'an Int literal past 32 bits',
    body: { query: '{ usageLicences(first: 99999999999999) { totalCount } }' },
    expect: { status: 400, code: 'GRAPHQL_VALIDATION_FAILED', message: /non 32-bit signed integer/ },
  },
  {
    name: 'a fraction for an Int variable',
    body: { query: 'query ($n: Int!) { usageLicences(first: $n) { totalCount } }', variables: { n: 1.5 } },
    expect: { status: 400, code: 'BAD_USER_INPUT' },
  },
  {
    name: 'an enum variable outside the enum',
    body: { query: 'query ($s: IndustrySector) { brands(sector: $s) { code } }', variables: { s: 'QUATERNARY' } },
    expect: { status: 400, code: 'BAD_USER_INPUT', message: /does not exist in "IndustrySector"/ },
  },
  {
    name: 'a fragment on an unknown type',
    body: { query: '{ cities { ...F } } fragment F on Town { code }' },
    expect: { status: 400, code: 'GRAPHQL_VALIDATION_FAILED', message: /Unknown type "Town"/ },
  },
  // the request envelope
  {
    name: 'extensions that are a string',
    body: { query: '{ cities { code } }', extensions: 'persisted' },
    expect: { status: 400, code: 'BAD_REQUEST' },
  },
  {
    name: 'extensions that are an array',
    body: { query: '{ cities { code } }', extensions: [1] },
    expect: { status: 400, code: 'BAD_REQUEST' },
  },
  {
    name: 'variables that are a string',
    body: { query: '{ cities { code } }', variables: '{}' },
    expect: { status: 400, code: 'BAD_REQUEST' },
  },
  { name: 'a query that is not a string', body: { query: 5 }, expect: { status: 400, code: 'BAD_REQUEST' } },
  {
    name: 'variables over GET that are not JSON',
    get: get({ query: '{ cities { code } }', variables: '{' }),
    expect: { status: 400, code: 'BAD_REQUEST' },
  },
  {
    name: 'a persisted query of a version Apollo does not speak',
    body: { query: '{ cities { code } }', extensions: { persistedQuery: { version: 2, sha256Hash: 'abc' } } },
    expect: { status: 400, code: 'BAD_REQUEST', message: /Unsupported persisted query version/ },
  },
];

/**
 * A client's mistake in a well-formed HTTP request gets a 4xx with a stable code and a clear
 * message, never a 500 or INTERNAL_SERVER_ERROR; a refusal before execution (no data) is a
 * 400, while a field error during execution stays a 200 beside its data, as GraphQL over HTTP asks.
 */
describe('client errors through the gateway', () => {
  let graph: Graph;
  beforeAll(async () => {
    graph = await startGraph();
  });
  afterAll(async () => {
    await graph?.stop();
  });

  async function send(mistake: Pick<Mistake, 'body' | 'get'>) {
    const response = mistake.get
      ? await fetch(graph.url + mistake.get, { headers: { 'apollo-require-preflight': 'true' } })
      : await fetch(graph.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(mistake.body) });
    const text = await response.text();
    return { status: response.status, text, body: JSON.parse(text) };
  }

  it.each(MISTAKES.map((m) => [m.name, m] as const))('refuses %s', async (_name, mistake) => {
    let answer!: Awaited<ReturnType<typeof send>>;
    // refused before any subgraph is asked (each time: the mistake is sent twice)
    const sql = await fewestSqlDuring(graph, async () => {
      answer = await send(mistake);
    });
    expect(answer.text).not.toContain('INTERNAL_SERVER_ERROR');
    expect({ status: answer.status, code: answer.body.errors?.[0]?.extensions?.code }).toEqual({
      status: mistake.expect.status,
      code: mistake.expect.code,
    });
    if (mistake.expect.message) expect(answer.body.errors[0].message).toMatch(mistake.expect.message);
    expect(answer.body.data).toBeUndefined();
    expect(Object.values(sql).every((n) => n === 0)).toBe(true);
  });

  it('points at a refused Date literal in the client’s operation', async () => {
    const { body } = await send({ body: { query: '{\n  rosterDecisions(filter: { decidedFrom: "2025-02-30" }) { totalCount }\n}' } });
    expect(body.errors[0].locations).toEqual([{ line: 2, column: 42 }]);
  });

  it.each([
    ['a Date that is a real day', { query: `query ($d: Date) { ${ROSTER} }`, variables: { d: '2024-02-29' } }],
    ['only __typename', { query: '{ __typename }' }],
    ['only __typename on a mutation', { query: 'mutation { __typename }' }],
    ['introspection beside a field', { query: '{ __type(name: "Brand") { name } cities { code } }' }],
    ['every field skipped', { query: '{ cities @skip(if: true) { code } }' }],
    [
      'two operations with an operationName',
      { query: 'query Cities { cities { code } } query Brands { brands { code } }', operationName: 'Brands' },
    ],
  ])('answers %s with data and no error', async (_name, body) => {
    const answer = await send({ body });
    expect(answer.status).toBe(200);
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data).toEqual(expect.any(Object));
  });

  // the automatic-persisted-query protocol, not a mistake: the client is told to send the query with its hash, and does
  it('asks for the query behind an unknown persisted-query hash with a 200 and a stable code', async () => {
    const answer = await send({ body: { extensions: { persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } } } });
    expect(answer.status).toBe(200);
    expect(answer.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  it('keeps a field error a 200 beside its data, with the subgraph’s code', async () => {
    const answer = await send({ body: { query: '{ usageLicences(first: 501) { totalCount } }' } });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      data: null,
      errors: [{ message: 'first must be from 1 to 500, got 501', extensions: { code: 'BAD_USER_INPUT' } }],
    });
  });
});

/** The SubgraphClient passes on a subgraph's refusal of the client's input as that client error, and keeps any other refusal internal. */
describe('a subgraph refusing a request the gateway let through', () => {
  let graph: Graph;
  const connections = serviceConnections();
  const metrics = new ServiceMetrics('gateway');
  const health = new GraphHealth(createLogger('gateway'), isClientRefusal, metrics);
  const deps = { connections, health: health.of('bases'), metrics: fetchMetrics(metrics) };
  beforeAll(async () => {
    graph = await startGraph();
  });
  afterAll(async () => {
    health.stop();
    connections.close();
    await graph?.stop();
  });

  // the gateway no longer lets a bad Date through; a call straight from its SubgraphClient stands in for a scalar the gateway cannot check
  const badDate = {
    query: 'query ($d: Date) { rosterDecisions(filter: { decidedFrom: $d }) { totalCount } }',
    variables: { d: '2025-02-30' },
  };
  const call = (secret: string) =>
    new SubgraphClient(graph.subgraphs.bases.url, deps, 'bases', () => 5_000, secret).process({
      kind: GraphQLDataSourceRequestKind.HEALTH_CHECK,
      request: badDate,
      context: {},
    });

  it('answers with the subgraph’s client error, its code, and a 400 for the gateway to send', async () => {
    const response = await call(graph.secrets.subgraph('bases'));
    expect(response.data).toBeUndefined();
    expect(response.errors).toEqual([
      {
        message: expect.stringMatching(/^Variable "\$d" got invalid value "2025-02-30"; Date must be/),
        extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', http: { status: 400 } }),
      },
    ]);
  });

  it('throws a refused signature as the gateway’s own error: no client code, no subgraph address', async () => {
    const error = await call('not-the-secret').then(
      () => undefined,
      (e: { message: string; extensions: Record<string, unknown> }) => e,
    );
    expect(error?.message).toBe('the bases subgraph answered HTTP 401');
    expect(error?.extensions.code).toBeUndefined();
  });
});
