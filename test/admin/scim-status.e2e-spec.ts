import { ProvisioningLogSink } from '../../apps/manager-api/src/scim-adapters/provisioning-log.sink';
import { randomUUID } from 'node:crypto';
import { ProvisioningEvent } from '../../apps/manager-api/src/scim-admin/provisioning-event.entity';
import { ScimConnection } from '../../apps/manager-api/src/scim-admin/scim-connection.entity';
import { HOUR, TestClock } from '../support/clock';
import { createCustomer, createGroup, createUser } from '../support/factories';
import { ENTERPRISE, MANAGER, scimTenant, ScimTenant, userBody } from '../support/scim';
import { startTestApp, TEST_PUBLIC_BASE_URL, TestApp } from '../support/test-app';
import { testEngines } from '../support/test-databases';

const UNKNOWN_CUSTOMER = '7b0d5e4e-8f0a-4c55-9a55-3f1e2f6c9d11';

const statusOf = async (t: TestApp, customerId: string) =>
  (await t.admin(t.http().get(`/api/customers/${customerId}/scim`)).expect(200)).body;
const hintCodes = async (t: TestApp, customerId: string): Promise<string[]> =>
  (await statusOf(t, customerId)).hints.map((h: { code: string }) => h.code);

/** A provisioning event written straight into the log, `minutesAgo` before now. */
async function seedEvent(t: TestApp, customerId: string, minutesAgo: number, overrides: Partial<ProvisioningEvent> = {}): Promise<void> {
  await t.dataSource.getRepository(ProvisioningEvent).insert({
    id: randomUUID(),
    customerId,
    connectionId: null,
    at: new Date(Date.now() - minutesAgo * 60_000),
    requestId: null,
    method: 'GET',
    resourceType: 'User',
    resourceId: null,
    action: 'lookup',
    changedAttributes: [],
    dialectRules: [],
    status: 200,
    scimType: null,
    durationMs: 1,
    ...overrides,
  });
}

// Not describeEachEngine: these suites move the app's clock.
for (const engine of testEngines()) {
  describe(`Admin API: SCIM status [${engine}]`, () => {
    const clock = new TestClock();
    let app: TestApp | undefined;
    beforeAll(async () => {
      app = await startTestApp(engine, {}, { clock });
    });
    afterAll(async () => {
      await app?.close();
    });
    const ctx = () => app!;

    it('answers enabled: false for a customer that never enabled SCIM, with its counts; 404, 400 and 401 otherwise', async () => {
      const t = ctx();
      const { id } = await createCustomer(t);
      await createUser(t, id);
      await createUser(t, id, { active: false });
      await createGroup(t, id);
      expect(await statusOf(t, id)).toEqual({
        enabled: false,
        provider: null,
        profile: null,
        idpTenantId: null,
        baseUrl: `${TEST_PUBLIC_BASE_URL}/scim/v2`,
        tokenPrefix: null,
        tokenCreatedAt: null,
        tokenLastUsedAt: null,
        lastRequestAt: null,
        users: { total: 2, active: 1, inactive: 1 },
        groups: 1,
        errorsLast24h: 0,
        hints: [],
      });
      await t.admin(t.http().get(`/api/customers/${UNKNOWN_CUSTOMER}/scim`)).expect(404);
      await t.admin(t.http().get('/api/customers/not-a-uuid/scim')).expect(400);
      await t.http().get(`/api/customers/${id}/scim`).expect(401);
    });

    it('reflects real SCIM traffic: token, last use, counts and errors', async () => {
      const t = ctx();
      const { id: customerId } = await createCustomer(t);
      await createUser(t, customerId);
      const enabledAt = Date.now();
      const scim = await scimTenant(t, 'entra', customerId);
      expect(await hintCodes(t, customerId)).toEqual(['NEVER_USED']);

      const created = [];
      for (let i = 0; i < 3; i++) created.push((await scim.post('/Users', userBody()).expect(201)).body.id as string);
      await scim.patch(`/Users/${created[0]}`, [{ op: 'replace', path: 'active', value: false }]).expect(200);
      await scim.post('/Groups', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'Sales' }).expect(201);
      const duplicate = userBody();
      await scim.post('/Users', duplicate).expect(201);
      await scim.post('/Users', { ...duplicate, externalId: 'another-person' }).expect(409);

      const status = await statusOf(t, customerId);
      expect(status).toMatchObject({
        enabled: true,
        provider: 'entra',
        profile: 'entra',
        idpTenantId: null,
        baseUrl: `${TEST_PUBLIC_BASE_URL}/scim/v2`,
        users: { total: 5, active: 4, inactive: 1 },
        groups: 1,
        errorsLast24h: 1,
        hints: [],
      });
      expect(scim.token.startsWith(status.tokenPrefix)).toBe(true);
      expect(status.tokenPrefix.length).toBeGreaterThanOrEqual(8);
      expect(status.tokenPrefix.length).toBeLessThan(scim.token.length / 2);
      for (const field of ['tokenCreatedAt', 'tokenLastUsedAt', 'lastRequestAt']) {
        expect(Date.parse(status[field])).toBeGreaterThanOrEqual(enabledAt - 1000);
      }
      expect(JSON.stringify(status)).not.toContain(scim.token.slice(status.tokenPrefix.length));
    });

    it('shows the stored profile and the newest token after a rotation', async () => {
      const t = ctx();
      const scim = await scimTenant(t, 'okta', undefined, 'strict');
      const rotated = await t.admin(t.http().post(`/api/customers/${scim.customerId}/scim/token`)).send({}).expect(201);
      const status = await statusOf(t, scim.customerId);
      expect(status).toMatchObject({ provider: 'okta', profile: 'strict' });
      expect(rotated.body.token.startsWith(status.tokenPrefix)).toBe(true);
      expect(scim.token.startsWith(status.tokenPrefix)).toBe(false);
    });

    describe('hints from replayed traffic', () => {
      it('TOKEN_MISMATCH after three requests with a revoked token, gone after a good one', async () => {
        const t = ctx();
        const scim = await scimTenant(t);
        await scim.get('/Users?count=1').expect(200);
        const base = `/api/customers/${scim.customerId}/scim`;
        const fresh = (await t.admin(t.http().post(`${base}/token`)).send({}).expect(201)).body.token as string;
        await t.admin(t.http().delete(`${base}/token/previous`)).expect(204);
        for (let i = 0; i < 3; i++) await scim.get('/Users?count=1').expect(401);
        const status = await statusOf(t, scim.customerId);
        expect(status.hints.map((h: { code: string }) => h.code)).toEqual(['TOKEN_MISMATCH']);
        expect(status.hints[0]).toMatchObject({ severity: 'error', message: expect.stringMatching(/^3 SCIM requests .*401/) });
        expect(status.errorsLast24h).toBe(3);

        await t.http().get('/scim/v2/Users?count=1').set('Authorization', `Bearer ${fresh}`).expect(200);
        expect(await hintCodes(t, scim.customerId)).toEqual([]);
      });

      it('SOURCE_IP_REFUSED when requests come from outside the allowlist', async () => {
        const t = ctx();
        const scim = await scimTenant(t);
        await t.admin(t.http().patch(`/api/customers/${scim.customerId}/scim`)).send({ allowedSourceIps: ['192.0.2.0/24'] }).expect(204);
        await scim.get('/Users?count=1').expect(403);
        const [hint] = (await statusOf(t, scim.customerId)).hints;
        expect(hint).toMatchObject({ code: 'SOURCE_IP_REFUSED', severity: 'error', message: expect.stringMatching(/^1 SCIM request in the last hour/) });
      });

      it('OLD_TOKEN_IN_USE while the IdP keeps using the previous token in its grace period', async () => {
        const t = ctx();
        const scim = await scimTenant(t);
        await t.admin(t.http().post(`/api/customers/${scim.customerId}/scim/token`)).send({}).expect(201);
        await scim.get('/Users?count=1').expect(200);
        const [hint] = (await statusOf(t, scim.customerId)).hints;
        expect(hint).toMatchObject({ code: 'OLD_TOKEN_IN_USE', severity: 'warning', message: expect.stringContaining(scim.token.slice(0, 8)) });
      });

      it('EMAIL_MAPPING_MISSING after creates without email and with a userName that is not one', async () => {
        const t = ctx();
        const scim = await scimTenant(t);
        for (let i = 0; i < 3; i++) {
          await scim.post('/Users', userBody({ userName: `jdoe${i}`, emails: undefined })).expect(400);
        }
        const status = await statusOf(t, scim.customerId);
        expect(status.hints.map((h: { code: string }) => h.code)).toEqual(['EMAIL_MAPPING_MISSING']);
        expect(status.hints[0].message).toMatch(/likely/);
        await scim.post('/Users', userBody()).expect(201);
        expect(await hintCodes(t, scim.customerId)).toEqual(['EMAIL_MAPPING_MISSING']);
      });

      it('STRING_BOOLEANS after Entra sends "False" as a string', async () => {
        const t = ctx();
        const scim = await scimTenant(t);
        const { id } = (await scim.post('/Users', userBody()).expect(201)).body;
        await scim.patch(`/Users/${id}`, [{ op: 'Replace', path: 'active', value: 'False' }]).expect(200);
        const [hint] = (await statusOf(t, scim.customerId)).hints;
        expect(hint).toMatchObject({ code: 'STRING_BOOLEANS', message: expect.stringContaining(`${TEST_PUBLIC_BASE_URL}/scim/v2?aadOptscim062020`) });
      });

      it('IDP_MISMATCH when Okta user ids arrive on an Entra connection', async () => {
        const t = ctx();
        const scim = await scimTenant(t);
        await scim.post('/Users', userBody({ externalId: '00ujl29u0le5T6Aj10h7' })).expect(201);
        const [hint] = (await statusOf(t, scim.customerId)).hints;
        expect(hint).toMatchObject({ code: 'IDP_MISMATCH', message: expect.stringMatching(/look like Okta/) });
      });

      it("IDP_MISMATCH when an Okta connection's requests need Entra-only dialect rules", async () => {
        const t = ctx();
        const scim = await scimTenant(t, 'okta', undefined, 'entra');
        const { id } = (await scim.post('/Users', userBody()).expect(201)).body;
        await scim.patch(`/Users/${id}`, [{ op: 'Replace', path: 'displayName', value: 'X' }]).expect(200);
        const [hint] = (await statusOf(t, scim.customerId)).hints;
        expect(hint).toMatchObject({ code: 'IDP_MISMATCH', message: expect.stringContaining('op-case') });
      });

      it('NO_RECENT_REQUESTS once 48 hours pass without a request', async () => {
        const t = ctx();
        const scim = await scimTenant(t);
        await scim.get('/Users?count=1').expect(200);
        await statusOf(t, scim.customerId);
        clock.advance(49 * HOUR);
        try {
          const [hint] = (await statusOf(t, scim.customerId)).hints;
          expect(hint).toMatchObject({ code: 'NO_RECENT_REQUESTS', severity: 'warning', message: expect.stringMatching(/^No SCIM request for 4[89] hours/) });
        } finally {
          clock.advance(-49 * HOUR);
        }
      });
    });

    describe('hints from seeded log rows', () => {
      const enabled = async (t: TestApp): Promise<ScimTenant> => scimTenant(t);

      it.each<[string, string[], Partial<ProvisioningEvent>[], number]>([
        ['3 x 401 in the last hour', ['TOKEN_MISMATCH'], [401, 401, 401].map((status) => ({ status, resourceType: null, action: null })), 10],
        ['401s older than an hour', [], [401, 401, 401].map((status) => ({ status, resourceType: null, action: null })), 61],
        ['a 403 of the allowlist', ['SOURCE_IP_REFUSED'], [{ status: 403, resourceType: null, action: null }], 5],
        ['3 invalid user creates', ['EMAIL_MAPPING_MISSING'], Array(3).fill({ method: 'POST', status: 400, scimType: 'invalidValue', action: null }), 60],
        ['invalid group creates', [], Array(3).fill({ method: 'POST', resourceType: 'Group', status: 400, scimType: 'invalidValue', action: null }), 60],
        ['a string boolean 6 days ago', ['STRING_BOOLEANS', 'NO_RECENT_REQUESTS'], [{ method: 'PATCH', action: 'update', dialectRules: ['op-case', 'string-boolean'] }], 6 * 24 * 60],
        ['a string boolean 8 days ago', ['NO_RECENT_REQUESTS'], [{ method: 'PATCH', action: 'update', dialectRules: ['string-boolean'] }], 8 * 24 * 60],
        ['an Okta-only rule', ['IDP_MISMATCH'], [{ method: 'PATCH', resourceType: 'Group', action: 'update', dialectRules: ['id-in-value'] }], 30],
        ['a rule both IdPs need', [], [{ method: 'POST', action: 'create', status: 201, dialectRules: ['missing-schemas'] }], 30],
        ['the last event 49 hours ago', ['NO_RECENT_REQUESTS'], [{}], 49 * 60],
      ])('%s → %j', async (_case, expected, events, minutesAgo) => {
        const t = ctx();
        const { customerId } = await enabled(t);
        for (const event of events) await seedEvent(t, customerId, minutesAgo, event);
        expect(await hintCodes(t, customerId)).toEqual(expected);
      });

      it('says nothing for a disabled connection', async () => {
        const t = ctx();
        const { customerId } = await enabled(t);
        for (let i = 0; i < 3; i++) await seedEvent(t, customerId, 1, { status: 401, resourceType: null, action: null });
        await t.admin(t.http().delete(`/api/customers/${customerId}/scim`)).expect(204);
        const status = await statusOf(t, customerId);
        expect(status).toMatchObject({ enabled: false, provider: 'entra', tokenPrefix: null, errorsLast24h: 3, hints: [] });
      });

      it('keeps the connection lastRequestAt when the log has nothing newer', async () => {
        const t = ctx();
        const { customerId } = await enabled(t);
        const at = new Date(Date.now() - 3 * HOUR);
        await t.dataSource.getRepository(ScimConnection).update({ customerId }, { lastRequestAt: at });
        const status = await statusOf(t, customerId);
        expect(status.lastRequestAt).toBe(at.toISOString());
        expect(status.hints).toEqual([]);
      });
    });

    it('keeps no attribute values, bodies or tokens in the provisioning log', async () => {
      const t = ctx();
      const scim = await scimTenant(t);
      const secret = 'Zyxwvutsr';
      const { id } = (
        await scim
          .post(
            '/Users',
            userBody({
              userName: `${secret}.user@contoso.example`,
              emails: [{ primary: true, type: 'work', value: `${secret}.mail@contoso.example` }],
              name: { givenName: `${secret}Given`, familyName: `${secret}Family` },
              [ENTERPRISE]: { department: `${secret}Dept` },
              [MANAGER]: { gender: 'female', academicTitle: `${secret}Title` },
            }),
          )
          .expect(201)
      ).body;
      await scim.patch(`/Users/${id}`, [{ op: 'replace', path: 'name.givenName', value: `${secret}Other` }]).expect(200);
      await scim.get(`/Users?filter=userName eq "${secret}.user@contoso.example"`).expect(200);
      await scim.post('/Users', userBody({ userName: `${secret}.user@contoso.example`, externalId: `${secret}Ext` })).expect(409);
      await scim.post('/Groups', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: `${secret}Group`, members: [{ value: id }] }).expect(201);

      await t.app.get(ProvisioningLogSink, { strict: false }).flush();
      const rows = await t.dataSource
        .createQueryBuilder()
        .select('*')
        .from('provisioning_events', 'e')
        .where('e.customer_id = :customerId', { customerId: scim.customerId })
        .getRawMany();
      expect(rows.length).toBe(5);
      const stored = JSON.stringify(rows);
      expect(stored.toLowerCase()).not.toContain(secret.toLowerCase());
      expect(stored).not.toContain('female');
      expect(stored).not.toContain(scim.token);
      const events = (await t.admin(t.http().get(`/api/customers/${scim.customerId}/scim/events`)).expect(200)).body.items;
      expect(events.map((e: { action: string | null; status: number }) => [e.action, e.status])).toEqual([
        ['create', 201],
        [null, 409],
        ['lookup', 200],
        ['update', 200],
        ['create', 201],
      ]);
      expect(events[3].changedAttributes).toContain('name');
    });
  });
}
