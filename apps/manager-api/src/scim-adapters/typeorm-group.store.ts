import type { GroupReadOptions, ScimGroupRecord, ScimGroupStore } from '@app/scim/ports/group-store';
import type { StorePage, StoreQuery } from '@app/scim/ports/store-query';
import type { TenantId } from '@app/scim/ports/tenant';
import type { UnitOfWork } from '@app/scim/ports/unit-of-work';
import type { MemberDelta } from '@app/scim/patch/patch-types';
import { compileFilter } from '@app/scim/query/filter-to-sql';
import type { ScimResource } from '@app/scim/schema/attribute';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { caseKey } from '../common/text/case-key';
import { bulkInsert } from '../database/bulk-insert';
import { GroupMember } from '../groups/group-member.entity';
import { Group } from '../groups/group.entity';
import { newGroup } from '../groups/groups.service';
import { groupFilterResolver, groupSortExpression } from './group-filter.resolver';
import { applyMemberDelta, assertAllUsers, membersOf, membershipOf, userRefs } from './group-members.queries';
import { GroupMemberRef, groupToScim, ScimGroupFields, scimMemberIds, scimToGroupFields } from './group-scim.mapper';
import { canBeRowId, conflictsMapped, countOf, dialectOf, lockFor, ordered } from './store-sql';
import { managerOf } from './typeorm-transaction.runner';

const CONFLICT_ATTRIBUTES = new Map([['uq_groups_customer_name', 'displayName']]);

/**
 * The Manager's groups as SCIM Groups (DESIGN §3), in the unit of work's transaction, scoped to the customer.
 * Member lists are read in one query and changed row by row, so large groups stay cheap (peers study §3.2–3.3).
 */
@Injectable()
export class TypeOrmGroupStore implements ScimGroupStore {
  async findById(tenant: TenantId, id: string, options: GroupReadOptions, uow: UnitOfWork): Promise<ScimGroupRecord | null> {
    if (!canBeRowId(id)) return null;
    const manager = managerOf(uow);
    const group = await manager.findOne(Group, { where: { customerId: tenant, id }, ...lockFor(manager, options.forUpdate) });
    if (group === null) return null;
    if (!options.members) return toRecord(group);
    const members = await membersOf(manager, dialectOf(manager), tenant, [group.id]);
    return toRecord(group, members.get(group.id) ?? []);
  }

  async search(
    tenant: TenantId,
    query: StoreQuery,
    options: GroupReadOptions,
    uow: UnitOfWork,
  ): Promise<StorePage<ScimGroupRecord>> {
    const manager = managerOf(uow);
    const dialect = dialectOf(manager);
    // Every group of the customer, whoever created it (admin API, import or SCIM).
    const qb = manager.createQueryBuilder(Group, 'g').where('g.customer_id = :tenant', { tenant });
    if (query.filter !== undefined) {
      const compiled = compileFilter(query.filter, groupFilterResolver('g'), dialect, 'f');
      qb.andWhere(compiled.sql, compiled.params);
    }
    if (query.limit === 0) return { total: await countOf(qb), items: [] };
    const groups = await ordered(qb.clone(), 'g', query, (path) => groupSortExpression(path, 'g', dialect)).offset(query.offset).limit(query.limit).getMany();
    // A partly filled page is the last one, and an empty first page means no match: the total is known.
    const lastPage = groups.length < query.limit && (groups.length > 0 || query.offset === 0);
    const total = lastPage ? query.offset + groups.length : await countOf(qb);
    if (!options.members || groups.length === 0) return { total, items: groups.map((group) => toRecord(group)) };
    const members = await membersOf(manager, dialect, tenant, groups.map((group) => group.id));
    return { total, items: groups.map((group) => toRecord(group, members.get(group.id) ?? [])) };
  }

  async create(tenant: TenantId, attributes: ScimResource, uow: UnitOfWork): Promise<ScimGroupRecord> {
    const manager = managerOf(uow);
    const { name, externalId } = scimToGroupFields(attributes);
    const memberIds = scimMemberIds(attributes);
    // Read (and check) the members before writing anything: a bad id leaves nothing behind.
    const users = await userRefs(manager, tenant, memberIds);
    await assertAllUsers(manager, tenant, memberIds, users);
    const now = new Date();
    const group = Object.assign(newGroup(tenant, name, 'scim', now), { externalId, version: 1 });
    await conflictsMapped(CONFLICT_ATTRIBUTES, () => manager.insert(Group, group));
    await bulkInsert(manager, GroupMember, memberIds.map((userId) => ({ groupId: group.id, userId, createdAt: now })));
    const members = [...users.values()].sort((a, b) => compareIds(a.userId, b.userId));
    return toRecord(group, members);
  }

  async update(
    tenant: TenantId,
    id: string,
    attributes: ScimResource,
    delta: MemberDelta,
    uow: UnitOfWork,
  ): Promise<ScimGroupRecord | null> {
    const manager = managerOf(uow);
    const dialect = dialectOf(manager);
    const fields = scimToGroupFields(attributes);
    // PostgreSQL: lock the row so concurrent member changes of one group run one after another and the
    // version written below is the one read; SQLite runs one transaction at a time.
    const lock = dialect === 'postgres' ? { lock: { mode: 'pessimistic_write' as const } } : {};
    const group = await manager.findOne(Group, { where: { customerId: tenant, id }, ...lock });
    if (group === null) return null;
    // Every check before the first write: a bad member id leaves the group as it was.
    const wanted = distinct(delta.replacedAll ?? delta.added);
    const membership = await membershipOf(manager, tenant, group.id, wanted);
    await assertAllUsers(manager, tenant, wanted, membership);
    const renamed = await writeAttributes(manager, group, fields);
    const membersChanged = await applyMemberDelta(manager, dialect, group.id, delta, wanted, membership);
    if (membersChanged && !renamed) await touch(manager, group);
    return toRecord(group);
  }

  async delete(tenant: TenantId, id: string, uow: UnitOfWork): Promise<boolean> {
    // Memberships go with the group (ON DELETE CASCADE); users stay.
    const result = await managerOf(uow).delete(Group, { customerId: tenant, id });
    return (result.affected ?? 0) > 0;
  }
}

/** `members` is set only when the member list was loaded. */
function toRecord(group: Group, members?: readonly GroupMemberRef[]): ScimGroupRecord {
  return {
    id: group.id,
    attributes: groupToScim(group, members),
    created: group.createdAt,
    lastModified: group.updatedAt,
    version: group.version,
  };
}

/** Writes name, externalId and source `scim` when any differs (bumping the version); whether it wrote. */
async function writeAttributes(
  manager: EntityManager,
  group: Group,
  { name, externalId }: ScimGroupFields,
): Promise<boolean> {
  if (group.name === name && group.externalId === externalId && group.source === 'scim') return false;
  const columns = { name, nameKey: caseKey(name), externalId, source: 'scim' as const, updatedAt: new Date() };
  // The version column is incremented by TypeORM.
  await conflictsMapped(CONFLICT_ATTRIBUTES, () => manager.update(Group, { customerId: group.customerId, id: group.id }, columns));
  Object.assign(group, columns, { version: group.version + 1 });
  return true;
}

/** Marks a change of the members: lastModified and version. */
async function touch(manager: EntityManager, group: Group): Promise<void> {
  const updatedAt = new Date();
  await manager.update(Group, { customerId: group.customerId, id: group.id }, { updatedAt });
  Object.assign(group, { updatedAt, version: group.version + 1 });
}

function distinct(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
