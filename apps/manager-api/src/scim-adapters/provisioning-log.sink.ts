import { ScimEvent, ScimEventSink } from '@app/scim/ports/event-sink';
import { UnitOfWork } from '@app/scim/ports/unit-of-work';
import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
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

const BATCH = 200;
const FLUSH_AFTER_MS = 250;

/**
 * The provisioning log: one `provisioning_events` row per SCIM request, attribute names only. A write's
 * event is part of its transaction; events of reads and failures are batched (one INSERT per 200 events or
 * 250 ms), so a lookup costs no write of its own.
 */
@Injectable()
export class ProvisioningLogSink implements ScimEventSink, OnModuleDestroy {
  private readonly logger = new Logger(ProvisioningLogSink.name);
  private pending: QueryDeepPartialEntity<ProvisioningEvent>[] = [];
  private timer?: NodeJS.Timeout;
  private flushing: Promise<void> = Promise.resolve();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async record(event: ScimEvent, uow?: UnitOfWork): Promise<void> {
    if (uow !== undefined) {
      await bulkInsert(managerOf(uow), ProvisioningEvent, [toRow(event)]);
      return;
    }
    this.pending.push(toRow(event));
    if (this.pending.length >= BATCH) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), FLUSH_AFTER_MS).unref();
  }

  /** Writes the batched events now (readers of the log call it first, so they see the latest requests). */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const rows = this.pending;
    this.pending = [];
    this.flushing = this.flushing.then(() => (rows.length === 0 ? undefined : this.write(rows)));
    return this.flushing;
  }

  async onModuleDestroy(): Promise<void> {
    await this.flush();
  }

  private async write(rows: QueryDeepPartialEntity<ProvisioningEvent>[]): Promise<void> {
    try {
      await autonomousWrite(this.dataSource, (manager: EntityManager) => bulkInsert(manager, ProvisioningEvent, rows));
    } catch (error) {
      this.logger.error(`Could not write ${rows.length} provisioning events: ${error instanceof Error ? error.message : String(error)}`);
    }
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
