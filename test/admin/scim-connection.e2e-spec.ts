import { hashScimToken } from '@app/scim/auth/scim-token';
import { ScimEvent } from '@app/scim/ports/event-sink';
import { tenantId } from '@app/scim/ports/tenant';
import { createHash } from 'node:crypto';
import { Customer } from '../../apps/manager-api/src/customers/customer.entity';
import { ProvisioningEvent } from '../../apps/manager-api/src/scim-admin/provisioning-event.entity';
import { ScimConnection } from '../../apps/manager-api/src/scim-admin/scim-connection.entity';
import { ScimToken } from '../../apps/manager-api/src/scim-admin/scim-token.entity';
import { ProvisioningLogSink } from '../../apps/manager-api/src/scim-adapters/provisioning-log.sink';
import { TypeOrmCredentialStore } from '../../apps/manager-api/src/scim-adapters/typeorm-credential.store';
import { managerOf, TypeOrmTransactionRunner } from '../../apps/manager-api/src/scim-adapters/typeorm-transaction.runner';
import { createCustomer } from '../support/factories';
import { fixture } from '../support/import-files';
import { describeEachEngine, TEST_PUBLIC_BASE_URL, TestApp } from '../support/test-app';

const TOKEN = /^scim_[A-Za-z0-9_-]{43}$/;
const UNKNOWN_CUSTOMER = '7b0d5e4e-8f0a-4c55-9a55-3f1e2f6c9d11';

const enable = (t: TestApp, customerId: string, body: object = { provider: 'entra' }) =>
  t.admin(t.http().put(`/api/customers/${customerId}/scim`)).send(body);

async function enabledCustomer(t: TestApp): Promise<{ customerId: string; token: string }> {
  const { id: customerId } = await createCustomer(t);
  const res = await enable(t, customerId).expect(201);
  return { customerId, token: res.body.token as string };
}

const connectionOf = (t: TestApp, customerId: string) => t.dataSource.getRepository(ScimConnection).findOneByOrFail({ customerId });

describeEachEngine('Admin API: SCIM connections', (ctx) => {
  it('enables SCIM: 201 with the base URL and a token shown once, stored only as its SHA-256', async () => {
    const t = ctx();
    const { id: customerId } = await createCustomer(t);
    const res = await enable(t, customerId).expect(201);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(Object.keys(res.body).sort()).toEqual(['baseUrl', 'token']);
    expect(res.body.baseUrl).toBe(`${TEST_PUBLIC_BASE_URL}/scim/v2`);
    const token = res.body.token as string;
    expect(token).toMatch(TOKEN);
    const customer = await t.admin(t.http().get(`/api/customers/${customerId}`)).expect(200);
    expect(customer.body.scimEnabled).toBe(true);

    const connection = await connectionOf(t, customerId);
    expect(connection).toMatchObject({ provider: 'entra', enabled: true, idpTenantId: null, lastRequestAt: null });
    const tokens = await t.dataSource.getRepository(ScimToken).findBy({ connectionId: connection.id });
    expect(tokens).toHaveLength(1);
    expect(tokens[0]).toMatchObject({ prefix: token.slice(0, 11), revokedAt: null, expiresAt: null, lastUsedAt: null });
    expect(tokens[0]!.tokenHash).toBe(createHash('sha256').update(token).digest('hex'));
    const stored = JSON.stringify([
      ...(await t.dataSource.query('SELECT * FROM scim_tokens')),
      ...(await t.dataSource.query('SELECT * FROM scim_connections')),
    ]);
    expect(stored).not.toContain(token);
    expect(stored).not.toContain(token.slice(5));
  });

  it('answers 409 when SCIM is already enabled, asking to rotate instead', async () => {
    const t = ctx();
    const { customerId } = await enabledCustomer(t);
    const again = await enable(t, customerId, { provider: 'okta' }).expect(409);
    expect(again.body).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/rotate/) });
    expect(await t.dataSource.getRepository(ScimToken).countBy({ connectionId: (await connectionOf(t, customerId)).id })).toBe(1);
  });

  it('answers 400 naming the field for an unknown or missing provider', async () => {
    const t = ctx();
    const { id: customerId } = await createCustomer(t);
    for (const body of [{ provider: 'onelogin' }, {}, { provider: 'ENTRA' }]) {
      const res = await enable(t, customerId, body).expect(400);
      expect(res.body.fields.map((f: { field: string }) => f.field)).toEqual(['provider']);
    }
    const none = await t.admin(t.http().put(`/api/customers/${customerId}/scim`)).expect(400);
    expect(none.body.fields.map((f: { field: string }) => f.field)).toEqual(['provider']);
    const extra = await enable(t, customerId, { provider: 'okta', token: 'mine' }).expect(400);
    expect(extra.body.fields.map((f: { field: string }) => f.field)).toEqual(['token']);
    const customer = await t.admin(t.http().get(`/api/customers/${customerId}`)).expect(200);
    expect(customer.body.scimEnabled).toBe(false);
  });

  it('answers 404 for an unknown customer, 400 for a malformed id and 401 without an admin token', async () => {
    const t = ctx();
    await enable(t, UNKNOWN_CUSTOMER).expect(404);
    await enable(t, 'not-a-uuid').expect(400);
    const { id: customerId } = await createCustomer(t);
    await t.http().put(`/api/customers/${customerId}/scim`).send({ provider: 'entra' }).expect(401);
    expect(await t.dataSource.getRepository(ScimConnection).countBy({ customerId })).toBe(0);
  });

  it('lets exactly one of two concurrent enables win', async () => {
    const t = ctx();
    const { id: customerId } = await createCustomer(t);
    const results = await Promise.all([enable(t, customerId), enable(t, customerId, { provider: 'okta' })]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(await t.dataSource.getRepository(ScimConnection).countBy({ customerId })).toBe(1);
    expect(await t.dataSource.getRepository(ScimToken).countBy({ connectionId: (await connectionOf(t, customerId)).id })).toBe(1);
  });

  it('refuses an import while SCIM manages the customer', async () => {
    const t = ctx();
    const { customerId } = await enabledCustomer(t);
    const res = await t
      .admin(t.http().post(`/api/customers/${customerId}/imports`))
      .attach('file', fixture('users.csv'), 'users.csv')
      .expect(409);
    expect(res.body.code).toBe('SCIM_MANAGED');
  });

  it('re-enables a disabled connection with a new token and revokes the old one', async () => {
    const t = ctx();
    const { customerId, token: old } = await enabledCustomer(t);
    const before = await connectionOf(t, customerId);
    await t.dataSource.getRepository(ScimConnection).update({ id: before.id }, { enabled: false, idpTenantId: 'entra-tenant' });
    await t.dataSource.getRepository(Customer).update({ id: customerId }, { scimEnabled: false });
    const res = await enable(t, customerId, { provider: 'okta' }).expect(201);
    expect(res.body.token).not.toBe(old);
    expect(await connectionOf(t, customerId)).toMatchObject({ id: before.id, provider: 'okta', enabled: true, idpTenantId: null });
    const credentials = t.app.get(TypeOrmCredentialStore, { strict: false });
    expect(await credentials.findByTokenHash(hashScimToken(old))).toBeNull();
    expect(await credentials.findByTokenHash(hashScimToken(res.body.token))).toMatchObject({ provider: 'okta' });
  });

  describe(TypeOrmCredentialStore.name, () => {
    const tokens = (t: TestApp) => t.dataSource.getRepository(ScimToken);

    it('resolves an active token to its customer and connection', async () => {
      const t = ctx();
      const { customerId, token } = await enabledCustomer(t);
      const context = await t.app.get(TypeOrmCredentialStore, { strict: false }).findByTokenHash(hashScimToken(token));
      expect(context).toEqual({ tenant: customerId, connectionId: (await connectionOf(t, customerId)).id, provider: 'entra', profile: null, allowedSourceIps: [] });
    });

    it('returns null for unknown, malformed, revoked and expired tokens and for a disabled connection', async () => {
      const t = ctx();
      const store = t.app.get(TypeOrmCredentialStore, { strict: false });
      const { customerId, token } = await enabledCustomer(t);
      const hash = hashScimToken(token);
      expect(await store.findByTokenHash(hashScimToken(`${token}x`))).toBeNull();
      expect(await store.findByTokenHash(hash.toUpperCase())).toBeNull();
      expect(await store.findByTokenHash(token)).toBeNull();

      await tokens(t).update({ tokenHash: hash }, { expiresAt: new Date(Date.now() - 1000) });
      expect(await store.findByTokenHash(hash)).toBeNull();
      await tokens(t).update({ tokenHash: hash }, { expiresAt: new Date(Date.now() + 60_000) });
      expect(await store.findByTokenHash(hash)).not.toBeNull();

      await t.dataSource.getRepository(ScimConnection).update({ customerId }, { enabled: false });
      expect(await store.findByTokenHash(hash)).toBeNull();
      await t.dataSource.getRepository(ScimConnection).update({ customerId }, { enabled: true });
      expect(await store.findByTokenHash(hash)).not.toBeNull();

      await tokens(t).update({ tokenHash: hash }, { revokedAt: new Date() });
      expect(await store.findByTokenHash(hash)).toBeNull();
    });
  });

  describe(ProvisioningLogSink.name, () => {
    const eventOf = (customerId: string, overrides: Partial<ScimEvent> = {}): ScimEvent => ({
      at: new Date('2025-11-29T10:11:12.345Z'),
      tenant: tenantId(customerId),
      connectionId: '3f2b8c1e-5d4a-4e7f-9a1b-2c3d4e5f6a7b',
      requestId: 'req-1',
      method: 'PATCH',
      resourceType: 'User',
      resourceId: 'a1b2c3d4-0000-4000-8000-000000000001',
      action: 'update',
      changedAttributes: ['name.givenName', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department'],
      dialectRules: ['op-case'],
      status: 200,
      durationMs: 12,
      ...overrides,
    });
    const rowsOf = (t: TestApp, customerId: string) =>
      t.dataSource.getRepository(ProvisioningEvent).find({ where: { customerId }, order: { at: 'ASC', status: 'ASC' } });

    it('records an event that reads back as written, with attribute names and no value columns', async () => {
      const t = ctx();
      const { id: customerId } = await createCustomer(t);
      const event = eventOf(customerId, { changedAttributes: ['active', 'emails', 'jane@example.com', 'Jane Doe', 'active'] });
      const sink = new ProvisioningLogSink(t.dataSource);
      await sink.record(event);
      await sink.flush();
      const [row, ...more] = await rowsOf(t, customerId);
      expect(more).toEqual([]);
      expect(row).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        customerId,
        connectionId: event.connectionId,
        at: event.at,
        requestId: 'req-1',
        method: 'PATCH',
        resourceType: 'User',
        resourceId: event.resourceId,
        action: 'update',
        changedAttributes: ['active', 'emails'],
        dialectRules: ['op-case'],
        status: 200,
        scimType: null,
        durationMs: 12,
      });
      const raw = await t.dataSource
        .createQueryBuilder()
        .select('*')
        .from('provisioning_events', 'e')
        .where('e.customer_id = :customerId', { customerId })
        .getRawOne<Record<string, unknown>>();
      expect(Object.keys(raw ?? {}).sort()).toEqual([
        'action',
        'at',
        'changed_attributes',
        'connection_id',
        'customer_id',
        'dialect_rules',
        'duration_ms',
        'id',
        'method',
        'request_id',
        'resource_id',
        'resource_type',
        'scim_type',
        'status',
      ]);
      expect(JSON.stringify(raw)).not.toContain('jane');
    });

    it('writes through the unit of work: kept on commit, gone on rollback', async () => {
      const t = ctx();
      const { id: customerId } = await createCustomer(t);
      const sink = new ProvisioningLogSink(t.dataSource);
      const runner = new TypeOrmTransactionRunner(t.dataSource);
      await runner.run((uow) => sink.record(eventOf(customerId, { action: 'create', status: 201 }), uow));
      await expect(
        runner.run(async (uow) => {
          await sink.record(eventOf(customerId, { action: 'delete', status: 204 }), uow);
          throw new Error('rolled back');
        }),
      ).rejects.toThrow('rolled back');
      await sink.record(eventOf(customerId, { action: null, status: 409, scimType: 'uniqueness', resourceId: undefined }));
      await sink.flush();
      expect((await rowsOf(t, customerId)).map((r) => [r.action, r.status, r.scimType])).toEqual([
        ['create', 201, null],
        [null, 409, 'uniqueness'],
      ]);
    });
  });

  describe(TypeOrmTransactionRunner.name, () => {
    it('runs concurrent units of work to completion, each committed', async () => {
      const t = ctx();
      const { id: customerId } = await createCustomer(t);
      const sink = new ProvisioningLogSink(t.dataSource);
      const runner = new TypeOrmTransactionRunner(t.dataSource);
      const event: ScimEvent = {
        at: new Date(),
        tenant: tenantId(customerId),
        connectionId: customerId,
        method: 'POST',
        resourceType: 'User',
        action: 'create',
        changedAttributes: [],
        dialectRules: [],
        status: 201,
        durationMs: 1,
      };
      const work = (i: number) =>
        runner.run(async (uow) => {
          await sink.record({ ...event, requestId: `r${i}` }, uow);
          await sink.record({ ...event, requestId: `s${i}` });
        });
      await Promise.all(Array.from({ length: 8 }, (_, i) => work(i)));
      await sink.flush();
      expect(await t.dataSource.getRepository(ProvisioningEvent).countBy({ customerId })).toBe(16);
    });

    it('hands its EntityManager only to its own, open units of work', async () => {
      const t = ctx();
      const runner = new TypeOrmTransactionRunner(t.dataSource);
      let leaked: Parameters<typeof managerOf>[0] | undefined;
      await runner.run(async (uow) => {
        expect(managerOf(uow)).toBeDefined();
        leaked = uow;
      });
      expect(() => managerOf(leaked!)).toThrow(/unit of work/);
      expect(() => managerOf({ __unitOfWork: true })).toThrow(/unit of work/);
    });
  });
});
