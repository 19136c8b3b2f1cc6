import type { StoredResource } from '../ports/store-query';
import type { ScimResource } from '../schema/attribute';
import { applyProjection, Projection } from '../schema/projection';
import type { ResourceTypeSchema } from '../schema/resource-type-schema';

/** The weak ETag of a stored version (RFC 7644 §3.14). */
export function etagOf(version: number): string {
  return `W/"${version}"`;
}

/**
 * A stored resource as the client sees it: `schemas` (core plus every extension present), `id`, the
 * attributes, and `meta` (RFC 7643 §3.1) with the resource's absolute `location`.
 */
export function renderResource(type: ResourceTypeSchema, record: StoredResource, location: string): ScimResource {
  const extensions = type.extensions.map((e) => e.id).filter((id) => record.attributes[id] !== undefined);
  return {
    schemas: [type.core.id, ...extensions],
    id: record.id,
    ...record.attributes,
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
): ScimResource {
  return applyProjection(renderResource(type, record, location), projection);
}
