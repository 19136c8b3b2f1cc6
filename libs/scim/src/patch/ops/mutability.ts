import { ScimError } from '../../errors/scim-error';
import { AttributeDefinition } from '../../schema/attribute';
import { deepEqual } from '../multi-valued';

/** RFC 7643 §2.2: an immutable value may be set once, never changed. */
export function assertImmutable(definition: AttributeDefinition, existing: unknown, next: unknown, name: string): void {
  if (definition.mutability === 'immutable' && existing !== undefined && !deepEqual(existing, next)) {
    throw ScimError.mutability(`Attribute '${name}' is immutable`);
  }
}

/** RFC 7644 §3.5.2.2: removing (unassigning) a required attribute fails with `mutability`. */
export function assertRemovable(definition: AttributeDefinition, name: string): void {
  if (definition.required) {
    throw ScimError.mutability(`Attribute '${name}' is required and cannot be removed`);
  }
}

/** Immutable sub-attributes of an existing element must keep their values in `next`. */
export function assertImmutableSubs(
  definition: AttributeDefinition,
  existing: Record<string, unknown>,
  next: Record<string, unknown>,
  name: string,
): void {
  for (const sub of definition.subAttributes ?? []) {
    if (sub.mutability === 'immutable' && existing[sub.name] !== undefined) {
      assertImmutable(sub, existing[sub.name], next[sub.name], `${name}.${sub.name}`);
    }
  }
}
