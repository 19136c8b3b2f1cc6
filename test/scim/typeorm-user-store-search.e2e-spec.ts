import { StoreValidationError } from '@app/scim/ports/store-errors';
import type { TenantId } from '@app/scim/ports/tenant';
import type { ScimUserRecord } from '@app/scim/ports/user-store';
import { ScimError } from '@app/scim/errors/scim-error';
import { managerOf } from '../../apps/manager-api/src/scim-adapters/typeorm-transaction.runner';
import { TypeOrmUserStore } from '../../apps/manager-api/src/scim-adapters/typeorm-user.store';
import { createGroup } from '../support/factories';
import { describeEachEngine, TestApp } from '../support/test-app';
import { ENTERPRISE, MANAGER, newTenant, scimUser, sleep, userQuery, UserStoreHarness, userStoreHarness } from './user-store.support';

type Seed = [userName: string, email: string, given: string, family: string, active: boolean, externalId: string | null,
  department: string | null, gender: string | null, language: string | null];

// userName, email, givenName, familyName, active, externalId, department, gender, preferredLanguage
const SEEDS: Seed[] = [
  ['alice', 'alice@x.com', 'Alice', 'Anders', true, 'ext-1', 'Sales', 'female', 'de-DE'],
  ['bob', 'bob@y.com', 'Bob', 'Brown', false, 'ext-2', 'sales', 'male', null],
  ['carol', 'carol@x.com', 'Carol', 'Clark', true, 'ext-3', 'R&D', 'female', 'en'],
  ['dave', 'dave@x.com', 'Dave', 'Davis', true, null, null, null, null],
  ['Ärger', 'ärger@y.com', 'Änne', 'Ärger', true, 'EXT-5', 'R&D', 'diverse', null],
  ['eve', 'EVE@X.COM', 'Eve', 'Evans', false, 'ext-6', 'Support', 'diverse', null],
  ['frank', 'frank@z.org', 'Frank', '', true, 'ext-7', 'R&D', 'male', null],
  ['grace', 'grace@x.com', 'Grace', 'Green', true, 'ext-8', null, 'female', null],
  ['heidi', 'heidi@y.com', 'Heidi', 'Hill', true, 'ext-9', 'Support', null, null],
  ['ivan', 'ivan@x.com', 'Ivan', 'Ivanov', false, 'ext-10', null, 'male', null],
  ['judy_1', 'judy_1@x.com', 'Judy', 'One', true, 'ext-11', 'Sales', null, null],
  ['judyX1', 'judyx1@x.com', 'Judy', 'Ex', true, 'ext-12', null, null, null],
];

function body([userName, email, givenName, familyName, active, externalId, department, gender, language]: Seed) {
  return scimUser(userName, email, {
    name: { givenName, familyName },
    active,
    ...(externalId === null ? {} : { externalId }),
    ...(language === null ? {} : { preferredLanguage: language }),
    ...(department === null ? {} : { [ENTERPRISE]: { department } }),
    ...(gender === null ? {} : { [MANAGER]: { gender } }),
  });
}

describeEachEngine(`${TypeOrmUserStore.name}.search`, (ctx) => {
  let h: UserStoreHarness;
  let tenant: TenantId;
  const byName = new Map<string, ScimUserRecord>();
  const groups: Record<'admins' | 'staff', string> = { admins: '', staff: '' };
  let mark = '';

  const addMembers = (t: TestApp, customer: string, group: string, userIds: string[]) =>
    t.admin(t.http().post(`/api/customers/${customer}/groups/${group}/members`)).send({ userIds }).expect(200);
  const search = (tenantId: TenantId, options: Parameters<typeof userQuery>[0]) =>
    h.run((uow) => h.store.search(tenantId, userQuery(options), uow));
  const names = (items: readonly ScimUserRecord[]) => items.map((item) => item.attributes.userName as string);

  beforeAll(async () => {
    h = await userStoreHarness(ctx());
    tenant = await newTenant(ctx());
    const other = await newTenant(ctx());
    await h.run(async (uow) => {
      for (const seed of SEEDS) byName.set(seed[0], await h.store.create(tenant, body(seed), uow));
      // Look-alikes in another tenant: never part of a result.
      for (const seed of SEEDS.slice(0, 4)) await h.store.create(other, body(seed), uow);
    });
    const id = (name: string) => byName.get(name)!.id;
    groups.admins = (await createGroup(ctx(), tenant, 'Admins')).id;
    groups.staff = (await createGroup(ctx(), tenant, 'Staff')).id;
    await addMembers(ctx(), tenant, groups.admins, [id('alice'), id('eve')]);
    await addMembers(ctx(), tenant, groups.staff, [id('alice'), id('bob'), id('heidi')]);
    await sleep(5);
    mark = new Date().toISOString();
    await sleep(5);
    await h.run(async (uow) => {
      for (const name of ['bob', 'carol']) {
        const seed = SEEDS.find((s) => s[0] === name)!;
        await h.store.replace(tenant, id(name), body([...seed.slice(0, 3), 'Renamed', ...seed.slice(4)] as Seed), uow);
      }
    });
  });

  const FILTERS: [string, () => string, string[]][] = [
    ['userName eq, case-insensitive', () => 'userName eq "ALICE"', ['alice']],
    ['userName eq, Unicode folding', () => 'userName eq "äRGER"', ['Ärger']],
    ['userName co, "_" literal', () => 'userName co "y_"', ['judy_1']],
    ['userName sw', () => 'username sw "J"', ['judy_1', 'judyX1']],
    ['emails.value ew, case-insensitive', () => 'emails.value ew "@X.com"',
      ['alice', 'carol', 'dave', 'eve', 'grace', 'ivan', 'judy_1', 'judyX1']],
    ['bare emails eq', () => 'emails eq "eve@x.com"', ['eve']],
    ['value path with type and co', () => 'emails[type eq "work" and value co "@y.com"]', ['bob', 'Ärger', 'heidi']],
    ["Entra's emails[type].value", () => 'emails[type eq "work"].value eq "GRACE@x.com"', ['grace']],
    ['emails of another type', () => 'emails[type eq "home"]', []],
    ['active eq false', () => 'active eq false', ['bob', 'eve', 'ivan']],
    ['externalId eq, case-exact', () => 'externalId eq "EXT-5"', ['Ärger']],
    ['externalId eq, other case', () => 'externalId eq "ext-5"', []],
    ['externalId pr', () => 'externalId pr', SEEDS.filter((s) => s[5] !== null).map((s) => s[0])],
    ['not', () => 'not (active eq true)', ['bob', 'eve', 'ivan']],
    ['not over an absent value', () => 'not (urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department eq "Sales")',
      ['carol', 'dave', 'Ärger', 'eve', 'frank', 'grace', 'heidi', 'ivan', 'judyX1']],
    ['or', () => 'userName eq "alice" or emails eq "BOB@y.com"', ['alice', 'bob']],
    ['and with precedence', () => 'active eq true and (userName sw "a" or userName sw "d")', ['alice', 'dave']],
    ['meta.lastModified gt', () => `meta.lastModified gt "${mark}"`, ['bob', 'carol']],
    ['meta.created lt', () => `meta.created lt "${mark}"`, SEEDS.map((s) => s[0])],
    ['manager gender', () => `${MANAGER}:gender eq "female"`, ['alice', 'carol', 'grace']],
    ['enterprise department, case-insensitive', () => 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department eq "SALES"',
      ['alice', 'bob', 'judy_1']],
    ['unqualified extension attribute', () => 'department eq "r&d"', ['carol', 'Ärger', 'frank']],
    ['groups.value eq', () => `groups.value eq "${groups.staff}"`, ['alice', 'bob', 'heidi']],
    ['groups eq (value implied)', () => `groups eq "${groups.admins}"`, ['alice', 'eve']],
    ['groups.display, case-insensitive', () => 'groups.display eq "ADMINS"', ['alice', 'eve']],
    ['groups pr', () => 'groups pr', ['alice', 'bob', 'eve', 'heidi']],
    ['name.familyName sw', () => 'name.familyName sw "ev"', ['eve']],
    ['name.familyName after a replace', () => 'name.familyName eq "renamed"', ['bob', 'carol']],
    ['displayName of a first name only', () => 'displayName eq "FRANK"', ['frank']],
    ['name.formatted co', () => 'name.formatted co "e ev"', ['eve']],
    ['preferredLanguage eq', () => 'preferredLanguage eq "DE-de"', ['alice']],
    ['emails.primary', () => 'emails[primary eq true]', SEEDS.map((s) => s[0])],
    ['id eq', () => `id eq "${byName.get('dave')!.id}"`, ['dave']],
  ];

  it.each(FILTERS)('filters: %s', async (_label, filter, expected) => {
    const page = await search(tenant, { filter: filter() });
    expect(names(page.items).sort()).toEqual([...expected].sort());
    expect(page.total).toBe(expected.length);
  });

  it('returns the records with their groups', async () => {
    const page = await search(tenant, { filter: 'userName eq "alice"' });
    expect(page.items[0]).toEqual(byNameWithGroups('alice'));
    expect(page.items[0]!.attributes.groups).toEqual([
      { value: groups.admins, display: 'Admins', type: 'direct' },
      { value: groups.staff, display: 'Staff', type: 'direct' },
    ]);
  });

  function byNameWithGroups(name: string) {
    const record = byName.get(name)!;
    return { ...record, attributes: { ...record.attributes, groups: expect.any(Array) } };
  }

  describe('sorting and paging', () => {
    const userNameOrder = SEEDS.map((s) => s[0]).sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1));

    it.each([false, true])('pages through userName order (descending: %s) with an exact total', async (descending) => {
      const seen: string[] = [];
      for (const offset of [0, 5, 10]) {
        const page = await search(tenant, { sortBy: 'userName', descending, offset, limit: 5 });
        expect(page.total).toBe(SEEDS.length);
        seen.push(...names(page.items));
      }
      expect(seen).toEqual(descending ? [...userNameOrder].reverse() : userNameOrder);
    });

    it('orders by creation without sortBy', async () => {
      const creationOrder = [...byName.values()].sort(
        (a, b) => a.created.getTime() - b.created.getTime() || (a.id < b.id ? -1 : 1),
      );
      const page = await search(tenant, { offset: 3, limit: 4 });
      expect(names(page.items)).toEqual(names(creationOrder.slice(3, 7)));
    });

    it('sorts missing values last ascending and first descending, ties by id', async () => {
      const sortBy = `${ENTERPRISE}:department`;
      const missing = SEEDS.filter((s) => s[6] === null).length;
      const asc = await search(tenant, { sortBy, limit: 100 });
      const desc = await search(tenant, { sortBy, descending: true, limit: 100 });
      const departments = (items: readonly ScimUserRecord[]) =>
        items.map((item) => (item.attributes[ENTERPRISE] as { department?: string } | undefined)?.department ?? null);
      expect(departments(asc.items).slice(-missing)).toEqual(Array(missing).fill(null));
      expect(departments(asc.items).slice(0, 3)).toEqual(['R&D', 'R&D', 'R&D']);
      expect(departments(desc.items).slice(0, missing)).toEqual(Array(missing).fill(null));
      expect(names(desc.items)).toEqual([...names(asc.items)].reverse());
    });

    it('sorts by a dateTime', async () => {
      const page = await search(tenant, { sortBy: 'meta.lastModified', descending: true, limit: 2 });
      expect(names(page.items).sort()).toEqual(['bob', 'carol']);
    });

    it('answers the total only for limit 0, and no items past the end', async () => {
      expect(await search(tenant, { limit: 0 })).toEqual({ total: SEEDS.length, items: [] });
      expect(await search(tenant, { filter: 'active eq false', offset: 3, limit: 10 })).toEqual({ total: 3, items: [] });
    });

    it.each(['groups', 'emails.type', 'groups.value'])('refuses to sort by %s', async (sortBy) => {
      await expect(search(tenant, { sortBy })).rejects.toBeInstanceOf(StoreValidationError);
    });

    it('rejects a filter on an attribute it does not store', async () => {
      await expect(search(tenant, { filter: 'groups.$ref eq "x"' })).rejects.toBeInstanceOf(ScimError);
    });
  });

  it('loads a page with a constant number of queries, whatever its size', async () => {
    const big = await newTenant(ctx());
    const ids = await h.run(async (uow) => {
      const created: string[] = [];
      for (let i = 0; i < 50; i += 1) {
        created.push((await h.store.create(big, scimUser(`bulk${i}`, `bulk${i}@example.com`), uow)).id);
      }
      return created;
    });
    const [a, b] = [await createGroup(ctx(), big, 'A'), await createGroup(ctx(), big, 'B')];
    await addMembers(ctx(), big, a.id, ids);
    await addMembers(ctx(), big, b.id, ids.filter((_, i) => i % 2 === 0));
    const queriesFor = (limit: number) =>
      h.run(async (uow) => {
        const spy = jest.spyOn(managerOf(uow).queryRunner!, 'query');
        const page = await h.store.search(big, userQuery({ filter: 'groups pr', limit }), uow);
        const count = spy.mock.calls.length;
        spy.mockRestore();
        expect(page.items).toHaveLength(limit);
        expect(page.items.every((item) => Array.isArray(item.attributes.groups))).toBe(true);
        return count;
      });
    const [small, large] = [await queriesFor(2), await queriesFor(50)];
    expect(large).toBe(small);
    expect(large).toBe(3); // count, page, memberships
  });
});
