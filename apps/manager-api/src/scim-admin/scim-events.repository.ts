import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ProvisioningEvent } from './provisioning-event.entity';
import { EventOutcome, LoggedAction } from './scim-events.dto';
import { EventCursor } from './scim-events.cursor';

export interface EventPageQuery {
  readonly limit: number;
  readonly after?: EventCursor;
  readonly outcome?: EventOutcome;
  readonly action?: LoggedAction;
}

/** Reads of a customer's provisioning log (`provisioning_events`). */
@Injectable()
export class ScimEventsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Newest first, keyset-paged over (at, id) — ix_provisioning_events_customer_at_id walks backwards from the
   * cursor, so a page costs the same at any depth and concurrent inserts never shift it.
   */
  page(customerId: string, query: EventPageQuery): Promise<ProvisioningEvent[]> {
    const qb = this.dataSource.manager
      .createQueryBuilder(ProvisioningEvent, 'e')
      .where('e.customer_id = :customerId', { customerId })
      .orderBy('e.at', 'DESC')
      .addOrderBy('e.id', 'DESC')
      .limit(query.limit);
    if (query.after !== undefined) {
      qb.andWhere('e.at <= :at AND (e.at < :at OR e.id < :id)', { at: query.after.at, id: query.after.id });
    }
    // Unary plus keeps SQLite off the status index for the bulk of the log: it would sort every success per page.
    if (query.outcome === 'success') qb.andWhere('+e.status < 400');
    // Failures are few: the status index finds them all, and sorting them is cheap.
    if (query.outcome === 'failure') qb.andWhere('e.status >= 400');
    if (query.action !== undefined) qb.andWhere('e.action = :action', { action: query.action });
    return qb.getMany();
  }
}
