import type { AttrPath } from './filter-ast';

export type SqlDialect = 'sqlite' | 'postgres';

/** RFC 7643 §2.3 data types a filter can compare; `reference` behaves like `string`. */
export type ColumnValueType = 'string' | 'boolean' | 'dateTime' | 'integer' | 'decimal' | 'reference';

/**
 * A value held in one column of the filtered row (or of an `exists` source row).
 * `expr`/`keyExpr` are trusted SQL written by the host adapter; user input only ever reaches SQL as parameters.
 */
export interface ColumnTargetColumn {
  readonly kind: 'column';
  /**
   * SQL of the column, e.g. `u.user_name`. dateTime columns hold TypeORM's `datetime` text on SQLite
   * (UTC `YYYY-MM-DD HH:MM:SS.SSS`) and `timestamptz` on PostgreSQL.
   */
  readonly expr: string;
  readonly type: ColumnValueType;
  /** RFC 7643 §2.2 caseExact; only read for `string` and `reference`. */
  readonly caseExact: boolean;
  /**
   * Column holding `scimCaseKey(value)` (NFC + lowercase), used when `caseExact` is false. Without it both
   * sides go through SQL `LOWER()`, which folds only ASCII on SQLite: provide it where Unicode folding matters.
   */
  readonly keyExpr?: string;
}

/** A value the store never varies, e.g. `emails.type` is always `"work"`; evaluated at compile time. */
export interface ColumnTargetConstant {
  readonly kind: 'constant';
  readonly value: string | boolean | null;
  readonly caseExact: boolean;
  /**
   * SQL condition (never NULL) telling whether the parent value exists, e.g. `u.email IS NOT NULL` for
   * `emails.type`; without it the constant is taken to be present on every row.
   */
  readonly presentIf?: string;
}

/** A multi-valued attribute stored in another table; a filter matches when some element matches. */
export interface ColumnTargetExists {
  readonly kind: 'exists';
  /** Correlated source ending in its WHERE clause, e.g. `group_members gm WHERE gm.user_id = u.id`. */
  readonly from: string;
  /** Target of a sub-attribute (`value`, `display`, …) inside `from`; `undefined` when unknown. */
  resolveSub(sub: string): ColumnTargetColumn | ColumnTargetConstant | undefined;
}

/** What a filter attribute means in the store. */
export type ColumnTarget = ColumnTargetColumn | ColumnTargetConstant | ColumnTargetExists;

/** Supplied by the host adapter: maps filter paths to store targets. */
export interface FilterTargetResolver {
  /**
   * Target of `path` as written (`uri` may be absent; names should match case-insensitively).
   * Called with `{attr, sub}` for sub-attributes and with the bare `{attr}` of a multi-valued attribute:
   * return an `exists` target there for values in another table, or the column whose presence means the
   * single stored element exists (used to guard `attr[...]`). Return `undefined` for unknown attributes.
   */
  resolve(path: AttrPath): ColumnTarget | undefined;
}

/** A SQL boolean expression with TypeORM named parameters, for `queryBuilder.andWhere(sql, params)`. */
export interface CompiledFilter {
  readonly sql: string;
  readonly params: Record<string, unknown>;
}
