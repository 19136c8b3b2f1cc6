import type { ScimResource } from '../schema/attribute';
import type { StorePage, StoreQuery, StoredResource } from './store-query';
import type { TenantId } from './tenant';
import type { UnitOfWork } from './unit-of-work';

/** A user as SCIM sees it. `linked` is false for a host user not yet provisioned through SCIM (e.g. imported). */
export interface ScimUserRecord extends StoredResource {
  readonly linked: boolean;
}

/** What identifies a user being created, for adoption, retries and conflicts. */
export interface UserIdentityKeys {
  readonly userName: string;
  readonly emails: readonly string[];
  readonly externalId?: string;
}

/**
 * The host's users, as SCIM sees them. Every method is scoped to `tenant`: a user of another tenant is
 * absent. Attributes are canonical SCIM (see StoredResource); the store keeps what it maps and drops the rest.
 */
export interface ScimUserStore {
  /**
   * `null` when absent or owned by another tenant. `forUpdate`: the caller will write the user in this unit of
   * work, so lock it until the unit ends (a concurrent PATCH then waits instead of losing this one's changes).
   */
  findById(tenant: TenantId, id: string, uow: UnitOfWork, options?: { readonly forUpdate?: boolean }): Promise<ScimUserRecord | null>;
  /** Evaluates `query.filter` in the database; must not load the tenant's users into memory. */
  search(tenant: TenantId, query: StoreQuery, uow: UnitOfWork): Promise<StorePage<ScimUserRecord>>;
  /** Users whose userName, email or externalId equals one of `keys` (userName and email case-insensitively). */
  findByIdentity(tenant: TenantId, keys: UserIdentityKeys, uow: UnitOfWork): Promise<readonly ScimUserRecord[]>;
  /** @throws StoreConflictError when userName or email is taken (case-insensitively). */
  create(tenant: TenantId, attributes: ScimResource, uow: UnitOfWork): Promise<ScimUserRecord>;
  /**
   * Replaces the user's attributes and marks it linked to SCIM. `null` when absent.
   * @throws StoreConflictError when userName or email is taken by another user.
   */
  replace(tenant: TenantId, id: string, attributes: ScimResource, uow: UnitOfWork): Promise<ScimUserRecord | null>;
  /** Erases the user (personal data included). `false` when absent. */
  delete(tenant: TenantId, id: string, uow: UnitOfWork): Promise<boolean>;
}
