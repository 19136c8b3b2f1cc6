import { QueryRunner, TableColumnOptions } from 'typeorm';

/** Column helpers for migrations that must be valid on SQLite and PostgreSQL alike. */
export function timestampType(queryRunner: QueryRunner): string {
  return queryRunner.connection.driver.options.type === 'postgres' ? 'timestamptz' : 'datetime';
}

export const idColumn = (name = 'id'): TableColumnOptions => ({ name, type: 'varchar', length: '36', isPrimary: true });

export const varchar = (name: string, length: number, isNullable = false): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: String(length),
  isNullable,
});

export const timestamp = (queryRunner: QueryRunner, name: string, isNullable = false): TableColumnOptions => ({
  name,
  type: timestampType(queryRunner),
  isNullable,
});
