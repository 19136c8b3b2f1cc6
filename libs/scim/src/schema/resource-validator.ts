import { ScimError } from '../errors/scim-error';
import { AttributeDefinition, isPlainObject, ResourceSchema, ScimResource } from './attribute';
import { canonicalizeValue } from './attribute-value';
import { findDefinition, ResourceTypeSchema } from './resource-type-schema';

export interface ValidationResult {
  /** Canonical resource: `schemas`, then schema-known, writable attributes in schema spelling. */
  readonly resource: ScimResource;
  /** Names that were dropped: unknown attributes and readOnly attributes (RFC 7643 §2.2). */
  readonly ignored: readonly string[];
}

/**
 * Validates a POST/PUT body (RFC 7644 §3.3, §3.5.1) for `type` and returns its canonical form.
 * Names match case-insensitively; extension objects are found by key whether or not `schemas` lists
 * them; unknown `schemas` entries, unknown and readOnly attributes are ignored; `null` is absent.
 * Only schema-defined names are ever written to the result.
 * With `strict`, `schemas` must list the core schema and every extension present, and nothing unknown.
 * @throws ScimError invalidSyntax when the body is not an object (or, strict, `schemas` is wrong); invalidValue on a type mismatch, a
 *   missing required attribute or more than one primary value.
 */
export function validateResource(body: unknown, type: ResourceTypeSchema, options: { strict?: boolean } = {}): ValidationResult {
  if (!isPlainObject(body)) {
    throw ScimError.invalidSyntax('The request body must be a JSON object');
  }
  if (options.strict === true) assertDeclaredSchemas(body, type);
  const ignored: string[] = [];
  const core: Record<string, unknown> = {};
  const extensions = new Map<ResourceSchema, Record<string, unknown>>();
  for (const key of Object.keys(body)) {
    if (key.toLowerCase() === 'schemas') {
      continue;
    }
    const extension = type.extension(key);
    if (extension !== undefined) {
      const values = readExtension(extension, body[key], ignored);
      extensions.set(extension, { ...extensions.get(extension), ...values });
      continue;
    }
    readAttribute(type.coreAttributes, key, body[key], '', core, ignored);
  }
  assertRequired(type.coreAttributes, core, '');
  return { resource: withExtensions(type, core, extensions), ignored };
}

function withExtensions(
  type: ResourceTypeSchema,
  core: Record<string, unknown>,
  extensions: ReadonlyMap<ResourceSchema, Record<string, unknown>>,
): ScimResource {
  const schemas = [type.core.id];
  const resource: ScimResource = { schemas, ...core };
  for (const extension of type.extensions) {
    const values = extensions.get(extension);
    const bound = type.definition.schemaExtensions.find((e) => e.schema === extension.id);
    if (values === undefined || Object.keys(values).length === 0) {
      if (bound?.required) {
        throw ScimError.invalidValue(`Schema extension '${extension.id}' is required`);
      }
      continue;
    }
    assertRequired(extension.attributes, values, `${extension.id}:`);
    schemas.push(extension.id);
    resource[extension.id] = values;
  }
  return resource;
}

function readExtension(schema: ResourceSchema, raw: unknown, ignored: string[]): Record<string, unknown> {
  if (raw === null || raw === undefined) {
    return {};
  }
  if (!isPlainObject(raw)) {
    throw ScimError.invalidValue(`Schema extension '${schema.id}' must be an object`);
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(raw)) {
    readAttribute(schema.attributes, key, raw[key], `${schema.id}:`, out, ignored);
  }
  return out;
}

function readAttribute(
  definitions: readonly AttributeDefinition[],
  key: string,
  raw: unknown,
  prefix: string,
  out: Record<string, unknown>,
  ignored: string[],
): void {
  const definition = findDefinition(definitions, key);
  if (definition === undefined || definition.mutability === 'readOnly') {
    ignored.push(`${prefix}${definition?.name ?? key}`);
    return;
  }
  const value = canonicalizeValue(definition, raw, `${prefix}${definition.name}`, ignored);
  if (value !== undefined) {
    out[definition.name] = value;
  }
}

function assertRequired(
  definitions: readonly AttributeDefinition[],
  values: Record<string, unknown>,
  prefix: string,
): void {
  for (const definition of definitions) {
    if (definition.required && definition.mutability !== 'readOnly' && values[definition.name] === undefined) {
      throw ScimError.invalidValue(`Attribute '${prefix}${definition.name}' is required`);
    }
  }
}

/**
 * RFC 7643 §3 / RFC 7644 §3.3: `schemas` lists the core schema and every extension the body carries, and
 * nothing this resource type does not know.
 */
function assertDeclaredSchemas(body: Record<string, unknown>, type: ResourceTypeSchema): void {
  const schemas = body.schemas;
  if (!Array.isArray(schemas) || !schemas.every((s) => typeof s === 'string')) {
    throw ScimError.invalidSyntax('schemas must be an array of schema URIs');
  }
  const listed = new Set((schemas as string[]).map((s) => s.toLowerCase()));
  if (!listed.has(type.core.id.toLowerCase())) throw ScimError.invalidSyntax(`schemas must contain "${type.core.id}"`);
  const known = new Set([type.core.id, ...type.extensions.map((e) => e.id)].map((id) => id.toLowerCase()));
  const unknown = [...listed].filter((s) => !known.has(s));
  if (unknown.length > 0) throw ScimError.invalidSyntax(`Unknown schema in schemas: ${unknown.join(', ')}`);
  const undeclared = Object.keys(body).filter((k) => type.extension(k) !== undefined && !listed.has(k.toLowerCase()));
  if (undeclared.length > 0) throw ScimError.invalidSyntax(`Extension not listed in schemas: ${undeclared.join(', ')}`);
}
