import type { ScimResource } from '../schema/attribute';
import { LIST_RESPONSE_SCHEMA } from './scim-media';

/** A ListResponse (RFC 7644 §3.4.2): integers as JSON numbers, `Resources` always present. */
export function listResponse(resources: readonly ScimResource[], totalResults: number, startIndex: number): ScimResource {
  return {
    schemas: [LIST_RESPONSE_SCHEMA],
    totalResults,
    startIndex,
    itemsPerPage: resources.length,
    Resources: resources,
  };
}
