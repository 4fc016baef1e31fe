import http from 'node:http';
import { ApolloServer } from '@apollo/server';
import { createLogger } from './logger';
import { serve, type RunningService } from './server';

/** What a plain HTTP client that writes its whole body reads back when the body is over the limit. */
function postWhole(
  url: string,
  size: number,
  headers: Record<string, string> = {},
): Promise<{ status: number; connection?: string; body: string }> {
  return new Promise((resolve, reject) => {
    const body = Buffer.alloc(size, 'a');
    // no Expect: 100-continue: the client sends everything before it reads anything
    const req = http.request(
      url,
      { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(size), ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, body: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** The HTTP bootstrap refuses an oversized body with a 413 the client can read. */
describe('serve: request bodies over the limit', () => {
  let service: RunningService;
  beforeAll(async () => {
    const apollo = new ApolloServer({ typeDefs: 'type Query { ok: Boolean }', resolvers: { Query: { ok: () => true } } });
    service = await serve({
      name: 'test',
      host: '127.0.0.1',
      port: 0,
      apollo,
      log: createLogger('test'),
      maxBodyBytes: 64 * 1024,
      context: async () => ({}),
    });
  });
  afterAll(() => service?.stop());

  it.each([
    ['a 12 MB body', 12 * 1024 * 1024],
    ['a body just over the limit', 64 * 1024 + 1],
  ])('answers 413 PAYLOAD_TOO_LARGE with Connection: close to %s sent whole', async (_name, size) => {
    const answer = await postWhole(service.url, size);
    expect(answer.status).toBe(413);
    expect(answer.connection).toBe('close');
    expect(JSON.parse(answer.body).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('reads the limit from the bytes when the length is not declared (chunked)', async () => {
    const answer = await new Promise<number>((resolve, reject) => {
      const req = http.request(service.url, { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', reject);
      for (let i = 0; i < 64; i++) req.write(Buffer.alloc(64 * 1024, 'b'));
      req.end();
    });
    expect(answer).toBe(413);
  });

  it('still answers the next request', async () => {
    const response = await fetch(service.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ ok }' }),
    });
    expect(await response.json()).toEqual({ data: { ok: true } });
  });
});

/** A larger ceiling for one kind of request: read, parsed, and refused with the same 413 unless the callback admits it. */
describe('serve: a bulk body', () => {
  let service: RunningService;
  const admitted: number[] = [];
  beforeAll(async () => {
    const apollo = new ApolloServer({
      typeDefs: 'type Query { ok: Boolean } type Mutation { importFile(text: String!): Int }',
      resolvers: { Query: { ok: () => true }, Mutation: { importFile: (_: unknown, { text }: { text: string }) => text.length } },
    });
    service = await serve({
      name: 'test',
      host: '127.0.0.1',
      port: 0,
      apollo,
      log: createLogger('test'),
      maxBodyBytes: 64 * 1024,
      bulkBody: {
        maxBytes: 256 * 1024,
        admits: (body, bytes) => {
          admitted.push(bytes);
          return (body as { query?: string }).query?.startsWith('mutation ($text: String!) { importFile') === true;
        },
      },
      context: async () => ({}),
    });
  });
  afterAll(() => service?.stop());

  const post = (query: string, variables: Record<string, unknown>) =>
    fetch(service.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  const IMPORT = 'mutation ($text: String!) { importFile(text: $text) }';

  it('admits a body between the two limits when the callback says it is the bulk kind', async () => {
    const response = await post(IMPORT, { text: 'x'.repeat(200 * 1024) });
    expect([response.status, await response.json()]).toEqual([200, { data: { importFile: 200 * 1024 } }]);
  });

  it('refuses the same size for any other request with the ordinary 413', async () => {
    const response = await post('query ($pad: String) { ok }', { pad: 'x'.repeat(200 * 1024) });
    expect(response.status).toBe(413);
    const { errors } = (await response.json()) as { errors: unknown[] };
    expect(errors[0]).toMatchObject({
      message: 'request body is larger than 65536 bytes (262144 for a bulk operation)',
      extensions: { code: 'PAYLOAD_TOO_LARGE' },
    });
  });

  it('refuses a body over the bulk ceiling before parsing it, and never asks the callback about a body within the ordinary limit', async () => {
    admitted.length = 0;
    const over = await postWhole(service.url, 256 * 1024 + 1);
    expect([over.status, over.connection]).toEqual([413, 'close']);
    const small = await post(IMPORT, { text: 'x' });
    expect(await small.json()).toEqual({ data: { importFile: 1 } });
    expect(admitted).toEqual([]);
  });
});
