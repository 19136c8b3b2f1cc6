import { randomUUID } from 'node:crypto';
import { StoreConflictError } from '../ports/store-errors';
import type { StorePage, StoreQuery } from '../ports/store-query';
import type { TenantId } from '../ports/tenant';
import type { UnitOfWork } from '../ports/unit-of-work';
import type { ScimUserRecord, ScimUserStore, UserIdentityKeys } from '../ports/user-store';
import type { ScimResource } from '../schema/attribute';
import { SchemaRegistry } from '../schema/schema-registry';
import { matchesResource } from './in-memory-filter';

interface Row extends ScimUserRecord {
  readonly tenant: TenantId;
}

const key = (text: unknown) => (typeof text === 'string' ? text.normalize('NFC').toLowerCase() : undefined);
const emailKeys = (attributes: ScimResource): string[] =>
  (Array.isArray(attributes.emails) ? attributes.emails : []).map((e) => key((e as { value?: unknown }).value)).filter((k): k is string => k !== undefined);

/**
 * A ScimUserStore in memory, for tests and for trying the library without a database. It keeps every
 * attribute as given (no mapping), enforces userName/email uniqueness per tenant and evaluates filters
 * in memory. Transactions are not isolated.
 */
export class InMemoryUserStore implements ScimUserStore {
  private readonly rows = new Map<string, Row>();
  private readonly type = SchemaRegistry.create().resourceType('User');

  /** Adds a user that exists in the host but is not linked to SCIM yet (e.g. imported). */
  seedUnlinked(tenant: TenantId, attributes: ScimResource): ScimUserRecord {
    return this.write(tenant, randomUUID(), attributes, false, undefined);
  }

  async findById(tenant: TenantId, id: string, _uow: UnitOfWork): Promise<ScimUserRecord | null> {
    const row = this.rows.get(id);
    return row !== undefined && row.tenant === tenant ? row : null;
  }

  async search(tenant: TenantId, query: StoreQuery, _uow: UnitOfWork): Promise<StorePage<ScimUserRecord>> {
    const all = this.list(tenant);
    const matching =
      query.filter === undefined ? all : all.filter((r) => matchesResource(query.filter!, { ...r.attributes, id: r.id }, this.type));
    return { total: matching.length, items: matching.slice(query.offset, query.offset + query.limit) };
  }

  /** Every user of the tenant, in creation order (for probes and assertions). */
  list(tenant: TenantId): ScimUserRecord[] {
    return [...this.rows.values()].filter((r) => r.tenant === tenant);
  }

  async findByIdentity(tenant: TenantId, keys: UserIdentityKeys, _uow: UnitOfWork): Promise<readonly ScimUserRecord[]> {
    const wanted = new Set(keys.emails.map(key));
    return [...this.rows.values()].filter(
      (r) =>
        r.tenant === tenant &&
        (key(r.attributes.userName) === key(keys.userName) ||
          emailKeys(r.attributes).some((k) => wanted.has(k)) ||
          (keys.externalId !== undefined && r.attributes.externalId === keys.externalId)),
    );
  }

  async create(tenant: TenantId, attributes: ScimResource, _uow: UnitOfWork): Promise<ScimUserRecord> {
    return this.write(tenant, randomUUID(), attributes, true, undefined);
  }

  async replace(tenant: TenantId, id: string, attributes: ScimResource, uow: UnitOfWork): Promise<ScimUserRecord | null> {
    const existing = await this.findById(tenant, id, uow);
    return existing === null ? null : this.write(tenant, id, attributes, true, existing as Row);
  }

  async delete(tenant: TenantId, id: string, uow: UnitOfWork): Promise<boolean> {
    return (await this.findById(tenant, id, uow)) !== null && this.rows.delete(id);
  }

  private write(tenant: TenantId, id: string, attributes: ScimResource, linked: boolean, existing: Row | undefined): Row {
    for (const other of this.rows.values()) {
      if (other.tenant !== tenant || other.id === id) continue;
      if (key(other.attributes.userName) === key(attributes.userName)) throw new StoreConflictError('userName');
      if (emailKeys(other.attributes).some((k) => emailKeys(attributes).includes(k))) throw new StoreConflictError('emails');
    }
    const now = new Date();
    const row: Row = {
      tenant,
      id,
      attributes: structuredClone({ active: true, ...attributes }),
      created: existing?.created ?? now,
      lastModified: now,
      version: (existing?.version ?? 0) + 1,
      linked,
    };
    this.rows.set(id, row);
    return row;
  }
}
