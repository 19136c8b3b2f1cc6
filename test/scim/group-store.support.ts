import type { GroupReadOptions, ScimGroupRecord } from '@app/scim/ports/group-store';
import { StoreReferenceError } from '@app/scim/ports/store-errors';
import type { StoreQuery } from '@app/scim/ports/store-query';
import type { TenantId } from '@app/scim/ports/tenant';
import type { UnitOfWork } from '@app/scim/ports/unit-of-work';
import type { MemberDelta } from '@app/scim/patch/patch-types';
import { readAttrPath } from '@app/scim/query/attr-path-syntax';
import { parseFilter } from '@app/scim/query/filter-parser';
import { canonicalizeFilter, canonicalPath } from '@app/scim/query/filter-validator';
import type { ScimResource } from '@app/scim/schema/attribute';
import { SchemaRegistry } from '@app/scim/schema/schema-registry';
import { randomUUID } from 'node:crypto';
import { bulkInsert } from '../../apps/manager-api/src/database/bulk-insert';
import { TypeOrmGroupStore } from '../../apps/manager-api/src/scim-adapters/typeorm-group.store';
import { managerOf, TypeOrmTransactionRunner } from '../../apps/manager-api/src/scim-adapters/typeorm-transaction.runner';
import { User } from '../../apps/manager-api/src/users/user.entity';
import { applyUserFields, newUser } from '../../apps/manager-api/src/users/user-fields';
import { TestApp } from '../support/test-app';

export const WITH_MEMBERS: GroupReadOptions = { members: true };
export const WITHOUT_MEMBERS: GroupReadOptions = { members: false };
export const NO_MEMBER_CHANGE: MemberDelta = { added: [], removed: [] };

type QueryOptions = { filter?: string; sortBy?: string; descending?: boolean; offset?: number; limit?: number };

/** The app's group store and transaction runner, with shortcuts that each run in a unit of work of their own. */
export interface GroupStoreHarness {
  readonly store: TypeOrmGroupStore;
  run<T>(work: (uow: UnitOfWork) => Promise<T>): Promise<T>;
  create(tenant: TenantId, attributes: ScimResource): Promise<ScimGroupRecord>;
  findById(tenant: TenantId, id: string, options?: GroupReadOptions): Promise<ScimGroupRecord | null>;
  update(tenant: TenantId, id: string, attributes: ScimResource, delta?: MemberDelta): Promise<ScimGroupRecord | null>;
  search(tenant: TenantId, options: QueryOptions, read?: GroupReadOptions): Promise<{ total: number; items: readonly ScimGroupRecord[] }>;
  /** Users inserted directly (multi-row inserts), as an import would; returns their ids in order. */
  seedUsers(tenant: TenantId, n: number): Promise<string[]>;
  /** Runs `work` in a unit of work and records the SQL of every statement it issues. */
  observed<T>(work: (uow: UnitOfWork) => Promise<T>): Promise<{ result: T; sql: string[] }>;
  /** `SELECT COUNT(*) AS n …` with `$1`/`?` placeholders written as `?`. */
  count(sql: string, params: unknown[]): Promise<number>;
}

export function groupStoreHarness(t: TestApp): GroupStoreHarness {
  const store = t.app.get(TypeOrmGroupStore, { strict: false });
  const runner = t.app.get(TypeOrmTransactionRunner, { strict: false });
  const run = <T>(work: (uow: UnitOfWork) => Promise<T>) => runner.run(work);
  const placeholders = (sql: string) => (t.engine === 'postgres' ? numbered(sql) : sql);
  return {
    store,
    run,
    create: (tenant, attributes) => run((uow) => store.create(tenant, attributes, uow)),
    findById: (tenant, id, options = WITH_MEMBERS) => run((uow) => store.findById(tenant, id, options, uow)),
    update: (tenant, id, attributes, delta = NO_MEMBER_CHANGE) => run((uow) => store.update(tenant, id, attributes, delta, uow)),
    search: (tenant, options, read = WITHOUT_MEMBERS) => run((uow) => store.search(tenant, groupQuery(options), read, uow)),
    seedUsers: (tenant, n) =>
      run(async (uow) => {
        const now = new Date();
        const prefix = `u${randomUUID().slice(0, 8)}-`;
        const users = Array.from({ length: n }, (_, i) => {
          const user = newUser(tenant, 'import', now);
          applyUserFields(user, { email: `${prefix}${i}@example.com`, firstName: `First${i}`, lastName: `Last${i}` }, now);
          return Object.assign(user, { version: 1 });
        });
        await bulkInsert(managerOf(uow), User, users);
        return users.map((user) => user.id);
      }),
    observed: (work) =>
      run(async (uow) => {
        const spy = jest.spyOn(managerOf(uow).queryRunner!, 'query');
        try {
          const result = await work(uow);
          return { result, sql: spy.mock.calls.map(([sql]) => sql) };
        } finally {
          spy.mockRestore();
        }
      }),
    count: async (sql, params) => Number((await t.dataSource.query(placeholders(sql), params))[0].n),
  };
}

function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

const groupType = SchemaRegistry.create().resourceType('Group');

/** A list query as the library hands it to the store (filter and sortBy canonicalised). */
export function groupQuery(options: QueryOptions): StoreQuery {
  const sortPath = options.sortBy === undefined ? undefined : readAttrPath(options.sortBy);
  if (options.sortBy !== undefined && sortPath === undefined) throw new Error(`bad sortBy ${options.sortBy}`);
  return {
    ...(options.filter === undefined ? {} : { filter: canonicalizeFilter(parseFilter(options.filter), groupType) }),
    ...(sortPath === undefined ? {} : { sortBy: canonicalPath(sortPath, groupType) }),
    descending: options.descending ?? false,
    offset: options.offset ?? 0,
    limit: options.limit ?? 100,
  };
}

/** A canonical Group body; members as Entra sends them (`$ref: null`). */
export function scimGroup(displayName: string, memberIds: readonly string[] = [], extra: ScimResource = {}): ScimResource {
  return {
    displayName,
    ...(memberIds.length === 0 ? {} : { members: memberIds.map((value) => ({ value, $ref: null })) }),
    ...extra,
  };
}

/** The member ids of a record, sorted. */
export function memberValues(record: ScimGroupRecord | null): string[] {
  return ((record?.attributes.members ?? []) as { value: string }[]).map((member) => member.value).sort();
}

export async function expectReferenceError(promise: Promise<unknown>): Promise<StoreReferenceError> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StoreReferenceError);
  return error as StoreReferenceError;
}
