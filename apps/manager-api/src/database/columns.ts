import { Column, ColumnOptions } from 'typeorm';

/**
 * A point in time set by the app (never a database default, so both engines keep milliseconds).
 * The migrations create `timestamptz` on PostgreSQL and `datetime` on SQLite; `Date` maps to either.
 */
export function TimestampColumn(name: string, options: Pick<ColumnOptions, 'nullable'> = {}): PropertyDecorator {
  return Column({ name, type: Date, nullable: options.nullable ?? false });
}
