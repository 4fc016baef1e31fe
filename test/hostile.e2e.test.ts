import { FIRST_QUERY, startGateway } from '@skills-sichuan/gateway';
import { isClientError, type RunningService } from '@skills-sichuan/runtime';
import { generateProgram } from './program';
import { startGraph, TEST_PROGRAM, type Graph, type Json } from './graph';

/** One hostile request: what is sent, and where (the development gateway, the production one, or a subgraph). */
interface Hostile {
  name: string;
  target?: 'gateway' | 'production' | 'brands' | 'evaluation';
  method?: 'GET' | 'POST';
  path?: string;
  headers?: Record<string, string>;
  /** a JSON body, or a raw string sent as it is */
  body?: unknown;
  raw?: string;
  /** how it must be refused: an HTTP status, an error code, or both; `harmless` accepts a clean answer that leaks nothing */
  expect: { status?: number; code?: string; message?: RegExp; harmless?: (data: Record<string, unknown> | null | undefined) => boolean };
}

const nest = (levels: number, inner: string, wrap: (s: string) => string) =>
  Array.from({ length: levels }).reduce<string>((s) => wrap(s), inner);
const q = (query: string, variables?: Record<string, unknown>) => ({ query, variables });
const INJECTIONS = [
  "' OR '1'='1",
  "x'; DROP TABLE brand; --",
  '" OR ""="',
  '1; SELECT pg_sleep(5) --',
  "') UNION SELECT credit_code FROM organization --",
];

function corpus(digitalId: string): Hostile[] {
  const cases: Hostile[] = [
    // depth bombs
    {
      name: 'a 20-deep parent chain',
      body: q(`{ brand(code: "DIGITAL_CRAFTSMAN.AI_TRAINER") { ${nest(20, 'code', (s) => `parent { ${s} }`)} } }`),
      expect: { status: 400, code: 'OPERATION_LIMIT_EXCEEDED', message: /depth/ },
    },
    {
      name: 'a 15-deep subBrands chain',
      body: q(`{ brands { ${nest(15, 'code', (s) => `subBrands { ${s} }`)} } }`),
      expect: { status: 400, code: 'OPERATION_LIMIT_EXCEEDED', message: /depth/ },
    },
    {
      name: 'a cross-subgraph cycle base → brand → bases ×6',
      body: q(`{ brand(code: "NEW_FARMER") { ${nest(6, 'name', (s) => `bases { brand { ${s} } }`)} } }`),
      expect: { status: 400, code: 'OPERATION_LIMIT_EXCEEDED' },
    },
    // fragment cycles and bombs
    {
      name: 'a fragment cycle',
      body: q(`{ brands { ...A } } fragment A on Brand { parent { ...B } } fragment B on Brand { subBrands { ...A } }`),
      expect: { status: 400, code: 'GRAPHQL_VALIDATION_FAILED', message: /cannot spread fragment/i },
    },
    {
      name: 'a fragment spreading itself',
      body: q(`{ brands { ...A } } fragment A on Brand { code ...A }`),
      expect: { status: 400, code: 'GRAPHQL_VALIDATION_FAILED' },
    },
    {
      name: 'an exponential fragment bomb',
      body: q(
        `{ brands { ...F9 } } fragment F0 on Brand { code } ${Array.from({ length: 9 }, (_, i) => `fragment F${i + 1} on Brand { a${i}: parent { ...F${i} } b${i}: parent { ...F${i} } }`).join(' ')}`,
      ),
      expect: { status: 400, code: 'OPERATION_LIMIT_EXCEEDED' },
    },
    // alias and directive floods
    {
      name: '100 aliases of brands',
      body: q(`{ ${Array.from({ length: 100 }, (_, i) => `a${i}: brands { code }`).join(' ')} }`),
      expect: { status: 400, code: 'OPERATION_LIMIT_EXCEEDED', message: /aliases/ },
    },
    {
      name: '40 aliases of the first query’s expensive field',
      body: q(
        `{ brand(code: "DIGITAL_CRAFTSMAN") { ${Array.from({ length: 40 }, (_, i) => `b${i}: bases { latestAssessment { result } }`).join(' ')} } }`,
      ),
      expect: { status: 400, code: 'OPERATION_LIMIT_EXCEEDED' },
    },
    {
      name: 'the same directive 50 times on a field',
      body: q(`{ brands ${'@include(if: true) '.repeat(50)}{ code } }`),
      expect: { status: 400, code: 'GRAPHQL_VALIDATION_FAILED' },
    },
    {
      name: '60 fields each with @skip',
      body: q(`{ brands { ${Array.from({ length: 60 }, () => 'code @skip(if: false)').join(' ')} } }`),
      expect: { status: 400, code: 'OPERATION_LIMIT_EXCEEDED', message: /directives/ },
    },
    { name: 'an unknown directive', body: q(`{ brands @evil { code } }`), expect: { status: 400, code: 'GRAPHQL_VALIDATION_FAILED' } },
    // huge lists and pages
    {
      name: 'a page of 100,000',
      body: q(`{ usageLicences(first: 100000) { nodes { licenceNumber } } }`),
      expect: { status: 400, code: 'OPERATION_LIMIT_EXCEEDED', message: /cost/ },
    },
    {
      name: 'a page of 100,000 through a variable',
      body: q(`query ($n: Int!) { usageLicences(first: $n) { nodes { licenceNumber scope } } }`, { n: 100_000 }),
      expect: { status: 400, code: 'OPERATION_LIMIT_EXCEEDED', message: /cost/ },
    },
    {
      name: 'a page of 100,000 through a variable’s default',
      body: q(`query ($n: Int = 100000) { usageLicences(first: $n) { nodes { licenceNumber } } }`),
      expect: { status: 400, code: 'OPERATION_LIMIT_EXCEEDED', message: /cost/ },
    },
    {
      name: 'a page of 100,000 whose nodes hide in a fragment',
      body: q(`{ usageLicences(first: 100000) { ...Page } } fragment Page on UsageLicenceConnection { nodes { licenceNumber scope } }`),
      expect: { status: 400, code: 'OPERATION_LIMIT_EXCEEDED', message: /cost/ },
    },
    {
      name: 'a variable nested 3,000 levels deep',
      raw: `{"query":"query ($v: [ID!]) { cities { code } }","variables":{"v":${'['.repeat(3000)}${']'.repeat(3000)}}}`,
      expect: { status: 400 },
    },
    {
      name: 'a page of 501',
      body: q(`{ usageLicences(first: 501) { totalCount } }`),
      expect: { code: 'BAD_USER_INPUT', message: /first must be from 1 to 500/ },
    },
    { name: 'a negative page', body: q(`{ usageLicences(first: -1) { totalCount } }`), expect: { code: 'BAD_USER_INPUT' } },
    {
      name: 'a forged cursor',
      body: q(`{ usageLicences(first: 5, after: "eyJfX3Byb3RvX18iOjF9") { totalCount } }`),
      expect: { code: 'BAD_USER_INPUT', message: /not a cursor/ },
    },
    {
      name: 'a list of 20,000 ids in the variables (body too large)',
      body: q(
        `mutation ($b: [ID!]!) { draftStandard(input: { code: "T/SCJN 777", title: "批量", category: CULTIVATION, brandIds: $b, draftedByIds: [] }) { id } }`,
        { b: Array.from({ length: 20_000 }, () => digitalId) },
      ),
      expect: { status: 413, code: 'PAYLOAD_TOO_LARGE' },
    },
    // huge strings and token floods
    {
      name: 'a 1 MB body',
      raw: JSON.stringify(q(`{ brand(name: "${'天'.repeat(400_000)}") { code } }`)),
      expect: { status: 413, code: 'PAYLOAD_TOO_LARGE' },
    },
    {
      name: 'a 50,000-character string literal',
      body: q(`{ brand(name: "${'x'.repeat(50_000)}") { code } }`),
      expect: { status: 400, code: 'BAD_USER_INPUT', message: /longer than/ },
    },
    {
      name: 'a 50,000-character string variable',
      body: q(`query ($n: String) { brand(name: $n) { code } }`, { n: 'y'.repeat(50_000) }),
      expect: { status: 400, code: 'BAD_USER_INPUT', message: /longer than/ },
    },
    {
      name: '20,000 tokens',
      body: q(`{ brands { ${'code '.repeat(20_000)}} }`),
      expect: { status: 400, code: 'GRAPHQL_PARSE_FAILED', message: /token/i },
    },
    // prototype names
    { name: 'an alias named __proto__', body: q(`{ __proto__: brands { code } }`), expect: { status: 400 } },
    {
      name: 'an alias named constructor',
      body: q(`{ constructor: brands { code } }`),
      expect: { status: 400, code: 'BAD_USER_INPUT', message: /alias may not be named constructor/ },
    },
    {
      name: 'an alias named prototype',
      body: q(`{ brand(code: "NEW_FARMER") { prototype: name } }`),
      expect: { status: 400, code: 'BAD_USER_INPUT' },
    },
    {
      name: 'a variable named constructor',
      body: q(`query ($constructor: String) { brand(name: $constructor) { code } }`, { constructor: 'x' }),
      expect: { status: 400, code: 'BAD_USER_INPUT' },
    },
    {
      name: 'a __proto__ key in the variables',
      raw: `{"query":"query ($n: String) { brand(name: $n) { code } }","variables":{"n":"x","__proto__":{"polluted":true}}}`,
      expect: { status: 400, code: 'BAD_USER_INPUT' },
    },
    {
      name: 'a __proto__ key inside an input object',
      raw: `{"query":"mutation ($i: CreateSubBrandInput!) { createSubBrand(input: $i) { code } }","variables":{"i":{"parentId":"${digitalId}","suffix":"PROTO","name":"原型","sector":"PRIMARY","__proto__":{"level":"PUBLIC_BRAND"}}}}`,
      expect: { status: 400, code: 'BAD_USER_INPUT' },
    },
    {
      name: 'a constructor key inside an input object',
      body: q(`mutation ($i: CreateSubBrandInput!) { createSubBrand(input: $i) { code } }`, {
        i: { parentId: digitalId, suffix: 'CTOR', name: '构造', sector: 'PRIMARY', constructor: { prototype: { x: 1 } } },
      }),
      expect: { status: 400, code: 'BAD_USER_INPUT' },
    },
    // CSRF-shaped requests (simple requests a browser sends cross-site without preflight)
    {
      name: 'a text/plain POST',
      raw: JSON.stringify(q(FIRST_QUERY)),
      headers: { 'content-type': 'text/plain' },
      expect: { status: 400, message: /CSRF|content-type/i },
    },
    {
      name: 'a form-encoded POST',
      raw: `query=${encodeURIComponent(FIRST_QUERY)}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      expect: { status: 400 },
    },
    {
      name: 'a multipart POST',
      raw: '--b\r\nContent-Disposition: form-data; name="query"\r\n\r\n{ brands { code } }\r\n--b--',
      headers: { 'content-type': 'multipart/form-data; boundary=b' },
      expect: { status: 400 },
    },
    {
      name: 'a GET without a preflight header',
      method: 'GET',
      path: `/graphql?query=${encodeURIComponent('{ brands { code } }')}`,
      headers: {},
      expect: { status: 400, message: /CSRF|preflight/i },
    },
    {
      name: 'a mutation over GET',
      method: 'GET',
      path: `/graphql?query=${encodeURIComponent('mutation { createSubBrand(input: { parentId: "x", suffix: "GET", name: "经由GET", sector: PRIMARY }) { code } }')}`,
      headers: { 'apollo-require-preflight': 'true' },
      expect: { status: 405 },
    },
    // protocol abuse
    { name: 'a batch of operations', raw: JSON.stringify([q('{ brands { code } }'), q('{ cities { code } }')]), expect: { status: 400 } },
    { name: 'a body that is not JSON', raw: '{"query": "{ brands { code } }"', expect: { status: 400, code: 'BAD_REQUEST' } },
    { name: 'a body without a query', body: { variables: {} }, expect: { status: 400 } },
    // an operationName Apollo Server finds no operation for, but the gateway (reading "" as absent) would run: the limits must not be skipped
    {
      name: 'limits dodged by an empty operationName',
      body: { ...q(`{ ${Array.from({ length: 100 }, (_, i) => `a${i}: brands { code }`).join(' ')} }`), operationName: '' },
      expect: { status: 400, code: 'OPERATION_RESOLUTION_FAILURE', message: /Unknown operation named ""/ },
    },
    {
      name: 'a persisted-query hash that is not its query’s',
      body: {
        ...q('{ brands { code } }'),
        extensions: { persistedQuery: { version: 1, sha256Hash: 'ecf4edb46db40b5132295c0291d62fb65d6759a9eedfa4d5d612dd5ec54a6b38' } },
      },
      expect: { status: 400, code: 'BAD_REQUEST', message: /sha does not match/ },
    },
    {
      name: 'a garbage bearer token',
      body: q(FIRST_QUERY),
      headers: { authorization: 'Bearer abc.def.ghi' },
      expect: { status: 401, code: 'UNAUTHENTICATED' },
    },
    {
      name: 'a mutation without a token',
      body: q(
        `mutation ($p: ID!) { createSubBrand(input: { parentId: $p, suffix: "ANON", name: "匿名品牌", sector: PRIMARY }) { code } }`,
        { p: digitalId },
      ),
      expect: { code: 'UNAUTHENTICATED' },
    },
    { name: 'an unknown path', method: 'GET', path: '/admin', expect: { status: 404 } },
    // introspection and schema hints in production
    {
      name: 'introspection in production',
      target: 'production',
      body: q('{ __schema { types { name } } }'),
      expect: { status: 400, code: 'GRAPHQL_VALIDATION_FAILED', message: /introspection/i },
    },
    {
      name: '__type in production',
      target: 'production',
      body: q('{ __type(name: "Organization") { fields { name } } }'),
      expect: { status: 400, code: 'GRAPHQL_VALIDATION_FAILED' },
    },
    {
      name: 'a misspelt field in production (no suggestions)',
      target: 'production',
      body: q('{ brandz { code } }'),
      expect: { status: 400, code: 'GRAPHQL_VALIDATION_FAILED', message: /^(?![\s\S]*Did you mean)/ },
    },
    { name: 'the IDE in production', target: 'production', method: 'GET', path: '/ide/graphiql.min.js', expect: { status: 404 } },
    // direct subgraph calls
    { name: '_service on a subgraph', target: 'brands', body: q('{ _service { sdl } }'), expect: { status: 401, code: 'UNAUTHENTICATED' } },
    {
      name: '_entities on a subgraph',
      target: 'evaluation',
      body: q('query ($r: [_Any!]!) { _entities(representations: $r) { ... on Base { latestAssessment { result } } } }', {
        r: [{ __typename: 'Base', id: 'x' }],
      }),
      expect: { status: 401, code: 'UNAUTHENTICATED' },
    },
    {
      name: 'a mutation on a subgraph',
      target: 'brands',
      body: q(
        `mutation ($p: ID!) { createSubBrand(input: { parentId: $p, suffix: "DIRECT", name: "直连品牌", sector: PRIMARY }) { code } }`,
        { p: digitalId },
      ),
      expect: { status: 401, code: 'UNAUTHENTICATED' },
    },
    {
      name: 'a forged x-viewer header on a subgraph',
      target: 'brands',
      body: q('{ brands { code } }'),
      headers: {
        'x-viewer': Buffer.from('{"role":"PROVINCIAL_ADMIN","sub":"x"}').toString('base64url'),
        'x-viewer-timestamp': String(Date.now()),
        'x-viewer-signature': 'forged',
      },
      expect: { status: 401 },
    },
  ];
  // SQL injection in every string argument: refused, or answered with nothing
  const empty = (data: Record<string, unknown> | null | undefined) =>
    !!data &&
    Object.values(data).every(
      (v) => v === null || (Array.isArray(v) && v.length === 0) || (v as { totalCount?: number })?.totalCount === 0,
    );
  for (const injection of INJECTIONS) {
    const s = JSON.stringify(injection);
    cases.push(
      {
        name: `brand(name: ${s})`,
        body: q(`query ($v: String) { brand(name: $v) { code } }`, { v: injection }),
        expect: { harmless: empty },
      },
      {
        name: `brand(code: ${s})`,
        body: q(`query ($v: String) { brand(code: $v) { code } }`, { v: injection }),
        expect: { harmless: empty },
      },
      {
        name: `organization(creditCode: ${s})`,
        body: q(`query ($v: String) { organization(creditCode: $v) { name } }`, { v: injection }),
        expect: { harmless: empty },
      },
      {
        name: `bases(cityCode: ${s})`,
        body: q(`query ($v: String) { brand(code: "NEW_FARMER") { bases(cityCode: $v) { name } } }`, { v: injection }),
        expect: { code: 'BAD_USER_INPUT' },
      },
      {
        name: `standards(brandId: ${s})`,
        body: q(`query ($v: ID) { standards(brandId: $v) { code } }`, { v: injection }),
        expect: { harmless: empty },
      },
      {
        name: `usageLicences(licenseeId: ${s})`,
        body: q(`query ($v: ID) { usageLicences(licenseeId: $v, first: 5) { totalCount } }`, { v: injection }),
        expect: { harmless: empty },
      },
    );
  }
  return cases;
}

/** A corpus of hostile requests: each is refused with a 4xx or a stable error code (or answered with nothing), never a 5xx, and the graph still answers afterwards. */
describe('hostile requests', () => {
  let graph: Graph;
  let production: RunningService;
  const program = generateProgram(TEST_PROGRAM);
  const digitalId = program.brands.find((b) => b.code === 'DIGITAL_CRAFTSMAN')!.id;
  const brandRows = async () => Number((await graph.subgraphs.brands.db.query('SELECT COUNT(*) AS n FROM brand'))[0].n);
  let rowsBefore = 0;

  beforeAll(async () => {
    graph = await startGraph();
    production = await startGateway({
      production: true,
      ...graph.gatewayOptions(),
    });
    rowsBefore = await brandRows();
  });
  afterAll(async () => {
    await production?.stop();
    await graph?.stop();
  });

  const cases = corpus(digitalId);
  /** one verdict per request actually sent and judged */
  const outcomes: string[] = [];

  it.each(cases.map((c) => [c.name, c] as const))('refuses %s', async (_name, hostile) => {
    const targets = {
      gateway: graph.url,
      production: production.url,
      brands: graph.subgraphs.brands.url,
      evaluation: graph.subgraphs.evaluation.url,
    };
    const base = new URL(targets[hostile.target ?? 'gateway']);
    const url = hostile.path ? new URL(hostile.path, base.origin) : base;
    const method = hostile.method ?? 'POST';
    const sent = method === 'POST' ? (hostile.raw ?? JSON.stringify(hostile.body)) : undefined;
    const response = await fetch(url, {
      method,
      headers: method === 'POST' ? { 'content-type': 'application/json', ...hostile.headers } : hostile.headers,
      body: sent,
    });
    expect(response.status).toBeLessThan(500);
    const text = await response.text();
    let body: Json;
    try {
      body = JSON.parse(text);
    } catch {
      body = { raw: text };
    }
    const error = body?.errors?.[0];
    // nothing internal leaks — no stack, no SQL, no subgraph address — beyond what the request itself sent and an error may quote
    const leak = /\bat .+\.(ts|js):\d+|SELECT .* FROM|QueryFailedError|127\.0\.0\.1:\d+/.exec(text);
    expect(leak && !(sent ?? '').includes(leak[0].replace(/\\"/g, '"'))).toBeFalsy();
    expect(text).not.toContain('INTERNAL_SERVER_ERROR');
    if (hostile.expect.harmless) {
      // harmless: refused as a 4xx with a client's code, or answered with nothing and no error
      if (error) {
        expect(response.status).toBeGreaterThanOrEqual(400);
        expect(isClientError(error)).toBe(true);
      } else {
        expect(hostile.expect.harmless(body.data)).toBe(true);
      }
      outcomes.push(error ? 'refused' : 'harmless');
      return;
    }
    if (hostile.expect.status) expect(response.status).toBe(hostile.expect.status);
    else expect(error).toBeDefined();
    if (hostile.expect.code) expect(error?.extensions?.code).toBe(hostile.expect.code);
    if (hostile.expect.message) expect(error?.message ?? text).toMatch(hostile.expect.message);
    outcomes.push('refused');
  });

  it('still answers the first query, and nothing was written', async () => {
    const { status, body } = await graph.query(FIRST_QUERY);
    expect(status).toBe(200);
    expect(body.data?.brand?.bases.length).toBeGreaterThan(0);
    expect(await brandRows()).toBe(rowsBefore);
  });

  // jest runs a file's tests in order: this one counts what the cases above sent and judged, not the list they were drawn from
  it('sent and judged at least 40 hostile requests, every one of the corpus', () => {
    expect(outcomes).toHaveLength(cases.length);
    expect(outcomes.length).toBeGreaterThanOrEqual(40);
  });
});
