import { StoreConflictError } from '@app/scim/ports/store-errors';
import type { StoreQuery } from '@app/scim/ports/store-query';
import { tenantId, type TenantId } from '@app/scim/ports/tenant';
import type { UnitOfWork } from '@app/scim/ports/unit-of-work';
import { readAttrPath } from '@app/scim/query/attr-path-syntax';
import type { FilterNode } from '@app/scim/query/filter-ast';
import { parseFilter } from '@app/scim/query/filter-parser';
import { canonicalizeFilter, canonicalPath } from '@app/scim/query/filter-validator';
import type { ScimResource } from '@app/scim/schema/attribute';
import { SchemaRegistry } from '@app/scim/schema/schema-registry';
import { TypeOrmTransactionRunner } from '../../apps/manager-api/src/scim-adapters/typeorm-transaction.runner';
import { TypeOrmUserStore } from '../../apps/manager-api/src/scim-adapters/typeorm-user.store';
import { createCustomer } from '../support/factories';
import { TestApp } from '../support/test-app';

export interface UserStoreHarness {
  readonly store: TypeOrmUserStore;
  run<T>(work: (uow: UnitOfWork) => Promise<T>): Promise<T>;
}

/** The app's store and transaction runner. */
export async function userStoreHarness(t: TestApp): Promise<UserStoreHarness> {
  const store = t.app.get(TypeOrmUserStore, { strict: false });
  const runner = t.app.get(TypeOrmTransactionRunner, { strict: false });
  return { store, run: (work) => runner.run(work) };
}

export async function newTenant(t: TestApp): Promise<TenantId> {
  return tenantId((await createCustomer(t)).id);
}

export const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const MANAGER = 'urn:ietf:params:scim:schemas:extension:manager:2.0:User';

/** A canonical User body as the library hands it to the store. */
export function scimUser(userName: string, email: string, extra: ScimResource = {}): ScimResource {
  return { userName, emails: [{ value: email, type: 'work', primary: true }], ...extra };
}

const userType = SchemaRegistry.create().resourceType('User');

/** Parses and canonicalises a filter as the library does before calling the store. */
export function userFilter(text: string): FilterNode {
  return canonicalizeFilter(parseFilter(text), userType);
}

export function userQuery(options: { filter?: string; sortBy?: string; descending?: boolean; offset?: number; limit?: number }): StoreQuery {
  const sortPath = options.sortBy === undefined ? undefined : readAttrPath(options.sortBy);
  if (options.sortBy !== undefined && sortPath === undefined) throw new Error(`bad sortBy ${options.sortBy}`);
  return {
    ...(options.filter === undefined ? {} : { filter: userFilter(options.filter) }),
    ...(sortPath === undefined ? {} : { sortBy: canonicalPath(sortPath, userType) }),
    descending: options.descending ?? false,
    offset: options.offset ?? 0,
    limit: options.limit ?? 100,
  };
}

export async function expectConflict(promise: Promise<unknown>, attribute: string): Promise<void> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StoreConflictError);
  expect((error as StoreConflictError).attribute).toBe(attribute);
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
