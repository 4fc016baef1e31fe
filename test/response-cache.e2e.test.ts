import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { Redis } from 'ioredis';
import { FIRST_QUERY, startGateway, type RunningGateway } from '@skills-sichuan/gateway';
import type { ViewerClaims } from '@skills-sichuan/runtime';
import { generateProgram } from './program';
import { metricSample, sqlDuring, startGraph, TEST_PROGRAM, type Graph, type GraphResponse } from './graph';

const ADMIN: ViewerClaims = { role: 'PROVINCIAL_ADMIN' as never, sub: 'province-1' };
const APPLICATIONS = 'query Applications { applications(first: 500) { totalCount nodes { id city { code } organization { id } } } }';

interface Applications {
  applications: { totalCount: number; nodes: { id: string; city: { code: string }; organization: { id: string } }[] };
}

/** the statements a read cost, the fewer of two tries (an outbox relay's poll may fall into one window) */
async function statementsOf(graph: Graph, read: () => Promise<unknown>): Promise<number> {
  const tries = [await sqlDuring(graph, read), await sqlDuring(graph, read)];
  return Math.min(...tries.map((t) => Object.values(t).reduce((a, b) => a + b, 0)));
}

const total = (statements: Record<string, number>) => Object.values(statements).reduce((a, b) => a + b, 0);

async function post<T>(url: string, query: string, init: { token?: string; headers?: Record<string, string>; variables?: unknown } = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      ...init.headers,
    },
    body: JSON.stringify({ query, variables: init.variables }),
  });
  return {
    status: response.status,
    age: response.headers.get('age'),
    type: response.headers.get('content-type'),
    body: (await response.json()) as GraphResponse<T>['body'] & { extensions?: Record<string, unknown> },
  };
}

/** 申报 as the operator whose token it is */
const submit = (url: string, token: string, input: Record<string, unknown>) =>
  post<{ submitApplication: { id: string } }>(
    url,
    'mutation ($input: SubmitApplicationInput!) { submitApplication(input: $input) { id } }',
    {
      token,
      variables: { input },
    },
  );

describe('the response cache', () => {
  let graph: Graph;
  const program = generateProgram(TEST_PROGRAM);

  beforeAll(async () => {
    graph = await startGraph({ env: { RESPONSE_CACHE: 'true' } });
  });
  afterAll(() => graph?.stop());

  it('answers a repeated public read from what it kept: the same answer, no SQL, and its age', async () => {
    const first = await post(graph.url, FIRST_QUERY);
    expect(first.body.errors).toBeUndefined();
    let again: Awaited<ReturnType<typeof post>> | undefined;
    const statements = await sqlDuring(graph, async () => (again = await post(graph.url, FIRST_QUERY)));
    expect(again!.body).toEqual(first.body);
    expect(again!.age).toMatch(/^\d+$/);
    expect(total(statements)).toBe(0);
  });

  it('answers afresh a client that sends Cache-Control: no-cache', async () => {
    await post(graph.url, FIRST_QUERY);
    const fresh = await post(graph.url, FIRST_QUERY, { headers: { 'cache-control': 'no-cache' } });
    expect(fresh.age).toBeNull();
    expect(await statementsOf(graph, () => post(graph.url, FIRST_QUERY, { headers: { 'cache-control': 'no-cache' } }))).toBeGreaterThan(0);
  });

  it('never serves one viewer’s answer to another: each role and jurisdiction is kept apart', async () => {
    const asViewer = async (claims?: ViewerClaims) =>
      post<Applications>(graph.url, APPLICATIONS, { token: claims ? await graph.tokenFor(claims) : undefined });
    const all = (await asViewer(ADMIN)).body.data!.applications.nodes;
    const byCity = new Map<string, number>();
    for (const a of all) byCity.set(a.city.code, (byCity.get(a.city.code) ?? 0) + 1);
    const [cityA, cityB] = [...byCity.entries()].sort((x, y) => y[1] - x[1]).map(([code]) => code);
    expect(cityB).toBeDefined();
    const operatorOrg = all.find((a) => a.city.code === cityA)!.organization.id;
    const viewers: [string, ViewerClaims | undefined, (a: Applications['applications']['nodes'][number]) => boolean][] = [
      ['province', ADMIN, () => true],
      ['city A', { role: 'CITY_ADMIN' as never, city: cityA }, (a) => a.city.code === cityA],
      ['city B', { role: 'CITY_ADMIN' as never, city: cityB }, (a) => a.city.code === cityB],
      ['operator', { role: 'BASE_OPERATOR' as never, org: operatorOrg }, (a) => a.organization.id === operatorOrg],
    ];
    // twice round, interleaved: the second round is answered from the cache, each viewer its own
    for (const round of [1, 2]) {
      for (const [name, claims, theirs] of viewers) {
        const answer = await asViewer(claims);
        expect({ name, errors: answer.body.errors }).toEqual({ name, errors: undefined });
        const ids = answer.body.data!.applications.nodes.map((a) => a.id).sort();
        expect({ name, ids }).toEqual({
          name,
          ids: all
            .filter(theirs)
            .map((a) => a.id)
            .sort(),
        });
        if (round === 2) expect({ name, age: answer.age }).toEqual({ name, age: expect.stringMatching(/^\d+$/) });
      }
    }
    // the public may not list applications: refused every time, never handed a kept answer
    for (const _ of [1, 2]) {
      const refused = await asViewer(undefined);
      expect(refused.body.data?.applications ?? null).toBeNull();
      expect(refused.body.errors?.[0]?.extensions?.code).toMatch(/^(UNAUTHENTICATED|FORBIDDEN)$/);
      expect(refused.age).toBeNull();
    }
    // another official of city A shares city A's answer (the key is the role and jurisdiction, not the person)
    const colleague = await asViewer({ role: 'CITY_ADMIN' as never, city: cityA, sub: 'another-official' });
    expect(colleague.age).toMatch(/^\d+$/);
    expect(colleague.body.data!.applications.nodes.every((a) => a.city.code === cityA)).toBe(true);
  });

  it('hands a kept answer only to a request the pipeline would answer alike', async () => {
    const kept = await post(graph.url, FIRST_QUERY);
    expect((await post(graph.url, FIRST_QUERY)).age).toMatch(/^\d+$/);
    // a token that does not verify is refused each time, never answered as the public
    for (const _ of [1, 2]) {
      const refused = await post(graph.url, FIRST_QUERY, { token: 'aaaa.bbbb.cccc' });
      expect({ status: refused.status, code: refused.body.errors?.[0]?.extensions?.code, data: refused.body.data }).toEqual({
        status: 401,
        code: 'UNAUTHENTICATED',
        data: undefined,
      });
    }
    // the dashboard sends only its registered operations: this text, kept for another client, is refused to it
    const dashboard = await post(graph.url, FIRST_QUERY, { headers: { 'apollographql-client-name': 'dashboard' } });
    expect(dashboard.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_IN_LIST');
    expect(dashboard.age).toBeNull();
    // each client gets the media type it accepts, the kept answer included
    for (const _ of [1, 2]) {
      const accepted = await post(graph.url, FIRST_QUERY, { headers: { accept: 'application/graphql-response+json' } });
      expect(accepted.type).toBe('application/graphql-response+json; charset=utf-8');
      expect(accepted.body).toEqual(kept.body);
      expect((await post(graph.url, FIRST_QUERY)).type).toBe('application/json; charset=utf-8');
    }
    // the query plan, asked in development, comes with a fresh answer; the next plain read has none
    const planned = await post(graph.url, FIRST_QUERY, { headers: { 'apollo-query-plan-experimental': '1' } });
    expect(planned.body.extensions?.__queryPlanExperimental).toMatch(/Fetch\(service: "bases"\)/);
    expect(planned.age).toBeNull();
    const plain = await post(graph.url, FIRST_QUERY);
    expect(plain.age).toMatch(/^\d+$/);
    expect(plain.body.extensions).toBeUndefined();
  });

  it('counts each answer it gives in /metrics, as a request of its operation and as a hit', async () => {
    await post(graph.url, FIRST_QUERY);
    const counts = async () => {
      const text = await (await fetch(new URL('/metrics', graph.url))).text();
      return {
        requests: metricSample(text, 'graphql_requests_total', { operation: 'AuxiliaryBasesWithLatestAssessment', outcome: 'ok' }) ?? 0,
        hits: metricSample(text, 'response_cache_requests_total', { outcome: 'hit' }) ?? 0,
      };
    };
    const before = await counts();
    for (const _ of [1, 2, 3]) expect((await post(graph.url, FIRST_QUERY)).age).toMatch(/^\d+$/);
    expect(await counts()).toEqual({ requests: before.requests + 3, hits: before.hits + 3 });
  });

  it('keeps nothing that carries personal data: an organisation’s contacts are read from the database each time', async () => {
    const operator = program.organizations.find((o) => o.id === program.bases[0].operatorId)!;
    const query = 'query Contacts($id: ID!) { organization(id: $id) { name contacts { phone } } }';
    const token = await graph.tokenFor(ADMIN);
    const read = () => post<{ organization: { contacts: unknown[] } }>(graph.url, query, { token, variables: { id: operator.id } });
    const first = await read();
    expect(first.body.data!.organization.contacts.length).toBeGreaterThan(0);
    const again = await read();
    expect(again.age).toBeNull();
    expect(await statementsOf(graph, read)).toBeGreaterThan(0);
  });

  it('a write through the graph is seen by the very next read', async () => {
    const org = program.organizations.find((o) => o.id === program.bases[0].operatorId)!;
    const operator: ViewerClaims = { role: 'BASE_OPERATOR' as never, org: org.id };
    const token = await graph.tokenFor(operator);
    const list = () => post<Applications>(graph.url, APPLICATIONS, { token });
    const before = (await list()).body.data!.applications;
    expect((await list()).age).toMatch(/^\d+$/);
    const submitted = await submit(graph.url, token, {
      kind: 'BASE',
      organizationId: org.id,
      name: `缓存测试基地（${org.name}）`,
      tier: 'AUXILIARY',
      brandIds: [program.brands[0].id],
      conditions: { facilities: '实训车间', courseSystem: '模块化课程', managementSystem: '制度健全' },
      fields: ['MODERN_SERVICES'],
      note: '申报',
    });
    expect(submitted.body.errors).toBeUndefined();
    const after = await list();
    expect(after.age).toBeNull();
    expect(after.body.data!.applications.totalCount).toBe(before.totalCount + 1);
    expect(after.body.data!.applications.nodes.map((a) => a.id)).toContain(submitted.body.data!.submitApplication.id);
  });
});

describe('identical reads in flight', () => {
  let graph: Graph;
  const program = generateProgram(TEST_PROGRAM);
  const fresh = { 'cache-control': 'no-cache' };

  beforeAll(async () => {
    graph = await startGraph();
  });
  afterAll(() => graph?.stop());

  it('share one fetch per subgraph, and each request still gets the whole answer', async () => {
    const alone = await post(graph.url, FIRST_QUERY, { headers: fresh });
    const one = await statementsOf(graph, () => post(graph.url, FIRST_QUERY, { headers: fresh }));
    let answers: Awaited<ReturnType<typeof post>>[] = [];
    const statements = await sqlDuring(graph, async () => {
      answers = await Promise.all(Array.from({ length: 20 }, () => post(graph.url, FIRST_QUERY, { headers: fresh })));
    });
    for (const answer of answers) expect(answer.body).toEqual(alone.body);
    // twenty at once cost far fewer than twenty times one
    expect(total(statements)).toBeLessThan(one * 10);
  });

  it('ask each distinct entity once, and every occurrence gets it whole', async () => {
    // the point: many bases share a brand, so the gateway asks the brands subgraph for each brand many times over
    expect(new Set(program.bases.map((b) => b.brandId)).size).toBeLessThan(program.bases.length / 2);
    // a gateway whose fetches to brands pass a recorder, byte for byte (their signatures hold)
    const sent: string[] = [];
    const brandsUrl = new URL(graph.subgraphs.brands.url);
    const recorder = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        sent.push(body.toString('utf8'));
        const onward = http.request(
          { host: brandsUrl.hostname, port: brandsUrl.port, path: req.url, method: req.method, headers: req.headers },
          (answer) => {
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(res);
          },
        );
        onward.end(body);
      });
    });
    await new Promise<void>((resolve) => recorder.listen(0, '127.0.0.1', resolve));
    const options = graph.gatewayOptions();
    const port = (recorder.address() as { port: number }).port;
    const recorded = await startGateway({
      ...options,
      subgraphUrls: { ...options.subgraphUrls, brands: `http://127.0.0.1:${port}${brandsUrl.pathname}` },
    });
    let answer: Awaited<ReturnType<typeof post<{ bases: { nodes: { id: string; brand: { id: string; name: string; code: string } }[] } }>>>;
    try {
      answer = await post(recorded.url, 'query { bases(first: 500) { nodes { id brand { id name code } } } }');
    } finally {
      await recorded.stop();
      await new Promise((resolve) => recorder.close(resolve));
    }
    expect(answer.body.errors).toBeUndefined();
    const nodes = answer.body.data!.bases.nodes;
    expect(nodes.length).toBeGreaterThan(10);
    const brand = new Map(program.brands.map((b) => [b.id, b]));
    const seed = new Map(program.bases.map((b) => [b.id, b.brandId]));
    for (const base of nodes) {
      expect(base.brand.id).toBe(seed.get(base.id));
      expect(base.brand).toEqual({ id: base.brand.id, name: brand.get(base.brand.id)!.name, code: brand.get(base.brand.id)!.code });
    }
    // brands was asked each distinct brand once
    const fetched = sent.map((body) => JSON.parse(body) as { variables?: { representations?: { id: string }[] } });
    const representations = fetched.flatMap((body) => body.variables?.representations ?? []);
    const distinct = new Set(nodes.map((n) => n.brand.id));
    expect(distinct.size).toBeLessThan(nodes.length);
    expect(representations.map((r) => r.id).sort()).toEqual([...distinct].sort());
  });

  it('are shared only by the same viewer: two cities asking at once get their own', async () => {
    const cities = [...new Set(program.bases.map((b) => b.cityCode))].slice(0, 2);
    const tokens = await Promise.all(cities.map((city) => graph.tokenFor({ role: 'CITY_ADMIN' as never, city })));
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => post<Applications>(graph.url, APPLICATIONS, { token: tokens[i % 2], headers: fresh })),
    );
    answers.forEach((answer, i) => {
      expect(answer.body.errors).toBeUndefined();
      expect(answer.body.data!.applications.nodes.every((a) => a.city.code === cities[i % 2])).toBe(true);
    });
  });

  it('are never mutations: two identical submissions at once are two applications', async () => {
    const org = program.organizations.find((o) => o.id === program.bases[2].operatorId)!;
    const token = await graph.tokenFor({ role: 'BASE_OPERATOR' as never, org: org.id });
    const input = {
      kind: 'INSTITUTION',
      organizationId: org.id,
      name: `同时申报（${org.name}）`,
      brandIds: [program.brands[0].id],
      services: ['TRAINING'],
      occupations: ['电工'],
    };
    const submitted = await Promise.all([1, 2].map(() => submit(graph.url, token, input)));
    const ids = submitted.map((s) => s.body.data?.submitApplication.id);
    expect(ids.every(Boolean)).toBe(true);
    expect(new Set(ids).size).toBe(2);
  });
});

describe('the response cache shared through Redis', () => {
  let graph: Graph;
  let second: RunningGateway;
  const prefix = `test-${randomBytes(4).toString('hex')}:`;

  beforeAll(async () => {
    graph = await startGraph({ env: { RESPONSE_CACHE: 'true', REDIS_URL: 'redis://127.0.0.1:6379', REDIS_KEY_PREFIX: prefix } });
    second = await startGateway(graph.gatewayOptions());
  });
  afterAll(async () => {
    await second?.stop();
    await graph?.stop();
    const redis = new Redis('redis://127.0.0.1:6379');
    await redis.del(`${prefix}write-generations`);
    redis.disconnect();
  });

  it('one replica answers from what another kept, and both drop it when one takes a write', async () => {
    const program = generateProgram(TEST_PROGRAM);
    const org = program.organizations.find((o) => o.id === program.bases[1].operatorId)!;
    const operator: ViewerClaims = { role: 'BASE_OPERATOR' as never, org: org.id };
    const token = await graph.tokenFor(operator);
    const first = await post<Applications>(graph.url, APPLICATIONS, { token });
    expect(first.body.errors).toBeUndefined();
    let fromSecond: Awaited<ReturnType<typeof post<Applications>>> | undefined;
    const statements = await sqlDuring(graph, async () => (fromSecond = await post<Applications>(second.url, APPLICATIONS, { token })));
    expect(fromSecond!.age).toMatch(/^\d+$/);
    expect(fromSecond!.body).toEqual(first.body);
    expect(total(statements)).toBe(0);

    const submitted = await submit(graph.url, token, {
      kind: 'INSTITUTION',
      organizationId: org.id,
      name: `缓存测试机构（${org.name}）`,
      brandIds: [program.brands[0].id],
      services: ['TRAINING'],
      occupations: ['电工'],
    });
    expect(submitted.body.errors).toBeUndefined();
    const id = submitted.body.data!.submitApplication.id;
    // the writing replica at once; the other once the write's publish reaches it (milliseconds)
    expect((await post<Applications>(graph.url, APPLICATIONS, { token })).body.data!.applications.nodes.map((a) => a.id)).toContain(id);
    const deadline = Date.now() + 2_000;
    let seen = false;
    while (!seen && Date.now() < deadline) {
      seen = (await post<Applications>(second.url, APPLICATIONS, { token })).body.data!.applications.nodes.some((a) => a.id === id);
      if (!seen) await new Promise((r) => setTimeout(r, 20));
    }
    expect(seen).toBe(true);
  });

  it('with Redis gone, a replica answers from the graph every time', async () => {
    const orphan = await startGateway({
      ...graph.gatewayOptions(),
      responseCache: { maxBytes: 1024 * 1024, redisUrl: 'redis://127.0.0.1:1', redisPrefix: prefix },
    });
    try {
      for (const _ of [1, 2]) {
        const answer = await post(orphan.url, FIRST_QUERY);
        expect(answer.status).toBe(200);
        expect(answer.body.errors).toBeUndefined();
        expect(answer.age).toBeNull();
      }
      expect(await statementsOf(graph, () => post(orphan.url, FIRST_QUERY))).toBeGreaterThan(0);
    } finally {
      await orphan.stop();
    }
  });
});
