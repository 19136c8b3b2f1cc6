import { StoreReferenceError } from '@app/scim/ports/store-errors';
import type { TenantId } from '@app/scim/ports/tenant';
import type { MemberDelta } from '@app/scim/patch/patch-types';
import type { SqlDialect } from '@app/scim/query/filter-to-sql';
import { EntityManager, In } from 'typeorm';
import { bulkInsert } from '../database/bulk-insert';
import { GroupMember } from '../groups/group-member.entity';
import { Group } from '../groups/group.entity';
import { User } from '../users/user.entity';
import type { GroupMemberRef } from './group-scim.mapper';

/** Ids per `IN (…)` list: far below the bound-parameter limits of SQLite (32766) and PostgreSQL (65535). */
const ID_CHUNK = 1000;

/** The members of `groupIds`, in one query, ordered by user id (code points on both engines). */
export async function membersOf(
  manager: EntityManager,
  dialect: SqlDialect,
  tenant: TenantId,
  groupIds: readonly string[],
): Promise<Map<string, GroupMemberRef[]>> {
  const rows = await manager
    .createQueryBuilder()
    .select('gm.group_id', 'groupId')
    .addSelect('gm.user_id', 'userId')
    .addSelect('mu.first_name', 'firstName')
    .addSelect('mu.last_name', 'lastName')
    .addSelect('mu.email', 'email')
    .from(GroupMember, 'gm')
    .innerJoin(User, 'mu', 'mu.id = gm.user_id')
    .where('gm.group_id IN (:...groupIds)', { groupIds: [...groupIds] })
    .andWhere('mu.customer_id = :tenant', { tenant })
    .orderBy('gm.group_id', 'ASC')
    .addOrderBy(dialect === 'postgres' ? 'gm.user_id COLLATE "C"' : 'gm.user_id', 'ASC')
    .getRawMany<GroupMemberRef & { groupId: string }>();
  const members = new Map<string, GroupMemberRef[]>();
  for (const { groupId, userId, firstName, lastName, email } of rows) {
    const list = members.get(groupId) ?? [];
    list.push({ userId, firstName, lastName, email });
    members.set(groupId, list);
  }
  return members;
}

/** The users of the tenant among `ids`, by id (one query per ID_CHUNK ids). */
export async function userRefs(
  manager: EntityManager,
  tenant: TenantId,
  ids: readonly string[],
): Promise<Map<string, GroupMemberRef>> {
  const rows = await inChunks(ids, (chunk) =>
    manager
      .createQueryBuilder()
      .select('u.id', 'userId')
      .addSelect('u.first_name', 'firstName')
      .addSelect('u.last_name', 'lastName')
      .addSelect('u.email', 'email')
      .from(User, 'u')
      .where('u.customer_id = :tenant', { tenant })
      .andWhere('u.id IN (:...ids)', { ids: chunk })
      .getRawMany<GroupMemberRef>(),
  );
  return new Map(rows.map((row) => [row.userId, row]));
}

/** The users of the tenant among `ids`, each with whether it is a member of `groupId` already. */
export async function membershipOf(
  manager: EntityManager,
  tenant: TenantId,
  groupId: string,
  ids: readonly string[],
): Promise<Map<string, boolean>> {
  const rows = await inChunks(ids, (chunk) =>
    manager
      .createQueryBuilder()
      .select('u.id', 'id')
      .addSelect('gm.user_id', 'memberId')
      .from(User, 'u')
      .leftJoin(GroupMember, 'gm', 'gm.user_id = u.id AND gm.group_id = :groupId', { groupId })
      .where('u.customer_id = :tenant', { tenant })
      .andWhere('u.id IN (:...ids)', { ids: chunk })
      .getRawMany<{ id: string; memberId: string | null }>(),
  );
  return new Map(rows.map((row) => [row.id, row.memberId !== null]));
}

/**
 * @throws StoreReferenceError when some of `ids` are not among `users`: kind `groups` when all of those are
 * groups of the tenant (nested groups are not supported), else `unknown` (listing every id that is not a user).
 */
export async function assertAllUsers(
  manager: EntityManager,
  tenant: TenantId,
  ids: readonly string[],
  users: ReadonlyMap<string, unknown>,
): Promise<void> {
  const notUsers = ids.filter((id) => !users.has(id));
  if (notUsers.length === 0) return;
  const groups = await inChunks(notUsers, (chunk) =>
    manager.find(Group, { select: { id: true }, where: { customerId: tenant, id: In(chunk) } }),
  );
  throw new StoreReferenceError(notUsers, groups.length === notUsers.length ? 'groups' : 'unknown');
}

/**
 * Applies `delta` to the membership rows of `groupId`, touching only the rows that change. `wanted` are the
 * distinct ids of `replacedAll` (else of `added`), all checked users; `membership` tells which are members.
 * @returns whether any row was inserted or deleted
 */
export async function applyMemberDelta(
  manager: EntityManager,
  dialect: SqlDialect,
  groupId: string,
  delta: MemberDelta,
  wanted: readonly string[],
  membership: ReadonlyMap<string, boolean>,
): Promise<boolean> {
  const removed =
    delta.replacedAll !== undefined
      ? await deleteAllMembersBut(manager, dialect, groupId, wanted)
      : await deleteMembers(manager, groupId, [...new Set(delta.removed)]);
  const missing = wanted.filter((userId) => membership.get(userId) === false);
  const now = new Date();
  // Ignoring duplicates: the admin API may add the same member meanwhile (it does not lock the group row).
  const rows = missing.map((userId) => ({ groupId, userId, createdAt: now }));
  await bulkInsert(manager, GroupMember, rows, { ignoreDuplicates: true });
  return removed > 0 || missing.length > 0;
}

/** Deletes the memberships of `userIds` (absent ones are fine); the number of rows deleted. */
async function deleteMembers(manager: EntityManager, groupId: string, userIds: readonly string[]): Promise<number> {
  let deleted = 0;
  for (let i = 0; i < userIds.length; i += ID_CHUNK) {
    const result = await manager.delete(GroupMember, { groupId, userId: In(userIds.slice(i, i + ID_CHUNK)) });
    deleted += result.affected ?? 0;
  }
  return deleted;
}

/**
 * Deletes every membership of the group whose user is not in `keep`, in one statement whatever the size of
 * `keep`: the list is bound as ONE parameter (a JSON array on SQLite, an array on PostgreSQL), so neither
 * the parameter limits nor a chunked NOT IN (which would delete members kept by another chunk) apply.
 */
async function deleteAllMembersBut(
  manager: EntityManager,
  dialect: SqlDialect,
  groupId: string,
  keep: readonly string[],
): Promise<number> {
  const qb = manager.createQueryBuilder().delete().from(GroupMember).where('group_id = :groupId', { groupId });
  if (keep.length > 0) {
    const list =
      dialect === 'postgres'
        ? { sql: 'SELECT unnest(CAST(:keep AS varchar[]))', keep: [...keep] }
        : { sql: 'SELECT value FROM json_each(:keep)', keep: JSON.stringify(keep) };
    qb.andWhere(`user_id NOT IN (${list.sql})`, { keep: list.keep });
  }
  const result = await qb.execute();
  return result.affected ?? 0;
}

async function inChunks<T>(ids: readonly string[], read: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
  const all: T[] = [];
  for (let i = 0; i < ids.length; i += ID_CHUNK) all.push(...(await read(ids.slice(i, i + ID_CHUNK))));
  return all;
}
