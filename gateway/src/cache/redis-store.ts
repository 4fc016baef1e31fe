import { Redis } from 'ioredis';
import type { KeyValueCache, KeyValueCacheSetOptions } from '@apollo/utils.keyvaluecache';
import type { Logger } from '@skills-sichuan/runtime';

/**
 * Redis for the gateway's shared state (REDIS_URL). A command fails at once while Redis is
 * away instead of waiting in a queue: the cache then misses and the graph answers as without it.
 * The connection keeps trying in the background; the gateway starts without it.
 */
export async function connectRedis(url: string, log: Logger): Promise<Redis> {
  const redis = new Redis(url, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 2_000 });
  let warned = false;
  redis.on('error', (err: Error) => {
    if (!warned) log.warn({ err: err.message }, 'Redis does not answer: the response cache misses until it does');
    warned = true;
  });
  redis.on('ready', () => {
    if (warned) log.info('Redis answers again');
    warned = false;
  });
  await redis.connect().catch(() => undefined);
  return redis;
}

/** Apollo's key-value cache on Redis, each entry expiring with its answer's max-age. */
export class RedisKeyValueCache implements KeyValueCache<string> {
  constructor(
    private readonly redis: Redis,
    /** REDIS_KEY_PREFIX and `response:` */
    private readonly prefix: string,
  ) {}

  async get(key: string): Promise<string | undefined> {
    return (await this.redis.get(this.prefix + key)) ?? undefined;
  }

  async set(key: string, value: string, options?: KeyValueCacheSetOptions): Promise<void> {
    const ttl = options?.ttl;
    if (typeof ttl === 'number' && ttl > 0) await this.redis.set(this.prefix + key, value, 'EX', Math.ceil(ttl));
    else if (ttl === undefined || ttl === null) await this.redis.set(this.prefix + key, value);
  }

  async delete(key: string): Promise<boolean> {
    return (await this.redis.del(this.prefix + key)) > 0;
  }
}
