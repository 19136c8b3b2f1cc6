import { ScimError } from '../errors/scim-error';
import type { FilterNode, PatchPath } from '../query/filter-ast';
import { parsePatchPath } from '../query/filter-parser';
import { AttributeDefinition, isPlainObject, ResourceSchema } from '../schema/attribute';
import { findDefinition, ResolvedPath, ResourceTypeSchema } from '../schema/resource-type-schema';

export type PatchOpName = 'add' | 'replace' | 'remove';

export interface ParsedOperation {
  readonly op: PatchOpName;
  readonly path?: PatchPath;
  readonly pathText?: string;
  /** `undefined` when the operation has no `value` member. */
  readonly value: unknown;
}

/** What an operation (or one key of a path-less value) addresses, resolved against the schemas. */
export type Target =
  | { readonly kind: 'extension'; readonly schema: ResourceSchema; readonly text: string }
  | {
      readonly kind: 'attribute';
      /** Canonical name of the attribute (without sub-attribute): `emails`, `urn:…:User:department`. */
      readonly name: string;
      readonly extension?: string;
      readonly attribute: AttributeDefinition;
      /** `name.givenName`, `emails.value`, or the `.value` after `emails[type eq "work"]`. */
      readonly sub?: AttributeDefinition;
      readonly filter?: FilterNode;
      readonly text: string;
    };

export type AttributeTarget = Extract<Target, { kind: 'attribute' }>;

const OPS: readonly string[] = ['add', 'replace', 'remove'];

/** Checks the shape of one operation (strict RFC 7644 §3.5.2: `op` is lower-case) and parses its path. */
export function readOperation(raw: unknown, index: number): ParsedOperation {
  if (!isPlainObject(raw)) {
    throw ScimError.invalidSyntax(`Operations[${index}] must be an object`);
  }
  const { op, path, value } = raw;
  if (typeof op !== 'string' || !OPS.includes(op)) {
    throw ScimError.invalidSyntax(`Operations[${index}].op must be one of add, replace, remove`);
  }
  if (path === undefined || path === null) {
    return { op: op as PatchOpName, value };
  }
  if (typeof path !== 'string') {
    throw ScimError.invalidPath(`Operations[${index}].path must be a string`);
  }
  return { op: op as PatchOpName, path: parsePatchPath(path), pathText: path, value };
}

/**
 * Resolves a parsed path. `undefined` means a well-formed path to an attribute this service does not
 * store (accepted and ignored).
 * @throws ScimError invalidPath for a value filter on a single-valued attribute or a whole extension.
 */
export function resolveTarget(type: ResourceTypeSchema, path: PatchPath, text: string): Target | undefined {
  const resolved = type.resolve(path.path);
  if (resolved === undefined || path.filter === undefined) {
    return resolved && toTarget(resolved, text);
  }
  if (resolved.kind === 'extension' || !resolved.attribute.multiValued || resolved.subAttribute) {
    throw ScimError.invalidPath(`A value filter needs a multi-valued attribute: ${text}`);
  }
  const after = path.subAfterFilter;
  const sub = after === undefined ? undefined : findDefinition(resolved.attribute.subAttributes, after);
  if (after !== undefined && sub === undefined) {
    return undefined;
  }
  return { ...(toTarget(resolved, text) as AttributeTarget), sub, filter: path.filter };
}

/** Resolves a key of a path-less value object: `displayName`, `name.givenName`, `urn:…:department`, a URN. */
export function resolveKeyTarget(type: ResourceTypeSchema, key: string): Target | undefined {
  const resolved = type.resolve(key);
  return resolved && toTarget(resolved, key);
}

function toTarget(resolved: ResolvedPath, text: string): Target {
  if (resolved.kind === 'extension') {
    return { kind: 'extension', schema: resolved.definition, text };
  }
  const { attribute, subAttribute, extension, schema } = resolved;
  return {
    kind: 'attribute',
    name: extension ? `${schema}:${attribute.name}` : attribute.name,
    extension: extension ? schema : undefined,
    attribute,
    sub: subAttribute,
    text,
  };
}
