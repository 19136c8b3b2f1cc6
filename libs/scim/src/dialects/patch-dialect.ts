import type { PatchOperation } from '../patch/patch-types';
import { parsePatchPath } from '../query/filter-parser';
import { isPlainObject, ScimResource } from '../schema/attribute';
import type { ResolvedAttribute, ResourceTypeSchema } from '../schema/resource-type-schema';
import { convertBooleans } from './boolean-strings';
import { DialectContext } from './dialect-rules';
import { expandPathKeys } from './path-keys';
import { upsertFilteredValue } from './filter-upsert';

/** User attributes the service derives; Entra writes them on every name change. */
const DERIVED = new Set(['displayname', 'name.formatted']);

/**
 * PatchOp operations as an IdP sends them → standard RFC 7644 §3.5.2 operations, applying only the rules
 * of the context's profile. `resource` is the current resource (members may be absent for large groups).
 * Malformed operations pass through unchanged for the engine to reject.
 */
export function normalisePatch(
  operations: readonly PatchOperation[],
  resource: ScimResource,
  type: ResourceTypeSchema,
  context: DialectContext,
): PatchOperation[] {
  return operations.flatMap((raw) => {
    const operation = withOpCase(raw, context);
    const op = typeof operation.op === 'string' ? operation.op : '';
    const path = typeof operation.path === 'string' ? resolvePath(type, operation.path) : undefined;
    if (path !== undefined && isDerived(type, path.resolved) && context.applies('derivedWrite')) {
      context.fire('derivedWrite');
      return [];
    }
    let value = operation.value;
    if (context.applies('stringBoolean')) value = withBooleans(type, path?.resolved, value, context);
    if (operation.path === undefined && isPlainObject(value)) value = pathlessValue(type, value, resource, context);
    const normalised: PatchOperation = { ...operation, value };
    if (op === 'remove' && path !== undefined && value !== undefined && context.applies('removeWithValue')) {
      return removalsByValue(normalised, path, context);
    }
    if ((op === 'add' || op === 'replace') && path?.filter === true && context.applies('filterUpsert')) {
      return [upsertFilteredValue(normalised, resource, type, context)];
    }
    return [normalised];
  });
}

function withOpCase(raw: PatchOperation, context: DialectContext): PatchOperation {
  if (typeof raw.op !== 'string' || raw.op === raw.op.toLowerCase() || !context.applies('opCase')) return raw;
  context.fire('opCase');
  return { ...raw, op: raw.op.toLowerCase() };
}

interface ResolvedOperationPath {
  readonly resolved: ResolvedAttribute | undefined;
  readonly filter: boolean;
  readonly sub: boolean;
}

function resolvePath(type: ResourceTypeSchema, text: string): ResolvedOperationPath | undefined {
  try {
    const parsed = parsePatchPath(text);
    return { resolved: type.resolveAttribute(parsed.path), filter: parsed.filter !== undefined, sub: parsed.subAfterFilter !== undefined };
  } catch {
    return undefined;
  }
}

function isDerived(type: ResourceTypeSchema, resolved: ResolvedAttribute | undefined): boolean {
  return type.name === 'User' && resolved !== undefined && !resolved.extension && DERIVED.has(resolved.name.toLowerCase());
}

function withBooleans(type: ResourceTypeSchema, resolved: ResolvedAttribute | undefined, value: unknown, context: DialectContext): unknown {
  const fire = () => context.fire('stringBoolean');
  if (resolved !== undefined) return convertBooleans(resolved.subAttribute ?? resolved.attribute, value, fire);
  if (!isPlainObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, v]) => {
      const extension = type.extension(key);
      if (extension !== undefined && isPlainObject(v)) {
        const inner = Object.entries(v).map(([k, x]) => {
          const target = type.resolveAttribute(`${extension.id}:${k}`);
          return [k, target === undefined ? x : convertBooleans(target.attribute, x, fire)];
        });
        return [key, Object.fromEntries(inner)];
      }
      const target = type.resolveAttribute(key);
      return [key, target === undefined ? v : convertBooleans(target.subAttribute ?? target.attribute, v, fire)];
    }),
  );
}

function pathlessValue(type: ResourceTypeSchema, value: Record<string, unknown>, resource: ScimResource, context: DialectContext) {
  let out = value;
  if (context.applies('idInValue') && ['id', 'schemas', 'meta'].some((k) => k in out)) {
    const { id, schemas: _schemas, meta: _meta, ...rest } = out;
    if (id === undefined || id === resource.id) {
      out = rest;
      context.fire('idInValue');
    }
  }
  if (context.applies('derivedWrite') && type.name === 'User') {
    const kept = Object.entries(out).filter(([key]) => !isDerived(type, type.resolveAttribute(key)));
    if (kept.length !== Object.keys(out).length) {
      out = Object.fromEntries(kept);
      context.fire('derivedWrite');
    }
  }
  return context.applies('pathlessPathKeys') ? expandPathKeys(out, type, context) : out;
}

/** Entra's `remove members` with `[{value}]`: one standard filtered remove per listed value. */
function removalsByValue(operation: PatchOperation, path: ResolvedOperationPath, context: DialectContext): PatchOperation[] {
  const attribute = path.resolved?.attribute;
  if (attribute === undefined || !attribute.multiValued || path.filter || path.resolved?.subAttribute !== undefined) return [operation];
  const items = Array.isArray(operation.value) ? operation.value : [operation.value];
  const values = items.map((i) => (isPlainObject(i) ? i.value : undefined));
  if (values.some((v) => typeof v !== 'string')) return [operation];
  context.fire('removeWithValue');
  return (values as string[]).map((v) => ({ op: 'remove', path: `${String(operation.path)}[value eq ${JSON.stringify(v)}]` }));
}
