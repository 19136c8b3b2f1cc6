import { QueryFailedError } from 'typeorm';

/**
 * The name of the unique index a failed write violated, or `undefined` when the error is something else.
 * PostgreSQL names the constraint; SQLite names the columns, which are mapped back to our index names.
 */
export function violatedUniqueIndex(error: unknown): string | undefined {
  if (!(error instanceof QueryFailedError)) return undefined;
  const driverError: unknown = error.driverError;
  if (typeof driverError !== 'object' || driverError === null) return undefined;
  const { code, constraint, message } = driverError as { code?: string; constraint?: string; message?: string };
  if (code === '23505') return constraint ?? 'unknown';
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    const columns = /UNIQUE constraint failed: (.+)$/.exec(message ?? '')?.[1] ?? '';
    return SQLITE_COLUMNS_TO_INDEX[columns.replace(/\s+/g, '')] ?? columns;
  }
  return undefined;
}

const SQLITE_COLUMNS_TO_INDEX: Readonly<Record<string, string>> = {
  'users.customer_id,users.email_key': 'uq_users_customer_email',
  'users.customer_id,users.scim_user_name_key': 'uq_users_customer_user_name',
  'user_groups.customer_id,user_groups.name_key': 'uq_groups_customer_name',
};
