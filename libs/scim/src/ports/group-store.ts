import type { MemberDelta } from '../patch/patch-types';
import type { ScimResource } from '../schema/attribute';
import type { StorePage, StoreQuery, StoredResource } from './store-query';
import type { TenantId } from './tenant';
import type { UnitOfWork } from './unit-of-work';

/** A group as SCIM sees it: `attributes` holds `displayName`, `externalId` and, when loaded, `members`. */
export type ScimGroupRecord = StoredResource;

/** Whether a read must load the member list; large groups are read without it when it is not returned. */
export interface GroupReadOptions {
  readonly members: boolean;
  /** The caller will write the group in this unit of work: lock it until the unit ends. */
  readonly forUpdate?: boolean;
}

/**
 * The host's groups, as SCIM sees them. Every method is scoped to `tenant`. Members are users of the same
 * tenant, referenced by id; `members` elements are `{ value, display?, type: 'User' }`. Member changes are
 * applied as row inserts/deletes (never by rewriting the whole list).
 */
export interface ScimGroupStore {
  /** `null` when absent or another tenant's. Without `members`, the record has no `members` attribute. */
  findById(tenant: TenantId, id: string, options: GroupReadOptions, uow: UnitOfWork): Promise<ScimGroupRecord | null>;
  /** Evaluates `query.filter` in the database (`members.value eq` included); one query per page for members. */
  search(tenant: TenantId, query: StoreQuery, options: GroupReadOptions, uow: UnitOfWork): Promise<StorePage<ScimGroupRecord>>;
  /**
   * Creates the group with `attributes.members` (ids only are read).
   * @throws StoreConflictError('displayName') when the name is taken (case-insensitively)
   * @throws StoreReferenceError when a member id is not a user of the tenant (nothing written)
   */
  create(tenant: TenantId, attributes: ScimResource, uow: UnitOfWork): Promise<ScimGroupRecord>;
  /**
   * Sets `displayName`/`externalId` from `attributes` and applies `delta` to the members (see MemberDelta:
   * `replacedAll` sets the exact list; else `removed` are deleted and `added` inserted, both idempotent).
   * Bumps the version when anything changed. Returns the group without members; `null` when absent.
   * @throws StoreConflictError('displayName'), StoreReferenceError (unknown member ids; nothing written)
   */
  update(tenant: TenantId, id: string, attributes: ScimResource, delta: MemberDelta, uow: UnitOfWork): Promise<ScimGroupRecord | null>;
  /** Deletes the group and its memberships (never its users). `false` when absent. */
  delete(tenant: TenantId, id: string, uow: UnitOfWork): Promise<boolean>;
}
