import type { ScimGroupRecord } from '@app/scim/ports/group-store';
import { StoreValidationError } from '@app/scim/ports/store-errors';
import type { TenantId } from '@app/scim/ports/tenant';
import { TypeOrmGroupStore } from '../../apps/manager-api/src/scim-adapters/typeorm-group.store';
import { createGroup } from '../support/factories';
import { describeEachEngine } from '../support/test-app';
import {
  groupQuery,
  GroupStoreHarness,
  groupStoreHarness,
  scimGroup,
  WITH_MEMBERS,
  WITHOUT_MEMBERS,
} from './group-store.support';
import { newTenant } from './user-store.support';

describeEachEngine(`${TypeOrmGroupStore.name}.search`, (ctx) => {
  let h: GroupStoreHarness;
  let tenant: TenantId;
  let users: string[];
  const byName = new Map<string, ScimGroupRecord>();
  const names = (items: readonly ScimGroupRecord[]) => items.map((item) => item.attributes.displayName as string);
  const id = (name: string) => byName.get(name)!.id;
  const all = ['Sales Team', 'Ärzte', 'Support', 'engineering', 'Manual Group'];

  beforeAll(async () => {
    h = groupStoreHarness(ctx());
    tenant = await newTenant(ctx());
    users = await h.seedUsers(tenant, 4);
    const seeds: [string, string[], string | null][] = [
      ['Sales Team', [users[0]!, users[1]!], 'ext-sales'],
      ['Ärzte', [users[1]!], 'EXT-AERZTE'],
      ['Support', [], null],
      ['engineering', [users[2]!], 'ext-eng'],
    ];
    for (const [name, members, externalId] of seeds) {
      byName.set(name, await h.create(tenant, scimGroup(name, members, externalId === null ? {} : { externalId })));
    }
    const manual = await createGroup(ctx(), tenant, 'Manual Group');
    byName.set('Manual Group', (await h.findById(tenant, manual.id, WITHOUT_MEMBERS))!);
    // Look-alikes in another customer: never part of a result.
    const other = await newTenant(ctx());
    await h.create(other, scimGroup('Sales Team', [], { externalId: 'ext-sales' }));
  });

  const FILTERS: [string, () => string, string[]][] = [
    ['displayName eq, case-insensitive (Entra match)', () => 'displayName eq "SALES team"', ['Sales Team']],
    ['displayName eq, Unicode folding', () => 'displayName eq "äRZTE"', ['Ärzte']],
    ['displayName sw', () => 'displayName sw "s"', ['Sales Team', 'Support']],
    ['externalId eq, case-exact', () => 'externalId eq "EXT-AERZTE"', ['Ärzte']],
    ['externalId eq, other case', () => 'externalId eq "ext-aerzte"', []],
    ['id eq', () => `id eq "${id('Support')}"`, ['Support']],
    ['members.value eq', () => `members.value eq "${users[1]}"`, ['Sales Team', 'Ärzte']],
    ['members eq (value implied)', () => `members eq "${users[2]}"`, ['engineering']],
    ['members[value eq]', () => `members[value eq "${users[0]}"]`, ['Sales Team']],
    ['members.display, case-insensitive', () => 'members.display eq "FIRST2 last2"', ['engineering']],
    ['members.type', () => 'members.type eq "user"', ['Sales Team', 'Ärzte', 'engineering']],
    ['members pr', () => 'members pr', ['Sales Team', 'Ärzte', 'engineering']],
    ['not members pr', () => 'not (members pr)', ['Support', 'Manual Group']],
    ['a user in no group', () => `members eq "${users[3]}"`, []],
    ['Entra membership probe, member', () => `id eq "${id('Sales Team')}" and members eq "${users[0]}"`, ['Sales Team']],
    ['Entra membership probe, not a member', () => `id eq "${id('Sales Team')}" and members eq "${users[2]}"`, []],
    ['meta.resourceType', () => 'meta.resourceType eq "Group"', all],
    ['a group of the admin API', () => 'displayName eq "manual group"', ['Manual Group']],
  ];

  it.each(FILTERS)('filters: %s', async (_label, filter, expected) => {
    const page = await h.search(tenant, { filter: filter() });
    expect(names(page.items).sort()).toEqual([...expected].sort());
    expect(page.total).toBe(expected.length);
  });

  it('returns the records without members, or with them when asked', async () => {
    const filter = 'displayName eq "sales team"';
    const { members: _members, ...attributes } = byName.get('Sales Team')!.attributes;
    expect((await h.search(tenant, { filter })).items).toEqual([{ ...byName.get('Sales Team')!, attributes }]);
    expect((await h.search(tenant, { filter }, WITH_MEMBERS)).items).toEqual([byName.get('Sales Team')]);
  });

  it('pages through displayName order (code points of the key) with an exact total', async () => {
    const order = ['engineering', 'Manual Group', 'Sales Team', 'Support', 'Ärzte'];
    const seen: string[] = [];
    for (const offset of [0, 2, 4]) {
      const page = await h.search(tenant, { sortBy: 'displayName', offset, limit: 2 });
      expect(page.total).toBe(order.length);
      seen.push(...names(page.items));
    }
    expect(seen).toEqual(order);
    const desc = await h.search(tenant, { sortBy: 'displayName', descending: true, limit: 10 });
    expect(names(desc.items)).toEqual([...order].reverse());
  });

  it('orders by creation without sortBy; limit 0 answers the total only', async () => {
    const creationOrder = [...byName.values()].sort(
      (a, b) => a.created.getTime() - b.created.getTime() || (a.id < b.id ? -1 : 1),
    );
    const page = await h.search(tenant, { offset: 1, limit: 3 });
    expect(names(page.items)).toEqual(names(creationOrder.slice(1, 4)));
    expect(page.total).toBe(all.length);
    expect(await h.search(tenant, { limit: 0 })).toEqual({ total: all.length, items: [] });
    expect(await h.search(tenant, { offset: 10, limit: 5 })).toEqual({ total: all.length, items: [] });
  });

  it('refuses to sort by members', async () => {
    await expect(h.search(tenant, { sortBy: 'members' })).rejects.toBeInstanceOf(StoreValidationError);
  });

  it('loads the members of a page in one query, and not at all without them', async () => {
    const query = groupQuery({ limit: 2 }); // a full page: the total is a query of its own
    const touching = (sql: string[]) => sql.filter((statement) => statement.includes('group_members'));
    const withMembers = await h.observed((uow) => h.store.search(tenant, query, WITH_MEMBERS, uow));
    expect(withMembers.sql).toHaveLength(3);
    expect(touching(withMembers.sql)).toHaveLength(1);
    const withoutMembers = await h.observed((uow) => h.store.search(tenant, query, WITHOUT_MEMBERS, uow));
    expect(withoutMembers.sql).toHaveLength(2);
    expect(touching(withoutMembers.sql)).toHaveLength(0);
  });
});
