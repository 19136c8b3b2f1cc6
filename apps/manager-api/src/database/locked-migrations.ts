import { DataSource, DataSourceOptions } from 'typeorm';

/** An arbitrary, fixed key for PostgreSQL's advisory lock around migrations ("mgr-migr"). */
const MIGRATION_LOCK = 0x6d67722d6d696772n;

/**
 * Opens the data source and runs pending migrations. On PostgreSQL an advisory lock makes several app
 * processes starting together migrate one after another (the others then find nothing to do) instead of
 * racing on the same CREATE TABLE.
 */
export async function initializeWithMigrations(options: DataSourceOptions): Promise<DataSource> {
  const dataSource = await new DataSource({ ...options, migrationsRun: false }).initialize();
  if (dataSource.options.type !== 'postgres') {
    await dataSource.runMigrations({ transaction: 'each' });
    return dataSource;
  }
  const runner = dataSource.createQueryRunner();
  try {
    await runner.connect();
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK.toString()]);
    try {
      await dataSource.runMigrations({ transaction: 'each' });
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK.toString()]);
    }
  } finally {
    await runner.release();
  }
  return dataSource;
}
