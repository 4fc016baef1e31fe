import { GATEWAY_AUDIENCE, ReplayCache, signViewerHeaders, Viewer, type SignatureDirection } from '@skills-sichuan/runtime';
import { signToken } from './jwt';
import { authenticate } from './authenticate';

/** A subgraph may read the graph as its viewer only if it is one of ours, for this very body, once: a partner's signature is never enough. */
describe('authenticate', () => {
  const token = { kind: 'secret' as const, secret: 'x'.repeat(40), issuer: 'skills-sichuan', clockToleranceSeconds: 30 };
  const secrets: Record<string, string> = { evaluation: 'e'.repeat(64), partner_agency: 'p'.repeat(64) };
  const body = JSON.stringify({ query: '{ brands { code } }', variables: {} });
  const requestId = 'req-00000001';
  const signed = (service: string, direction: SignatureDirection = 'subgraph-to-gateway', audience = GATEWAY_AUDIENCE) => ({
    'x-service': service,
    ...signViewerHeaders({
      viewer: Viewer.fromClaims({ role: 'PROVINCIAL_ADMIN', sub: 'forged' }),
      secret: secrets[service],
      requestId,
      direction,
      audience,
      body,
    }),
  });
  const config = () => ({
    token,
    subgraphSecret: (name: string) => secrets[name],
    subgraphs: new Set(['evaluation']),
    replays: new ReplayCache(),
  });
  const post = (headers: Record<string, string>, rawBody = body) => ({ headers, method: 'POST', url: '/graphql', rawBody });

  it('takes the viewer an in-house subgraph signed for', async () => {
    expect((await authenticate(post(signed('evaluation')), requestId, config())).role).toBe('PROVINCIAL_ADMIN');
  });

  it('refuses a subgraph that is composed but not in-house, even with a valid signature', async () => {
    await expect(authenticate(post(signed('partner_agency')), requestId, config())).rejects.toThrow(/unknown service/);
  });

  it('refuses the signature with another body, reflected from the other direction, or used twice', async () => {
    const auth = config();
    const other = JSON.stringify({ query: '{ trainingRecords { totalCount } }', variables: {} });
    await expect(authenticate(post(signed('evaluation'), other), requestId, auth)).rejects.toThrow(/does not match/);
    const reflected = signed('evaluation', 'gateway-to-subgraph', 'evaluation');
    await expect(authenticate(post(reflected), requestId, auth)).rejects.toThrow(/does not match/);
    const once = signed('evaluation');
    await expect(authenticate(post(once), requestId, auth)).resolves.toBeInstanceOf(Viewer);
    await expect(authenticate(post(once), requestId, auth)).rejects.toThrow(/already used/);
  });

  it('reads the bearer scheme in any case', async () => {
    const jwt = await signToken({ role: 'CITY_ADMIN', city: '510100', sub: 'ann' }, token, 60);
    for (const scheme of ['Bearer', 'bearer', 'BEARER']) {
      const viewer = await authenticate(post({ authorization: `${scheme} ${jwt}` }, ''), requestId, config());
      expect(viewer.role).toBe('CITY_ADMIN');
    }
  });
});
