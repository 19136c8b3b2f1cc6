import { AttributeDefinition, isPlainObject } from '../schema/attribute';
import { findDefinition } from '../schema/resource-type-schema';

/** `"True"` / `"false"` → boolean; anything else unchanged (`undefined` when nothing was converted). */
export function booleanOf(value: unknown): boolean | undefined {
  if (typeof value !== 'string') return undefined;
  const lower = value.trim().toLowerCase();
  return lower === 'true' ? true : lower === 'false' ? false : undefined;
}

/**
 * A copy of `value` (for attribute `definition`) with string booleans converted wherever the schema says
 * boolean: the value itself, sub-attributes of complex values, and elements of multi-valued ones.
 * `onConvert` is called once per conversion.
 */
export function convertBooleans(definition: AttributeDefinition, value: unknown, onConvert: () => void): unknown {
  if (definition.type === 'boolean' && !definition.multiValued) {
    const converted = booleanOf(value);
    if (converted === undefined) return value;
    onConvert();
    return converted;
  }
  if (definition.type !== 'complex') return value;
  const element = (item: unknown): unknown => {
    if (!isPlainObject(item)) return item;
    const out: Record<string, unknown> = { ...item };
    for (const key of Object.keys(item)) {
      const sub = findDefinition(definition.subAttributes, key);
      if (sub !== undefined) out[key] = convertBooleans(sub, item[key], onConvert);
    }
    return out;
  };
  return Array.isArray(value) ? value.map(element) : element(value);
}
