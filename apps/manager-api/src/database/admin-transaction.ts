import { DataSource, EntityManager } from 'typeorm';
import { ManagerError, ManagerErrorCode } from '../common/errors/manager-error';
import { violatedUniqueIndex } from './unique-violation';

const CONFLICT_MESSAGES: Readonly<Record<string, string>> = {
  uq_users_customer_email: 'A user with this email already exists for this customer',
  uq_users_customer_user_name: 'A user with this user name already exists for this customer',
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
    return options.rollback === true ? await rolledBack(dataSource, work) : await dataSource.transaction(work);
  } catch (error) {
    const index = violatedUniqueIndex(error);
    if (index === undefined) throw error;
    throw new ManagerError(ManagerErrorCode.CONFLICT, CONFLICT_MESSAGES[index] ?? 'This entry already exists for this customer');
  }
}

/** Runs `work` in a transaction that is always rolled back (dry runs report exactly what a real run would do). */
async function rolledBack<T>(dataSource: DataSource, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  await runner.startTransaction();
  try {
    return await work(runner.manager);
  } finally {
    await runner.rollbackTransaction();
    await runner.release();
  }
}
