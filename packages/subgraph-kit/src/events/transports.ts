import { GATEWAY_EVENTS_AUDIENCE, SERVICE_HEADER, signViewerHeaders, Viewer, type Logger } from '@skills-sichuan/runtime';
import { parseEvent, type GraphEvent } from './catalog';
import type { EventTransport } from './outbox';

/**
 * The embedded default: the relay posts each event to the gateway's event router, signed
 * with this subgraph's secret like its reads of the graph; the router hands it to every other
 * subgraph of ours and answers 200 only once each has applied it (or has no use for it).
 * Nothing else needs to run.
 */
export class GatewayEventTransport implements EventTransport {
  readonly name = 'gateway';
  constructor(
    private readonly producer: string,
    private readonly secret: string,
    private readonly graphUrl: () => string,
    private readonly timeoutMs = 10_000,
  ) {}

  async send(event: GraphEvent): Promise<void> {
    const body = JSON.stringify(event);
    const url = new URL('/events', this.graphUrl());
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-request-id': `event-${event.id}`,
        [SERVICE_HEADER]: this.producer,
        ...signViewerHeaders({
          viewer: Viewer.public(),
          secret: this.secret,
          requestId: `event-${event.id}`,
          direction: 'subgraph-to-gateway',
          audience: GATEWAY_EVENTS_AUDIENCE,
          body,
        }),
      },
      body,
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    if (!response.ok) throw new Error(`the gateway's event router answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
  }

  async close(): Promise<void> {}
}

/** how long JetStream waits for an event's ack: one handed to a consumer that died before acking it comes again after this */
export const NATS_ACK_WAIT_MS = 30_000;

export interface NatsSettings {
  /** EVENT_BROKER, e.g. nats://127.0.0.1:4222 */
  url: string;
  /** EVENT_STREAM: the JetStream stream (and subject prefix, lower-cased) the graph's events go to */
  stream: string;
}

type Nats = {
  connection: import('@nats-io/transport-node').NatsConnection;
  js: import('@nats-io/jetstream').JetStreamClient;
};

/**
 * NATS JetStream, when EVENT_BROKER is set: the relay publishes each event to the stream with
 * its id as the message id (JetStream drops a second publish of one id within its window), and
 * each subgraph reads the stream through a durable consumer of its own, acknowledging an event
 * only once it is applied — a subgraph that was down reads on from where it stopped.
 */
export class NatsEvents implements EventTransport {
  readonly name = 'nats';
  private nats?: Promise<Nats>;
  private consuming?: Promise<void>;
  private stopped = false;

  constructor(
    private readonly settings: NatsSettings,
    private readonly subgraph: string,
    private readonly log: Logger,
  ) {}

  private subject(type: string): string {
    return `${this.settings.stream.toLowerCase()}.${type}`;
  }

  private connect(): Promise<Nats> {
    this.nats ??= (async () => {
      /* eslint-disable @typescript-eslint/no-require-imports -- loaded only with a broker configured */
      const { connect } = require('@nats-io/transport-node') as typeof import('@nats-io/transport-node');
      const { jetstream, jetstreamManager } = require('@nats-io/jetstream') as typeof import('@nats-io/jetstream');
      /* eslint-enable @typescript-eslint/no-require-imports */
      const connection = await connect({ servers: this.settings.url, name: this.subgraph, maxReconnectAttempts: -1 });
      const manager = await jetstreamManager(connection);
      const subjects = [`${this.settings.stream.toLowerCase()}.>`];
      // every subgraph makes sure the stream exists; the first to start creates it
      await manager.streams
        .info(this.settings.stream)
        .catch(() => manager.streams.add({ name: this.settings.stream, subjects, max_age: 7 * 24 * 3600 * 1e9 }));
      return { connection, js: jetstream(connection) };
    })();
    this.nats.catch(() => (this.nats = undefined));
    return this.nats;
  }

  async send(event: GraphEvent): Promise<void> {
    const { js } = await this.connect();
    await js.publish(this.subject(event.type), JSON.stringify(event), { msgID: event.id });
  }

  /** Applies the stream's events in order with `apply`, through this subgraph's durable consumer, until close(). */
  consume(apply: (event: GraphEvent) => Promise<unknown>): void {
    this.consuming = (async () => {
      while (!this.stopped) {
        try {
          const { connection, js } = await this.connect();
          const { jetstreamManager } = require('@nats-io/jetstream') as typeof import('@nats-io/jetstream'); // eslint-disable-line @typescript-eslint/no-require-imports
          const manager = await jetstreamManager(connection);
          const durable = `${this.settings.stream}_${this.subgraph}`;
          await manager.consumers.info(this.settings.stream, durable).catch(() =>
            manager.consumers.add(this.settings.stream, {
              durable_name: durable,
              ack_policy: 'explicit' as never,
              // one at a time, so a subject's events are applied in the order they were published
              max_ack_pending: 1,
              ack_wait: NATS_ACK_WAIT_MS * 1e6, // nanoseconds
            }),
          );
          const consumer = await js.consumers.get(this.settings.stream, durable);
          while (!this.stopped) {
            const message = await consumer.next({ expires: 1_000 });
            if (!message) continue;
            try {
              await apply(parseEvent(message.json()));
              message.ack();
            } catch (err) {
              this.log.warn({ err, subject: message.subject }, 'an event could not be applied yet; it comes again');
              message.nak(1_000);
            }
          }
        } catch (err) {
          if (this.stopped) return;
          this.log.warn({ err }, 'the event broker could not be read; trying again');
          await new Promise((r) => setTimeout(r, 1_000));
        }
      }
    })();
  }

  async close(): Promise<void> {
    this.stopped = true;
    await this.consuming;
    const nats = await this.nats?.catch(() => undefined);
    await nats?.connection.drain().catch(() => undefined);
  }
}
