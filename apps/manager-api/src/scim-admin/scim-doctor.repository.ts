import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, SelectQueryBuilder } from 'typeorm';
import { User } from '../users/user.entity';
import { ProvisioningEvent } from './provisioning-event.entity';

export interface UserCreateCounts {
  readonly failedUserCreates: number;
  readonly userCreates: number;
}

const FOREIGN_RULE_SAMPLE = 20;
const EXTERNAL_ID_SAMPLE = 50;

/** The evidence the setup doctor reads: small, indexed queries over `provisioning_events` and `users`. */
@Injectable()
export class ScimDoctorRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Newest event time; `acceptedOnly`: of requests the auth guard let through (the guard logs its refusals
   * as 401, a revoked or expired token, and 403, an address outside the allowlist, without a resource type).
   */
  async latestEventAt(customerId: string, acceptedOnly = false): Promise<Date | null> {
    const qb = this.events(customerId).select(['e.id', 'e.at']).orderBy('e.at', 'DESC').limit(1);
    if (acceptedOnly) qb.andWhere('NOT (e.status IN (401, 403) AND e.resource_type IS NULL)');
    return (await qb.getOne())?.at ?? null;
  }

  /** The auth guard's refusals with `status` after `since` (ix_provisioning_events_customer_status_at). */
  refusedSince(customerId: string, status: 401 | 403, since: Date): Promise<number> {
    return this.events(customerId)
      .andWhere('e.status = :status AND e.resource_type IS NULL', { status })
      .andWhere('e.at > :since', { since })
      .getCount();
  }

  errorsSince(customerId: string, since: Date): Promise<number> {
    return this.events(customerId).andWhere('e.status >= 400').andWhere('e.at >= :since', { since }).getCount();
  }

  /**
   * User creates since `since`: refused with 400 invalidValue (the log keeps no detail, so "no usable email"
   * cannot be told apart from another invalid value) and answered 2xx.
   */
  async userCreatesSince(customerId: string, since: Date): Promise<UserCreateCounts> {
    const creates = () =>
      this.events(customerId)
        .andWhere("e.method = 'POST' AND e.resource_type = 'User'")
        .andWhere('e.at >= :since', { since });
    const [failedUserCreates, userCreates] = await Promise.all([
      creates()
        .andWhere("e.status = 400 AND e.scim_type = 'invalidValue' AND (e.action IS NULL OR e.action = 'create')")
        .getCount(),
      creates().andWhere('e.status >= 200 AND e.status < 300').getCount(),
    ]);
    return { failedUserCreates, userCreates };
  }

  /** The newest event since `since` that needed the dialect rule (the rule ids are stored as a JSON array). */
  async latestRuleAt(customerId: string, ruleId: string, since: Date): Promise<Date | null> {
    const row = await this.events(customerId)
      .select(['e.id', 'e.at'])
      .andWhere('e.at >= :since', { since })
      .andWhere('e.dialect_rules LIKE :pattern', { pattern: jsonElementPattern(ruleId) })
      .orderBy('e.at', 'DESC')
      .limit(1)
      .getOne();
    return row?.at ?? null;
  }

  /** Which of `ruleIds` fired since `since`, judged by the newest few events that needed any of them. */
  async firedRules(customerId: string, ruleIds: readonly string[], since: Date): Promise<string[]> {
    if (ruleIds.length === 0) return [];
    const rows = await this.events(customerId)
      .select(['e.id', 'e.dialectRules'])
      .andWhere('e.at >= :since', { since })
      .andWhere(
        new Brackets((w) =>
          ruleIds.forEach((id, i) => w.orWhere(`e.dialect_rules LIKE :rule${i}`, { [`rule${i}`]: jsonElementPattern(id) })),
        ),
      )
      .orderBy('e.at', 'DESC')
      .limit(FOREIGN_RULE_SAMPLE)
      .getMany();
    const fired = new Set(rows.flatMap((r) => r.dialectRules));
    return ruleIds.filter((id) => fired.has(id));
  }

  /** SCIM users' externalIds in [from, to): an index range of ix_users_customer_external_id, a small sample. */
  async externalIdsInRange(customerId: string, from: string, to: string): Promise<string[]> {
    const rows = await this.dataSource.manager
      .createQueryBuilder(User, 'u')
      .select(['u.id', 'u.externalId'])
      .where('u.customer_id = :customerId', { customerId })
      .andWhere('u.external_id >= :from AND u.external_id < :to', { from, to })
      .limit(EXTERNAL_ID_SAMPLE)
      .getMany();
    return rows.flatMap((r) => (r.externalId === null ? [] : [r.externalId]));
  }

  private events(customerId: string): SelectQueryBuilder<ProvisioningEvent> {
    return this.dataSource.manager.createQueryBuilder(ProvisioningEvent, 'e').where('e.customer_id = :customerId', { customerId });
  }
}

/** Rule ids are `[a-z-]+`, so no LIKE wildcard needs escaping; the quotes match the whole JSON element. */
const jsonElementPattern = (ruleId: string) => `%"${ruleId}"%`;
