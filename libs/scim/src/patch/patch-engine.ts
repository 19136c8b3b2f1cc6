import { ScimError } from '../errors/scim-error';
import { isPlainObject, ResourceSchema, ScimResource } from '../schema/attribute';
import { ResourceTypeSchema } from '../schema/resource-type-schema';
import { cloneJson } from './clone-json';
import { applyMembersWithoutList, isMembersTarget } from './members-without-list';
import { addToTarget } from './ops/add';
import { removeTarget } from './ops/remove';
import { replaceTarget } from './ops/replace';
import { PatchState } from './patch-state';
import { AttributeTarget, PatchOpName, readOperation, resolveKeyTarget, resolveTarget } from './patch-target';
import type { PatchOperation, PatchOptions, PatchResult } from './patch-types';

/**
 * Applies PATCH operations (RFC 7644 §3.5.2, strict form: lower-case `op`, JSON booleans) to a copy of
 * `resource`; the input is never mutated and nothing is returned unless every operation succeeds.
 * Paths and value keys are resolved case-insensitively against `type`'s schemas; well-formed paths to
 * attributes this service does not store are ignored and reported in `ignored`.
 * @throws ScimError invalidSyntax (malformed operation, missing value), invalidPath (malformed path),
 *   noTarget (remove without path, filter without match), mutability (readOnly/immutable/required),
 *   invalidValue (wrong type, non-canonical value, several primary values).
 */
export function applyPatch(
  resource: ScimResource,
  operations: readonly PatchOperation[],
  type: ResourceTypeSchema,
  options: PatchOptions = {},
): PatchResult {
  if (!Array.isArray(operations)) {
    throw ScimError.invalidSyntax('Operations must be an array');
  }
  const state = new PatchState(cloneJson(resource), type, options);
  operations.forEach((raw, index) => applyOperation(state, raw, index));
  return state.finish(resource);
}

function applyOperation(state: PatchState, raw: PatchOperation, index: number): void {
  const operation = readOperation(raw, index);
  const { op, path, pathText, value } = operation;
  if (op !== 'remove' && value === undefined) {
    throw ScimError.invalidSyntax(`Operations[${index}] (${op}) needs a value`);
  }
  if (op === 'remove' && value !== undefined && state.options.strict === true) {
    throw ScimError.invalidSyntax(`Operations[${index}] (remove) takes no value; select values with a filter path`);
  }
  if (path === undefined) {
    if (op === 'remove') {
      // RFC 7644 §3.5.2.2: remove without path fails with noTarget.
      throw ScimError.noTarget(`Operations[${index}] (remove) needs a path`);
    }
    // RFC 7644 §3.5.2.1/§3.5.2.3: no path → the value's keys are attribute paths of the resource.
    applyValueObject(state, op, value);
    return;
  }
  const text = pathText ?? '';
  const target = resolveTarget(state.type, path, text);
  if (target === undefined) {
    state.ignored.push(text);
  } else if (target.kind === 'extension') {
    applyToExtension(state, op, target.schema, value);
  } else if (!isReadOnly(target)) {
    applyToAttribute(state, op, target, value);
  } else if (isTolerated(state, canonicalName(target))) {
    state.ignored.push(canonicalName(target));
  } else {
    throw ScimError.mutability(`Attribute '${text}' is readOnly`);
  }
}

/** Keys of a path-less value (or of an extension object); readOnly keys such as `id` are ignored. */
function applyValueObject(state: PatchState, op: PatchOpName, value: unknown, scope?: ResourceSchema): void {
  if (!isPlainObject(value)) {
    throw ScimError.invalidValue('A value without path must be an object of attributes');
  }
  for (const key of Object.keys(value)) {
    if (scope === undefined && key.toLowerCase() === 'schemas') {
      continue;
    }
    const target = resolveKeyTarget(state.type, scope ? `${scope.id}:${key}` : key);
    // RFC 7644 §3.5.2.3: without path the value's keys are attribute names, not paths.
    if (state.options.strict === true && target?.kind === 'attribute' && key.toLowerCase() !== target.attribute.name.toLowerCase()) {
      throw ScimError.invalidValue(`'${key}' is not an attribute name; a value without path holds attributes by name`);
    }
    if (target === undefined || (target.kind === 'extension' && scope !== undefined)) {
      state.ignored.push(key);
    } else if (target.kind === 'extension') {
      applyToExtension(state, op, target.schema, value[key]);
    } else if (isReadOnly(target)) {
      if (state.options.strict === true) throw ScimError.mutability(`Attribute '${key}' is readOnly`);
      state.ignored.push(canonicalName(target));
    } else {
      applyToAttribute(state, op, target, value[key]);
    }
  }
}

function applyToExtension(state: PatchState, op: PatchOpName, schema: ResourceSchema, value: unknown): void {
  if (op === 'remove' || (op === 'replace' && value === null)) {
    schema.attributes.forEach((a) => {
      if (a.required) {
        throw ScimError.mutability(`Attribute '${schema.id}:${a.name}' is required and cannot be removed`);
      }
    });
    state.removeExtension(schema.id, schema.attributes.map((a) => a.name));
  } else if (value !== null) {
    applyValueObject(state, op, value, schema);
  }
}

function applyToAttribute(state: PatchState, op: PatchOpName, target: AttributeTarget, value: unknown): void {
  if (state.memberTracker !== undefined && isMembersTarget(target)) {
    applyMembersWithoutList(state, op, target, value);
  } else if (op === 'add') {
    addToTarget(state, target, value);
  } else if (op === 'replace') {
    replaceTarget(state, target, value);
  } else {
    removeTarget(state, target, value);
  }
}

function isReadOnly(target: AttributeTarget): boolean {
  return target.attribute.mutability === 'readOnly' || target.sub?.mutability === 'readOnly';
}

function isTolerated(state: PatchState, name: string): boolean {
  return state.options.ignoreReadOnly?.some((n) => n.toLowerCase() === name.toLowerCase()) ?? false;
}

function canonicalName(target: AttributeTarget): string {
  return target.sub ? `${target.name}.${target.sub.name}` : target.name;
}
