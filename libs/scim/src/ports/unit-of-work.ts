/**
 * One database transaction, opaque to the library. The host's adapters create it and read their own
 * handle (e.g. a TypeORM EntityManager) back from it; the library only passes it to every store call.
 */
export interface UnitOfWork {
  readonly __unitOfWork: true;
}

/** Runs work in one transaction: committed when `work` resolves, rolled back when it throws. */
export interface ScimTransactionRunner {
  /**
   * `readOnly`: the work only reads (GET, list, search); a runner may then skip the transaction, as long
   * as it never shows uncommitted writes of other requests.
   */
  run<T>(work: (uow: UnitOfWork) => Promise<T>, options?: { readonly readOnly?: boolean }): Promise<T>;
}
