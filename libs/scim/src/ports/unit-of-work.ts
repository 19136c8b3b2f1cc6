/**
 * One database transaction, opaque to the library. The host's adapters create it and read their own
 * handle (e.g. a TypeORM EntityManager) back from it; the library only passes it to every store call.
 */
export interface UnitOfWork {
  readonly __unitOfWork: true;
}

/** Runs work in one transaction: committed when `work` resolves, rolled back when it throws. */
export interface ScimTransactionRunner {
  run<T>(work: (uow: UnitOfWork) => Promise<T>): Promise<T>;
}
