import { ScimError } from '../errors/scim-error';
import type { CompareOp, FilterNode } from './filter-ast';
import type { SqlContext } from './sql-context';
import type { ColumnTargetColumn } from './sql-target';
import { escapeLike, parseDateTime, scimCaseKey, toSqliteDateTime } from './sql-values';

export type LeafNode = Extract<FilterNode, { kind: 'compare' | 'present' }>;
type OrderOp = Extract<CompareOp, 'gt' | 'ge' | 'lt' | 'le'>;
type Comparison<V> = { readonly op: CompareOp; readonly value: V; readonly label: string };

const ORDER_SQL: Record<OrderOp, string> = { gt: '>', ge: '>=', lt: '<', le: '<=' };
const isOrderOp = (op: CompareOp): op is OrderOp => op in ORDER_SQL;
const isStringType = (target: ColumnTargetColumn) => target.type === 'string' || target.type === 'reference';

/**
 * Compiles `compare`/`present` on one column. The result may be NULL only where SQL's three-valued logic
 * already means "no match"; `not` adds the COALESCE that turns it into a two-valued answer.
 */
export function columnLeaf(target: ColumnTargetColumn, node: LeafNode, ctx: SqlContext, label: string): string {
  if (node.kind === 'present') return presentSql(target);
  const { op, value } = node;
  if (value === null) {
    if (op === 'eq') return absentSql(target);
    if (op === 'ne') return presentSql(target);
    throw ScimError.invalidFilter(`"${op}" cannot compare "${label}" with null; use "eq null", "ne null" or "pr"`);
  }
  if (isStringType(target)) return stringLeaf(target, { op, value: expect('string', value, label), label }, ctx);
  switch (target.type) {
    case 'boolean':
      return booleanLeaf(target, { op, value: expect('boolean', value, label), label }, ctx);
    case 'integer':
    case 'decimal':
      return numberLeaf(target, { op, value: expect('number', value, label), label }, ctx);
    default:
      return dateTimeLeaf(target, { op, value: expect('string', value, label), label }, ctx);
  }
}

/** RFC 7643 §2.5: unassigned, null and empty strings are "not present". */
export function presentSql(target: ColumnTargetColumn): string {
  const { expr } = target;
  return isStringType(target) ? `(${expr} IS NOT NULL AND ${expr} <> '')` : `${expr} IS NOT NULL`;
}

function absentSql(target: ColumnTargetColumn): string {
  const { expr } = target;
  return isStringType(target) ? `(${expr} IS NULL OR ${expr} = '')` : `${expr} IS NULL`;
}

type TypeName = 'string' | 'boolean' | 'number';
type TypeOf<T extends TypeName> = T extends 'string' ? string : T extends 'boolean' ? boolean : number;

function expect<T extends TypeName>(type: T, value: string | number | boolean, label: string): TypeOf<T> {
  if (typeof value !== type) {
    throw ScimError.invalidFilter(`"${label}" is compared with ${JSON.stringify(value)}, which is not a ${type}`);
  }
  return value as TypeOf<T>;
}

function stringLeaf(target: ColumnTargetColumn, c: Comparison<string>, ctx: SqlContext): string {
  const folded = !target.caseExact;
  const left = folded ? (target.keyExpr ?? `LOWER(${target.expr})`) : target.expr;
  const operand = folded && target.keyExpr !== undefined ? scimCaseKey(c.value) : c.value;
  const right = (raw: string) => (folded && target.keyExpr === undefined ? `LOWER(CAST(${raw} AS TEXT))` : raw);
  switch (c.op) {
    case 'eq':
      return `${left} = ${right(ctx.bind(operand))}`;
    case 'ne':
      return `(${target.expr} IS NULL OR ${left} <> ${right(ctx.bind(operand))})`;
    case 'co':
    case 'sw':
    case 'ew':
      if (!folded && ctx.dialect === 'sqlite') return sqliteExactMatch(target.expr, c.op, ctx.bind(operand));
      return `${left} LIKE ${right(ctx.bind(likePattern(c.op, operand)))} ESCAPE '\\'`;
    default: {
      // Code-point order on both engines: SQLite's BINARY collation, PostgreSQL's "C".
      const collated = ctx.dialect === 'postgres' ? `${left} COLLATE "C"` : left;
      return `${collated} ${ORDER_SQL[c.op]} ${right(ctx.bind(operand))}`;
    }
  }
}

function likePattern(op: 'co' | 'sw' | 'ew', value: string): string {
  const escaped = escapeLike(value);
  return op === 'sw' ? `${escaped}%` : op === 'ew' ? `%${escaped}` : `%${escaped}%`;
}

/** SQLite's LIKE ignores ASCII case, so caseExact substring tests use instr/substr instead. */
function sqliteExactMatch(expr: string, op: 'co' | 'sw' | 'ew', param: string): string {
  if (op === 'co') return `instr(${expr}, ${param}) > 0`;
  if (op === 'sw') return `substr(${expr}, 1, length(${param})) = ${param}`;
  return `substr(${expr}, length(${expr}) - length(${param}) + 1) = ${param}`;
}

function booleanLeaf(target: ColumnTargetColumn, c: Comparison<boolean>, ctx: SqlContext): string {
  if (c.op !== 'eq' && c.op !== 'ne') {
    throw ScimError.invalidFilter(`"${c.op}" is not allowed on the boolean attribute "${c.label}"`);
  }
  // better-sqlite3 cannot bind JS booleans; TypeORM stores them as 1/0 there.
  const param = ctx.bind(ctx.dialect === 'sqlite' ? Number(c.value) : c.value);
  return equality(target.expr, c.op, param);
}

function numberLeaf(target: ColumnTargetColumn, c: Comparison<number>, ctx: SqlContext): string {
  const raw = ctx.bind(c.value);
  // PostgreSQL would type the parameter as the column's type and reject 1.5 for an integer column.
  const param = ctx.dialect === 'postgres' ? `CAST(${raw} AS NUMERIC)` : raw;
  return ordered(target.expr, c, param);
}

function dateTimeLeaf(target: ColumnTargetColumn, c: Comparison<string>, ctx: SqlContext): string {
  const instant = parseDateTime(c.value);
  if (instant === undefined) {
    throw ScimError.invalidFilter(`"${c.label}" needs an xsd:dateTime value, got ${JSON.stringify(c.value)}`);
  }
  const param = ctx.bind(ctx.dialect === 'sqlite' ? toSqliteDateTime(instant) : instant);
  return ordered(target.expr, c, param);
}

function ordered(expr: string, c: Comparison<unknown>, param: string): string {
  if (c.op === 'eq' || c.op === 'ne') return equality(expr, c.op, param);
  if (isOrderOp(c.op)) return `${expr} ${ORDER_SQL[c.op]} ${param}`;
  throw ScimError.invalidFilter(`"${c.op}" applies to strings only, not to "${c.label}"`);
}

/** RFC 7644 leaves `ne` on an absent value open; we match it (absent is "not equal"), like `not (eq)`. */
function equality(expr: string, op: 'eq' | 'ne', param: string): string {
  return op === 'eq' ? `${expr} = ${param}` : `(${expr} IS NULL OR ${expr} <> ${param})`;
}
