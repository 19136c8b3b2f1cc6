import { ScimError } from '../errors/scim-error';
import type { ListRequest } from '../http/list-request';
import type { StoreQuery } from '../ports/store-query';
import type { AttrPath, FilterNode } from '../query/filter-ast';
import { parseFilter } from '../query/filter-parser';
import { canonicalizeFilter, canonicalPath } from '../query/filter-validator';
import type { ResourceTypeSchema } from '../schema/resource-type-schema';
import type { ScimLimits } from '../scim-options';

/** A list request as a store query: filter parsed within the limits and canonicalised, sortBy resolved. */
export function listQuery(list: ListRequest, type: ResourceTypeSchema, limits: Required<ScimLimits>): StoreQuery {
  return {
    filter: filterOf(list.filter, type, limits),
    sortBy: sortOf(list.sortBy, type),
    descending: list.descending,
    offset: list.startIndex - 1,
    limit: list.count,
  };
}

function filterOf(text: string | undefined, type: ResourceTypeSchema, limits: Required<ScimLimits>): FilterNode | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const parsed = parseFilter(text, { maxLength: limits.maxFilterLength, maxDepth: limits.maxFilterDepth });
  return canonicalizeFilter(parsed, type);
}

function sortOf(text: string | undefined, type: ResourceTypeSchema): AttrPath | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  try {
    const node = parseFilter(`${text} pr`);
    if (node.kind !== 'present') throw ScimError.invalidValue('sortBy must be an attribute path');
    return canonicalPath(node.path, type);
  } catch {
    throw ScimError.invalidValue(`sortBy "${text}" is not an attribute of ${type.name}`);
  }
}
