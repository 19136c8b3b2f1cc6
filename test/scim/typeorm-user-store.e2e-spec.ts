import { StoreValidationError } from '@app/scim/ports/store-errors';
import type { TenantId } from '@app/scim/ports/tenant';
import { TypeOrmUserStore } from '../../apps/manager-api/src/scim-adapters/typeorm-user.store';
import { createGroup, createUser } from '../support/factories';
import { describeEachEngine } from '../support/test-app';
import {
  ENTERPRISE,
  expectConflict,
  MANAGER,
  newTenant,
  scimUser,
  sleep,
  userQuery,
  UserStoreHarness,
  userStoreHarness,
} from './user-store.support';

describeEachEngine(TypeOrmUserStore.name, (ctx) => {
  let h: UserStoreHarness;
  let tenant: TenantId;
  let other: TenantId;

  beforeAll(async () => {
    h = await userStoreHarness(ctx());
    tenant = await newTenant(ctx());
    other = await newTenant(ctx());
  });

  const create = (t: TenantId, userName: string, email: string, extra = {}) =>
    h.run((uow) => h.store.create(t, scimUser(userName, email, extra), uow));
  const findById = (t: TenantId, id: string) => h.run((uow) => h.store.findById(t, id, uow));
  const membersOf = async (userId: string) =>
    Number(
      (
        await ctx().dataSource.query(
          `SELECT COUNT(*) AS n FROM group_members WHERE user_id = ${ctx().engine === 'postgres' ? '$1' : '?'}`,
          [userId],
        )
      )[0].n,
    );

  describe('create, read, replace, delete', () => {
    it('creates a linked user and reads it back', async () => {
      const created = await create(tenant, 'Ada.L', 'ada@example.com', {
        name: { givenName: 'Ada', familyName: 'Lovelace' },
        externalId: 'ext-ada',
        preferredLanguage: 'en-GB',
        [ENTERPRISE]: { department: 'Engines' },
        [MANAGER]: { gender: 'F', academicTitle: 'Countess' },
        nickName: 'dropped',
      });
      expect(created).toMatchObject({ linked: true, version: 1 });
      expect(created.attributes).toEqual({
        userName: 'Ada.L',
        name: { givenName: 'Ada', familyName: 'Lovelace', formatted: 'Ada Lovelace' },
        displayName: 'Ada Lovelace',
        emails: [{ value: 'ada@example.com', type: 'work', primary: true }],
        active: true,
        externalId: 'ext-ada',
        preferredLanguage: 'en-GB',
        [ENTERPRISE]: { department: 'Engines' },
        [MANAGER]: { gender: 'female', academicTitle: 'Countess' },
      });
      expect(await findById(tenant, created.id)).toEqual(created);
    });

    it('replaces attributes, bumps the version and lastModified, and clears what is absent', async () => {
      const created = await create(tenant, 'grace', 'grace@example.com', { [ENTERPRISE]: { department: 'Navy' } });
      await sleep(5);
      const body = scimUser('Grace.H', 'grace.hopper@example.com', { name: { givenName: 'Grace' }, active: false });
      const replaced = await h.run((uow) => h.store.replace(tenant, created.id, body, uow));
      expect(replaced).toMatchObject({ id: created.id, version: 2, linked: true, created: created.created });
      expect(replaced!.lastModified.getTime()).toBeGreaterThan(created.lastModified.getTime());
      expect(replaced!.attributes).toEqual({
        userName: 'Grace.H',
        name: { givenName: 'Grace', formatted: 'Grace' },
        displayName: 'Grace',
        emails: [{ value: 'grace.hopper@example.com', type: 'work', primary: true }],
        active: false,
      });
      expect(await findById(tenant, created.id)).toEqual(replaced);
    });

    it('keeps the version when a replace changes nothing', async () => {
      const created = await create(tenant, 'same', 'same@example.com');
      const replaced = await h.run((uow) => h.store.replace(tenant, created.id, scimUser('same', 'same@example.com'), uow));
      expect(replaced).toEqual(created);
    });

    it('links a user that was created through the admin API', async () => {
      const manual = await createUser(ctx(), tenant, { email: 'manual@example.com' });
      const before = await findById(tenant, manual.id);
      expect(before).toMatchObject({ linked: false, attributes: { userName: 'manual@example.com' } });
      const body = scimUser('manual.user', 'manual@example.com', { externalId: 'ext-manual' });
      const linked = await h.run((uow) => h.store.replace(tenant, manual.id, body, uow));
      expect(linked).toMatchObject({ linked: true, version: before!.version + 1 });
      expect(linked!.attributes).toMatchObject({ userName: 'manual.user', externalId: 'ext-manual' });
    });

    it('answers null when replacing an absent user', async () => {
      const body = scimUser('ghost', 'ghost@example.com');
      expect(await h.run((uow) => h.store.replace(tenant, '00000000-0000-4000-8000-000000000000', body, uow))).toBeNull();
    });

    it('deletes the user and its memberships', async () => {
      const created = await create(tenant, 'leaving', 'leaving@example.com');
      const group = await createGroup(ctx(), tenant);
      await ctx().admin(ctx().http().post(`/api/customers/${tenant}/groups/${group.id}/members`)).send({ userIds: [created.id] }).expect(200);
      expect((await findById(tenant, created.id))!.attributes.groups).toEqual([
        { value: group.id, display: group.name, type: 'direct' },
      ]);
      expect(await membersOf(created.id)).toBe(1);
      expect(await h.run((uow) => h.store.delete(tenant, created.id, uow))).toBe(true);
      expect(await findById(tenant, created.id)).toBeNull();
      expect(await membersOf(created.id)).toBe(0);
      expect(await h.run((uow) => h.store.delete(tenant, created.id, uow))).toBe(false);
      await create(tenant, 'leaving', 'leaving@example.com');
    });

    it('rejects a body it cannot store with StoreValidationError', async () => {
      const body = scimUser('robot', 'robot@example.com', { [MANAGER]: { gender: 'robot' } });
      await expect(h.run((uow) => h.store.create(tenant, body, uow))).rejects.toBeInstanceOf(StoreValidationError);
    });
  });

  describe('tenant isolation', () => {
    it('treats another tenant’s user as absent', async () => {
      const mine = await create(tenant, 'isolated', 'isolated@example.com');
      expect(await findById(other, mine.id)).toBeNull();
      const body = scimUser('hijack', 'hijack@example.com');
      expect(await h.run((uow) => h.store.replace(other, mine.id, body, uow))).toBeNull();
      expect(await h.run((uow) => h.store.delete(other, mine.id, uow))).toBe(false);
      expect(await findById(tenant, mine.id)).toEqual(mine);
      const found = await h.run((uow) => h.store.findByIdentity(other, { userName: 'isolated', emails: ['isolated@example.com'] }, uow));
      expect(found).toEqual([]);
    });

    it('allows the same userName and email in another tenant; search stays in its tenant', async () => {
      await create(tenant, 'twin', 'twin@example.com');
      const theirs = await create(other, 'twin', 'twin@example.com');
      const page = await h.run((uow) => h.store.search(other, userQuery({ filter: 'userName eq "twin"' }), uow));
      expect(page).toEqual({ total: 1, items: [theirs] });
      const all = await h.run((uow) => h.store.search(other, userQuery({}), uow));
      expect(all).toEqual({ total: 1, items: [theirs] });
    });
  });

  describe('uniqueness (case-insensitive, Unicode)', () => {
    beforeAll(async () => {
      await create(tenant, 'Änne', 'änne@example.com');
    });

    it.each([
      ['userName', 'äNNE', 'anne.other@example.com'],
      ['emails', 'anne.other', 'ÄNNE@EXAMPLE.COM'],
    ])('create with a taken %s → StoreConflictError', async (attribute, userName, email) => {
      await expectConflict(create(tenant, userName, email), attribute);
    });

    it('replace onto a taken userName or email → StoreConflictError, nothing changed', async () => {
      const second = await create(tenant, 'bert', 'bert@example.com');
      await expectConflict(h.run((uow) => h.store.replace(tenant, second.id, scimUser('ÄNNE', 'bert@example.com'), uow)), 'userName');
      await expectConflict(h.run((uow) => h.store.replace(tenant, second.id, scimUser('bert', 'Änne@example.com'), uow)), 'emails');
      expect(await findById(tenant, second.id)).toEqual(second);
    });
  });

  describe('findByIdentity', () => {
    let linked: { id: string };
    let manual: { id: string };
    beforeAll(async () => {
      linked = await create(tenant, 'Jörg.K', 'joerg@example.com', { externalId: 'ext-jörg' });
      manual = await createUser(ctx(), tenant, { email: 'Imported@Example.com' });
    });
    const ids = async (userName: string, emails: string[], externalId?: string) =>
      (
        await h.run((uow) =>
          h.store.findByIdentity(tenant, { userName, emails, ...(externalId === undefined ? {} : { externalId }) }, uow),
        )
      ).map((record) => record.id);

    it('finds by userName, case-insensitively', async () => expect(await ids('JÖRG.k', ['x@example.com'])).toEqual([linked.id]));
    it('finds by any email, case-insensitively', async () =>
      expect(await ids('nobody', ['x@example.com', 'JOERG@example.COM'])).toEqual([linked.id]));
    it('finds by externalId (case-exact)', async () => {
      expect(await ids('nobody', ['x@example.com'], 'ext-jörg')).toEqual([linked.id]);
      expect(await ids('nobody', ['x@example.com'], 'EXT-JÖRG')).toEqual([]);
    });
    it('finds an unlinked user by its email as userName', async () =>
      expect(await ids('imported@example.com', [])).toEqual([manual.id]));
    it('returns every distinct match', async () =>
      expect(await ids('jörg.k', ['imported@example.com'])).toEqual([linked.id, manual.id]));
    it('returns nothing when nothing matches', async () => expect(await ids('nobody', ['nobody@example.com'], 'x')).toEqual([]));
  });
});
