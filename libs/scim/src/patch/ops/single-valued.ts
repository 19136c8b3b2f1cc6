import { AttributeDefinition, isPlainObject } from '../../schema/attribute';
import { canonicalizeValue } from '../../schema/attribute-value';
import type { PatchState } from '../patch-state';
import type { AttributeTarget } from '../patch-target';
import { assertImmutable, assertImmutableSubs } from './mutability';
import { removeTarget } from './remove';

/**
 * add/replace on a single-valued attribute without sub-attribute path. A simple value is set; a complex
 * value is merged, leaving unnamed sub-attributes unchanged (RFC 7644 §3.5.2.1, §3.5.2.3).
 */
export function writeSingle(state: PatchState, target: AttributeTarget, value: unknown, op: 'add' | 'replace'): void {
  const canonical = canonicalizeValue(target.attribute, value, target.text, state.ignored);
  if (canonical === undefined) {
    if (op === 'replace') {
      removeTarget(state, target, undefined);
    }
    return;
  }
  const existing = state.read(target);
  if (isPlainObject(canonical)) {
    const current = isPlainObject(existing) ? existing : {};
    const merged = { ...current, ...canonical };
    assertImmutableSubs(target.attribute, current, merged, target.name);
    state.write(target, merged);
    return;
  }
  assertImmutable(target.attribute, existing, canonical, target.name);
  state.write(target, canonical);
}

/** add/replace on `attr.sub` of a single-valued complex attribute, e.g. `name.givenName`. */
export function writeSub(
  state: PatchState,
  target: AttributeTarget,
  sub: AttributeDefinition,
  value: unknown,
  op: 'add' | 'replace',
): void {
  const canonical = canonicalizeValue(sub, value, target.text, state.ignored);
  if (canonical === undefined) {
    if (op === 'replace') {
      removeTarget(state, target, undefined);
    }
    return;
  }
  const existing = state.read(target);
  const current = isPlainObject(existing) ? existing : {};
  assertImmutable(sub, current[sub.name], canonical, `${target.name}.${sub.name}`);
  state.write(target, { ...current, [sub.name]: canonical });
}
