import type { ScimGroupRecord } from '@app/scim/ports/group-store';
import { StoreValidationError } from '@app/scim/ports/store-errors';
import type { TenantId } from '@app/scim/ports/tenant';
import { randomUUID } from 'node:crypto';
import { TypeOrmGroupStore } from '../../apps/manager-api/src/scim-adapters/typeorm-group.store';
import { managerOf } from '../../apps/manager-api/src/scim-adapters/typeorm-transaction.runner';
import { User } from '../../apps/manager-api/src/users/user.entity';
import { createGroup } from '../support/factories';
import { describeEachEngine } from '../support/test-app';
import {
  expectReferenceError,
  GroupStoreHarness,
  groupStoreHarness,
  memberValues,
  scimGroup,
  WITHOUT_MEMBERS,
} from './group-store.support';
import { expectConflict, newTenant, sleep } from './user-store.support';

describeEachEngine(TypeOrmGroupStore.name, (ctx) => {
  let h: GroupStoreHarness;
  let tenant: TenantId;
  let other: TenantId;

  beforeAll(async () => {
    h = groupStoreHarness(ctx());
    tenant = await newTenant(ctx());
    other = await newTenant(ctx());
  });

  const membershipRows = (groupId: string) => h.count('SELECT COUNT(*) AS n FROM group_members WHERE group_id = ?', [groupId]);
  const groupsOf = (t: TenantId) => h.count('SELECT COUNT(*) AS n FROM user_groups WHERE customer_id = ?', [t]);
  const usersOf = (t: TenantId) => h.count('SELECT COUNT(*) AS n FROM users WHERE customer_id = ?', [t]);

  describe('create and read', () => {
    it('creates a group with its members and reads it back with and without them', async () => {
      const [a, b, bare] = (await h.seedUsers(tenant, 3)) as [string, string, string];
      await h.run((uow) => managerOf(uow).update(User, { id: bare }, { firstName: '', lastName: '', nameKey: ' ' }));
      const created = await h.create(tenant, scimGroup('Sales Team', [b, a, bare, a], { externalId: 'ext-sales', meta: {} }));
      expect(created.version).toBe(1);
      expect(created.attributes).toMatchObject({ displayName: 'Sales Team', externalId: 'ext-sales' });
      const members = created.attributes.members as { value: string; display: string; type: string }[];
      expect(members.map((m) => m.value)).toEqual([a, b, bare].sort());
      expect(members.find((m) => m.value === a)).toEqual({ value: a, display: 'First0 Last0', type: 'User' });
      expect(members.find((m) => m.value === bare)).toEqual({ value: bare, display: expect.stringMatching(/2@example\.com$/), type: 'User' });
      expect(await membershipRows(created.id)).toBe(3);

      expect(await h.findById(tenant, created.id)).toEqual(created);
      const { members: _members, ...withoutMembers } = created.attributes;
      expect(await h.findById(tenant, created.id, WITHOUT_MEMBERS)).toEqual({ ...created, attributes: withoutMembers });
    });

    it('creates a group without members (Entra) and with an empty list (Okta)', async () => {
      const entra = await h.create(tenant, scimGroup('Entra Group', [], { externalId: 'entra-object-id' }));
      const okta = await h.create(tenant, { displayName: 'Okta Group', members: [] });
      for (const group of [entra, okta]) {
        expect(group.attributes).not.toHaveProperty('members');
        expect(await h.findById(tenant, group.id)).toEqual(group);
        expect(await membershipRows(group.id)).toBe(0);
      }
    });

    it('answers null for an absent group', async () => {
      expect(await h.findById(tenant, randomUUID())).toBeNull();
      expect(await h.findById(tenant, 'not-a-uuid', WITHOUT_MEMBERS)).toBeNull();
    });

    it('rejects a body it cannot store with StoreValidationError, writing nothing', async () => {
      const before = await groupsOf(tenant);
      await expect(h.create(tenant, { displayName: 'x'.repeat(201) })).rejects.toBeInstanceOf(StoreValidationError);
      await expect(h.create(tenant, { externalId: 'no-name' })).rejects.toBeInstanceOf(StoreValidationError);
      expect(await groupsOf(tenant)).toBe(before);
    });
  });

  describe('member references', () => {
    let mine: string;
    let theirs: string;
    let aGroup: ScimGroupRecord;

    beforeAll(async () => {
      [mine] = (await h.seedUsers(tenant, 1)) as [string];
      [theirs] = (await h.seedUsers(other, 1)) as [string];
      aGroup = await h.create(tenant, scimGroup('Referenced Group'));
    });

    it.each([
      ['a user of another customer', () => [theirs], 'unknown'],
      ['an unknown id', () => ['00000000-0000-4000-8000-000000000000'], 'unknown'],
      ['a group of the customer (nested groups)', () => [aGroup.id], 'groups'],
      ['a group and an unknown id', () => [aGroup.id, 'nobody'], 'unknown'],
    ] as const)('create with %s → StoreReferenceError, nothing written', async (_label, bad, kind) => {
      const before = await groupsOf(tenant);
      const error = await expectReferenceError(h.create(tenant, scimGroup(`Bad ${randomUUID()}`, [mine, ...bad()])));
      expect(error.kind).toBe(kind);
      expect([...error.ids].sort()).toEqual([...bad()].sort());
      expect(await groupsOf(tenant)).toBe(before);
    });

    it.each([
      ['added', (ids: string[]) => ({ added: ids, removed: [] })],
      ['replacedAll', (ids: string[]) => ({ added: [], removed: [], replacedAll: ids })],
    ] as const)('update with bad %s ids → StoreReferenceError, nothing written', async (_label, delta) => {
      const group = await h.create(tenant, scimGroup(`Update refs ${randomUUID()}`, [mine]));
      const renamed = scimGroup(`Renamed ${randomUUID()}`);
      const unknown = await expectReferenceError(h.update(tenant, group.id, renamed, delta([theirs, aGroup.id])));
      expect(unknown.kind).toBe('unknown');
      expect(await h.findById(tenant, group.id)).toEqual(group);
      const nested = await expectReferenceError(h.update(tenant, group.id, renamed, delta([aGroup.id])));
      expect(nested).toMatchObject({ kind: 'groups', ids: [aGroup.id] });
      expect(await h.findById(tenant, group.id)).toEqual(group);
    });

    it('ignores unknown ids in removed', async () => {
      const group = await h.create(tenant, scimGroup(`Remove unknown ${randomUUID()}`, [mine]));
      const same = scimGroup(group.attributes.displayName as string);
      const updated = await h.update(tenant, group.id, same, { added: [], removed: [theirs, 'nobody'] });
      expect(updated!.version).toBe(group.version);
      expect(memberValues(await h.findById(tenant, group.id))).toEqual([mine]);
    });
  });

  describe('uniqueness of displayName (case-insensitive, Unicode)', () => {
    beforeAll(async () => {
      await h.create(tenant, scimGroup('Äpfel Team'));
    });

    it.each([
      ['other case', 'äPFEL TEAM'],
      ['decomposed umlaut (NFD)', 'A\u0308pfel team'],
    ])('create with the name in %s → StoreConflictError', async (_label, name) => {
      await expectConflict(h.create(tenant, scimGroup(name)), 'displayName');
    });

    it('conflicts with a group created through the admin API', async () => {
      await createGroup(ctx(), tenant, 'Manual Über Group');
      await expectConflict(h.create(tenant, scimGroup('manual über GROUP')), 'displayName');
    });

    it('rename onto a taken name → StoreConflictError, nothing changed', async () => {
      const [user] = (await h.seedUsers(tenant, 1)) as [string];
      const group = await h.create(tenant, scimGroup('Birnen Team', [user]));
      await expectConflict(h.update(tenant, group.id, scimGroup('ÄPFEL team'), { added: [], removed: [user] }), 'displayName');
      expect(await h.findById(tenant, group.id)).toEqual(group);
    });

    it('allows the same name in another customer, and a case-only rename of itself', async () => {
      const theirs = await h.create(other, scimGroup('Äpfel Team'));
      const renamed = await h.update(other, theirs.id, scimGroup('ÄPFEL TEAM'));
      expect(renamed).toMatchObject({ version: 2, attributes: { displayName: 'ÄPFEL TEAM' } });
    });
  });

  describe('update', () => {
    let users: string[];
    beforeAll(async () => {
      users = await h.seedUsers(tenant, 6);
    });

    it('renames and changes externalId, keeping the members; bumps version and lastModified once', async () => {
      const group = await h.create(tenant, scimGroup('Before Rename', users.slice(0, 3), { externalId: 'e1' }));
      await sleep(5);
      const renamed = await h.update(tenant, group.id, scimGroup('After Rename', [], { externalId: 'e2' }));
      expect(renamed).toEqual({
        id: group.id,
        attributes: { displayName: 'After Rename', externalId: 'e2' },
        created: group.created,
        lastModified: expect.any(Date),
        version: 2,
      });
      expect(renamed!.lastModified.getTime()).toBeGreaterThan(group.lastModified.getTime());
      expect(memberValues(await h.findById(tenant, group.id))).toEqual(users.slice(0, 3).sort());
      const cleared = await h.update(tenant, group.id, { displayName: 'After Rename' });
      expect(cleared).toMatchObject({ version: 3, attributes: { displayName: 'After Rename' } });
      expect(cleared!.attributes).not.toHaveProperty('externalId');
    });

    it('applies add/remove idempotently; the version moves only when rows change', async () => {
      const [a, b, c] = users as [string, string, string];
      const group = await h.create(tenant, scimGroup('Delta Group', [a, b]));
      const same = scimGroup('Delta Group');
      await sleep(5);
      const noop = await h.update(tenant, group.id, same, { added: [a], removed: [c] });
      expect(noop).toEqual({ ...group, attributes: { displayName: 'Delta Group' } });

      const added = await h.update(tenant, group.id, same, { added: [b, c, c], removed: [] });
      expect(added!.version).toBe(2);
      expect(added!.lastModified.getTime()).toBeGreaterThan(group.lastModified.getTime());
      expect(memberValues(await h.findById(tenant, group.id))).toEqual([a, b, c].sort());

      expect((await h.update(tenant, group.id, same, { added: [], removed: [a, a] }))!.version).toBe(3);
      expect((await h.update(tenant, group.id, same, { added: [a], removed: [b] }))!.version).toBe(4);
      const after = await h.findById(tenant, group.id);
      expect(memberValues(after)).toEqual([a, c].sort());
      expect(after!.version).toBe(4);
    });

    it('replacedAll sets the exact member list; an empty list removes every member', async () => {
      const group = await h.create(tenant, scimGroup('Replace Group', users.slice(0, 4)));
      const same = scimGroup('Replace Group');
      const replaced = await h.update(tenant, group.id, same, { added: [], removed: [], replacedAll: users.slice(2, 6) });
      expect(replaced!.version).toBe(2);
      expect(memberValues(await h.findById(tenant, group.id))).toEqual(users.slice(2, 6).sort());

      const again = [...users.slice(2, 6)].reverse();
      expect((await h.update(tenant, group.id, same, { added: [], removed: [], replacedAll: again }))!.version).toBe(2);

      const cleared = await h.update(tenant, group.id, same, { added: [], removed: [], replacedAll: [], clearedAll: true });
      expect(cleared!.version).toBe(3);
      expect(await membershipRows(group.id)).toBe(0);
      expect((await h.findById(tenant, group.id))!.attributes).toEqual({ displayName: 'Replace Group' });
    });

    it('takes over a group created through the admin API (source scim)', async () => {
      const manual = await createGroup(ctx(), tenant, 'Taken Over');
      const updated = await h.update(tenant, manual.id, scimGroup('Taken Over'), { added: [users[0]!], removed: [] });
      expect(updated!.attributes).toEqual({ displayName: 'Taken Over' });
      expect(await h.count(`SELECT COUNT(*) AS n FROM user_groups WHERE id = ? AND source = 'scim'`, [manual.id])).toBe(1);
    });

    it('answers null for an absent group', async () => {
      expect(await h.update(tenant, randomUUID(), scimGroup('Ghost'), { added: [users[0]!], removed: [] })).toBeNull();
    });
  });

  describe('delete', () => {
    it('deletes the group and its memberships, never the users', async () => {
      const users = await h.seedUsers(tenant, 3);
      const group = await h.create(tenant, scimGroup('Doomed', users));
      const before = await usersOf(tenant);
      expect(await h.run((uow) => h.store.delete(tenant, group.id, uow))).toBe(true);
      expect(await h.findById(tenant, group.id)).toBeNull();
      expect(await membershipRows(group.id)).toBe(0);
      expect(await usersOf(tenant)).toBe(before);
      expect(await h.run((uow) => h.store.delete(tenant, group.id, uow))).toBe(false);
      await h.create(tenant, scimGroup('DOOMED'));
    });
  });

  describe('tenant isolation', () => {
    it('treats another customer’s group as absent', async () => {
      const [user] = (await h.seedUsers(tenant, 1)) as [string];
      const mine = await h.create(tenant, scimGroup('Isolated', [user], { externalId: 'iso' }));
      expect(await h.findById(other, mine.id)).toBeNull();
      expect(await h.update(other, mine.id, scimGroup('Hijacked'), { added: [], removed: [user] })).toBeNull();
      expect(await h.run((uow) => h.store.delete(other, mine.id, uow))).toBe(false);
      expect(await h.search(other, { filter: `id eq "${mine.id}" or externalId eq "iso"` })).toEqual({ total: 0, items: [] });
      expect(await h.findById(tenant, mine.id)).toEqual(mine);
    });
  });
});
