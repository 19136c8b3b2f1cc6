import { ScimError } from '../errors/scim-error';
import { formatAttrPath } from './attr-path-syntax';
import { assertNever, type AttrPath, type FilterNode } from './filter-ast';
import { columnLeaf, presentSql, type LeafNode } from './sql-column-leaf';
import { constantLeaf } from './sql-constant-leaf';
import { SqlContext } from './sql-context';
import type { ColumnTarget, ColumnTargetExists, CompiledFilter, FilterTargetResolver, SqlDialect } from './sql-target';

export type {
  ColumnTarget,
  ColumnTargetColumn,
  ColumnTargetConstant,
  ColumnTargetExists,
  ColumnValueType,
  CompiledFilter,
  FilterTargetResolver,
  SqlDialect,
} from './sql-target';
export { scimCaseKey } from './sql-values';

/** Where paths are resolved: the resource itself, inside `attr[...]`, or inside an `exists` source. */
interface Scope {
  readonly level: 'resource' | 'valuePath' | 'exists';
  lookup(path: AttrPath): ColumnTarget | undefined;
  label(path: AttrPath): string;
}

/**
 * Compiles a filter AST into a SQL boolean expression with TypeORM named parameters (`:f0`, `:f1`, …),
 * so the filter runs in the database: `queryBuilder.andWhere(sql, params)`.
 * Semantics: caseExact=false strings compare folded keys; `ne` and `not` match rows where the value is absent;
 * `eq null` means "not present"; dateTime values are compared as instants; multi-valued `exists` targets match
 * when some element matches.
 * @param paramPrefix prefix of the parameter names, to combine several compiled filters in one query.
 * @throws ScimError `invalidFilter` for unknown attributes, operator/type combinations RFC 7644 rules out, and
 *   filters needing more than MAX_FILTER_SUBQUERIES `exists` sub-queries.
 */
export function compileFilter(
  node: FilterNode,
  resolver: FilterTargetResolver,
  dialect: SqlDialect,
  paramPrefix = 'f',
): CompiledFilter {
  const ctx = new SqlContext(dialect, paramPrefix);
  const scope: Scope = { level: 'resource', lookup: (path) => resolver.resolve(path), label: formatAttrPath };
  return { sql: compileNode(node, scope, ctx), params: ctx.params };
}

function compileNode(node: FilterNode, scope: Scope, ctx: SqlContext): string {
  switch (node.kind) {
    case 'and':
    case 'or':
      return junction(node, scope, ctx);
    case 'not':
      // Leaves may be NULL (unknown) for absent values; NOT must turn "unknown" into a match.
      return `NOT (COALESCE(${compileNode(node.operand, scope, ctx)}, FALSE))`;
    case 'compare':
    case 'present':
      return compileLeaf(node, scope, ctx);
    case 'valuePath':
      return compileValuePath(node, scope, ctx);
    default:
      return assertNever(node);
  }
}

/** Flattens a chain of the same operator iteratively, so long `a or b or …` chains stay flat in SQL. */
function junction(node: Extract<FilterNode, { kind: 'and' | 'or' }>, scope: Scope, ctx: SqlContext): string {
  const operands: FilterNode[] = [];
  const pending: FilterNode[] = [node];
  while (pending.length > 0) {
    const current = pending.pop() as FilterNode;
    if (current.kind === node.kind) pending.push(current.right, current.left);
    else operands.push(current);
  }
  const keyword = node.kind === 'and' ? ' AND ' : ' OR ';
  return `(${operands.map((operand) => compileNode(operand, scope, ctx)).join(keyword)})`;
}

function compileLeaf(node: LeafNode, scope: Scope, ctx: SqlContext): string {
  const { path } = node;
  if (path.sub !== undefined) {
    const parent = scope.lookup(withoutSub(path));
    if (parent?.kind === 'exists') {
      return existsLeaf(parent, { ...node, path: { attr: path.sub } }, scope.label(withoutSub(path)), scope, ctx);
    }
  }
  const target = scope.lookup(path);
  const label = scope.label(path);
  if (target === undefined) throw ScimError.invalidFilter(`Unknown attribute "${label}" in filter`);
  switch (target.kind) {
    case 'column':
      return columnLeaf(target, node, ctx, label);
    case 'constant':
      return constantLeaf(target, node, label);
    case 'exists':
      return wholeExistsLeaf(target, node, label, scope, ctx);
    default:
      return assertNever(target);
  }
}

/** `groups pr`, `groups eq null`, and `groups eq "x"` where the `value` sub-attribute is implied. */
function wholeExistsLeaf(
  target: ColumnTargetExists,
  node: LeafNode,
  label: string,
  scope: Scope,
  ctx: SqlContext,
): string {
  if (node.kind === 'present' || (node.value === null && node.op === 'ne')) return existsSql(target, scope, label, ctx);
  if (node.value === null && node.op === 'eq') return `NOT ${existsSql(target, scope, label, ctx)}`;
  return existsLeaf(target, { ...node, path: { attr: 'value' } }, label, scope, ctx);
}

function existsLeaf(
  target: ColumnTargetExists,
  node: LeafNode,
  label: string,
  scope: Scope,
  ctx: SqlContext,
): string {
  const inner = compileLeaf(node, existsScope(target, label), ctx);
  return existsSql(target, scope, label, ctx, inner);
}

function compileValuePath(node: Extract<FilterNode, { kind: 'valuePath' }>, scope: Scope, ctx: SqlContext): string {
  const label = scope.label(node.path);
  if (scope.level !== 'resource') throw ScimError.invalidFilter(`Nested value filter on "${label}"`);
  const parent = scope.lookup(node.path);
  if (parent?.kind === 'exists') {
    return existsSql(parent, scope, label, ctx, compileNode(node.filter, existsScope(parent, label), ctx));
  }
  const inner = compileNode(node.filter, valuePathScope(node.path, scope), ctx);
  if (parent === undefined) return `(${inner})`;
  // A single stored element: `emails[not (type eq "home")]` must still need an email to exist.
  const guard =
    parent.kind === 'column' ? presentSql(parent) : constantLeaf(parent, { kind: 'present', path: node.path }, label);
  return `(${guard} AND ${inner})`;
}

function valuePathScope(parentPath: AttrPath, scope: Scope): Scope {
  const absolute = (path: AttrPath): AttrPath | undefined =>
    path.uri === undefined && path.sub === undefined ? { ...withoutSub(parentPath), sub: path.attr } : undefined;
  return {
    level: 'valuePath',
    lookup: (path) => {
      const full = absolute(path);
      return full === undefined ? undefined : scope.lookup(full);
    },
    label: (path) => `${scope.label(parentPath)}.${formatAttrPath(path)}`,
  };
}

function existsScope(target: ColumnTargetExists, parentLabel: string): Scope {
  return {
    level: 'exists',
    lookup: (path) => (path.uri === undefined && path.sub === undefined ? target.resolveSub(path.attr) : undefined),
    label: (path) => `${parentLabel}.${formatAttrPath(path)}`,
  };
}

function existsSql(target: ColumnTargetExists, scope: Scope, label: string, ctx: SqlContext, inner?: string): string {
  if (scope.level !== 'resource') throw ScimError.invalidFilter(`"${label}" cannot be used inside a value filter`);
  ctx.subquery(label);
  const source = `SELECT 1 FROM ${target.from}`;
  return inner === undefined ? `EXISTS (${source})` : `EXISTS (${source} AND (${inner}))`;
}

function withoutSub(path: AttrPath): AttrPath {
  return path.uri === undefined ? { attr: path.attr } : { uri: path.uri, attr: path.attr };
}
