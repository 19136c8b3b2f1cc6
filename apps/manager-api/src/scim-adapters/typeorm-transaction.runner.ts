import { StoreUnavailableError } from '@app/scim/ports/store-errors';
import { ScimTransactionRunner, UnitOfWork } from '@app/scim/ports/unit-of-work';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { isConnectionFailure } from '../database/connection-failure';
import { serialisedTransaction } from '../database/transactions';

const managers = new WeakMap<UnitOfWork, EntityManager>();

/** The EntityManager of a unit of work opened by TypeOrmTransactionRunner (valid until `run` settles). */
export function managerOf(uow: UnitOfWork): EntityManager {
  const manager = managers.get(uow);
  if (manager === undefined) throw new Error('Not an open unit of work of TypeOrmTransactionRunner');
  return manager;
}

/** The SCIM library's transactions: one database transaction per unit of work. */
@Injectable()
export class TypeOrmTransactionRunner implements ScimTransactionRunner {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * `readOnly` on PostgreSQL runs without a transaction (autocommit reads of committed data). SQLite keeps
   * every unit of work in its queue: its single connection would otherwise show another request's
   * uncommitted writes.
   */
  run<T>(work: (uow: UnitOfWork) => Promise<T>, options: { readOnly?: boolean } = {}): Promise<T> {
    const direct = options.readOnly === true && this.dataSource.options.type === 'postgres';
    return unavailableMapped(() =>
      direct ? withUnitOfWork(this.dataSource.manager, work) : serialisedTransaction(this.dataSource, (m) => withUnitOfWork(m, work)),
    );
  }
}

async function withUnitOfWork<T>(manager: EntityManager, work: (uow: UnitOfWork) => Promise<T>): Promise<T> {
  const uow: UnitOfWork = Object.freeze({ __unitOfWork: true });
  managers.set(uow, manager);
  try {
    return await work(uow);
  } finally {
    managers.delete(uow);
  }
}

/** A database that cannot be reached becomes the port's StoreUnavailableError (503 for the IdP, which retries). */
export async function unavailableMapped<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw isConnectionFailure(error) ? new StoreUnavailableError(error) : error;
  }
}
