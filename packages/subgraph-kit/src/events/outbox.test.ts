import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { createDataSource, openDatabase, SqlStatementCounter, type DatabaseTarget } from '@skills-sichuan/database';
import { createLogger } from '@skills-sichuan/runtime';
import { IsNull, type DataSource } from 'typeorm';
import type { EventPayloads, GraphEvent } from './catalog';
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
const usingPostgres = process.env.TEST_DATABASE === 'postgres';

describe(`EventRelay on ${usingPostgres ? 'PostgreSQL' : 'SQLite'}`, () => {
  const target: DatabaseTarget = usingPostgres
    ? {
        kind: 'postgres',
        url: process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
        schema: `t${randomBytes(4).toString('hex')}_relay`,
      }
    : { kind: 'sqlite', file: ':memory:' };
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
    if (target.kind === 'postgres') await db?.query(`DROP SCHEMA IF EXISTS "${target.schema}" CASCADE`);
    await db?.destroy();
  });
  const disqualified = (decisionId: string): EventPayloads['roster.subject-disqualified'] => ({
    decisionId,
    decisionReference: '川技能〔2024〕1号',
    subjectType: 'BASE',
    subjectId: 'b-1',
    organizationId: 'o-1',
    action: 'SUSPEND',
    decidedOn: '2024-05-01',
    brandIds: ['brand-1'],
    remainingBrandIds: [],
    subjectSeq: 1,
  });
  const decisionOf = (e: GraphEvent) => (e.payload as EventPayloads['roster.subject-disqualified']).decisionId;

  it('stops retrying once a drain from elsewhere has delivered what failed', async () => {
    await db.transaction((manager) => publishEvent(manager, 'roster.subject-disqualified', disqualified('d-1')));
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

  it('delivers an event whose transaction commits long after it was published', async () => {
    transport.open = true;
    await db.transaction(async (manager) => {
      await publishEvent(manager, 'roster.subject-disqualified', disqualified('d-2'));
      // the rest of the change takes a while: the relay must not look before the commit and give up
      await pause(150);
    });
    const deadline = Date.now() + 2_000;
    while (!transport.delivered.some((e) => decisionOf(e) === 'd-2') && Date.now() < deadline) await pause(10);
    expect(transport.delivered.filter((e) => decisionOf(e) === 'd-2')).toHaveLength(1);
    expect(await db.getRepository(OutboxEvent).countBy({ publishedAt: IsNull() })).toBe(0);
  });

  it('delivers nothing of a transaction that rolled back', async () => {
    const before = transport.delivered.length;
    await expect(
      db.transaction(async (manager) => {
        await publishEvent(manager, 'roster.subject-disqualified', disqualified('d-3'));
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    await pause(100);
    expect(transport.delivered).toHaveLength(before);
    expect(await db.getRepository(OutboxEvent).countBy({ type: 'roster.subject-disqualified' })).toBe(2);
  });
});
