import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Customer } from './customer.entity';

@Injectable()
export class CustomersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<Customer | null> {
    return manager.findOneBy(Customer, { id });
  }

  /** The customer row locked for the rest of the transaction (PostgreSQL; SQLite serialises writers anyway). */
  findByIdForUpdate(id: string, manager: EntityManager): Promise<Customer | null> {
    const lock = manager.connection.driver.options.type === 'postgres' ? { lock: { mode: 'pessimistic_write' as const } } : {};
    return manager.findOne(Customer, { where: { id }, ...lock });
  }

  list(skip: number, take: number): Promise<[Customer[], number]> {
    return this.dataSource.manager.findAndCount(Customer, { order: { createdAt: 'ASC', id: 'ASC' }, skip, take });
  }

  save(customer: Customer, manager: EntityManager = this.dataSource.manager): Promise<Customer> {
    return manager.save(Customer, customer);
  }
}
