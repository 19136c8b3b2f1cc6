import { isPlainObject, ScimResource } from '../schema/attribute';
import { findDefinition, ResourceTypeSchema } from '../schema/resource-type-schema';
import { deltaBetween, memberIds, MemberTracker } from './member-delta';
import { deepEqual } from './multi-valued';
import type { AttributeTarget } from './patch-target';
import type { MemberDelta, PatchOptions, PatchResult } from './patch-types';

/** The working copy of one `applyPatch` call plus what it records along the way. */
export class PatchState {
  readonly ignored: string[] = [];
  /** Set when the member list is not loaded: member operations only build the delta. */
  readonly memberTracker?: MemberTracker;
  private readonly touched = new Set<string>();
  private readonly hasMembers: boolean;

  constructor(
    readonly resource: ScimResource,
    readonly type: ResourceTypeSchema,
    readonly options: PatchOptions,
  ) {
    this.hasMembers = findDefinition(type.core.attributes, 'members')?.multiValued === true;
    if (this.hasMembers && options.membersLoaded === false) {
      this.memberTracker = new MemberTracker();
    }
  }

  /** The current value of the target's attribute (not of its sub-attribute). */
  read(target: AttributeTarget): unknown {
    return this.holder(target, false)?.[target.attribute.name];
  }

  /** Sets (or, with `undefined`, unassigns) the target's attribute and records it as touched. */
  write(target: AttributeTarget, value: unknown): void {
    const holder = this.holder(target, value !== undefined);
    if (holder === undefined) {
      return;
    }
    if (value === undefined) {
      delete holder[target.attribute.name];
    } else {
      holder[target.attribute.name] = value;
    }
    this.touch(target);
  }

  /** Removes a whole extension object. */
  removeExtension(schema: string, attributeNames: readonly string[]): void {
    delete this.resource[schema];
    attributeNames.forEach((name) => this.touched.add(`${schema}:${name}`));
  }

  finish(original: ScimResource): PatchResult {
    this.syncExtensions();
    const changed = [...this.touched].filter(
      (name) => !deepEqual(valueAt(original, this.type, name), valueAt(this.resource, this.type, name)),
    );
    if (this.memberTracker?.changed && !changed.includes('members')) {
      changed.push('members');
    }
    return {
      resource: this.resource,
      changed,
      ignored: [...new Set(this.ignored)],
      ...(this.hasMembers && { memberDelta: this.memberDelta(original) }),
    };
  }

  private memberDelta(original: ScimResource): MemberDelta {
    return this.memberTracker?.toDelta() ?? deltaBetween(memberIds(original.members), memberIds(this.resource.members));
  }

  private touch(target: AttributeTarget): void {
    const { attribute, name } = target;
    if (attribute.multiValued) {
      this.touched.add(name);
    } else if (target.sub !== undefined) {
      this.touched.add(`${name}.${target.sub.name}`);
    } else if (attribute.type === 'complex') {
      attribute.subAttributes?.forEach((s) => this.touched.add(`${name}.${s.name}`));
    } else {
      this.touched.add(name);
    }
  }

  private holder(target: AttributeTarget, create: boolean): Record<string, unknown> | undefined {
    if (target.extension === undefined) {
      return this.resource;
    }
    const existing = this.resource[target.extension];
    if (isPlainObject(existing)) {
      return existing;
    }
    if (!create) {
      return undefined;
    }
    const created: Record<string, unknown> = {};
    this.resource[target.extension] = created;
    return created;
  }

  /** Drops empty extension objects and keeps `schemas` listing exactly the extensions present. */
  private syncExtensions(): void {
    for (const extension of this.type.extensions) {
      const value = this.resource[extension.id];
      const present = isPlainObject(value) && Object.keys(value).length > 0;
      if (!present) {
        delete this.resource[extension.id];
      }
      const schemas = this.resource.schemas;
      if (!Array.isArray(schemas)) {
        continue;
      }
      const isExtension = (s: unknown): boolean =>
        typeof s === 'string' && s.toLowerCase() === extension.id.toLowerCase();
      const listed = schemas.some(isExtension);
      if (present && !listed) {
        this.resource.schemas = [...schemas, extension.id];
      } else if (!present && listed) {
        this.resource.schemas = schemas.filter((s) => !isExtension(s));
      }
    }
  }
}

function valueAt(resource: ScimResource, type: ResourceTypeSchema, name: string): unknown {
  const resolved = type.resolveAttribute(name);
  if (resolved === undefined) {
    return undefined;
  }
  const holder = resolved.extension ? resource[resolved.schema] : resource;
  const value = isPlainObject(holder) ? holder[resolved.attribute.name] : undefined;
  if (resolved.subAttribute === undefined) {
    return value;
  }
  return isPlainObject(value) ? value[resolved.subAttribute.name] : undefined;
}
