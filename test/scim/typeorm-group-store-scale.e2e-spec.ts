import type { ScimGroupRecord } from '@app/scim/ports/group-store';
import type { TenantId } from '@app/scim/ports/tenant';
import type { MemberDelta } from '@app/scim/patch/patch-types';
import { bulkInsert } from '../../apps/manager-api/src/database/bulk-insert';
import { GroupMember } from '../../apps/manager-api/src/groups/group-member.entity';
import { TypeOrmGroupStore } from '../../apps/manager-api/src/scim-adapters/typeorm-group.store';
import { managerOf } from '../../apps/manager-api/src/scim-adapters/typeorm-transaction.runner';
import { describeEachEngine } from '../support/test-app';
import { GroupStoreHarness, groupStoreHarness, memberValues, scimGroup, WITH_MEMBERS, WITHOUT_MEMBERS } from './group-store.support';
import { newTenant } from './user-store.support';

const SIZE = 10_000;
const SLOW = 120_000;

describeEachEngine(`${TypeOrmGroupStore.name} at scale`, (ctx) => {
  let h: GroupStoreHarness;

  beforeAll(() => {
    h = groupStoreHarness(ctx());
  });

  describe(`a group of ${SIZE} members`, () => {
    let tenant: TenantId;
    let users: string[];
    let big: ScimGroupRecord;

    beforeAll(async () => {
      tenant = await newTenant(ctx());
      users = await h.seedUsers(tenant, SIZE + 200);
      big = await h.create(tenant, scimGroup('Everyone'));
      await h.run(async (uow) => {
        const now = new Date();
        const rows = users.slice(0, SIZE).map((userId) => ({ groupId: big.id, userId, createdAt: now }));
        await bulkInsert(managerOf(uow), GroupMember, rows);
      });
    }, SLOW);

    const inGroup = (groupId: string, ids: readonly string[]) =>
      h.count(`SELECT COUNT(*) AS n FROM group_members WHERE group_id = ? AND user_id IN (${ids.map(() => '?').join(', ')})`, [
        groupId,
        ...ids,
      ]);

    it('reads all members in one query', async () => {
      const { result, sql } = await h.observed((uow) => h.store.findById(tenant, big.id, WITH_MEMBERS, uow));
      expect(sql).toHaveLength(2);
      expect(result!.attributes.members).toHaveLength(SIZE);
      expect(memberValues(result)).toEqual(users.slice(0, SIZE).sort());
    });

    it('reads the group without touching group_members when members are not wanted', async () => {
      const { result, sql } = await h.observed((uow) => h.store.findById(tenant, big.id, WITHOUT_MEMBERS, uow));
      expect(result).toEqual({ ...big, attributes: { displayName: 'Everyone' } });
      expect(sql).toHaveLength(1);
      expect(sql.some((statement) => statement.includes('group_members'))).toBe(false);
    });

    it('adds 100 and removes 100 members with as many queries as on a small group', async () => {
      const small = await h.create(tenant, scimGroup('Few', users.slice(0, 200)));
      const added = users.slice(SIZE, SIZE + 100);
      const removed = users.slice(0, 100);
      const delta: MemberDelta = { added, removed };
      const onSmall = await h.observed((uow) => h.store.update(tenant, small.id, scimGroup('Few'), delta, uow));
      const onBig = await h.observed((uow) => h.store.update(tenant, big.id, scimGroup('Everyone'), delta, uow));
      expect(onBig.sql).toHaveLength(onSmall.sql.length);
      expect(onBig.sql.length).toBeLessThanOrEqual(5); // lock/read, check the added, delete, insert, version
      expect(onBig.result!.version).toBe(big.version + 1);

      expect(await h.count('SELECT COUNT(*) AS n FROM group_members WHERE group_id = ?', [big.id])).toBe(SIZE);
      expect(await inGroup(big.id, removed)).toBe(0);
      expect(await inGroup(big.id, added)).toBe(100);
      expect(await inGroup(big.id, users.slice(100, 200))).toBe(100);
      expect(await inGroup(small.id, users.slice(100, 200))).toBe(100);
    });

    it(`replaces a member list of ${SIZE} with another of ${SIZE} exactly`, async () => {
      const group = await h.create(tenant, scimGroup('Replaced Everyone'));
      const first = users.slice(0, SIZE);
      const second = users.slice(200, SIZE + 200);
      const same = scimGroup('Replaced Everyone');
      await h.update(tenant, group.id, same, { added: [], removed: [], replacedAll: first });
      expect(await inGroup(group.id, users.slice(0, 200))).toBe(200);
      const replaced = await h.update(tenant, group.id, same, { added: [], removed: [], replacedAll: second });
      expect(replaced!.version).toBe(3);
      expect(memberValues(await h.findById(tenant, group.id))).toEqual([...second].sort());
    }, SLOW);
  });

  it('loses no member when 20 updates of one group run at once', async () => {
    const tenant = await newTenant(ctx());
    const users = await h.seedUsers(tenant, 20);
    const group = await h.create(tenant, scimGroup('Crowded'));
    const results = await Promise.all(
      users.map((user) => h.update(tenant, group.id, scimGroup('Crowded'), { added: [user], removed: [] })),
    );
    expect(memberValues(await h.findById(tenant, group.id))).toEqual([...users].sort());
    expect((await h.findById(tenant, group.id, WITHOUT_MEMBERS))!.version).toBe(group.version + users.length);
    // Each update saw the one before it (PostgreSQL: the row lock; SQLite: one transaction at a time).
    expect(new Set(results.map((result) => result!.version)).size).toBe(users.length);
  });
});
