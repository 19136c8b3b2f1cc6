import type { PatchState } from '../patch-state';
import type { AttributeTarget } from '../patch-target';
import { replaceList, updateMatching } from './multi-valued-writes';
import { removeTarget } from './remove';
import { writeSingle, writeSub } from './single-valued';

/**
 * RFC 7644 §3.5.2.3 replace: single-valued → set (complex: merge sub-attributes), multi-valued without
 * filter → the whole list, with filter → the selected elements. `null` unassigns (RFC 7643 §2.5).
 */
export function replaceTarget(state: PatchState, target: AttributeTarget, value: unknown): void {
  if (value === null) {
    removeTarget(state, target, undefined);
    return;
  }
  const { attribute, sub, filter } = target;
  if (!attribute.multiValued) {
    if (sub === undefined) {
      writeSingle(state, target, value, 'replace');
    } else {
      writeSub(state, target, sub, value, 'replace');
    }
  } else if (filter !== undefined || sub !== undefined) {
    updateMatching(state, target, value, 'replace');
  } else {
    replaceList(state, target, value);
  }
}
