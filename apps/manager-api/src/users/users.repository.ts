import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, EntityManager, In } from 'typeorm';
import { caseKey } from '../common/text/case-key';
import { escapeLike } from '../common/text/like';
import { User } from './user.entity';

@Injectable()
export class UsersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findById(customerId: string, id: string, manager: EntityManager = this.dataSource.manager): Promise<User | null> {
    return manager.findOneBy(User, { customerId, id });
  }

  findByEmailKeys(customerId: string, emailKeys: readonly string[], manager: EntityManager): Promise<User[]> {
    if (emailKeys.length === 0) return Promise.resolve([]);
    return manager.findBy(User, { customerId, emailKey: In([...emailKeys]) });
  }

  /** Ids among `ids` that are users of the customer. */
  async existingIds(customerId: string, ids: readonly string[], manager: EntityManager): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await manager.find(User, { select: { id: true }, where: { customerId, id: In([...ids]) } });
    return new Set(rows.map((r) => r.id));
  }

  /** A page ordered by email; `search` matches email or name anywhere, case-insensitively. */
  listPage(customerId: string, search: string | undefined, skip: number, take: number): Promise<[User[], number]> {
    const qb = this.dataSource.manager
      .createQueryBuilder(User, 'u')
      .where('u.customer_id = :customerId', { customerId })
      .orderBy('u.email_key', 'ASC')
      .skip(skip)
      .take(take);
    if (search !== undefined && search !== '') {
      const pattern = `%${escapeLike(caseKey(search))}%`;
      qb.andWhere(
        new Brackets((w) =>
          w.where(`u.email_key LIKE :pattern ESCAPE '\\'`, { pattern }).orWhere(`u.name_key LIKE :pattern ESCAPE '\\'`),
        ),
      );
    }
    return qb.getManyAndCount();
  }

  save(user: User, manager: EntityManager): Promise<User> {
    return manager.save(User, user);
  }

  async delete(customerId: string, id: string, manager: EntityManager): Promise<boolean> {
    const result = await manager.delete(User, { customerId, id });
    return (result.affected ?? 0) > 0;
  }
}
