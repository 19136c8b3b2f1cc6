import type { StoredResource } from '../ports/store-query';
import { isPlainObject, ScimResource } from '../schema/attribute';
import { applyProjection, Projection } from '../schema/projection';
import type { ResourceTypeSchema } from '../schema/resource-type-schema';

/** The weak ETag of a stored version (RFC 7644 §3.14). */
export function etagOf(version: number): string {
  return `W/"${version}"`;
}

/** The URL of a resource endpoint by resource type name (`User` → `https://h/scim/v2/Users`), if served. */
export type EndpointUrls = (resourceType: string) => string | undefined;

/**
 * A stored resource as the client sees it: `schemas` (core plus every extension present), `id`, the
 * attributes (with `$ref` filled in for references to served resource types), and `meta` (RFC 7643 §3.1)
 * with the resource's absolute `location`.
 */
export function renderResource(type: ResourceTypeSchema, record: StoredResource, location: string, endpoints?: EndpointUrls): ScimResource {
  const extensions = type.extensions.map((e) => e.id).filter((id) => record.attributes[id] !== undefined);
  return {
    schemas: [type.core.id, ...extensions],
    id: record.id,
    ...(endpoints === undefined ? record.attributes : withReferences(type, record.attributes, endpoints)),
    meta: {
      resourceType: type.name,
      created: record.created.toISOString(),
      lastModified: record.lastModified.toISOString(),
      location,
      version: etagOf(record.version),
    },
  };
}

export function renderProjected(
  type: ResourceTypeSchema,
  record: StoredResource,
  location: string,
  projection: Projection,
  endpoints?: EndpointUrls,
): ScimResource {
  return applyProjection(renderResource(type, record, location, endpoints), projection);
}

/** Adds `$ref` to the elements of multi-valued core attributes that reference a served resource type. */
function withReferences(type: ResourceTypeSchema, attributes: ScimResource, endpoints: EndpointUrls): ScimResource {
  const out: ScimResource = { ...attributes };
  for (const definition of type.core.attributes) {
    const ref = definition.subAttributes?.find((s) => s.name === '$ref');
    const endpoint = ref?.referenceTypes?.map(endpoints).find((e) => e !== undefined);
    const list = out[definition.name];
    if (endpoint === undefined || !Array.isArray(list)) continue;
    out[definition.name] = list.map((e: unknown) =>
      isPlainObject(e) && typeof e.value === 'string' ? { ...e, $ref: `${endpoint}/${encodeURIComponent(e.value)}` } : e,
    );
  }
  return out;
}
