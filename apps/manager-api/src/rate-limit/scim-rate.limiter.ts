import { ScimRateLimiter } from '@app/scim/ports/rate-limiter';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { COUNTER_STORE, CounterStore } from './counter-store';

const MINUTE = 60_000;

/** The SCIM library's per-connection limit: `RATE_LIMIT_SCIM_PER_MINUTE` requests per connection and minute (0: none). */
@Injectable()
export class ScimConnectionRateLimiter implements ScimRateLimiter {
  constructor(
    @Inject(COUNTER_STORE) private readonly counters: CounterStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async hit(key: string): Promise<{ allowed: boolean; retryAfterSeconds: number }> {
    const limit = this.config.rateLimits.scimPerMinute;
    if (limit === 0) return { allowed: true, retryAfterSeconds: 0 };
    const { count, resetInMs } = await this.counters.increment(key, MINUTE);
    return { allowed: count <= limit, retryAfterSeconds: Math.max(1, Math.ceil(resetInMs / 1000)) };
  }
}
