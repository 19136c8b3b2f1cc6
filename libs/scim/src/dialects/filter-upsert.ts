import { elementFromFilter } from '../patch/multi-valued';
import type { PatchOperation } from '../patch/patch-types';
import { matchesElement } from '../patch/value-filter';
import { parsePatchPath } from '../query/filter-parser';
import { isPlainObject, ScimResource } from '../schema/attribute';
import type { ResourceTypeSchema } from '../schema/resource-type-schema';
import { DialectContext } from './dialect-rules';

/**
 * Entra's `replace emails[type eq "work"].value` on a user without a work email expects the email to be
 * created (SCIM-NOTES §1.8): when no element matches, the operation becomes a standard `add` of an element
 * built from the filter's `eq` clauses. Anything else is returned unchanged.
 */
export function upsertFilteredValue(
  operation: PatchOperation,
  resource: ScimResource,
  type: ResourceTypeSchema,
  context: DialectContext,
): PatchOperation {
  const parsed = parsePatchPath(String(operation.path));
  const resolved = type.resolveAttribute(parsed.path);
  if (resolved === undefined || parsed.filter === undefined || !resolved.attribute.multiValued) return operation;
  const holder = resolved.extension ? resource[resolved.schema] : resource;
  const current = isPlainObject(holder) ? holder[resolved.attribute.name] : undefined;
  const list = Array.isArray(current) ? current : [];
  if (list.some((element) => matchesElement(parsed.filter!, element, resolved.attribute))) return operation;
  const base = elementFromFilter(parsed.filter, resolved.attribute);
  if (base === undefined) return operation;
  const sub = parsed.subAfterFilter;
  let element: Record<string, unknown>;
  if (sub !== undefined) element = { ...base, [sub]: operation.value };
  else if (isPlainObject(operation.value)) element = { ...base, ...operation.value };
  else return operation;
  context.fire('filterUpsert');
  const path = resolved.extension ? `${resolved.schema}:${resolved.attribute.name}` : resolved.attribute.name;
  return { op: 'add', path, value: [element] };
}
