import { assertHandlersRouted, eventsConsumedBy } from './catalog';

/** The router hands an event only to the subgraphs EVENT_CONSUMERS names: a subgraph's handlers must be exactly those. */
describe('the event routing table', () => {
  it('routes the roster’s events to brands and evaluation, the credit list’s to bases and brands', () => {
    expect(eventsConsumedBy('brands').sort()).toEqual([
      'credit.dishonesty-changed',
      'roster.subject-disqualified',
      'roster.subject-restored',
    ]);
    expect(eventsConsumedBy('bases')).toEqual(['credit.dishonesty-changed']);
    expect(eventsConsumedBy('training')).toEqual([]);
  });

  it('refuses a subgraph handling an event it is not routed, or missing one it is', () => {
    expect(() => assertHandlersRouted('training', ['credit.dishonesty-changed'])).toThrow(/EVENT_CONSUMERS/);
    expect(() => assertHandlersRouted('bases', [])).toThrow(/EVENT_CONSUMERS/);
    expect(() => assertHandlersRouted('bases', ['credit.dishonesty-changed'])).not.toThrow();
  });
});
