import 'reflect-metadata';
import { createDataSource, openDatabase, SqlStatementCounter } from '@skills-sichuan/database';
import { createLogger } from '@skills-sichuan/runtime';
import type { DataSource } from 'typeorm';
import type { GraphEvent } from './catalog';
import { CreateEventTables1700000000100, InboxEvent, OutboxEvent } from './event.entities';
import { EventRelay, publishEvent, type EventTransport } from './outbox';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A transport that refuses until it is opened, as the gateway's router does before it listens. */
class GatewayNotYetListening implements EventTransport {
  readonly name = 'router';
  open = false;
  refused = 0;
  delivered: GraphEvent[] = [];
  async send(event: GraphEvent) {
    if (!this.open) {
      this.refused += 1;
      throw new Error('connect ECONNREFUSED');
    }
    this.delivered.push(event);
  }
  async close() {}
}

/** The relay delivers an outbox once, in order, and falls quiet when nothing is left to deliver. */
describe('EventRelay', () => {
  const target = { kind: 'sqlite' as const, file: ':memory:' };
  let db: DataSource;
  const sql = new SqlStatementCounter();
  const transport = new GatewayNotYetListening();
  let relay: EventRelay;

  beforeAll(async () => {
    db = createDataSource({
      target,
      entities: [OutboxEvent, InboxEvent],
      migrations: [CreateEventTables1700000000100],
      logger: createLogger('test'),
      counter: sql,
    });
    await openDatabase(db, target);
    relay = new EventRelay(db, 'bases', transport, createLogger('test'));
  });
  afterAll(async () => {
    await relay?.stop();
    await db?.destroy();
  });

  it('stops retrying once a drain from elsewhere has delivered what failed', async () => {
    await db.transaction((manager) =>
      publishEvent(manager, 'roster.subject-disqualified', {
        decisionId: 'd-1',
        decisionReference: '川技能〔2024〕1号',
        subjectType: 'BASE',
        subjectId: 'b-1',
        organizationId: 'o-1',
        action: 'SUSPEND',
        decidedOn: '2024-05-01',
        brandIds: ['brand-1'],
        remainingBrandIds: [],
        subjectSeq: 1,
      }),
    );
    // refused twice: the relay has a retry 200 ms away
    while (transport.refused < 2) await pause(10);
    transport.open = true;
    // what startGraph's eventsSettled and a shutdown do: drain now, not at the retry
    await relay.drain();
    expect(transport.delivered.map((e) => e.payload)).toEqual([expect.objectContaining({ decisionId: 'd-1' })]);

    const before = sql.count;
    await pause(500);
    // the retry would have read the outbox again (a statement in a test counting a request's); nothing is pending
    expect(sql.count).toBe(before);
    expect(transport.delivered).toHaveLength(1);
    expect(await db.getRepository(OutboxEvent).countBy({ attempts: 3 })).toBe(1);
  });
});
