/** Counts requests per key (a connection) and says when the key is over its limit. */
export interface ScimRateLimiter {
  /** Counts one request for `key`; `allowed: false` with the seconds until it may retry when over the limit. */
  hit(key: string): Promise<{ readonly allowed: boolean; readonly retryAfterSeconds: number }>;
}
