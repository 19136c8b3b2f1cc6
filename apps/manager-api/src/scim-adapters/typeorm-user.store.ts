import type { StorePage, StoreQuery } from '@app/scim/ports/store-query';
import type { TenantId } from '@app/scim/ports/tenant';
import type { UnitOfWork } from '@app/scim/ports/unit-of-work';
import type { ScimUserRecord, ScimUserStore, UserIdentityKeys } from '@app/scim/ports/user-store';
import { compileFilter } from '@app/scim/query/filter-to-sql';
import type { ScimResource } from '@app/scim/schema/attribute';
import { Injectable } from '@nestjs/common';
import { Brackets, EntityManager } from 'typeorm';
import { caseKey } from '../common/text/case-key';
import { GroupMember } from '../groups/group-member.entity';
import { Group } from '../groups/group.entity';
import { User } from '../users/user.entity';
import { applyUserFields, newUser } from '../users/user-fields';
import { canBeRowId, conflictsMapped, countOf, dialectOf, lockFor, ordered } from './store-sql';
import { managerOf } from './typeorm-transaction.runner';
import { userFilterResolver, userSortExpression } from './user-filter.resolver';
import { scimToUserFields, userToScim, UserGroupRef } from './user-scim.mapper';

const CONFLICT_ATTRIBUTES = new Map([
  ['uq_users_customer_email', 'emails'],
  ['uq_users_customer_user_name', 'userName'],
]);

/** The Manager's users as SCIM Users (DESIGN §3), in the unit of work's transaction, scoped to the customer. */
@Injectable()
export class TypeOrmUserStore implements ScimUserStore {
  async findById(tenant: TenantId, id: string, uow: UnitOfWork, options: { forUpdate?: boolean } = {}): Promise<ScimUserRecord | null> {
    if (!canBeRowId(id)) return null;
    const manager = managerOf(uow);
    const user = await manager.findOne(User, { where: { customerId: tenant, id }, ...lockFor(manager, options.forUpdate) });
    if (user === null) return null;
    const [record] = await this.records(manager, tenant, [user]);
    return record ?? null;
  }

  async search(tenant: TenantId, query: StoreQuery, uow: UnitOfWork): Promise<StorePage<ScimUserRecord>> {
    const manager = managerOf(uow);
    const dialect = dialectOf(manager);
    const qb = manager.createQueryBuilder(User, 'u').where('u.customer_id = :tenant', { tenant });
    if (query.filter !== undefined) {
      const compiled = compileFilter(query.filter, userFilterResolver('u'), dialect, 'f');
      qb.andWhere(compiled.sql, compiled.params);
    }
    if (query.limit === 0) return { total: await countOf(qb), items: [] };
    const users = await ordered(qb.clone(), 'u', query, (path) => userSortExpression(path, 'u', dialect)).offset(query.offset).limit(query.limit).getMany();
    // A partly filled page is the last one, and an empty first page means no match: the total is known.
    const lastPage = users.length < query.limit && (users.length > 0 || query.offset === 0);
    const total = lastPage ? query.offset + users.length : await countOf(qb);
    return { total, items: await this.records(manager, tenant, users) };
  }

  async findByIdentity(tenant: TenantId, keys: UserIdentityKeys, uow: UnitOfWork): Promise<readonly ScimUserRecord[]> {
    const manager = managerOf(uow);
    const userNameKey = caseKey(keys.userName);
    // Without emails the userName becomes the email (see scimToUserFields).
    const emailKeys = keys.emails.length > 0 ? keys.emails.map((email) => caseKey(email.trim())) : [userNameKey];
    const matching = new Brackets((w) => {
      w.where('u.scim_user_name_key = :userNameKey', { userNameKey })
        // A user not linked to SCIM yet shows its email as userName.
        .orWhere('(u.scim_user_name_key IS NULL AND u.email_key = :userNameKey)')
        .orWhere('u.email_key IN (:...emailKeys)', { emailKeys });
      if (keys.externalId !== undefined) w.orWhere('u.external_id = :externalId', { externalId: keys.externalId });
    });
    const users = await manager
      .createQueryBuilder(User, 'u')
      .where('u.customer_id = :tenant', { tenant })
      .andWhere(matching)
      .orderBy('u.created_at', 'ASC')
      .addOrderBy('u.id', 'ASC')
      .getMany();
    return this.records(manager, tenant, users);
  }

  async create(tenant: TenantId, attributes: ScimResource, uow: UnitOfWork): Promise<ScimUserRecord> {
    const manager = managerOf(uow);
    const { fields, userName, externalId } = scimToUserFields(attributes);
    const now = new Date();
    const user = newUser(tenant, 'scim', now);
    applyUserFields(user, fields, now);
    linkToScim(user, userName, externalId);
    user.version = 1;
    await conflictsMapped(CONFLICT_ATTRIBUTES, () => manager.insert(User, user));
    return toRecord(user, []);
  }

  async replace(tenant: TenantId, id: string, attributes: ScimResource, uow: UnitOfWork): Promise<ScimUserRecord | null> {
    const manager = managerOf(uow);
    const { fields, userName, externalId } = scimToUserFields(attributes);
    // PostgreSQL: lock the row so the version written below is the one read; SQLite runs one transaction at a time.
    const lock = dialectOf(manager) === 'postgres' ? { lock: { mode: 'pessimistic_write' as const } } : {};
    const user = await manager.findOne(User, { where: { customerId: tenant, id }, ...lock });
    if (user === null) return null;
    const now = new Date();
    const changed = applyUserFields(user, fields, now).length > 0;
    if (linkToScim(user, userName, externalId) || changed) {
      user.updatedAt = now;
      await conflictsMapped(CONFLICT_ATTRIBUTES, () => manager.update(User, { customerId: tenant, id }, writableColumns(user)));
      user.version += 1;
    }
    const [record] = await this.records(manager, tenant, [user]);
    return record ?? null;
  }

  async delete(tenant: TenantId, id: string, uow: UnitOfWork): Promise<boolean> {
    // Memberships go with the user (ON DELETE CASCADE).
    const result = await managerOf(uow).delete(User, { customerId: tenant, id });
    return (result.affected ?? 0) > 0;
  }

  /** The records of `users`, with the memberships of all of them loaded in one query. */
  private async records(manager: EntityManager, tenant: TenantId, users: readonly User[]): Promise<ScimUserRecord[]> {
    if (users.length === 0) return [];
    const rows = await manager
      .createQueryBuilder()
      .select('gm.user_id', 'userId')
      .addSelect('g.id', 'id')
      .addSelect('g.name', 'name')
      .from(GroupMember, 'gm')
      .innerJoin(Group, 'g', 'g.id = gm.group_id')
      .where('g.customer_id = :tenant', { tenant })
      .andWhere('gm.user_id IN (:...ids)', { ids: users.map((user) => user.id) })
      .orderBy('g.name_key', 'ASC')
      .addOrderBy('g.id', 'ASC')
      .getRawMany<{ userId: string; id: string; name: string }>();
    const groups = new Map<string, UserGroupRef[]>();
    for (const { userId, id, name } of rows) {
      const list = groups.get(userId) ?? [];
      list.push({ id, name });
      groups.set(userId, list);
    }
    return users.map((user) => toRecord(user, groups.get(user.id) ?? []));
  }
}

function toRecord(user: User, groups: readonly UserGroupRef[]): ScimUserRecord {
  return {
    id: user.id,
    attributes: userToScim(user, groups),
    created: user.createdAt,
    lastModified: user.updatedAt,
    version: user.version,
    linked: user.source === 'scim',
  };
}

/** Marks `user` as provisioned by SCIM with this userName and externalId; `true` when anything changed. */
function linkToScim(user: User, userName: string, externalId: string | null): boolean {
  const changed = user.source !== 'scim' || user.scimUserName !== userName || user.externalId !== externalId;
  Object.assign(user, { source: 'scim', scimUserName: userName, scimUserNameKey: caseKey(userName), externalId });
  return changed;
}

/** Every column a replace may change (the version column is incremented by TypeORM). */
function writableColumns(user: User): Partial<User> {
  const { id: _id, customerId: _customer, createdAt: _created, version: _version, ...columns } = user;
  return columns;
}
