import { AttributeDefinition, isPlainObject, ResourceSchema, ScimResource } from './attribute';
import { findDefinition, ResolvedPath, ResourceTypeSchema } from './resource-type-schema';

/** Which attributes a response carries (RFC 7644 §3.4.2.5, §3.9). */
export interface Projection {
  readonly type: ResourceTypeSchema;
  /** `include`: `attributes` was given; `exclude`: only `excludedAttributes` was given. */
  readonly mode: 'default' | 'include' | 'exclude';
  /** Lower-cased canonical names of the listed attributes, sub-attributes and extensions. */
  readonly names: ReadonlySet<string>;
}

export interface ProjectionRequest {
  readonly attributes?: string | readonly string[];
  readonly excludedAttributes?: string | readonly string[];
}

/**
 * Parses the comma-separated `attributes` / `excludedAttributes` lists; names are case-insensitive,
 * may be URN-qualified, and unknown names are ignored. When both are given, `attributes` wins.
 */
export function parseProjection(type: ResourceTypeSchema, request: ProjectionRequest = {}): Projection {
  const included = resolveList(type, request.attributes);
  if (included.length > 0) {
    return { type, mode: 'include', names: new Set(included) };
  }
  const excluded = resolveList(type, request.excludedAttributes);
  return { type, mode: excluded.length > 0 ? 'exclude' : 'default', names: new Set(excluded) };
}

/**
 * Whether the response will carry `name` (e.g. `members`) at all, so a store can skip loading it.
 * Unknown names are not requested.
 */
export function isRequested(projection: Projection, name: string): boolean {
  const resolved = projection.type.resolve(name);
  if (resolved === undefined) {
    return false;
  }
  if (resolved.kind === 'extension') {
    return resolved.definition.attributes.some((a) => isRequested(projection, `${resolved.schema}:${a.name}`));
  }
  const parentName = resolved.extension ? `${resolved.schema}:${resolved.attribute.name}` : resolved.attribute.name;
  const parent = decide(projection, resolved.attribute, parentName, resolved.extension ? resolved.schema : undefined);
  if (resolved.subAttribute === undefined || parent === 'none') {
    return parent !== 'none';
  }
  return decide(projection, resolved.subAttribute, resolved.name, undefined, parent) !== 'none';
}

/** Applies `projection` to `resource`; `schemas` is always kept, names unknown to the schemas dropped. */
export function applyProjection(resource: ScimResource, projection: Projection): ScimResource {
  const out: ScimResource = {};
  for (const key of Object.keys(resource)) {
    if (key === 'schemas') {
      out.schemas = resource.schemas;
      continue;
    }
    const extension = projection.type.extension(key);
    if (extension !== undefined) {
      const value = projectExtension(resource[key], extension, projection);
      if (value !== undefined) {
        out[extension.id] = value;
      }
      continue;
    }
    const definition = findDefinition(projection.type.coreAttributes, key);
    const value = projectAttribute(resource[key], definition, '', projection);
    if (definition !== undefined && value !== undefined) {
      out[definition.name] = value;
    }
  }
  return out;
}

type Decision = 'all' | 'some' | 'none';

function decide(
  projection: Projection,
  definition: AttributeDefinition,
  name: string,
  extension?: string,
  parent?: Decision,
): Decision {
  const lower = name.toLowerCase();
  if (definition.returned === 'never') {
    return 'none';
  }
  if (definition.returned === 'always') {
    return 'all';
  }
  const { mode, names } = projection;
  if (mode !== 'include') {
    const excluded = names.has(lower) || (extension !== undefined && names.has(extension.toLowerCase()));
    if (excluded || definition.returned === 'request' || parent === 'none') {
      return 'none';
    }
    return [...names].some((n) => n.startsWith(`${lower}.`)) ? 'some' : 'all';
  }
  if (parent === 'all' || names.has(lower) || (extension !== undefined && names.has(extension.toLowerCase()))) {
    return 'all';
  }
  return [...names].some((n) => n.startsWith(`${lower}.`)) ? 'some' : 'none';
}

function projectExtension(raw: unknown, schema: ResourceSchema, projection: Projection): unknown {
  if (!isPlainObject(raw)) {
    return undefined;
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(raw)) {
    const definition = findDefinition(schema.attributes, key);
    const value = projectAttribute(raw[key], definition, `${schema.id}:`, projection, schema.id);
    if (definition !== undefined && value !== undefined) {
      out[definition.name] = value;
    }
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function projectAttribute(
  raw: unknown,
  definition: AttributeDefinition | undefined,
  prefix: string,
  projection: Projection,
  extension?: string,
): unknown {
  if (definition === undefined || raw === undefined || raw === null) {
    return undefined;
  }
  const name = `${prefix}${definition.name}`;
  const decision = decide(projection, definition, name, extension);
  if (decision === 'none' || definition.type !== 'complex') {
    return decision === 'none' ? undefined : raw;
  }
  const project = (element: unknown): unknown => projectComplex(element, definition, name, projection, decision);
  if (!Array.isArray(raw)) {
    return project(raw);
  }
  const elements = raw.map(project).filter((e) => e !== undefined);
  return elements.length > 0 ? elements : undefined;
}

function projectComplex(
  raw: unknown,
  definition: AttributeDefinition,
  name: string,
  projection: Projection,
  parent: Decision,
): unknown {
  if (!isPlainObject(raw)) {
    return undefined;
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(raw)) {
    const sub = findDefinition(definition.subAttributes, key);
    if (sub === undefined || raw[key] === undefined || raw[key] === null) {
      continue;
    }
    if (decide(projection, sub, `${name}.${sub.name}`, undefined, parent) !== 'none') {
      out[sub.name] = raw[key];
    }
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function resolveList(type: ResourceTypeSchema, list: string | readonly string[] | undefined): string[] {
  const items = typeof list === 'string' ? list.split(',') : (list ?? []);
  return items
    .map((item) => type.resolve(item.trim()))
    .filter((r): r is ResolvedPath => r !== undefined)
    .map((r) => r.name.toLowerCase());
}
