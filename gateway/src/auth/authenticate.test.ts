import { signViewerHeaders, subgraphSideSecret, Viewer } from '@skills-sichuan/runtime';
import { authenticate } from './authenticate';

/** A subgraph may read the graph as its viewer only if it is one of ours: a partner's signature is never enough. */
describe('authenticate', () => {
  const token = { secret: 'x'.repeat(40), issuer: 'skills-sichuan' };
  const asService = (service: string) => ({
    'x-service': service,
    ...signViewerHeaders(Viewer.fromClaims({ role: 'PROVINCIAL_ADMIN', sub: 'forged' }), subgraphSideSecret(service), 'req-00000001'),
  });
  const config = { token, subgraphSecret: (name: string) => subgraphSideSecret(name), subgraphs: new Set(['evaluation']) };

  it('takes the viewer an in-house subgraph signed for', () => {
    expect(authenticate(asService('evaluation'), 'req-00000001', config).role).toBe('PROVINCIAL_ADMIN');
  });

  it('refuses a subgraph that is composed but not in-house, even with a valid signature', () => {
    expect(() => authenticate(asService('partner_agency'), 'req-00000001', config)).toThrow(/unknown service/);
  });
});
