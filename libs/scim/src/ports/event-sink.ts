import type { TenantId } from './tenant';
import type { UnitOfWork } from './unit-of-work';

/** What a SCIM request did, in the terms of provisioning. */
export type ScimAction =
  | 'create'
  | 'adopt'
  | 'replay'
  | 'update'
  | 'deactivate'
  | 'reactivate'
  | 'delete'
  | 'read'
  | 'lookup'
  | 'members-added'
  | 'members-removed';

/**
 * One SCIM request as the provisioning log sees it: attribute names, never values, bodies or tokens.
 * Hosts subscribe to provisioning (user provisioned, updated, deactivated, deleted) by implementing the sink.
 */
export interface ScimEvent {
  readonly at: Date;
  readonly tenant: TenantId;
  readonly connectionId: string;
  readonly requestId?: string;
  readonly method: string;
  readonly resourceType: 'User' | 'Group' | null;
  readonly resourceId?: string;
  readonly action: ScimAction | null;
  /** Canonical names of the attributes the request changed. */
  readonly changedAttributes: readonly string[];
  /** Ids of the IdP dialect rules that changed the request before it was processed (e.g. `op-case`). */
  readonly dialectRules: readonly string[];
  readonly status: number;
  readonly scimType?: string;
  readonly durationMs: number;
}

export interface ScimEventSink {
  /**
   * Records an event. With `uow` (a successful write) the event is part of that transaction; without it
   * (a failed request, a read) it is written on its own.
   */
  record(event: ScimEvent, uow?: UnitOfWork): Promise<void>;
}
