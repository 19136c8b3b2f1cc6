import { Injectable } from '@nestjs/common';
import { CustomersService } from '../customers/customers.service';
import { ProvisioningLogSink } from '../scim-adapters/provisioning-log.sink';
import { decodeEventCursor, encodeEventCursor } from './scim-events.cursor';
import { ScimEventsPageResponseDto, ScimEventsQueryDto, toScimEventResponse } from './scim-events.dto';
import { ScimEventsRepository } from './scim-events.repository';

/** The provisioning log as admins read it: one page at a time, newest first. */
@Injectable()
export class ScimEventsService {
  constructor(
    private readonly customers: CustomersService,
    private readonly events: ScimEventsRepository,
    private readonly log: ProvisioningLogSink,
  ) {}

  /** @throws ManagerError NOT_FOUND for an unknown customer, VALIDATION for a cursor this API did not issue. */
  async page(customerId: string, query: ScimEventsQueryDto): Promise<ScimEventsPageResponseDto> {
    const after = query.cursor === undefined ? undefined : decodeEventCursor(query.cursor);
    await this.customers.get(customerId);
    await this.log.flush();
    // One row more than asked tells whether another page exists, without a COUNT over the log.
    const rows = await this.events.page(customerId, { ...query, limit: query.limit + 1, after });
    const items = rows.slice(0, query.limit);
    const last = items[items.length - 1];
    const nextCursor = rows.length > query.limit && last !== undefined ? encodeEventCursor({ at: last.at, id: last.id }) : null;
    return { items: items.map(toScimEventResponse), nextCursor };
  }
}
