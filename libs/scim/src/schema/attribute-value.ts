import { ScimError } from '../errors/scim-error';
import { AttributeDefinition, isPlainObject } from './attribute';
import { findDefinition } from './resource-type-schema';
import { hasUnstorableCharacter } from './storable-text';

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

/**
 * The canonical form of `raw` for `definition`: sub-attribute names in schema spelling, unknown and
 * readOnly sub-attributes dropped (their names appended to `ignored`), `null` treated as absent
 * (RFC 7643 §2.5). Returns `undefined` when nothing is assigned.
 * @throws ScimError invalidValue on a type mismatch, a non-canonical value, a missing required
 *   sub-attribute or more than one `primary: true`.
 */
export function canonicalizeValue(
  definition: AttributeDefinition,
  raw: unknown,
  name: string,
  ignored: string[],
): unknown {
  if (raw === null || raw === undefined) {
    return undefined;
  }
  if (!definition.multiValued) {
    return canonicalizeElement(definition, raw, name, ignored);
  }
  if (!Array.isArray(raw)) {
    throw ScimError.invalidValue(`Attribute '${name}' is multi-valued and must be an array`);
  }
  // An element whose sub-attributes were all dropped stays `{}` until the required-sub check has run.
  const elements = raw
    .map((e: unknown) => canonicalizeElement(definition, e, name, ignored) ?? (isNonEmptyObject(e) ? {} : undefined))
    .filter((e) => e !== undefined);
  assertElementRules(definition, elements, name);
  // Exact duplicates carry no information (and would become duplicate member rows): keep one.
  const seen = new Set<string>();
  const assigned = elements.filter((e) => {
    const key = JSON.stringify(e);
    const keep = (!isPlainObject(e) || isNonEmptyObject(e)) && !seen.has(key);
    seen.add(key);
    return keep;
  });
  return assigned.length > 0 ? assigned : undefined;
}

/** One value of `definition` (a single element when the attribute is multi-valued). */
export function canonicalizeElement(
  definition: AttributeDefinition,
  raw: unknown,
  name: string,
  ignored: string[],
): unknown {
  if (raw === null || raw === undefined) {
    return undefined;
  }
  if (definition.type !== 'complex') {
    assertSimpleValue(definition, raw, name);
    return raw;
  }
  if (!isPlainObject(raw)) {
    throw ScimError.invalidValue(`Attribute '${name}' must be an object`);
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(raw)) {
    if (raw[key] === null) {
      continue;
    }
    const sub = findDefinition(definition.subAttributes, key);
    if (sub === undefined || sub.mutability === 'readOnly') {
      ignored.push(`${name}.${sub?.name ?? key}`);
      continue;
    }
    const value = canonicalizeValue(sub, raw[key], `${name}.${sub.name}`, ignored);
    if (value !== undefined) {
      out[sub.name] = value;
    }
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** Rules over the whole list of a multi-valued complex attribute (RFC 7643 §2.4). */
export function assertElementRules(definition: AttributeDefinition, elements: readonly unknown[], name: string): void {
  if (definition.type !== 'complex') {
    return;
  }
  const required = (definition.subAttributes ?? []).filter((s) => s.required);
  for (const element of elements) {
    for (const sub of required) {
      if (!isPlainObject(element) || element[sub.name] === undefined) {
        throw ScimError.invalidValue(`Attribute '${name}.${sub.name}' is required in every element`);
      }
    }
  }
  const primaries = elements.filter((e) => isPlainObject(e) && e.primary === true).length;
  if (primaries > 1) {
    throw ScimError.invalidValue(`Attribute '${name}' may have at most one primary value`);
  }
}

function assertSimpleValue(definition: AttributeDefinition, raw: unknown, name: string): void {
  if (!hasType(definition, raw)) {
    throw ScimError.invalidValue(`Attribute '${name}' must be of type ${definition.type}`);
  }
  if (typeof raw === 'string' && hasUnstorableCharacter(raw)) {
    throw ScimError.invalidValue(`Attribute '${name}' contains a NUL character or a lone surrogate`);
  }
  const canonical = definition.canonicalValues;
  if (canonical === undefined || definition.enforceCanonicalValues === false || typeof raw !== 'string') {
    return;
  }
  const matches = definition.caseExact
    ? canonical.includes(raw)
    : canonical.some((c) => c.toLowerCase() === raw.toLowerCase());
  if (!matches) {
    throw ScimError.invalidValue(`Attribute '${name}' must be one of: ${canonical.join(', ')}`);
  }
}

function hasType(definition: AttributeDefinition, raw: unknown): boolean {
  switch (definition.type) {
    case 'boolean':
      return typeof raw === 'boolean';
    case 'integer':
      return Number.isInteger(raw);
    case 'decimal':
      return typeof raw === 'number' && Number.isFinite(raw);
    case 'dateTime':
      return typeof raw === 'string' && DATE_TIME.test(raw) && !Number.isNaN(Date.parse(raw));
    case 'string':
    case 'reference':
    case 'binary':
      return typeof raw === 'string';
    case 'complex':
      return isPlainObject(raw);
  }
}

function isNonEmptyObject(value: unknown): boolean {
  return isPlainObject(value) && Object.keys(value).length > 0;
}

