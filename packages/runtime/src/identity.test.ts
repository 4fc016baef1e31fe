import { MAX_SIGNATURE_AGE_MS, ReplayCache, signViewerHeaders, verifyViewerHeaders, type SignedRequest } from './identity';
import { Viewer } from './viewer';

/** A signature is good for one body, one audience, one direction and one use within its window. */
describe('viewer signatures', () => {
  const secret = 's'.repeat(64);
  const body = JSON.stringify({ query: '{ cities { code } }' });
  const request: SignedRequest = {
    viewer: Viewer.fromClaims({ role: 'CITY_ADMIN', city: '510100', sub: 'ann' }),
    secret,
    requestId: 'req-00000001',
    direction: 'gateway-to-subgraph',
    audience: 'bases',
    body,
  };
  const verify = (headers: Record<string, string>, change: Partial<Parameters<typeof verifyViewerHeaders>[1]> = {}) =>
    verifyViewerHeaders(headers, {
      secret,
      requestId: 'req-00000001',
      direction: 'gateway-to-subgraph',
      audience: 'bases',
      body,
      ...change,
    });

  it('gives back the viewer it was signed for', () => {
    expect(verify(signViewerHeaders(request)).cityCode).toBe('510100');
  });

  it.each([
    ['another body', { body: JSON.stringify({ query: '{ bases { totalCount } }' }) }],
    ['another audience', { audience: 'training' }],
    ['the other direction', { direction: 'subgraph-to-gateway' as const }],
    ['another request id', { requestId: 'req-00000002' }],
    ['another secret', { secret: 't'.repeat(64) }],
  ])('refuses it with %s', (_case, change) => {
    expect(() => verify(signViewerHeaders(request), change)).toThrow(/does not match/);
  });

  it('refuses a stale one', () => {
    expect(() => verify(signViewerHeaders({ ...request, now: Date.now() - MAX_SIGNATURE_AGE_MS - 1_000 }))).toThrow(/expired/);
  });

  it('takes each signature once, and several fetches under one request id each once', () => {
    const replays = new ReplayCache();
    const first = signViewerHeaders(request);
    const second = signViewerHeaders(request);
    expect(verify(first, { replays })).toBeInstanceOf(Viewer);
    expect(verify(second, { replays })).toBeInstanceOf(Viewer);
    expect(() => verify(first, { replays })).toThrow(/already used/);
  });
});

describe('ReplayCache', () => {
  it('forgets what is older than its window and stays within its size', () => {
    const cache = new ReplayCache(1_000, 3);
    expect(cache.firstUse('a', 0)).toBe(true);
    expect(cache.firstUse('a', 500)).toBe(false);
    expect(cache.firstUse('a', 2_000)).toBe(true);
    for (const key of ['b', 'c', 'd', 'e']) cache.firstUse(key, 2_100);
    expect(cache.firstUse('e', 2_200)).toBe(false);
  });
});
