import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';

const CHUNK = 500;

/**
 * Multi-row INSERT in chunks. `updateEntity(false)`: TypeORM's read-back after a multi-row insert on SQLite
 * can merge values into the wrong objects (ids swapped between rows), so nothing is merged back.
 */
export async function bulkInsert<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  rows: readonly QueryDeepPartialEntity<T>[],
  options: { ignoreDuplicates?: boolean } = {},
): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    const qb = manager.createQueryBuilder().insert().into(target).values(rows.slice(i, i + CHUNK)).updateEntity(false);
    if (options.ignoreDuplicates === true) qb.orIgnore();
    await qb.execute();
  }
}
