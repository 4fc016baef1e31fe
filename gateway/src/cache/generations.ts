import type { Redis } from 'ioredis';
import type { Logger } from '@skills-sichuan/runtime';

/**
 * How many writes each service has taken, as this replica knows: part of the key of every
 * answer kept from that service, so a committed write makes the answers read before it
 * unreachable (they age out of the store on their own). A read keys itself with the
 * generations current when it starts, so an answer read across a write is kept under the old
 * generation and never served after it.
 */
export interface WriteGenerations {
  /** every service's generation now: what a request coming in keys its answer with */
  snapshot(): ReadonlyMap<string, number>;
  /** called once a write to these services has committed */
  written(services: Iterable<string>): Promise<void>;
  close(): Promise<void>;
}

/** One replica's generations, in its memory: the embedded default. */
export class LocalGenerations implements WriteGenerations {
  protected readonly known = new Map<string, number>();

  of(service: string): number {
    return this.known.get(service) ?? 0;
  }

  snapshot(): ReadonlyMap<string, number> {
    return new Map(this.known);
  }

  async written(services: Iterable<string>): Promise<void> {
    for (const service of services) this.known.set(service, this.of(service) + 1);
  }

  async close(): Promise<void> {}

  /** a generation told by another replica: never goes back */
  protected learn(service: string, generation: number): void {
    if (generation > this.of(service)) this.known.set(service, generation);
  }
}

/**
 * Every replica's generations, through Redis: a write counts in one hash (HINCRBY) and is
 * published, and each replica keeps a copy it reads without a round trip. A replica learns of
 * another's write a publish later (milliseconds); after a reconnect it reads the hash again.
 */
export class SharedGenerations extends LocalGenerations {
  /** the hash of the counts, and the channel their changes are published on */
  private readonly key: string;

  private constructor(
    private readonly redis: Redis,
    private readonly subscriber: Redis,
    private readonly log: Logger,
    prefix: string,
  ) {
    super();
    this.key = `${prefix}write-generations`;
  }

  static async open(redis: Redis, prefix: string, log: Logger): Promise<SharedGenerations> {
    const subscriber = redis.duplicate();
    const shared = new SharedGenerations(redis, subscriber, log, prefix);
    subscriber.on('message', (_channel: string, message: string) => {
      const { service, generation } = JSON.parse(message) as { service: string; generation: number };
      shared.learn(service, generation);
    });
    // on every (re)connect: listen, then read the hash for the writes missed meanwhile
    const listen = () =>
      subscriber.subscribe(shared.key).then(
        () => shared.readAll(),
        (err: Error) => log.warn({ err: err.message }, 'the other replicas’ writes cannot be heard yet'),
      );
    subscriber.on('ready', () => void listen());
    await subscriber.connect().catch(() => undefined);
    if (subscriber.status === 'ready') await listen();
    return shared;
  }

  override async written(services: Iterable<string>): Promise<void> {
    for (const service of new Set(services)) {
      try {
        const generation = await this.redis.hincrby(this.key, service, 1);
        this.learn(service, generation);
        await this.redis.publish(this.key, JSON.stringify({ service, generation }));
      } catch (err) {
        // this replica moves on by itself; the others may serve what they kept until its max-age
        await super.written([service]);
        this.log.warn({ err, service }, 'a write could not be told to the other replicas');
      }
    }
  }

  override async close(): Promise<void> {
    this.subscriber.disconnect();
  }

  private async readAll(): Promise<void> {
    try {
      for (const [service, generation] of Object.entries(await this.redis.hgetall(this.key))) this.learn(service, Number(generation));
    } catch (err) {
      this.log.warn({ err }, 'the shared write generations could not be read');
    }
  }
}
