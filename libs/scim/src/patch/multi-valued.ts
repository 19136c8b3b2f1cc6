import type { FilterNode } from '../query/filter-ast';
import { AttributeDefinition, isPlainObject } from '../schema/attribute';
import { canonicalizeElement } from '../schema/attribute-value';
import { findDefinition } from '../schema/resource-type-schema';
import { matchesElement } from './value-filter';

/** Structural equality of JSON values. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) {
    return true;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}

/**
 * Identity of a value of a multi-valued attribute: its `value` sub-attribute when it has one (folded
 * when not caseExact), else its JSON. Two values are the same when their keys are equal.
 */
export function elementKey(attribute: AttributeDefinition, element: unknown): string {
  if (isPlainObject(element) && element.value !== undefined) {
    const caseExact = findDefinition(attribute.subAttributes, 'value')?.caseExact ?? true;
    return `v:${fold(element.value, caseExact)}`;
  }
  return `j:${fold(element, attribute.caseExact)}`;
}

function fold(value: unknown, caseExact: boolean): string {
  return typeof value === 'string' && !caseExact ? JSON.stringify(value.toLowerCase()) : JSON.stringify(value);
}

/** Indices of the elements selected by `filter`; all of them when there is no filter. */
export function matchingIndices(
  list: readonly unknown[],
  attribute: AttributeDefinition,
  filter?: FilterNode,
): number[] {
  return list.flatMap((element, index) =>
    filter === undefined || matchesElement(filter, element, attribute) ? [index] : [],
  );
}

/**
 * RFC 7644 §3.5.2: setting `primary` to true on a value sets it to false on every other value.
 * `written` are the elements this operation added or changed.
 */
export function applyPrimary(attribute: AttributeDefinition, list: unknown[], written: readonly unknown[]): unknown[] {
  const winners = written.filter((e) => isPlainObject(e) && e.primary === true);
  if (findDefinition(attribute.subAttributes, 'primary') === undefined || winners.length !== 1) {
    return list;
  }
  return list.map((e) => (e === winners[0] || !isPlainObject(e) || e.primary !== true ? e : { ...e, primary: false }));
}

/**
 * The element a filter of `eq` clauses joined by `and` describes, e.g. `{type: "work"}` for
 * `emails[type eq "work"]`; `undefined` for any other filter shape.
 */
export function elementFromFilter(
  filter: FilterNode,
  attribute: AttributeDefinition,
): Record<string, unknown> | undefined {
  if (filter.kind === 'and') {
    const left = elementFromFilter(filter.left, attribute);
    const right = elementFromFilter(filter.right, attribute);
    return left && right && { ...left, ...right };
  }
  const { kind } = filter;
  if (kind !== 'compare' || filter.op !== 'eq' || filter.path.uri !== undefined || filter.path.sub !== undefined) {
    return undefined;
  }
  const sub = findDefinition(attribute.subAttributes, filter.path.attr);
  if (sub === undefined || sub.mutability === 'readOnly') {
    return undefined;
  }
  const value = canonicalizeElement(sub, filter.value, `${attribute.name}.${sub.name}`, []);
  return value === undefined ? undefined : { [sub.name]: value };
}
