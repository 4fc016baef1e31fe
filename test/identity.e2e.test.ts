import { createHmac } from 'node:crypto';
import { generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { FIRST_QUERY, signToken, tokenConfigFromEnv, type SecretTokenConfig } from '@skills-sichuan/gateway';
import { signViewerHeaders, Viewer } from '@skills-sichuan/runtime';
import { GraphClient } from '@skills-sichuan/subgraph-kit';
import { startGraph, type Graph, type Json } from './graph';

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

/** Who is asking: bearer tokens at the gateway, and subgraphs that answer only the gateway. */
describe('identity', () => {
  let graph: Graph;
  // the graph's own random JWT_SECRET, set once it has started
  const token = tokenConfigFromEnv({ JWT_SECRET: 'x'.repeat(32) }) as SecretTokenConfig;
  beforeAll(async () => {
    graph = await startGraph();
    Object.assign(token, { secret: graph.secrets.jwt });
  });
  afterAll(() => graph?.stop());

  it('answers a request without a token as PUBLIC, and one with a valid token as its viewer', async () => {
    expect((await graph.query(FIRST_QUERY)).body.errors).toBeUndefined();
    const admin = await graph.query(FIRST_QUERY, {}, { role: 'PROVINCIAL_ADMIN' as never });
    expect(admin.status).toBe(200);
    expect(admin.body.data?.brand?.name).toBe('天府数智工匠');
  });

  const as = (
    claims: { sub: string; role: string; city?: string },
    config: Partial<SecretTokenConfig> = {},
    ttlSeconds = 600,
    now = Date.now(),
  ) => signToken(claims, { ...token, ...config } as SecretTokenConfig, ttlSeconds, now).then((jwt) => `Bearer ${jwt}`);
  const signedWith = (alg: string, key: Uint8Array | CryptoKey, expires = true) => {
    const jwt = new SignJWT({ role: 'PROVINCIAL_ADMIN' }).setProtectedHeader({ alg }).setSubject('mallory').setIssuer(token.issuer);
    return (expires ? jwt.setExpirationTime('10m') : jwt).sign(key).then((signed) => `Bearer ${signed}`);
  };
  const unsigned = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub: 'x', role: 'PROVINCIAL_ADMIN', iss: token.issuer, exp: 9_999_999_999 })).toString('base64url')}.sig`;
  it.each<[string, () => Promise<string>, RegExp]>([
    ['a token that is not a JWT', async () => 'Bearer not-a-token', /must be "Bearer <token>"/],
    ['a token that only looks like one', async () => 'Bearer abc.def.ghi', /not a well-formed JWT/],
    [
      'a token signed with another key',
      () => as({ sub: 'mallory', role: 'PROVINCIAL_ADMIN' }, { secret: 'x'.repeat(40) }),
      /signature is not valid/,
    ],
    ['an expired token', () => as({ sub: 'ann', role: 'ASSESSOR' }, {}, 60, Date.now() - 3_600_000), /expired/],
    ['an unsigned ("alg": "none") token', async () => `Bearer ${unsigned}`, /HS256/],
    [
      'an HS512 token, though signed with the right secret',
      () => signedWith('HS512', new TextEncoder().encode(token.secret)),
      /must be signed with HS256/,
    ],
    ['an RS256 token', async () => signedWith('RS256', (await generateKeyPair('RS256')).privateKey), /must be signed with HS256/],
    ['a token that never expires', () => signedWith('HS256', new TextEncoder().encode(token.secret), false), /no expiry/],
    ['a token from another issuer', () => as({ sub: 'ann', role: 'ASSESSOR' }, { issuer: 'elsewhere' }), /not issued by skills-sichuan/],
    ['a CITY_ADMIN token without its city', () => as({ sub: 'ann', role: 'CITY_ADMIN' }), /needs its city/],
    ['a token with an unknown role', () => as({ sub: 'ann', role: 'KING' }), /role must be one of/],
  ])('refuses %s with 401 and says why', async (_case, authorization, reason) => {
    const response = await post(graph.url, { query: FIRST_QUERY }, { authorization: await authorization() });
    expect(response.status).toBe(401);
    const body = (await response.json()) as Json;
    expect(body.data).toBeUndefined();
    expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(body.errors[0].extensions.requestId).toBe(response.headers.get('x-request-id'));
    expect(body.errors[0].message).toMatch(reason);
  });

  describe('a subgraph called directly', () => {
    const requests: [string, unknown][] = [
      ['_service', { query: '{ _service { sdl } }' }],
      [
        '_entities',
        {
          query: 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Base { id name } } }',
          variables: { r: [{ __typename: 'Base', id: 'x' }] },
        },
      ],
      ['a plain query', { query: '{ cities { code name } }' }],
    ];

    it.each(requests)('gets nothing for %s without the gateway’s signature', async (_case, body) => {
      const response = await post(graph.subgraphs.bases.url, body);
      expect(response.status).toBe(401);
      const answer = (await response.json()) as Json;
      expect(answer.data).toBeUndefined();
      expect(answer.errors[0].extensions.code).toBe('UNAUTHENTICATED');
      expect(answer.errors[0].message).toMatch(/only requests signed by the gateway/);
    });

    it('gets nothing with a signature made under another secret, a stale one, or one for another request', async () => {
      const requestId = 'req-00000001';
      const viewer = Viewer.fromClaims({ role: 'PROVINCIAL_ADMIN', sub: 'mallory' });
      const body = JSON.stringify({ query: '{ cities { code } }' });
      const sign = (secret: string, id = requestId, now = Date.now()) =>
        signViewerHeaders({ viewer, secret, requestId: id, direction: 'gateway-to-subgraph', audience: 'bases', body, now });
      const wrongSecret = sign(createHmac('sha256', 'guess').update('x').digest('hex'));
      const stale = sign(graph.secrets.subgraph('bases'), requestId, Date.now() - 120_000);
      const otherRequest = sign(graph.secrets.subgraph('bases'), 'req-00000002');
      for (const headers of [wrongSecret, stale, otherRequest]) {
        const response = await post(graph.subgraphs.bases.url, { query: '{ cities { code } }' }, { ...headers, 'x-request-id': requestId });
        expect(response.status).toBe(401);
        expect(((await response.json()) as Json).data).toBeUndefined();
      }
      // the control: signed as the gateway signs, for this request, it is answered
      const genuine = sign(graph.secrets.subgraph('bases'));
      const response = await post(graph.subgraphs.bases.url, { query: '{ cities { code } }' }, { ...genuine, 'x-request-id': requestId });
      expect(response.status).toBe(200);
      expect(((await response.json()) as Json).data.cities).toHaveLength(21);
    });

    it('still tells a health probe it is alive', async () => {
      const response = await fetch(new URL('/health', graph.subgraphs.bases.url));
      expect(response.status).toBe(200);
    });
  });

  describe('a subgraph reading the graph (GraphClient)', () => {
    const call = { requestId: 'req-graph-0001', viewer: Viewer.fromClaims({ role: 'ASSESSOR', sub: 'ann' }) };
    const brandQuery = '{ brand(code: "SICHUAN_CHEF") { name } }';

    it('reads on behalf of its viewer when signed with its own secret', async () => {
      const client = new GraphClient('evaluation', graph.secrets.subgraph('evaluation'), () => graph.url);
      await expect(client.query(call, brandQuery)).resolves.toEqual({ brand: { name: '川菜大师傅' } });
    });

    it.each([
      ['another subgraph’s secret', 'evaluation', 'bases'],
      ['a service the gateway does not know', 'stranger', 'evaluation'],
    ])('is refused with %s', async (_case, service, secretOf) => {
      const client = new GraphClient(service, graph.secrets.subgraph(secretOf), () => graph.url);
      await expect(client.query(call, brandQuery)).rejects.toThrow(/UNAUTHENTICATED/);
    });
  });
});
