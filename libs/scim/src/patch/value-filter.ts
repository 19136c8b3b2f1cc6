import { assertNever, AttrPath, CompareOp, FilterNode, FilterValue } from '../query/filter-ast';
import { AttributeDefinition, isPlainObject } from '../schema/attribute';
import { findDefinition } from '../schema/resource-type-schema';

interface Operand {
  readonly definition: AttributeDefinition;
  readonly actual: unknown;
}

/**
 * Evaluates a value-path filter (the part inside `[...]`, RFC 7644 §3.4.2.2) against one element of the
 * multi-valued `attribute`. Paths are relative sub-attribute names; for a multi-valued simple attribute
 * `value` names the element itself. Strings compare case-insensitively unless the sub-attribute is
 * `caseExact`; unknown sub-attributes are absent; nested value paths never match.
 */
export function matchesElement(filter: FilterNode, element: unknown, attribute: AttributeDefinition): boolean {
  switch (filter.kind) {
    case 'compare': {
      const operand = readOperand(filter.path, element, attribute);
      return operand !== undefined && compare(filter.op, operand, filter.value);
    }
    case 'present':
      return isPresent(readOperand(filter.path, element, attribute)?.actual);
    case 'and':
      return matchesElement(filter.left, element, attribute) && matchesElement(filter.right, element, attribute);
    case 'or':
      return matchesElement(filter.left, element, attribute) || matchesElement(filter.right, element, attribute);
    case 'not':
      return !matchesElement(filter.operand, element, attribute);
    case 'valuePath':
      return false;
    default:
      return assertNever(filter);
  }
}

function readOperand(path: AttrPath, element: unknown, attribute: AttributeDefinition): Operand | undefined {
  if (path.uri !== undefined || path.sub !== undefined) {
    return undefined;
  }
  if (attribute.type !== 'complex') {
    return path.attr.toLowerCase() === 'value' ? { definition: attribute, actual: element } : undefined;
  }
  const definition = findDefinition(attribute.subAttributes, path.attr);
  if (definition === undefined) {
    return undefined;
  }
  return { definition, actual: isPlainObject(element) ? element[definition.name] : undefined };
}

function isPresent(value: unknown): boolean {
  if (value === undefined || value === null || value === '') {
    return false;
  }
  if (Array.isArray(value)) {
    return value.length > 0;
  }
  return !isPlainObject(value) || Object.keys(value).length > 0;
}

function compare(op: CompareOp, { definition, actual }: Operand, expected: FilterValue): boolean {
  if (expected === null || actual === undefined || actual === null) {
    const bothAbsent = expected === null && (actual === undefined || actual === null);
    return op === 'eq' ? bothAbsent : op === 'ne' ? !bothAbsent : false;
  }
  if (typeof actual === 'string' && typeof expected === 'string') {
    return compareStrings(op, actual, expected, definition);
  }
  if (typeof actual !== typeof expected || typeof actual === 'object') {
    return op === 'ne';
  }
  if (typeof actual === 'number' && typeof expected === 'number') {
    return compareOrdered(op, actual, expected);
  }
  return op === 'eq' ? actual === expected : op === 'ne' ? actual !== expected : false;
}

function compareStrings(op: CompareOp, actual: string, expected: string, definition: AttributeDefinition): boolean {
  if (definition.type === 'dateTime' && !['co', 'sw', 'ew'].includes(op)) {
    const [a, e] = [Date.parse(actual), Date.parse(expected)];
    if (!Number.isNaN(a) && !Number.isNaN(e)) {
      return compareOrdered(op, a, e);
    }
  }
  const fold = (s: string): string => (definition.caseExact ? s : s.toLowerCase());
  const [a, e] = [fold(actual), fold(expected)];
  switch (op) {
    case 'co':
      return a.includes(e);
    case 'sw':
      return a.startsWith(e);
    case 'ew':
      return a.endsWith(e);
    default:
      return compareOrdered(op, a, e);
  }
}

function compareOrdered<T extends number | string>(op: CompareOp, a: T, e: T): boolean {
  switch (op) {
    case 'eq':
      return a === e;
    case 'ne':
      return a !== e;
    case 'gt':
      return a > e;
    case 'ge':
      return a >= e;
    case 'lt':
      return a < e;
    case 'le':
      return a <= e;
    default:
      return false;
  }
}
