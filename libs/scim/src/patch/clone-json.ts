import { isPlainObject } from '../schema/attribute';

/**
 * Deep copy of JSON data (arrays and plain objects; other values are shared). Keys are defined, not
 * assigned, so an own `__proto__` key stays a plain key and never changes a prototype.
 */
export function cloneJson<T>(value: T): T {
  if (Array.isArray(value)) {
    return value.map((v: unknown) => cloneJson(v)) as T;
  }
  if (!isPlainObject(value)) {
    return value;
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const copy = cloneJson(value[key]);
    Object.defineProperty(out, key, { value: copy, enumerable: true, writable: true, configurable: true });
  }
  return out as T;
}
