import { isPlainObject } from '../schema/attribute';
import { findDefinition, ResourceTypeSchema } from '../schema/resource-type-schema';
import { convertBooleans } from './boolean-strings';
import { DialectContext } from './dialect-rules';

/**
 * A POST/PUT body as its IdP sends it → standard RFC 7643 form, applying only the rules of the context's
 * profile. Bodies that are not objects pass through (the validator reports them).
 */
export function normaliseBody(body: unknown, type: ResourceTypeSchema, context: DialectContext): unknown {
  if (!isPlainObject(body)) return body;
  let out: Record<string, unknown> = { ...body };
  if (context.applies('stringBoolean')) out = withBooleans(out, type, context);
  out = withSchemas(out, type, context);
  return out;
}

function withBooleans(body: Record<string, unknown>, type: ResourceTypeSchema, context: DialectContext): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const fire = () => context.fire('stringBoolean');
  for (const [key, value] of Object.entries(body)) {
    const extension = type.extension(key);
    if (extension !== undefined && isPlainObject(value)) {
      out[key] = Object.fromEntries(
        Object.entries(value).map(([k, v]) => {
          const definition = findDefinition(extension.attributes, k);
          return [k, definition === undefined ? v : convertBooleans(definition, v, fire)];
        }),
      );
      continue;
    }
    const definition = findDefinition(type.coreAttributes, key);
    out[key] = definition === undefined ? value : convertBooleans(definition, value, fire);
  }
  return out;
}

/** `schemas`: added when missing, extensions present added, unknown URIs dropped — each by its own rule. */
function withSchemas(body: Record<string, unknown>, type: ResourceTypeSchema, context: DialectContext): Record<string, unknown> {
  let schemas = body.schemas;
  if (schemas === undefined && context.applies('missingSchemas')) {
    schemas = [type.core.id];
    context.fire('missingSchemas');
  }
  if (!Array.isArray(schemas)) return body;
  let list = schemas.filter((s): s is string => typeof s === 'string');
  if (context.applies('foreignSchema')) {
    const known = (s: string) => s.toLowerCase() === type.core.id.toLowerCase() || type.extension(s) !== undefined;
    if (list.some((s) => !known(s))) {
      list = list.filter(known);
      context.fire('foreignSchema');
    }
  }
  if (context.applies('undeclaredExtension')) {
    const listed = new Set(list.map((s) => s.toLowerCase()));
    const missing = Object.keys(body).filter((k) => type.extension(k) !== undefined && !listed.has(k.toLowerCase()));
    if (missing.length > 0) {
      list = [...list, ...missing];
      context.fire('undeclaredExtension');
    }
  }
  return { ...body, schemas: list };
}
