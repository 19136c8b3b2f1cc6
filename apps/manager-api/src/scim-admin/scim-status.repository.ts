import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { Group } from '../groups/group.entity';
import { User } from '../users/user.entity';
import { ScimConnection } from './scim-connection.entity';
import { ScimToken } from './scim-token.entity';

export interface UserCounts {
  readonly total: number;
  readonly active: number;
  readonly inactive: number;
}

/** Reads behind the SCIM status of a customer: its connection, live tokens, and user and group counts. */
@Injectable()
export class ScimStatusRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  connectionOf(customerId: string): Promise<ScimConnection | null> {
    return this.dataSource.manager.findOneBy(ScimConnection, { customerId });
  }

  /** Tokens not revoked (the current one and any in their rotation grace period), newest first. */
  liveTokens(connectionId: string): Promise<ScimToken[]> {
    return this.dataSource.manager.find(ScimToken, {
      where: { connectionId, revokedAt: IsNull() },
      order: { createdAt: 'DESC', id: 'DESC' },
    });
  }

  /** One grouped query over the customer's users. */
  async userCounts(customerId: string): Promise<UserCounts> {
    const rows = await this.dataSource.manager
      .createQueryBuilder(User, 'u')
      .select('u.active', 'active')
      .addSelect('COUNT(*)', 'count')
      .where('u.customer_id = :customerId', { customerId })
      .groupBy('u.active')
      .getRawMany<{ active: boolean | number | string; count: number | string }>();
    // PostgreSQL answers booleans, SQLite 0/1.
    const count = (active: boolean) => rows.filter((r) => isTrue(r.active) === active).reduce((sum, r) => sum + Number(r.count), 0);
    const active = count(true);
    const inactive = count(false);
    return { total: active + inactive, active, inactive };
  }

  groupCount(customerId: string): Promise<number> {
    return this.dataSource.manager.countBy(Group, { customerId });
  }
}

const isTrue = (value: boolean | number | string) => value === true || value === 't' || Number(value) === 1;
