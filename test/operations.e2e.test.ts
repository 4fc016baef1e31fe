import { FIRST_QUERY, startGateway, type RunningGateway } from '@skills-sichuan/gateway';
import { Role } from '@skills-sichuan/runtime';
import { subgraphConfigFromEnv } from '@skills-sichuan/subgraph-kit';
import { post, timeUntil } from './partners';
import { serviceProxy } from './proxy';
import { metricSample as sample, startGraph, usingPostgres, type Graph, type Json } from './graph';

const TIMEOUT_MS = 500;
const VIEWER = { role: Role.CITY_ADMIN, sub: 'chengdu-hr-1', city: '510100' };
const timed = async <T>(run: () => Promise<T>): Promise<{ ms: number; value: T }> => {
  const started = performance.now();
  const value = await run();
  return { ms: performance.now() - started, value };
};

/**
 * The graph keeps answering when a part fails: a subgraph that hangs answers within its timeout
 * with the rest whole, a subgraph failing again and again is not called for a while, whole
 * answers resume soon after it is back, public reads are answered from the last good answer
 * (and say so), and operators see it all in /ready and /metrics.
 */
describe('a subgraph that stops answering', () => {
  let graph: Graph;
  let gateway: RunningGateway;
  let evaluation: Awaited<ReturnType<typeof serviceProxy>>;
  let viewerToken: string;
  const first = (token?: string) => timed(() => post(gateway.url, FIRST_QUERY, token));

  beforeAll(async () => {
    graph = await startGraph();
    evaluation = await serviceProxy(graph.subgraphs.evaluation.url);
    const options = graph.gatewayOptions();
    gateway = await startGateway({
      ...options,
      subgraphUrls: { ...options.subgraphUrls, evaluation: evaluation.url },
      subgraphTimeoutMs: () => TIMEOUT_MS,
      staleAnswers: { maxAgeMs: 60_000, maxBytes: 4 * 1024 * 1024 },
    });
    viewerToken = await graph.tokenFor(VIEWER);
  });
  afterAll(async () => {
    await gateway?.stop();
    await evaluation?.close();
    await graph?.stop();
  });

  it('answers whole, and keeps the public answer, while everything answers', async () => {
    const { value } = await first();
    expect(value.body.errors).toBeUndefined();
    expect(value.body.data.brand.bases.length).toBeGreaterThan(0);
    expect(value.body.data.brand.bases.some((b: Json) => b.latestAssessment !== null)).toBe(true);
    const ready = (await (await fetch(new URL('/ready', gateway.url))).json()) as Json;
    expect(ready).toMatchObject({ status: 'ready', down: [] });
  });

  it('hanging: answers within its timeout, the rest of the graph whole, its fields null with an error naming it', async () => {
    evaluation.set('hang');
    const { ms, value } = await first(viewerToken);
    expect(ms).toBeLessThan(TIMEOUT_MS + 1_000);
    const bases = value.body.data.brand.bases as Json[];
    expect(bases.length).toBeGreaterThan(0);
    for (const base of bases) {
      expect(base.name).toEqual(expect.any(String));
      expect(base.city.name).toEqual(expect.any(String));
      expect(base.latestAssessment).toBeNull();
    }
    expect(value.body.errors).toEqual([
      {
        message: expect.stringMatching(
          /^the evaluation subgraph (did not answer within 500 ms|failed repeatedly and is not called for a moment); its fields are null in this answer$/,
        ),
        extensions: { code: 'SUBGRAPH_UNAVAILABLE', service: 'evaluation', requestId: expect.any(String) },
      },
    ]);
  });

  it('answers the public from the last good answer, labelled with its age and what is down; never a signed-in viewer', async () => {
    const fresh = (await post(graph.url, FIRST_QUERY)).body.data;
    const { value } = await first();
    expect(value.body.errors).toBeUndefined();
    expect(value.body.data).toEqual(fresh);
    expect(value.body.extensions.stale).toEqual({
      servedFrom: 'last good answer',
      asOf: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      ageSeconds: expect.any(Number),
      unavailable: ['evaluation'],
    });
    const signedIn = (await first(viewerToken)).value.body;
    expect(signedIn.extensions?.stale).toBeUndefined();
    expect(signedIn.errors?.[0].extensions.code).toBe('SUBGRAPH_UNAVAILABLE');
  });

  it('stops calling it after repeated failures: its fields fail fast, and /ready says it is down', async () => {
    for (let i = 0; i < 6; i += 1) await first(viewerToken);
    const { ms, value } = await first(viewerToken);
    expect(value.body.errors?.[0].message).toMatch(/^the evaluation subgraph failed repeatedly and is not called for a moment/);
    expect(ms).toBeLessThan(TIMEOUT_MS / 2);
    const ready = (await (await fetch(new URL('/ready', gateway.url))).json()) as Json;
    expect(ready).toMatchObject({
      status: 'degraded',
      down: ['evaluation'],
      services: { evaluation: { state: 'down', circuit: expect.stringMatching(/open/) } },
    });
  });

  it('answers whole again within 5 s of it coming back', async () => {
    evaluation.set('forward');
    const recovery = await timeUntil(async () => {
      const { value } = await first(viewerToken);
      return !value.body.errors;
    }, 10_000);
    expect(recovery).toBeLessThan(5_000);
    const ready = (await (await fetch(new URL('/ready', gateway.url))).json()) as Json;
    expect(ready.down).toEqual([]);
  });

  it('counts it in /metrics: requests by operation, fetches by subgraph, failures by reason, SQL statements, process figures', async () => {
    const gatewayText = await (await fetch(new URL('/metrics', gateway.url))).text();
    const at = (labels: Record<string, string>) => ({ service: 'gateway', ...labels });
    expect(
      sample(gatewayText, 'graphql_requests_total', at({ operation: 'AuxiliaryBasesWithLatestAssessment', outcome: 'ok' })),
    ).toBeGreaterThan(0);
    expect(
      sample(gatewayText, 'graphql_requests_total', at({ operation: 'AuxiliaryBasesWithLatestAssessment', outcome: 'partial' })),
    ).toBeGreaterThan(0);
    expect(sample(gatewayText, 'subgraph_fetch_duration_seconds_count', at({ subgraph: 'bases', outcome: 'ok' }))).toBeGreaterThan(0);
    expect(sample(gatewayText, 'subgraph_fetch_failures_total', at({ subgraph: 'evaluation', reason: 'timeout' }))).toBeGreaterThan(0);
    expect(sample(gatewayText, 'subgraph_fetch_failures_total', at({ subgraph: 'evaluation', reason: 'circuit_open' }))).toBeGreaterThan(0);
    expect(sample(gatewayText, 'stale_answers_total', at({}))).toBeGreaterThan(0);
    expect(sample(gatewayText, 'process_cpu_user_seconds_total', at({}))).toBeGreaterThan(0);
    const bases = await (await fetch(new URL('/metrics', graph.subgraphs.bases.url))).text();
    expect(sample(bases, 'sql_statement_duration_seconds_count', { service: 'bases', kind: 'SELECT', outcome: 'ok' })).toBeGreaterThan(0);
    // the gateway names its fetches after the client's operation
    expect(
      sample(bases, 'graphql_requests_total', {
        service: 'bases',
        operation: 'AuxiliaryBasesWithLatestAssessment__bases__1',
        outcome: 'ok',
      }),
    ).toBeGreaterThan(0);
    if (usingPostgres) expect(sample(bases, 'db_pool_connections', { service: 'bases', state: 'idle' })).toBeGreaterThanOrEqual(0);
  });

  it('shows the query plan of an operation in development, and never in production', async () => {
    const plan = async (url: string) =>
      (
        (await (
          await fetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'apollo-query-plan-experimental': '1' },
            body: JSON.stringify({ query: FIRST_QUERY }),
          })
        ).json()) as Json
      ).extensions?.__queryPlanExperimental;
    expect(await plan(graph.url)).toMatch(/Fetch\(service: "bases"\)[\s\S]*Fetch\(service: "evaluation"\)/);
    const production = await startGateway({ ...graph.gatewayOptions(), production: true });
    try {
      expect(await plan(production.url)).toBeUndefined();
    } finally {
      await production.stop();
    }
  });

  it('answers /metrics only to its bearer when METRICS_TOKEN is set', async () => {
    const guarded = await startGateway({ ...graph.gatewayOptions(), metricsToken: 'm'.repeat(40) });
    try {
      const url = new URL('/metrics', guarded.url);
      expect((await fetch(url)).status).toBe(401);
      expect((await fetch(url, { headers: { authorization: `Bearer ${'m'.repeat(40)}` } })).status).toBe(200);
    } finally {
      await guarded.stop();
    }
  });
});

/** A stale answer is bounded in age: past STALE_MAX_AGE_S the public gets the partial answer and the error. */
describe('a last good answer past its age', () => {
  it('is not served', async () => {
    const graph = await startGraph();
    const evaluation = await serviceProxy(graph.subgraphs.evaluation.url);
    const options = graph.gatewayOptions();
    const gateway = await startGateway({
      ...options,
      subgraphUrls: { ...options.subgraphUrls, evaluation: evaluation.url },
      subgraphTimeoutMs: () => TIMEOUT_MS,
      staleAnswers: { maxAgeMs: 200, maxBytes: 4 * 1024 * 1024 },
    });
    try {
      expect((await post(gateway.url, FIRST_QUERY)).body.errors).toBeUndefined();
      evaluation.set('refuse');
      await new Promise((r) => setTimeout(r, 300));
      const late = (await post(gateway.url, FIRST_QUERY)).body;
      expect(late.extensions?.stale).toBeUndefined();
      expect(late.errors?.[0].extensions.code).toBe('SUBGRAPH_UNAVAILABLE');
    } finally {
      await gateway.stop();
      await evaluation.close();
      await graph.stop();
    }
  });
});

/** A production database is never seeded with the made-up program unless that is asked for. */
describe('seeding outside development', () => {
  const secrets = { GATEWAY_SECRET: 'g'.repeat(40) };
  it('seeds nothing with NODE_ENV=production, unless SEED_ON_START=true', () => {
    expect(subgraphConfigFromEnv('bases', 4002, { NODE_ENV: 'production', ...secrets }).program).toBe(false);
    expect(subgraphConfigFromEnv('bases', 4002, { NODE_ENV: 'production', SEED_ON_START: 'true', ...secrets }).program).toEqual(
      expect.objectContaining({ scale: 1 }),
    );
    expect(subgraphConfigFromEnv('bases', 4002, secrets).program).not.toBe(false);
  });
});
