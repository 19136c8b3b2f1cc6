import type { FilterNode } from '../query/filter-ast';
import { isPlainObject } from '../schema/attribute';
import type { MemberDelta } from './patch-types';

/** The `value` (member id) of every element of a `members` list. */
export function memberIds(list: unknown): string[] {
  if (!Array.isArray(list)) {
    return [];
  }
  return list.flatMap((e: unknown) => (isPlainObject(e) && typeof e.value === 'string' ? [e.value] : []));
}

/** The delta between two complete member lists. */
export function deltaBetween(before: readonly string[], after: readonly string[]): MemberDelta {
  const [old, next] = [new Set(before), new Set(after)];
  return {
    added: [...next].filter((id) => !old.has(id)),
    removed: [...old].filter((id) => !next.has(id)),
  };
}

/**
 * Ids selected by `value eq "x"` or an `or` chain of such clauses, the only member filters that can be
 * applied without the member list; `undefined` for any other filter.
 */
export function filterValueIds(filter: FilterNode): string[] | undefined {
  if (filter.kind === 'or') {
    const left = filterValueIds(filter.left);
    const right = filterValueIds(filter.right);
    return left && right && [...left, ...right];
  }
  const isValueEq =
    filter.kind === 'compare' &&
    filter.op === 'eq' &&
    typeof filter.value === 'string' &&
    filter.path.uri === undefined &&
    filter.path.sub === undefined &&
    filter.path.attr.toLowerCase() === 'value';
  return isValueEq ? [filter.value as string] : undefined;
}

/** Folds member operations, in order, into a delta when the member list is not loaded. */
export class MemberTracker {
  private readonly added = new Set<string>();
  private readonly removed = new Set<string>();
  private all?: Set<string>;

  get changed(): boolean {
    return this.all !== undefined || this.added.size > 0 || this.removed.size > 0;
  }

  add(ids: readonly string[]): void {
    for (const id of ids) {
      if (this.all !== undefined) {
        this.all.add(id);
      } else {
        this.removed.delete(id);
        this.added.add(id);
      }
    }
  }

  remove(ids: readonly string[]): void {
    for (const id of ids) {
      if (this.all !== undefined) {
        this.all.delete(id);
      } else {
        this.added.delete(id);
        this.removed.add(id);
      }
    }
  }

  replaceAll(ids: readonly string[]): void {
    this.all = new Set(ids);
    this.added.clear();
    this.removed.clear();
  }

  toDelta(): MemberDelta {
    if (this.all !== undefined) {
      return { added: [], removed: [], replacedAll: [...this.all], clearedAll: this.all.size === 0 };
    }
    return { added: [...this.added], removed: [...this.removed] };
  }
}
