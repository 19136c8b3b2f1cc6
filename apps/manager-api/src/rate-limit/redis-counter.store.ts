import Redis from 'ioredis';
import { CounterStore } from './counter-store';

/** Counters in Redis: one INCR (+ PEXPIRE on a new window) per hit, atomic across app processes. */
export class RedisCounterStore implements CounterStore {
  private readonly redis: Redis;

  constructor(url: string, private readonly prefix = 'manager:rl:') {
    this.redis = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 1, enableOfflineQueue: true });
  }

  async increment(key: string, windowMs: number): Promise<{ count: number; resetInMs: number }> {
    const full = `${this.prefix}${key}`;
    const result = await this.redis.multi().incr(full).pexpire(full, windowMs, 'NX').pttl(full).exec();
    const count = Number(result?.[0]?.[1] ?? 1);
    const ttl = Number(result?.[2]?.[1] ?? windowMs);
    return { count, resetInMs: ttl > 0 ? ttl : windowMs };
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
