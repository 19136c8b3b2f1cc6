import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { caseKey } from '../common/text/case-key';
import { escapeLike } from '../common/text/like';
import { bulkInsert } from '../database/bulk-insert';
import { User } from '../users/user.entity';
import { GroupMember } from './group-member.entity';
import { Group } from './group.entity';

@Injectable()
export class GroupsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findById(customerId: string, id: string, manager: EntityManager = this.dataSource.manager): Promise<Group | null> {
    return manager.findOneBy(Group, { customerId, id });
  }

  findByNameKeys(customerId: string, nameKeys: readonly string[], manager: EntityManager): Promise<Group[]> {
    if (nameKeys.length === 0) return Promise.resolve([]);
    return manager.findBy(Group, { customerId, nameKey: In([...nameKeys]) });
  }

  listPage(customerId: string, search: string | undefined, skip: number, take: number): Promise<[Group[], number]> {
    const qb = this.dataSource.manager
      .createQueryBuilder(Group, 'g')
      .where('g.customer_id = :customerId', { customerId })
      .orderBy('g.name_key', 'ASC')
      .skip(skip)
      .take(take);
    if (search !== undefined && search !== '') {
      qb.andWhere(`g.name_key LIKE :pattern ESCAPE '\\'`, { pattern: `%${escapeLike(caseKey(search))}%` });
    }
    return qb.getManyAndCount();
  }

  /** Member counts of the given groups in one query. */
  async memberCounts(groupIds: readonly string[], manager: EntityManager = this.dataSource.manager): Promise<Map<string, number>> {
    if (groupIds.length === 0) return new Map();
    const rows = await manager
      .createQueryBuilder(GroupMember, 'm')
      .select('m.group_id', 'groupId')
      .addSelect('COUNT(*)', 'count')
      .where('m.group_id IN (:...ids)', { ids: [...groupIds] })
      .groupBy('m.group_id')
      .getRawMany<{ groupId: string; count: string | number }>();
    return new Map(rows.map((r) => [r.groupId, Number(r.count)]));
  }

  membersPage(groupId: string, skip: number, take: number): Promise<[User[], number]> {
    return this.dataSource.manager
      .createQueryBuilder(User, 'u')
      .innerJoin(GroupMember, 'm', 'm.user_id = u.id AND m.group_id = :groupId', { groupId })
      .orderBy('u.email_key', 'ASC')
      .skip(skip)
      .take(take)
      .getManyAndCount();
  }

  /** Inserts the memberships that do not exist yet; concurrent adds of the same member are harmless. */
  async addMembers(groupId: string, userIds: readonly string[], now: Date, manager: EntityManager): Promise<void> {
    if (userIds.length === 0) return;
    const rows = userIds.map((userId) => ({ groupId, userId, createdAt: now }));
    await bulkInsert(manager, GroupMember, rows, { ignoreDuplicates: true });
  }

  async removeMembers(groupId: string, userIds: readonly string[], manager: EntityManager): Promise<number> {
    if (userIds.length === 0) return 0;
    const result = await manager.delete(GroupMember, { groupId, userId: In([...userIds]) });
    return result.affected ?? 0;
  }

  save(group: Group, manager: EntityManager): Promise<Group> {
    return manager.save(Group, group);
  }

  async delete(customerId: string, id: string, manager: EntityManager): Promise<boolean> {
    const result = await manager.delete(Group, { customerId, id });
    return (result.affected ?? 0) > 0;
  }
}
