import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { ManagerError } from '../common/errors/manager-error';
import { PageResponse, PaginationQueryDto } from '../common/http/pagination.dto';
import { Customer } from './customer.entity';
import { CreateCustomerDto } from './customers.dto';
import { CustomersRepository } from './customers.repository';

@Injectable()
export class CustomersService {
  constructor(private readonly customers: CustomersRepository) {}

  async create(input: CreateCustomerDto): Promise<Customer> {
    const now = new Date();
    return this.customers.save(
      Object.assign(new Customer(), { id: randomUUID(), name: input.name, scimEnabled: false, createdAt: now, updatedAt: now }),
    );
  }

  async get(id: string, manager?: EntityManager): Promise<Customer> {
    const customer = await this.customers.findById(id, manager);
    if (customer === null) throw ManagerError.notFound('Customer');
    return customer;
  }

  /** The customer whose users/groups an admin wants to change; refused while its IdP manages them. */
  async getManuallyManaged(id: string, manager?: EntityManager): Promise<Customer> {
    // Inside a write, lock the row so SCIM cannot be switched on between this check and the write.
    const customer = manager === undefined ? await this.get(id) : await this.customers.findByIdForUpdate(id, manager);
    if (customer === null) throw ManagerError.notFound('Customer');
    if (customer.scimEnabled) throw ManagerError.scimManaged();
    return customer;
  }

  async list(query: PaginationQueryDto): Promise<PageResponse<Customer>> {
    const [items, total] = await this.customers.list((query.page - 1) * query.pageSize, query.pageSize);
    return { items, total, page: query.page, pageSize: query.pageSize };
  }
}
