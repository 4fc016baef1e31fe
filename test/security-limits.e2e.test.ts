import { getIntrospectionQuery } from 'graphql';
import { FIRST_QUERY, IDE_EXAMPLES, startGateway } from '@skills-sichuan/gateway';
import { type RunningService } from '@skills-sichuan/runtime';
import { sqlDuring, startGraph, type Graph } from './graph';

/** Three aliases of `fields { type { … } }` per level: each level triples the answer, and the limits used to skip it all. */
const tripled = (inner: string) => ['a', 'b', 'c'].map((alias) => `${alias}: fields { type { ${inner} } }`).join(' ');

/** graphql-js's introspection query with its `__schema` selection asked `times` times under aliases. */
function introspections(times: number): string {
  const standard = getIntrospectionQuery();
  const fragments = standard.indexOf('fragment ');
  const operation = standard.slice(0, fragments);
  const schema = operation.slice(operation.indexOf('{') + 1, operation.lastIndexOf('}'));
  return `query { ${Array.from({ length: times }, (_, i) => `s${i}: ${schema}`).join(' ')} } ${standard.slice(fragments)}`;
}

/** Hostile requests of issue 12's findings 2 and 3, each refused before it runs (no SQL), as an attacker sends them. */
const HOSTILE: { name: string; query: string; limit: RegExp }[] = [
  {
    // finding 2: an 876-character public query, 0 before, answered with 13.7 MB in 2.2 s
    name: 'eight aliased __schema, three aliases a level',
    query: `{ ${Array.from({ length: 8 }, (_, i) => `s${i}: __schema { types { ${tripled(tripled('name'))} } }`).join(' ')} }`,
    limit: /aliases|cost/,
  },
  {
    // within the alias and depth limits (and graphql-js's three nested introspection lists): refused on its cost alone
    name: 'ten aliased __schema, each type’s fields’ types’ fields',
    query: `{ ${Array.from({ length: 10 }, (_, i) => `s${i}: __schema { types { fields { type { fields { name type { name } } } } } }`).join(' ')} }`,
    limit: /cost/,
  },
  {
    name: 'the whole introspection five times in one request',
    query: introspections(5),
    limit: /cost/,
  },
  {
    // finding 3: estimated 2,211 with lists at 10, it returned 33 MB (713k objects) in 5.2 s
    name: 'every brand, its bases, their training programs',
    query: `{ brands { bases { id trainingPrograms { id } } } }`,
    limit: /cost/,
  },
  {
    // one level deeper: estimated 22,211 for about 113 million objects
    name: 'every brand, its bases, their brand, its bases, their training programs',
    query: `{ brands { bases { id brand { bases { id trainingPrograms { id } } } } } }`,
    limit: /cost/,
  },
];

describe('the limits count introspection and the real sizes of lists (issue 12, findings 2 and 3)', () => {
  let graph: Graph;

  beforeAll(async () => {
    graph = await startGraph();
  });
  afterAll(() => graph?.stop());

  it.each(HOSTILE.map((h) => [h.name, h] as const))('refuses %s before it runs', async (_name, hostile) => {
    let response!: Awaited<ReturnType<Graph['query']>>;
    const sql = await sqlDuring(graph, async () => {
      response = await graph.query(hostile.query);
    });
    expect(response.status).toBe(400);
    expect(response.body.data).toBeUndefined();
    expect(response.body.errors?.[0]?.extensions?.code).toBe('OPERATION_LIMIT_EXCEEDED');
    expect(response.body.errors?.[0]?.message).toMatch(hostile.limit);
    expect(Object.values(sql).reduce((a, b) => a + b, 0)).toBe(0);
  });

  it('weighs one operation by the variables of each request: a page size it refused does not stick, nor one it allowed', async () => {
    // 50 bases cost about 25,000 (each with its assumed training programs), 500 about 251,000 over the 50,000 limit
    const query = 'query ($n: Int!) { bases(first: $n) { nodes { id trainingPrograms { id } } } }';
    const outcome = async (n: number) => {
      const { status, body } = await graph.query<{ bases: { nodes: unknown[] } }>(query, { n });
      return { status, code: body.errors?.[0]?.extensions?.code, bases: body.data?.bases.nodes.length };
    };
    const allowed = { status: 200, code: undefined, bases: expect.any(Number) };
    const refused = { status: 400, code: 'OPERATION_LIMIT_EXCEEDED', bases: undefined };
    expect(await outcome(50)).toEqual(allowed);
    expect(await outcome(500)).toEqual(refused);
    expect(await outcome(50)).toEqual(allowed);
    expect(await outcome(500)).toEqual(refused);
  });

  it('checks the variables of each request for hostile keys and long strings, beside an operation it let through', async () => {
    const query = 'query ($filter: BaseFilter) { bases(filter: $filter, first: 1) { totalCount } }';
    const codeOf = async (variables: Record<string, unknown>) => (await graph.query(query, variables)).body.errors?.[0]?.extensions?.code;
    expect(await codeOf({ filter: null })).toBeUndefined();
    expect(await codeOf(JSON.parse('{"filter": null, "__proto__": {}}'))).toBe('BAD_USER_INPUT');
    expect(await codeOf({ filter: { ids: ['x'.repeat(100_000)] } })).toBe('BAD_USER_INPUT');
    expect(await codeOf({ filter: null })).toBeUndefined();
  });

  it.each([
    ['graphql-js’s introspection query', getIntrospectionQuery()],
    [
      'GraphiQL’s, with every option',
      getIntrospectionQuery({
        descriptions: true,
        specifiedByUrl: true,
        directiveIsRepeatable: true,
        schemaDescription: true,
        inputValueDeprecation: true,
      }),
    ],
  ])('answers %s to the public in development: the IDE still loads the schema', async (_name, query) => {
    const response = await graph.query<{ __schema: { types: unknown[] } }>(query);
    expect(response.body.errors).toBeUndefined();
    expect(response.status).toBe(200);
    expect(response.body.data?.__schema.types.length).toBeGreaterThan(100);
  });

  it('answers the README’s first query and every IDE example', async () => {
    expect(IDE_EXAMPLES).toContain(FIRST_QUERY);
    for (const example of IDE_EXAMPLES) {
      const response = await graph.query(example);
      expect(response.body.errors).toBeUndefined();
      expect(response.status).toBe(200);
    }
  });

  describe('with a response ceiling below the introspection answer', () => {
    let small: RunningService;
    beforeAll(async () => {
      small = await startGateway({
        ...graph.gatewayOptions(),
        maxResponseBytes: 64 * 1024,
      });
    });
    afterAll(() => small?.stop());

    it('refuses an answer larger than MAX_RESPONSE_BYTES as the client’s, not a 500', async () => {
      const response = await fetch(small.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: getIntrospectionQuery() }),
      });
      const body = (await response.json()) as { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] };
      expect(response.status).toBe(400);
      expect(body.data).toBeUndefined();
      expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'OPERATION_LIMIT_EXCEEDED', limit: 'response size', max: 65536 });
      // a small answer still goes through
      const first = await fetch(small.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: FIRST_QUERY }),
      });
      expect(first.status).toBe(200);
    });
  });
});
