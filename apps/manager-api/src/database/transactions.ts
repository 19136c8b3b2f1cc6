import { AsyncLocalStorage } from 'node:async_hooks';
import { DataSource, EntityManager } from 'typeorm';

const insideTransaction = new AsyncLocalStorage<DataSource>();
const sqliteQueues = new WeakMap<DataSource, Promise<unknown>>();
const settle = (): void => undefined;

const isSqlite = (dataSource: DataSource): boolean => dataSource.options.type === 'better-sqlite3';

/**
 * `dataSource.transaction`, one at a time on SQLite: TypeORM runs every SQLite transaction on the single
 * connection, so two open at once interleave and fail ("cannot start a transaction within a transaction").
 * A call made inside a running transaction nests (a savepoint) instead of waiting for itself.
 */
export function serialisedTransaction<T>(dataSource: DataSource, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  if (!isSqlite(dataSource) || insideTransaction.getStore() === dataSource) return dataSource.transaction(work);
  const start = () => insideTransaction.run(dataSource, () => dataSource.transaction(work));
  const result = (sqliteQueues.get(dataSource) ?? Promise.resolve()).then(start, start);
  sqliteQueues.set(dataSource, result.then(settle, settle));
  return result;
}

/** A write of its own, outside any caller's transaction: autocommit on PostgreSQL, queued on SQLite. */
export function autonomousWrite<T>(dataSource: DataSource, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  return isSqlite(dataSource) ? serialisedTransaction(dataSource, work) : work(dataSource.manager);
}
