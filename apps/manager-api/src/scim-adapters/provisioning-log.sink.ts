import { ScimEvent, ScimEventSink } from '@app/scim/ports/event-sink';
import { UnitOfWork } from '@app/scim/ports/unit-of-work';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { bulkInsert } from '../database/bulk-insert';
import { ProvisioningEvent } from '../scim-admin/provisioning-event.entity';
import { autonomousWrite } from '../database/transactions';
import { managerOf } from './typeorm-transaction.runner';

// A canonical attribute path (`name.givenName`, `urn:…:User:department`); anything else could be a value.
const ATTRIBUTE_NAME = /^[A-Za-z][\w$-]*(?:[.:][\w$-]+)*$/;
const MAX_NAME_LENGTH = 200;

/** The provisioning log: one `provisioning_events` row per SCIM request, attribute names only. */
@Injectable()
export class ProvisioningLogSink implements ScimEventSink {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async record(event: ScimEvent, uow?: UnitOfWork): Promise<void> {
    const insert = (manager: EntityManager) => bulkInsert(manager, ProvisioningEvent, [toRow(event)]);
    await (uow === undefined ? autonomousWrite(this.dataSource, insert) : insert(managerOf(uow)));
  }
}

/** The stored row; strings are cut to their column sizes so PostgreSQL never refuses a log entry. */
function toRow(event: ScimEvent): QueryDeepPartialEntity<ProvisioningEvent> {
  return {
    id: randomUUID(),
    customerId: event.tenant,
    connectionId: event.connectionId,
    at: event.at,
    requestId: cut(event.requestId, 64),
    method: event.method.slice(0, 8),
    resourceType: event.resourceType,
    resourceId: cut(event.resourceId, 36),
    action: event.action,
    changedAttributes: attributeNames(event.changedAttributes),
    dialectRules: attributeNames(event.dialectRules),
    status: event.status,
    scimType: cut(event.scimType, 24),
    durationMs: Math.max(0, Math.round(event.durationMs)),
  };
}

function attributeNames(names: readonly string[]): string[] {
  return [...new Set(names.filter((n) => n.length <= MAX_NAME_LENGTH && ATTRIBUTE_NAME.test(n)))];
}

const cut = (value: string | undefined, length: number): string | null => (value === undefined ? null : value.slice(0, length));
