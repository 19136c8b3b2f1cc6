import { Inject, Injectable } from '@nestjs/common';
import { ThrottlerStorage } from '@nestjs/throttler';
import { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface';
import { COUNTER_STORE, CounterStore } from './counter-store';

/** @nestjs/throttler's storage over our counters, so the admin API limit also holds across processes. */
@Injectable()
export class CounterThrottlerStorage implements ThrottlerStorage {
  constructor(@Inject(COUNTER_STORE) private readonly counters: CounterStore) {}

  async increment(key: string, ttl: number, limit: number, _blockDuration: number, name: string): Promise<ThrottlerStorageRecord> {
    const { count, resetInMs } = await this.counters.increment(`admin:${name}:${key}`, ttl);
    const seconds = Math.max(1, Math.ceil(resetInMs / 1000));
    const isBlocked = count > limit;
    return { totalHits: count, timeToExpire: seconds, isBlocked, timeToBlockExpire: isBlocked ? seconds : 0 };
  }
}
