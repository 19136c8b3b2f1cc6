import { ScimError } from '../../errors/scim-error';
import { isPlainObject } from '../../schema/attribute';
import { assertElementRules, canonicalizeElement, canonicalizeValue } from '../../schema/attribute-value';
import { applyPrimary, elementFromFilter, elementKey, matchingIndices } from '../multi-valued';
import type { PatchState } from '../patch-state';
import type { AttributeTarget } from '../patch-target';
import { assertImmutable, assertImmutableSubs } from './mutability';

/** add without filter: appends the values not already present (RFC 7644 §3.5.2.1, idempotent). */
export function appendElements(state: PatchState, target: AttributeTarget, value: unknown): void {
  const { attribute } = target;
  const canonical = canonicalizeValue(attribute, value, target.text, state.ignored) as unknown[] | undefined;
  const current = currentList(state, target);
  const present = new Set(current.map((e) => elementKey(attribute, e)));
  const fresh: unknown[] = [];
  for (const element of canonical ?? []) {
    const key = elementKey(attribute, element);
    if (!present.has(key)) {
      present.add(key);
      fresh.push(element);
    }
  }
  if (fresh.length === 0) {
    return;
  }
  const next = applyPrimary(attribute, [...current, ...fresh], fresh);
  assertElementRules(attribute, next, target.name);
  state.write(target, next);
}

/** replace without filter: the list becomes exactly `value`; empty or null unassigns it. */
export function replaceList(state: PatchState, target: AttributeTarget, value: unknown): void {
  const canonical = canonicalizeValue(target.attribute, value, target.text, state.ignored);
  state.write(target, canonical);
}

/**
 * add/replace on the elements a value filter selects (or on every element for `attr.sub`):
 * `emails[type eq "work"].value` sets the sub-attribute, `emails[type eq "work"]` with an object merges
 * (add) or replaces (replace) the element. No match → noTarget, unless `onNoMatch: 'add'`.
 */
export function updateMatching(
  state: PatchState,
  target: AttributeTarget,
  value: unknown,
  op: 'add' | 'replace',
): void {
  const list = currentList(state, target);
  let indices = matchingIndices(list, target.attribute, target.filter);
  if (indices.length === 0) {
    list.push(newElementFor(state, target));
    indices = [list.length - 1];
  }
  const written: unknown[] = [];
  for (const index of indices) {
    list[index] = updatedElement(state, target, list[index], value, op);
    written.push(list[index]);
  }
  const next = applyPrimary(target.attribute, list, written).filter((e) => e !== undefined);
  assertElementRules(target.attribute, next, target.name);
  state.write(target, next.length > 0 ? next : undefined);
}

function updatedElement(
  state: PatchState,
  target: AttributeTarget,
  element: unknown,
  value: unknown,
  op: 'add' | 'replace',
): unknown {
  const { attribute, sub } = target;
  const current = isPlainObject(element) ? element : {};
  if (sub !== undefined) {
    const canonical = canonicalizeValue(sub, value, target.text, state.ignored);
    assertImmutable(sub, current[sub.name], canonical, `${target.name}.${sub.name}`);
    const next: Record<string, unknown> = { ...current, [sub.name]: canonical };
    if (canonical === undefined) {
      delete next[sub.name];
    }
    return Object.keys(next).length > 0 ? next : undefined;
  }
  const canonical = canonicalizeElement(attribute, value, target.text, state.ignored);
  if (!isPlainObject(canonical)) {
    return canonical ?? (op === 'add' ? element : undefined);
  }
  const next = op === 'add' ? { ...current, ...canonical } : canonical;
  assertImmutableSubs(attribute, current, next, target.name);
  return next;
}

function newElementFor(state: PatchState, target: AttributeTarget): Record<string, unknown> {
  const upsert = target.filter !== undefined && state.options.onNoMatch === 'add';
  const seed = upsert && target.filter ? elementFromFilter(target.filter, target.attribute) : undefined;
  if (seed === undefined) {
    throw ScimError.noTarget(`No value matches the path ${target.text}`);
  }
  return seed;
}

function currentList(state: PatchState, target: AttributeTarget): unknown[] {
  const current = state.read(target);
  return Array.isArray(current) ? [...current] : [];
}
