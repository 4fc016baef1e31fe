import { signViewerHeaders, subgraphSideSecret, Viewer } from '@skills-sichuan/runtime';
import { authenticate } from './authenticate';

/** A subgraph may read the graph as its viewer only if it is one of ours: a partner's signature is never enough. */
describe('authenticate', () => {
  const token = { kind: 'secret' as const, secret: 'x'.repeat(40), issuer: 'skills-sichuan', clockToleranceSeconds: 30 };
  const asService = (service: string) => ({
    'x-service': service,
    ...signViewerHeaders(Viewer.fromClaims({ role: 'PROVINCIAL_ADMIN', sub: 'forged' }), subgraphSideSecret(service), 'req-00000001'),
  });
  const config = { token, subgraphSecret: (name: string) => subgraphSideSecret(name), subgraphs: new Set(['evaluation']) };

  it('takes the viewer an in-house subgraph signed for', async () => {
    expect((await authenticate(asService('evaluation'), 'req-00000001', config)).role).toBe('PROVINCIAL_ADMIN');
  });

  it('refuses a subgraph that is composed but not in-house, even with a valid signature', async () => {
    await expect(authenticate(asService('partner_agency'), 'req-00000001', config)).rejects.toThrow(/unknown service/);
  });
});
