import { isPlainObject } from '../../schema/attribute';
import { canonicalizeValue } from '../../schema/attribute-value';
import { elementKey, matchingIndices } from '../multi-valued';
import type { PatchState } from '../patch-state';
import type { AttributeTarget } from '../patch-target';
import { assertRemovable } from './mutability';

/**
 * RFC 7644 §3.5.2.2 remove (also used by replace with `null`). A target without value is not an error.
 * `value` on a multi-valued attribute without filter (Entra's `members` + `[{value}]`) selects the values
 * to remove; without it the whole attribute is removed.
 */
export function removeTarget(state: PatchState, target: AttributeTarget, value: unknown): void {
  const { attribute, sub } = target;
  assertRemovable(sub ?? attribute, sub ? `${target.name}.${sub.name}` : target.name);
  if (!attribute.multiValued) {
    state.write(target, sub === undefined ? undefined : withoutSub(state.read(target), sub.name));
    return;
  }
  const current = state.read(target);
  const list = Array.isArray(current) ? current : [];
  if (target.filter !== undefined || sub !== undefined) {
    const selected = new Set(matchingIndices(list, attribute, target.filter));
    const next = list.flatMap((element, index) => {
      if (!selected.has(index)) {
        return [element];
      }
      const kept = sub === undefined ? undefined : withoutSub(element, sub.name);
      return kept === undefined ? [] : [kept];
    });
    state.write(target, next.length > 0 ? next : undefined);
    return;
  }
  if (value === undefined || value === null) {
    state.write(target, undefined);
    return;
  }
  const listed = (canonicalizeValue(attribute, Array.isArray(value) ? value : [value], target.text, state.ignored) ??
    []) as unknown[];
  const keys = new Set(listed.map((l) => elementKey(attribute, l)));
  const next = list.filter((element) => !keys.has(elementKey(attribute, element)));
  state.write(target, next.length > 0 ? next : undefined);
}

function withoutSub(element: unknown, name: string): Record<string, unknown> | undefined {
  if (!isPlainObject(element)) {
    return undefined;
  }
  const next = { ...element };
  delete next[name];
  return Object.keys(next).length > 0 ? next : undefined;
}
