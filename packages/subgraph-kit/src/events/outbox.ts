import { randomUUID } from 'node:crypto';
import {
  IsNull,
  type DataSource,
  type EntityManager,
  type QueryRunner,
  type TransactionCommitEvent,
  type TransactionRollbackEvent,
} from 'typeorm';
import type { Logger } from '@skills-sichuan/runtime';
import type { EventPayloads, EventType, GraphEvent } from './catalog';
import { OutboxEvent } from './event.entities';

/** Where a relay hands events: to the gateway's router (the embedded default) or a broker. */
export interface EventTransport {
  readonly name: string;
  send(event: GraphEvent): Promise<void>;
  close(): Promise<void>;
}

const relays = new WeakMap<DataSource, EventRelay>();
/** the transactions that published an event, until they commit or roll back */
const publishedIn = new WeakSet<QueryRunner>();

/**
 * Records an event in the caller's transaction: it exists exactly when the change it reports
 * was committed. The subgraph's relay delivers it afterwards, at least once.
 */
export async function publishEvent<T extends EventType>(manager: EntityManager, type: T, payload: EventPayloads[T]): Promise<void> {
  await manager.getRepository(OutboxEvent).insert({
    id: randomUUID(),
    type,
    payload: JSON.stringify(payload),
    occurredAt: new Date().toISOString(),
    publishedAt: null,
    attempts: 0,
  });
  const transaction = manager.queryRunner;
  // in a transaction the event exists only once it commits: the relay is woken then (its subscriber), not on a guess
  if (transaction?.isTransactionActive) publishedIn.add(transaction);
  else relays.get(manager.connection)?.soon();
}

/**
 * A transaction of the event machinery, not of a request: on PostgreSQL without the requests'
 * statement timeout (DATABASE_STATEMENT_TIMEOUT_MS bounds what a client asks, not delivery).
 */
export function backgroundTransaction<T>(db: DataSource, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  return db.transaction(async (manager) => {
    if (db.options.type === 'postgres') await manager.query('SET LOCAL statement_timeout = 0');
    return work(manager);
  });
}

/** the longest a relay waits before trying a failed delivery again */
const MAX_BACKOFF_MS = 5_000;

/**
 * Delivers a subgraph's outbox in order, one event at a time, marking each once its transport
 * took it; a failure leaves it (and those after it) for the next try, after a backoff. It
 * reads the outbox only when an event was published or a delivery failed, never while idle.
 */
export class EventRelay {
  private timer?: NodeJS.Timeout;
  /** the timer is only a failure's retry: no publish has asked for a drain since it was set */
  private onlyRetry = false;
  /** a drain was asked for while one ran */
  private again = false;
  private running?: Promise<void>;
  private backoffMs = 0;
  private stopped = false;

  constructor(
    private readonly db: DataSource,
    private readonly producer: string,
    private readonly transport: EventTransport,
    private readonly log: Logger,
  ) {
    relays.set(db, this);
    // after a publishing transaction commits (the outermost commit, not a savepoint's release)
    db.subscribers.push({
      afterTransactionCommit: ({ queryRunner }: TransactionCommitEvent) => {
        if (queryRunner.isTransactionActive || !publishedIn.has(queryRunner)) return;
        publishedIn.delete(queryRunner);
        this.soon();
      },
      // rolled back, its events with it (SQLite's one query runner serves the next transaction too)
      afterTransactionRollback: ({ queryRunner }: TransactionRollbackEvent) => {
        if (!queryRunner.isTransactionActive) publishedIn.delete(queryRunner);
      },
    });
  }

  /** delivers what is pending now (at start: what an earlier process left) */
  start(): void {
    this.soon();
  }

  /** a drain on the next turn of the loop: a burst of publishes is one drain */
  soon(): void {
    this.onlyRetry = false;
    this.schedule(0);
  }

  private schedule(delayMs: number): void {
    if (this.stopped || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.drain();
    }, delayMs);
    this.timer.unref();
  }

  /**
   * Delivers every pending event; resolves when the outbox is empty or a delivery failed. Asked
   * while a drain runs, it reads once more after that one: the running drain's last read may have
   * come before the event that asked was committed.
   */
  drain(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.deliverPending();
      } while (this.again && !this.stopped);
    })().finally(() => (this.running = undefined));
    return this.running;
  }

  private retryLater(err: unknown, message: string, fields: Record<string, unknown> = {}): void {
    this.backoffMs = Math.min(MAX_BACKOFF_MS, Math.max(100, this.backoffMs * 2));
    this.log.warn({ err, ...fields, retryInMs: this.backoffMs }, message);
    if (!this.timer) this.onlyRetry = true;
    this.schedule(this.backoffMs);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
    await this.transport.close();
  }

  private async deliverPending(): Promise<void> {
    while (!this.stopped) {
      // read in a transaction: on SQLite's single connection it waits for the publishing one to end, so an uncommitted event is never seen
      let pending: OutboxEvent[];
      try {
        pending = await backgroundTransaction(this.db, (manager) =>
          manager.getRepository(OutboxEvent).find({ where: { publishedAt: IsNull() }, order: { seq: 'ASC' }, take: 50 }),
        );
      } catch (err) {
        // the database is out of reach a moment: the outbox keeps, and the relay reads it again after a backoff
        this.retryLater(err, 'the outbox could not be read; the relay tries again');
        return;
      }
      if (pending.length === 0) {
        this.backoffMs = 0;
        // a failure's retry has nothing left to do (a drain from elsewhere delivered it); a timer a publish
        // asked for stays: its event may be committed only after this read
        if (this.onlyRetry) {
          clearTimeout(this.timer);
          this.timer = undefined;
          this.onlyRetry = false;
        }
        return;
      }
      for (const row of pending) {
        const event: GraphEvent = {
          id: row.id,
          type: row.type as EventType,
          producer: this.producer,
          occurredAt: row.occurredAt,
          payload: JSON.parse(row.payload),
        };
        try {
          await this.transport.send(event);
        } catch (err) {
          await backgroundTransaction(this.db, (m) => m.getRepository(OutboxEvent).increment({ seq: row.seq }, 'attempts', 1)).catch(
            () => undefined,
          );
          this.retryLater(err, 'an event could not be delivered yet', { event: event.id, type: event.type, attempts: row.attempts + 1 });
          return;
        }
        try {
          await backgroundTransaction(this.db, (m) =>
            m.getRepository(OutboxEvent).update({ seq: row.seq }, { publishedAt: new Date().toISOString(), attempts: row.attempts + 1 }),
          );
        } catch (err) {
          // delivered but not marked: it goes again, and the consumers' inboxes apply it once
          this.retryLater(err, 'a delivered event could not be marked; it goes again');
          return;
        }
      }
    }
  }
}
