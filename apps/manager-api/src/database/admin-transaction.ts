import { DataSource, EntityManager } from 'typeorm';
import { ManagerError, ManagerErrorCode } from '../common/errors/manager-error';
import { serialisedTransaction } from './transactions';
import { violatedUniqueIndex } from './unique-violation';

const CONFLICT_MESSAGES: Readonly<Record<string, string>> = {
  uq_users_customer_email: 'A user with this email already exists for this customer',
  uq_users_customer_user_name: 'A user with this email or SCIM user name already exists for this customer',
  uq_groups_customer_name: 'A group with this name already exists for this customer',
};

/**
 * Runs an admin write as one transaction; a unique-index violation becomes a 409 ManagerError,
 * so the database constraint (not a prior check) is what decides a duplicate.
 */
export async function adminTransaction<T>(
  dataSource: DataSource,
  work: (manager: EntityManager) => Promise<T>,
  options: { rollback?: boolean } = {},
): Promise<T> {
  try {
    return options.rollback === true ? await rolledBack(dataSource, work) : await serialisedTransaction(dataSource, work);
  } catch (error) {
    const index = violatedUniqueIndex(error);
    if (index === undefined) throw error;
    throw new ManagerError(ManagerErrorCode.CONFLICT, CONFLICT_MESSAGES[index] ?? 'This entry already exists for this customer');
  }
}

/** Carries a dry run's result out of the transaction it rolls back. */
class DryRunRollback<T> extends Error {
  constructor(readonly result: T) {
    super('dry run: rolled back');
  }
}

/** Runs `work` in a transaction that is always rolled back (dry runs report exactly what a real run would do). */
async function rolledBack<T>(dataSource: DataSource, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  try {
    await serialisedTransaction(dataSource, async (manager) => {
      throw new DryRunRollback(await work(manager));
    });
  } catch (error) {
    if (error instanceof DryRunRollback) return error.result as T;
    throw error;
  }
  throw new Error('unreachable: a dry run always rolls back');
}
