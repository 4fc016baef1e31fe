import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startGateway } from '@skills-sichuan/gateway';
import { type RunningService, type ViewerClaims } from '@skills-sichuan/runtime';
import { startGraph, type Graph, type Json } from './graph';

interface Captured {
  headers: Record<string, string>;
  body: string;
}

/** A wiretap between a gateway and the training subgraph: forwards every request as it came and keeps a copy. */
async function wiretap(target: () => string): Promise<{ url: string; captured: Captured[]; close(): Promise<void> }> {
  const captured: Captured[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers))
        if (typeof value === 'string' && !['host', 'connection', 'content-length', 'keep-alive'].includes(name)) headers[name] = value;
      captured.push({ headers, body });
      // the gateway's /health probes come through too: a GET carries no body
      const bodyless = req.method === 'GET' || req.method === 'HEAD';
      const answer = await fetch(target(), { method: req.method, headers, body: bodyless ? undefined : body });
      res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
      res.end(Buffer.from(await answer.arrayBuffer()));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    captured,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const post = (url: string, body: string, headers: Record<string, string>) =>
  fetch(url, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body });

const ADMIN = { role: 'PROVINCIAL_ADMIN', sub: 'admin' } as ViewerClaims;

/** Finding 6 of issue 12: a gateway signature is good for one body, one audience, one direction, once. */
describe('signatures between the gateway and the subgraphs', () => {
  let graph: Graph;
  let tap: Awaited<ReturnType<typeof wiretap>>;
  let tapped: RunningService;
  /** what the wiretap saw of one PROVINCIAL_ADMIN query, after the subgraph answered it */
  let genuine: Captured;

  beforeAll(async () => {
    graph = await startGraph();
    tap = await wiretap(() => graph.subgraphs.training.url);
    tapped = await startGateway({
      ...graph.gatewayOptions(),
      subgraphUrls: { ...graph.gatewayOptions().subgraphUrls, training: tap.url },
    });
    const response = await fetch(tapped.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await graph.tokenFor(ADMIN)}` },
      body: JSON.stringify({ query: '{ trainingRecords(first: 1) { totalCount } }' }),
    });
    const answer = (await response.json()) as Json;
    // the control: the gateway's real signature over the body it really sent is accepted
    expect(answer.errors).toBeUndefined();
    expect(answer.data.trainingRecords.totalCount).toBeGreaterThan(0);
    genuine = tap.captured.find((c) => c.body.includes('trainingRecords'))!;
    expect(genuine.headers['x-viewer-signature']).toBeDefined();
  });
  afterAll(async () => {
    await tapped?.stop();
    await tap?.close();
    await graph?.stop();
  });

  const refused = async (response: Response, reason: RegExp) => {
    expect(response.status).toBe(401);
    const answer = (await response.json()) as Json;
    expect(answer.data).toBeUndefined();
    expect(answer.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(answer.errors[0].message).toMatch(reason);
  };

  it('refuses captured headers with another query (identity numbers in the clear)', async () => {
    const other = JSON.stringify({ query: '{ trainingRecords(first: 500) { nodes { identityNumber phone } } }' });
    await refused(await post(graph.subgraphs.training.url, other, genuine.headers), /does not match/);
  });

  it('refuses captured headers with the same query and other variables', async () => {
    const parsed = JSON.parse(genuine.body) as { query: string; variables?: Record<string, unknown> };
    const tampered = JSON.stringify({ ...parsed, variables: { ...parsed.variables, first: 500 } });
    await refused(await post(graph.subgraphs.training.url, tampered, genuine.headers), /does not match/);
  });

  it('refuses the same signed request a second time', async () => {
    await refused(await post(graph.subgraphs.training.url, genuine.body, genuine.headers), /already used/);
  });

  it('refuses gateway→subgraph headers reflected to the gateway as the subgraph’s own read (x-service)', async () => {
    await refused(
      await post(graph.url, genuine.body, { ...genuine.headers, 'x-service': 'training' }),
      /service training: .*does not match/,
    );
  });

  it('refuses them at another subgraph', async () => {
    await refused(await post(graph.subgraphs.bases.url, genuine.body, genuine.headers), /does not match/);
  });

  it('still answers fan-outs: one request id, several signed fetches to one subgraph', async () => {
    const response = await graph.query(
      '{ a: trainingRecords(first: 1) { totalCount } b: bases(first: 2) { nodes { trainingPrograms { id } } } }',
      {},
      ADMIN,
    );
    expect(response.body.errors).toBeUndefined();
  });
});
