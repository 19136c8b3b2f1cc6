import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { ManagerError, ManagerErrorCode } from '../common/errors/manager-error';
import { PageResponse, PaginationQueryDto } from '../common/http/pagination.dto';
import { caseKey } from '../common/text/case-key';
import { CustomersService } from '../customers/customers.service';
import { adminTransaction } from '../database/admin-transaction';
import { User, UserSource } from '../users/user.entity';
import { UsersRepository } from '../users/users.repository';
import { Group } from './group.entity';
import { GroupQueryDto } from './groups.dto';
import { GroupsRepository } from './groups.repository';

export function newGroup(customerId: string, name: string, source: UserSource, now: Date): Group {
  return Object.assign(new Group(), {
    id: randomUUID(),
    customerId,
    name,
    nameKey: caseKey(name),
    externalId: null,
    source,
    createdAt: now,
    updatedAt: now,
  });
}

@Injectable()
export class GroupsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly customers: CustomersService,
    private readonly groups: GroupsRepository,
    private readonly users: UsersRepository,
  ) {}

  create(customerId: string, name: string): Promise<Group> {
    return adminTransaction(this.dataSource, async (manager) => {
      await this.customers.getManuallyManaged(customerId, manager);
      return this.groups.save(newGroup(customerId, name, 'manual', new Date()), manager);
    });
  }

  rename(customerId: string, id: string, name: string): Promise<Group> {
    return adminTransaction(this.dataSource, async (manager) => {
      const group = await this.writableGroup(customerId, id, manager);
      if (group.name === name) return group;
      Object.assign(group, { name, nameKey: caseKey(name), updatedAt: new Date() });
      return this.groups.save(group, manager);
    });
  }

  async delete(customerId: string, id: string): Promise<void> {
    await adminTransaction(this.dataSource, async (manager) => {
      await this.customers.getManuallyManaged(customerId, manager);
      if (!(await this.groups.delete(customerId, id, manager))) throw ManagerError.notFound('Group');
    });
  }

  /** Adds users to a group; every id must be a user of the same customer, else nothing is applied. */
  async addMembers(customerId: string, id: string, userIds: readonly string[]): Promise<void> {
    await adminTransaction(this.dataSource, async (manager) => {
      await this.writableGroup(customerId, id, manager);
      const unique = [...new Set(userIds)];
      const known = await this.users.existingIds(customerId, unique, manager);
      const unknown = unique.filter((u) => !known.has(u));
      if (unknown.length > 0) {
        throw new ManagerError(ManagerErrorCode.VALIDATION, `Not users of this customer: ${unknown.join(', ')}`, [
          { field: 'userIds', problems: unknown.map((u) => `${u} is not a user of this customer`) },
        ]);
      }
      await this.groups.addMembers(id, unique, new Date(), manager);
    });
  }

  async removeMembers(customerId: string, id: string, userIds: readonly string[]): Promise<void> {
    await adminTransaction(this.dataSource, async (manager) => {
      await this.writableGroup(customerId, id, manager);
      await this.groups.removeMembers(id, [...new Set(userIds)], manager);
    });
  }

  async get(customerId: string, id: string): Promise<{ group: Group; memberCount: number }> {
    await this.customers.get(customerId);
    const group = await this.groups.findById(customerId, id);
    if (group === null) throw ManagerError.notFound('Group');
    const counts = await this.groups.memberCounts([id]);
    return { group, memberCount: counts.get(id) ?? 0 };
  }

  async list(customerId: string, query: GroupQueryDto): Promise<PageResponse<{ group: Group; memberCount: number }>> {
    await this.customers.get(customerId);
    const skip = (query.page - 1) * query.pageSize;
    const [groups, total] = await this.groups.listPage(customerId, query.search, skip, query.pageSize);
    const counts = await this.groups.memberCounts(groups.map((g) => g.id));
    const items = groups.map((group) => ({ group, memberCount: counts.get(group.id) ?? 0 }));
    return { items, total, page: query.page, pageSize: query.pageSize };
  }

  async members(customerId: string, id: string, query: PaginationQueryDto): Promise<PageResponse<User>> {
    await this.get(customerId, id);
    const [items, total] = await this.groups.membersPage(id, (query.page - 1) * query.pageSize, query.pageSize);
    return { items, total, page: query.page, pageSize: query.pageSize };
  }

  private async writableGroup(customerId: string, id: string, manager: EntityManager): Promise<Group> {
    await this.customers.getManuallyManaged(customerId, manager);
    const group = await this.groups.findById(customerId, id, manager);
    if (group === null) throw ManagerError.notFound('Group');
    return group;
  }
}
