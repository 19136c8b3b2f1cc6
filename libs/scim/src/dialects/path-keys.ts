import { isPlainObject } from '../schema/attribute';
import type { ResourceTypeSchema } from '../schema/resource-type-schema';
import { DialectContext } from './dialect-rules';

/**
 * A path-less value whose keys are paths (`name.givenName`, `urn:…:enterprise:2.0:User:department`) →
 * the same values keyed by attribute name, nested under their complex attribute or extension object.
 */
export function expandPathKeys(value: Record<string, unknown>, type: ResourceTypeSchema, context: DialectContext): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const resolved = type.resolveAttribute(key);
    if (resolved === undefined || key.toLowerCase() === resolved.attribute.name.toLowerCase()) {
      out[key] = isPlainObject(out[key]) && isPlainObject(v) ? { ...out[key], ...v } : v;
      continue;
    }
    context.fire('pathlessPathKeys');
    const holder = resolved.extension ? objectAt(out, resolved.schema) : out;
    const name = resolved.attribute.name;
    if (resolved.subAttribute === undefined) holder[name] = v;
    else objectAt(holder, name)[resolved.subAttribute.name] = v;
  }
  return out;
}

function objectAt(container: Record<string, unknown>, key: string): Record<string, unknown> {
  const existing = container[key];
  if (isPlainObject(existing)) return existing;
  const created: Record<string, unknown> = {};
  container[key] = created;
  return created;
}
