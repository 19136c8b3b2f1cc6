import { randomUUID } from 'node:crypto';
import { memberIds } from '../patch/member-delta';
import type { MemberDelta } from '../patch/patch-types';
import type { GroupReadOptions, ScimGroupRecord, ScimGroupStore } from '../ports/group-store';
import { StoreConflictError, StoreReferenceError } from '../ports/store-errors';
import type { StorePage, StoreQuery } from '../ports/store-query';
import type { TenantId } from '../ports/tenant';
import type { UnitOfWork } from '../ports/unit-of-work';
import type { ScimUserStore } from '../ports/user-store';
import type { ScimResource } from '../schema/attribute';
import { SchemaRegistry } from '../schema/schema-registry';
import { matchesResource } from './in-memory-filter';

interface Row {
  readonly tenant: TenantId;
  readonly id: string;
  readonly attributes: ScimResource;
  readonly members: Set<string>;
  readonly created: Date;
  readonly lastModified: Date;
  readonly version: number;
}

const key = (text: unknown) => (typeof text === 'string' ? text.normalize('NFC').toLowerCase() : undefined);

/**
 * A ScimGroupStore in memory, for tests and for trying the library without a database. Members are users
 * of `users` in the same tenant, kept as a set of ids and changed by member deltas; a member whose user
 * is gone is no longer listed. displayName is unique per tenant (case-insensitively). Not transactional.
 */
export class InMemoryGroupStore implements ScimGroupStore {
  private readonly rows = new Map<string, Row>();
  private readonly type = SchemaRegistry.create().resourceType('Group');

  constructor(private readonly users: ScimUserStore) {}

  async findById(tenant: TenantId, id: string, options: GroupReadOptions, uow: UnitOfWork): Promise<ScimGroupRecord | null> {
    const row = this.rows.get(id);
    return row !== undefined && row.tenant === tenant ? this.record(row, options.members, uow) : null;
  }

  async search(tenant: TenantId, query: StoreQuery, options: GroupReadOptions, uow: UnitOfWork): Promise<StorePage<ScimGroupRecord>> {
    const matching: Row[] = [];
    for (const row of this.rowsOf(tenant)) {
      const full = await this.record(row, true, uow);
      if (query.filter === undefined || matchesResource(query.filter, { ...full.attributes, id: row.id }, this.type)) matching.push(row);
    }
    const page = matching.slice(query.offset, query.offset + query.limit);
    return { total: matching.length, items: await Promise.all(page.map((row) => this.record(row, options.members, uow))) };
  }

  async create(tenant: TenantId, attributes: ScimResource, uow: UnitOfWork): Promise<ScimGroupRecord> {
    const { members, ...rest } = attributes;
    const ids = memberIds(members);
    this.assertNameFree(tenant, rest.displayName, undefined);
    await this.assertUsers(tenant, ids, uow);
    const now = new Date();
    const row: Row = { tenant, id: randomUUID(), attributes: structuredClone(rest), members: new Set(ids), created: now, lastModified: now, version: 1 };
    this.rows.set(row.id, row);
    return this.record(row, true, uow);
  }

  async update(tenant: TenantId, id: string, attributes: ScimResource, delta: MemberDelta, uow: UnitOfWork): Promise<ScimGroupRecord | null> {
    const existing = this.rows.get(id);
    if (existing === undefined || existing.tenant !== tenant) return null;
    const { members: _ignored, ...rest } = attributes;
    this.assertNameFree(tenant, rest.displayName, id);
    await this.assertUsers(tenant, delta.replacedAll ?? delta.added, uow);
    const members = new Set(delta.replacedAll ?? existing.members);
    if (delta.replacedAll === undefined) {
      for (const removed of delta.removed) members.delete(removed);
      for (const added of delta.added) members.add(added);
    }
    const changed = JSON.stringify(rest) !== JSON.stringify(existing.attributes) || !sameSet(members, existing.members);
    const row: Row = changed ? { ...existing, attributes: structuredClone(rest), members, lastModified: new Date(), version: existing.version + 1 } : existing;
    this.rows.set(id, row);
    return this.record(row, false, uow);
  }

  async delete(tenant: TenantId, id: string, _uow: UnitOfWork): Promise<boolean> {
    const row = this.rows.get(id);
    return row !== undefined && row.tenant === tenant && this.rows.delete(id);
  }

  /** Every group of the tenant with its member ids, in creation order (for probes and assertions). */
  list(tenant: TenantId): Array<{ readonly id: string; readonly attributes: ScimResource; readonly members: ReadonlySet<string> }> {
    return this.rowsOf(tenant);
  }

  private rowsOf(tenant: TenantId): Row[] {
    return [...this.rows.values()].filter((r) => r.tenant === tenant);
  }

  private async record(row: Row, withMembers: boolean, uow: UnitOfWork): Promise<ScimGroupRecord> {
    const base = { id: row.id, created: row.created, lastModified: row.lastModified, version: row.version };
    if (!withMembers) return { ...base, attributes: structuredClone(row.attributes) };
    const members: ScimResource[] = [];
    for (const userId of row.members) {
      const user = await this.users.findById(row.tenant, userId, uow);
      if (user === null) continue;
      const display = user.attributes.displayName ?? user.attributes.userName;
      members.push({ value: userId, type: 'User', ...(typeof display === 'string' ? { display } : {}) });
    }
    return { ...base, attributes: { ...structuredClone(row.attributes), members } };
  }

  private assertNameFree(tenant: TenantId, displayName: unknown, self: string | undefined): void {
    const taken = this.list(tenant).some((g) => g.id !== self && key(g.attributes.displayName) === key(displayName));
    if (taken) throw new StoreConflictError('displayName');
  }

  private async assertUsers(tenant: TenantId, ids: readonly string[], uow: UnitOfWork): Promise<void> {
    const groups = ids.filter((id) => this.rows.get(id)?.tenant === tenant);
    if (groups.length > 0) throw new StoreReferenceError(groups, 'groups', 'Nested groups are not supported');
    const unknown: string[] = [];
    for (const id of ids) if ((await this.users.findById(tenant, id, uow)) === null) unknown.push(id);
    if (unknown.length > 0) throw new StoreReferenceError(unknown);
  }
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  return a.size === b.size && [...a].every((x) => b.has(x));
}
