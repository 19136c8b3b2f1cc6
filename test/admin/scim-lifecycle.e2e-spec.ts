import { ProvisioningLogSink } from '../../apps/manager-api/src/scim-adapters/provisioning-log.sink';
import { generateKeyPair } from 'jose';
import { TestClock, DAY, HOUR } from '../support/clock';
import { FakeEntra } from '../support/entra-jwt';
import { createCustomer, createUser } from '../support/factories';
import { expectScimError, scimTenant, userBody } from '../support/scim';
import { startTestApp, TestApp } from '../support/test-app';
import { testEngines } from '../support/test-databases';

const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const ENTRA_TENANT = '11111111-2222-4333-8444-555555555555';
const OTHER_TENANT = '99999999-2222-4333-8444-555555555555';

/** Every SCIM route, with ids of resources owned by the customer under test. */
function scimRoutes(ids: { user: string; group: string }) {
  const patch = { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'active', value: true }] };
  return [
    ['GET', '/Users', undefined],
    ['POST', '/Users', userBody()],
    ['POST', '/Users/.search', { filter: 'userName pr' }],
    ['GET', `/Users/${ids.user}`, undefined],
    ['PUT', `/Users/${ids.user}`, userBody({ userName: 'put@example.com' })],
    ['PATCH', `/Users/${ids.user}`, patch],
    ['GET', '/Groups', undefined],
    ['POST', '/Groups', { schemas: [GROUP], displayName: `G ${Math.random()}` }],
    ['POST', '/Groups/.search', { filter: 'displayName pr' }],
    ['GET', `/Groups/${ids.group}`, undefined],
    ['PUT', `/Groups/${ids.group}`, { schemas: [GROUP], displayName: 'Renamed' }],
    ['PATCH', `/Groups/${ids.group}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'displayName', value: 'R2' }] }],
    ['GET', '/ServiceProviderConfig', undefined],
    ['GET', '/ResourceTypes', undefined],
    ['GET', '/ResourceTypes/User', undefined],
    ['GET', '/Schemas', undefined],
    ['GET', '/Schemas/urn:ietf:params:scim:schemas:core:2.0:User', undefined],
    ['DELETE', `/Groups/${ids.group}`, undefined],
    ['DELETE', `/Users/${ids.user}`, undefined],
  ] as const;
}

describe.each(testEngines())('SCIM administration and authentication [%s]', (engine) => {
  let t: TestApp;
  let entra: FakeEntra;
  const clock = new TestClock();

  beforeAll(async () => {
    entra = await FakeEntra.start();
    t = await startTestApp(engine, { scim: { tokenGraceHours: 72, entraJwksUrl: entra.jwksUrl } }, { clock });
  });
  afterAll(async () => {
    await t.close();
    await entra.stop();
  });

  const send = (method: string, path: string, body: unknown, authorization?: string) => {
    const req = t.http()[method.toLowerCase() as 'get'](`/scim/v2${path}`).set('Content-Type', 'application/scim+json');
    if (authorization !== undefined) req.set('Authorization', authorization);
    return body === undefined ? req : req.send(JSON.stringify(body));
  };

  /** A customer with SCIM on, one user and one group, and its token. */
  async function tenantWithResources(profile?: 'strict') {
    const scim = await scimTenant(t, 'entra', undefined, profile);
    const user = (await scim.post('/Users', userBody()).expect(201)).body.id as string;
    const group = (await scim.post('/Groups', { schemas: [GROUP], displayName: `Group ${Math.random()}` }).expect(201)).body.id as string;
    return { scim, ids: { user, group } };
  }

  async function expectEveryRoute(authorization: string | undefined, status: number, ids: { user: string; group: string }) {
    for (const [method, path, body] of scimRoutes(ids)) {
      const res = await send(method, path, body, authorization);
      expect({ method, path, status: res.status }).toEqual({ method, path, status });
      expectScimError(res, status);
      if (status === 401) expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
    }
  }

  async function expectEveryRouteWorks(authorization: string, ids: { user: string; group: string }) {
    for (const [method, path, body] of scimRoutes(ids)) {
      const res = await send(method, path, body, authorization);
      expect({ method, path, ok: res.status < 300 }).toEqual({ method, path, ok: true });
    }
  }

  it('refuses a missing or malformed Authorization on every route with 401', async () => {
    const { ids } = await tenantWithResources();
    await expectEveryRoute(undefined, 401, ids);
    await expectEveryRoute('Bearer', 401, ids);
    await expectEveryRoute('Bearer scim_not-a-real-token', 401, ids);
    await expectEveryRoute('Basic dXNlcjpwYXNz', 401, ids);
  });

  it("treats another customer's resources as nonexistent for a valid token", async () => {
    const { ids } = await tenantWithResources();
    const other = await scimTenant(t);
    for (const [method, path, body] of scimRoutes(ids)) {
      const res = await send(method, path, body, `Bearer ${other.token}`);
      if (path.includes(ids.user) || path.includes(ids.group)) expectScimError(res, 404);
      else expect(res.status).toBeLessThan(300);
    }
    const list = await other.get(`/Users?filter=id eq "${ids.user}"`).expect(200);
    expect(list.body.totalResults).toBe(0);
  });

  it('rotates: the previous token works during the grace period, not after; the new one always', async () => {
    const { scim, ids } = await tenantWithResources();
    const rotated = await t.admin(t.http().post(`/api/customers/${scim.customerId}/scim/token`)).send({}).expect(201);
    expect(rotated.headers['cache-control']).toBe('no-store');
    const graceEnd = Date.parse(rotated.body.previousTokenValidUntil);
    expect(graceEnd - clock.now().getTime()).toBeGreaterThan(71 * HOUR);
    await scim.get(`/Users/${ids.user}`).expect(200);
    clock.advance(71 * HOUR);
    await scim.get(`/Users/${ids.user}`).expect(200);
    clock.advance(2 * HOUR);
    await expectEveryRoute(`Bearer ${scim.token}`, 401, ids);
    await expectEveryRouteWorks(`Bearer ${rotated.body.token}`, ids);
  });

  it('ends the grace at once on request, and stops an older token at the next rotation', async () => {
    const { scim, ids } = await tenantWithResources();
    const base = `/api/customers/${scim.customerId}/scim`;
    const second = (await t.admin(t.http().post(`${base}/token`)).send({}).expect(201)).body.token as string;
    const third = (await t.admin(t.http().post(`${base}/token`)).send({}).expect(201)).body.token as string;
    expectScimError(await send('GET', `/Users/${ids.user}`, undefined, `Bearer ${scim.token}`), 401);
    await send('GET', `/Users/${ids.user}`, undefined, `Bearer ${second}`).expect(200);
    await t.admin(t.http().delete(`${base}/token/previous`)).expect(204);
    await expectEveryRoute(`Bearer ${second}`, 401, ids);
    await send('GET', `/Users/${ids.user}`, undefined, `Bearer ${third}`).expect(200);
  });

  it('lets an expiring token work until its expiry', async () => {
    const { scim, ids } = await tenantWithResources();
    const expiring = await t.admin(t.http().post(`/api/customers/${scim.customerId}/scim/token`)).send({ tokenExpiresInDays: 1 }).expect(201);
    await t.admin(t.http().delete(`/api/customers/${scim.customerId}/scim/token/previous`)).expect(204);
    await send('GET', `/Users/${ids.user}`, undefined, `Bearer ${expiring.body.token}`).expect(200);
    clock.advance(DAY + HOUR);
    await expectEveryRoute(`Bearer ${expiring.body.token}`, 401, ids);
  });

  it('disables: every token stops at once, users stay and are manageable by hand again; re-enable works', async () => {
    const { scim, ids } = await tenantWithResources();
    const base = `/api/customers/${scim.customerId}`;
    await t.admin(t.http().post(`${base}/users`)).send({ email: 'manual@example.com', firstName: 'M', lastName: 'M' }).expect(409);
    await t.admin(t.http().delete(`${base}/scim`)).expect(204);
    await expectEveryRoute(`Bearer ${scim.token}`, 401, ids);
    const customer = await t.admin(t.http().get(base)).expect(200);
    expect(customer.body.scimEnabled).toBe(false);
    const user = await t.admin(t.http().get(`${base}/users/${ids.user}`)).expect(200);
    expect(user.body.source).toBe('scim');
    await t.admin(t.http().patch(`${base}/users/${ids.user}`)).send({ firstName: 'ByHand' }).expect(200);
    await createUser(t, scim.customerId);
    await t.admin(t.http().delete(`${base}/scim`)).expect(409);
    const again = await t.admin(t.http().put(`${base}/scim`)).send({ provider: 'okta' }).expect(201);
    await t.http().get(`/scim/v2/Users/${ids.user}`).set('Authorization', `Bearer ${again.body.token}`).expect(200);
  });

  it('accepts requests only from allowed source addresses when an allowlist is set', async () => {
    const { scim, ids } = await tenantWithResources();
    const base = `/api/customers/${scim.customerId}/scim`;
    await t.admin(t.http().patch(base)).send({ allowedSourceIps: ['10.0.0.0/8', '2001:db8::/32'] }).expect(204);
    await expectEveryRoute(`Bearer ${scim.token}`, 403, ids);
    await t.admin(t.http().patch(base)).send({ allowedSourceIps: ['127.0.0.0/8', '::1/128'] }).expect(204);
    await scim.get(`/Users/${ids.user}`).expect(200);
    const bad = await t.admin(t.http().patch(base)).send({ allowedSourceIps: ['10.0.0.0/33'] }).expect(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field)).toEqual(['allowedSourceIps']);
  });

  it('accepts an Entra-issued JWT only for the connection bound to its tenant', async () => {
    const { scim, ids } = await tenantWithResources();
    const good = await entra.token(ENTRA_TENANT);
    await expectEveryRoute(`Bearer ${good}`, 401, ids);
    await t.admin(t.http().patch(`/api/customers/${scim.customerId}/scim`)).send({ idpTenantId: ENTRA_TENANT.toUpperCase() }).expect(204);
    await send('GET', `/Users/${ids.user}`, undefined, `Bearer ${good}`).expect(200);
    await expectEveryRoute(`Bearer ${await entra.token(OTHER_TENANT)}`, 401, ids);
    await expectEveryRoute(`Bearer ${await entra.token(ENTRA_TENANT, { audience: 'another-app' })}`, 401, ids);
    const { privateKey } = await generateKeyPair('RS256');
    await expectEveryRoute(`Bearer ${await entra.token(ENTRA_TENANT, { key: privateKey })}`, 401, ids);
    await expectEveryRoute(`Bearer ${await entra.token(ENTRA_TENANT, { expiresIn: '-2h' })}`, 401, ids);
    await expectEveryRouteWorks(`Bearer ${good}`, ids);
  });

  it('logs refused tokens that belong to a connection, and records every admin action with its actor', async () => {
    const { scim } = await tenantWithResources();
    const base = `/api/customers/${scim.customerId}/scim`;
    await t.admin(t.http().post(`${base}/token`)).send({}).expect(201);
    await t.admin(t.http().delete(`${base}/token/previous`)).expect(204);
    await scim.get('/Users').expect(401);
    await scim.get('/Users').expect(401);
    await t.admin(t.http().delete(base)).expect(204);
    const param = t.engine === 'postgres' ? '$1' : '?';
    await t.app.get(ProvisioningLogSink, { strict: false }).flush();
    const refused = await t.dataSource.query(`SELECT status, connection_id FROM provisioning_events WHERE customer_id = ${param} AND status = 401`, [scim.customerId]);
    expect(refused).toHaveLength(2);
    const actions = await t.dataSource.query(`SELECT action, actor, detail FROM scim_admin_actions WHERE customer_id = ${param} ORDER BY at`, [scim.customerId]);
    expect(actions.map((a: { action: string }) => a.action)).toEqual(['enable', 'rotate', 'revoke-previous', 'disable']);
    expect(actions.every((a: { actor: string }) => /^admin:[0-9a-f]{12}$/.test(a.actor))).toBe(true);
    expect(JSON.stringify(actions)).not.toContain(scim.token);
  });

  it('answers 409 to admin token actions while SCIM is off, and 404 for an unknown customer', async () => {
    const { id } = await createCustomer(t);
    await t.admin(t.http().post(`/api/customers/${id}/scim/token`)).send({}).expect(409);
    await t.admin(t.http().delete(`/api/customers/${id}/scim/token/previous`)).expect(409);
    await t.admin(t.http().delete(`/api/customers/${id}/scim`)).expect(409);
    await t.admin(t.http().post('/api/customers/7b0d5e4e-8f0a-4c55-9a55-3f1e2f6c9d11/scim/token')).send({}).expect(404);
    await t.http().post(`/api/customers/${id}/scim/token`).send({}).expect(401);
  });
});
