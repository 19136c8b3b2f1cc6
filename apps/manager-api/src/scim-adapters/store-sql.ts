import { StoreConflictError } from '@app/scim/ports/store-errors';
import type { StoreQuery } from '@app/scim/ports/store-query';
import type { AttrPath } from '@app/scim/query/filter-ast';
import type { ColumnTargetColumn, SqlDialect } from '@app/scim/query/filter-to-sql';
import { EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { violatedUniqueIndex } from '../database/unique-violation';

/** Shared SQL helpers of the TypeORM SCIM stores. */

export const textColumn = (expr: string, caseExact: boolean, keyExpr?: string): ColumnTargetColumn =>
  keyExpr === undefined
    ? { kind: 'column', expr, type: 'string', caseExact }
    : { kind: 'column', expr, type: 'string', caseExact, keyExpr };

export const dateTimeColumn = (expr: string): ColumnTargetColumn => ({ kind: 'column', expr, type: 'dateTime', caseExact: false });

/** Whether `id` can be a row id at all: ids fit varchar(36), and PostgreSQL refuses NUL in any text parameter. */
export function canBeRowId(id: string): boolean {
  return id.length <= 36 && !id.includes('\u0000');
}

export function dialectOf(manager: EntityManager): SqlDialect {
  return manager.connection.driver.options.type === 'postgres' ? 'postgres' : 'sqlite';
}

/**
 * Runs a write; a violation of one of `conflicts` (index name → SCIM attribute) becomes StoreConflictError.
 * On PostgreSQL the transaction is then aborted, so callers never reuse it.
 */
export async function conflictsMapped<T>(conflicts: ReadonlyMap<string, string>, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    const attribute = conflicts.get(violatedUniqueIndex(error) ?? '');
    if (attribute === undefined) throw error;
    throw new StoreConflictError(attribute);
  }
}

/** COUNT(*) of a join-free query (rows are already distinct, so no COUNT(DISTINCT id)). */
export async function countOf<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>): Promise<number> {
  const row = await qb.clone().select('COUNT(*)', 'total').getRawOne<{ total: string | number }>();
  return Number(row?.total ?? 0);
}

/**
 * RFC 7644 §3.4.2.3 ordering: missing values last when ascending, first when descending; ties broken by id.
 * Without sortBy: creation order, a stable order for paging.
 */
export function ordered<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  alias: string,
  query: StoreQuery,
  sortExpression: (path: AttrPath) => string,
): SelectQueryBuilder<T> {
  if (query.sortBy === undefined) return qb.orderBy(`${alias}.created_at`, 'ASC').addOrderBy(`${alias}.id`, 'ASC');
  const direction = query.descending ? 'DESC' : 'ASC';
  const nulls = query.descending ? 'NULLS FIRST' : 'NULLS LAST';
  return qb.orderBy(sortExpression(query.sortBy), direction, nulls).addOrderBy(`${alias}.id`, direction);
}

/**
 * Find options that lock the row for the rest of the transaction on PostgreSQL (SELECT … FOR UPDATE); SQLite
 * runs one transaction at a time, so it needs none.
 */
export function lockFor(manager: EntityManager, forUpdate: boolean | undefined): { lock?: { mode: 'pessimistic_write' } } {
  return forUpdate === true && dialectOf(manager) === 'postgres' ? { lock: { mode: 'pessimistic_write' } } : {};
}
