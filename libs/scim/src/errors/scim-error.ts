/** The `scimType` values of RFC 7644 §3.12 that this library emits. */
export type ScimType =
  | 'invalidFilter'
  | 'tooMany'
  | 'uniqueness'
  | 'mutability'
  | 'invalidSyntax'
  | 'invalidPath'
  | 'noTarget'
  | 'invalidValue'
  | 'invalidVers'
  | 'sensitive';

/**
 * A protocol error with its HTTP status and, where RFC 7644 §3.12 names one, its `scimType`.
 * Only the factories create instances, so an illegal status/scimType pair cannot be written.
 */
export class ScimError extends Error {
  private constructor(
    readonly status: number,
    detail: string,
    readonly scimType?: ScimType,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(detail);
    this.name = 'ScimError';
  }

  get detail(): string {
    return this.message;
  }

  static invalidFilter(detail: string): ScimError {
    return new ScimError(400, detail, 'invalidFilter');
  }
  static tooMany(detail: string): ScimError {
    return new ScimError(400, detail, 'tooMany');
  }
  static invalidSyntax(detail: string): ScimError {
    return new ScimError(400, detail, 'invalidSyntax');
  }
  static invalidPath(detail: string): ScimError {
    return new ScimError(400, detail, 'invalidPath');
  }
  static noTarget(detail: string): ScimError {
    return new ScimError(400, detail, 'noTarget');
  }
  static invalidValue(detail: string): ScimError {
    return new ScimError(400, detail, 'invalidValue');
  }
  static mutability(detail: string): ScimError {
    return new ScimError(400, detail, 'mutability');
  }
  static invalidVersion(detail: string): ScimError {
    return new ScimError(400, detail, 'invalidVers');
  }
  static uniqueness(detail: string): ScimError {
    return new ScimError(409, detail, 'uniqueness');
  }
  static unauthorized(detail: string): ScimError {
    return new ScimError(401, detail, undefined, { 'WWW-Authenticate': 'Bearer realm="SCIM"' });
  }
  static forbidden(detail: string): ScimError {
    return new ScimError(403, detail);
  }
  static notFound(detail: string): ScimError {
    return new ScimError(404, detail);
  }
  static conflict(detail: string): ScimError {
    return new ScimError(409, detail);
  }
  static preconditionFailed(detail: string): ScimError {
    return new ScimError(412, detail);
  }
  static payloadTooLarge(detail: string): ScimError {
    return new ScimError(413, detail);
  }
  static tooManyRequests(detail: string, retryAfterSeconds: number): ScimError {
    return new ScimError(429, detail, undefined, { 'Retry-After': String(retryAfterSeconds) });
  }
  static notImplemented(detail: string): ScimError {
    return new ScimError(501, detail);
  }
  static unavailable(detail: string, retryAfterSeconds?: number): ScimError {
    return new ScimError(503, detail, undefined, retryAfterSeconds === undefined ? {} : { 'Retry-After': String(retryAfterSeconds) });
  }
  /** The store is down: the IdP should retry later. */
  static storeUnavailable(): ScimError {
    return ScimError.unavailable('The service is temporarily unavailable; retry later', 30);
  }
  /** An unexpected failure; the detail never carries internals. */
  static internal(): ScimError {
    return new ScimError(500, 'Internal server error');
  }
}
