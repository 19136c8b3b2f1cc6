import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ManagerError } from '../common/errors/manager-error';
import { PageResponse } from '../common/http/pagination.dto';
import { CustomersService } from '../customers/customers.service';
import { adminTransaction } from '../database/admin-transaction';
import { User } from './user.entity';
import { applyUserFields, newUser } from './user-fields';
import { CreateUserDto, UpdateUserDto, UserQueryDto } from './users.dto';
import { UsersRepository } from './users.repository';

@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly customers: CustomersService,
    private readonly users: UsersRepository,
  ) {}

  async create(customerId: string, input: CreateUserDto): Promise<User> {
    return this.write(async (manager) => {
      await this.customers.getManuallyManaged(customerId, manager);
      const now = new Date();
      const user = newUser(customerId, 'manual', now);
      applyUserFields(user, input, now);
      return this.users.save(user, manager);
    });
  }

  async update(customerId: string, id: string, input: UpdateUserDto): Promise<User> {
    return this.write(async (manager) => {
      await this.customers.getManuallyManaged(customerId, manager);
      const user = await this.users.findById(customerId, id, manager);
      if (user === null) throw ManagerError.notFound('User');
      const changed = applyUserFields(user, input, new Date());
      return changed.length === 0 ? user : this.users.save(user, manager);
    });
  }

  async delete(customerId: string, id: string): Promise<void> {
    await this.write(async (manager) => {
      await this.customers.getManuallyManaged(customerId, manager);
      if (!(await this.users.delete(customerId, id, manager))) throw ManagerError.notFound('User');
    });
  }

  async get(customerId: string, id: string): Promise<User> {
    await this.customers.get(customerId);
    const user = await this.users.findById(customerId, id);
    if (user === null) throw ManagerError.notFound('User');
    return user;
  }

  async list(customerId: string, query: UserQueryDto): Promise<PageResponse<User>> {
    await this.customers.get(customerId);
    const skip = (query.page - 1) * query.pageSize;
    const [items, total] = await this.users.listPage(customerId, query.search, skip, query.pageSize);
    return { items, total, page: query.page, pageSize: query.pageSize };
  }

  private write<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return adminTransaction(this.dataSource, work);
  }
}
