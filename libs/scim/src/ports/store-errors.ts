/** A write violated a uniqueness rule of the store (decided by its constraints, also under races). */
export class StoreConflictError extends Error {
  constructor(readonly attribute: string) {
    super(`${attribute} is already taken`);
    this.name = 'StoreConflictError';
  }
}

/** A write referenced ids the store does not know for this tenant (e.g. group members). */
export class StoreReferenceError extends Error {
  /** `groups`: the ids are groups of the tenant (nested groups are not supported). */
  constructor(
    readonly ids: readonly string[],
    readonly kind: 'unknown' | 'groups' = 'unknown',
    detail?: string,
  ) {
    super(detail ?? `Unknown ids: ${ids.join(', ')}`);
    this.name = 'StoreReferenceError';
  }
}

/** A value the host cannot store (e.g. an unknown gender, an email that is not one); becomes 400 invalidValue. */
export class StoreValidationError extends Error {
  constructor(
    readonly attribute: string,
    detail: string,
  ) {
    super(detail);
    this.name = 'StoreValidationError';
  }
}

/** The store cannot be reached right now (database down or unreachable); becomes 503 with Retry-After. */
export class StoreUnavailableError extends Error {
  constructor(cause?: unknown) {
    super('The store is unavailable', { cause });
    this.name = 'StoreUnavailableError';
  }
}
