import type { PatchState } from '../patch-state';
import type { AttributeTarget } from '../patch-target';
import { appendElements, updateMatching } from './multi-valued-writes';
import { writeSingle, writeSub } from './single-valued';

/**
 * RFC 7644 §3.5.2.1 add: single-valued → set (complex: merge), multi-valued → append missing values,
 * value filter or sub-attribute → update the selected elements. `null` adds nothing.
 */
export function addToTarget(state: PatchState, target: AttributeTarget, value: unknown): void {
  if (value === null) {
    return;
  }
  const { attribute, sub, filter } = target;
  if (!attribute.multiValued) {
    if (sub === undefined) {
      writeSingle(state, target, value, 'add');
    } else {
      writeSub(state, target, sub, value, 'add');
    }
  } else if (filter !== undefined || sub !== undefined) {
    updateMatching(state, target, value, 'add');
  } else {
    appendElements(state, target, value);
  }
}
