import { ScimError } from '../errors/scim-error';
import type { CompareOp, FilterValue } from './filter-ast';
import type { LeafNode } from './sql-column-leaf';
import type { ColumnTargetConstant } from './sql-target';
import { scimCaseKey } from './sql-values';

type Stored = string | boolean | null;

/**
 * Evaluates a leaf on a constant target at compile time. With `presentIf` the stored value is
 * "present ? constant : absent", so the result is TRUE, FALSE, the condition or its negation.
 */
export function constantLeaf(target: ColumnTargetConstant, node: LeafNode, label: string): string {
  checkTypes(target.value, node, label);
  const whenPresent = evaluate(target.value, node, target.caseExact);
  if (target.presentIf === undefined) return sqlBoolean(whenPresent);
  const whenAbsent = evaluate(null, node, target.caseExact);
  if (whenPresent === whenAbsent) return sqlBoolean(whenPresent);
  return whenPresent ? `(${target.presentIf})` : `NOT (${target.presentIf})`;
}

function sqlBoolean(value: boolean): string {
  return value ? 'TRUE' : 'FALSE';
}

function checkTypes(stored: Stored, node: LeafNode, label: string): void {
  if (node.kind === 'present' || node.value === null) {
    if (node.kind === 'compare' && node.op !== 'eq' && node.op !== 'ne') {
      throw ScimError.invalidFilter(`"${node.op}" cannot compare "${label}" with null`);
    }
    return;
  }
  if (stored === null) return;
  if (typeof node.value !== typeof stored) {
    const shown = JSON.stringify(node.value);
    throw ScimError.invalidFilter(`"${label}" is compared with ${shown}, which is not a ${typeof stored}`);
  }
  if (typeof stored === 'boolean' && node.op !== 'eq' && node.op !== 'ne') {
    throw ScimError.invalidFilter(`"${node.op}" is not allowed on the boolean attribute "${label}"`);
  }
}

function isPresent(stored: Stored): boolean {
  return stored !== null && stored !== '';
}

function evaluate(stored: Stored, node: LeafNode, caseExact: boolean): boolean {
  if (node.kind === 'present') return isPresent(stored);
  const { op, value } = node;
  if (value === null) return op === 'eq' ? !isPresent(stored) : isPresent(stored);
  if (stored === null) return op === 'ne';
  if (typeof stored === 'boolean') return (stored === value) === (op === 'eq');
  return compareStrings(caseExact ? stored : scimCaseKey(stored), op, foldValue(value, caseExact));
}

function foldValue(value: Exclude<FilterValue, null>, caseExact: boolean): string {
  const text = String(value);
  return caseExact ? text : scimCaseKey(text);
}

function compareStrings(stored: string, op: CompareOp, value: string): boolean {
  switch (op) {
    case 'eq':
      return stored === value;
    case 'ne':
      return stored !== value;
    case 'co':
      return stored.includes(value);
    case 'sw':
      return stored.startsWith(value);
    case 'ew':
      return stored.endsWith(value);
    case 'gt':
      return stored > value;
    case 'ge':
      return stored >= value;
    case 'lt':
      return stored < value;
    case 'le':
      return stored <= value;
  }
}
