import { canonicalizeValue } from '../schema/attribute-value';
import { ResourceTypeSchema } from '../schema/resource-type-schema';
import { filterValueIds, memberIds } from './member-delta';
import type { PatchState } from './patch-state';
import { AttributeTarget, PatchOpName, readOperation, resolveKeyTarget, resolveTarget, Target } from './patch-target';
import type { PatchOperation } from './patch-types';

/** Whether `target` addresses the Group `members` list. */
export function isMembersTarget(target: Target): target is AttributeTarget {
  return target.kind === 'attribute' && target.extension === undefined && target.name === 'members';
}

/** Whether the operation can be turned into a member delta without knowing the current members. */
export function isDerivableWithoutList(op: PatchOpName, target: AttributeTarget): boolean {
  if (target.sub !== undefined) {
    return false;
  }
  return target.filter === undefined || (op === 'remove' && filterValueIds(target.filter) !== undefined);
}

/**
 * Whether `operations` need the group's current member list: true for member operations whose effect
 * depends on it (filters other than `value eq "…"`, sub-attribute paths). When false, the group may be
 * loaded without members and patched with `membersLoaded: false`.
 * @throws ScimError for malformed operations, as `applyPatch` would.
 */
export function patchNeedsMembers(operations: readonly PatchOperation[], type: ResourceTypeSchema): boolean {
  return operations.some((raw, index) => {
    const operation = readOperation(raw, index);
    if (operation.path === undefined) {
      const keys = typeof operation.value === 'object' && operation.value !== null ? Object.keys(operation.value) : [];
      return keys.some((key) => {
        const target = resolveKeyTarget(type, key);
        return target !== undefined && isMembersTarget(target) && target.sub !== undefined;
      });
    }
    const target = resolveTarget(type, operation.path, operation.pathText ?? '');
    return target !== undefined && isMembersTarget(target) && !isDerivableWithoutList(operation.op, target);
  });
}

/** Applies a member operation to the delta only (`membersLoaded: false`). */
export function applyMembersWithoutList(
  state: PatchState,
  op: PatchOpName,
  target: AttributeTarget,
  value: unknown,
): void {
  const tracker = state.memberTracker;
  if (tracker === undefined || !isDerivableWithoutList(op, target)) {
    throw new Error(`${op} ${target.text} needs the member list; check patchNeedsMembers first`);
  }
  if (target.filter !== undefined) {
    tracker.remove(filterValueIds(target.filter) ?? []);
    return;
  }
  const ids = (v: unknown): string[] =>
    v === undefined || v === null ? [] : memberIds(canonicalizeValue(target.attribute, v, target.text, state.ignored));
  if (op === 'add') {
    tracker.add(ids(value));
  } else if (op === 'replace') {
    tracker.replaceAll(ids(value));
  } else if (value === undefined || value === null) {
    tracker.replaceAll([]);
  } else {
    tracker.remove(ids(Array.isArray(value) ? value : [value]));
  }
}
