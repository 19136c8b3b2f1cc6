import { Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { ThrottlerModule, ThrottlerStorage } from '@nestjs/throttler';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { COUNTER_STORE, CounterStore, InProcessCounterStore } from './counter-store';
import { RedisCounterStore } from './redis-counter.store';
import { ScimConnectionRateLimiter } from './scim-rate.limiter';
import { CounterThrottlerStorage } from './throttler-counter.storage';

const counterStore = {
  provide: COUNTER_STORE,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig): CounterStore =>
    config.redisUrl === undefined ? new InProcessCounterStore() : new RedisCounterStore(config.redisUrl),
};

@Module({
  providers: [counterStore, CounterThrottlerStorage, ScimConnectionRateLimiter],
  exports: [COUNTER_STORE, CounterThrottlerStorage, ScimConnectionRateLimiter],
})
export class RateLimitStoreModule implements OnApplicationShutdown {
  constructor(@Inject(COUNTER_STORE) private readonly counters: CounterStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.counters.close();
  }
}

/**
 * Rate limits: per SCIM connection (through the library's port) and per admin client (@nestjs/throttler),
 * counted in Redis when REDIS_URL is set (so they hold across instances), else in process.
 */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      imports: [RateLimitStoreModule],
      inject: [APP_CONFIG, CounterThrottlerStorage],
      useFactory: (config: AppConfig, storage: ThrottlerStorage) => ({
        throttlers: [{ name: 'default', ttl: 60_000, limit: config.rateLimits.adminPerMinute }],
        storage,
      }),
    }),
  ],
})
export class RateLimitModule {}
