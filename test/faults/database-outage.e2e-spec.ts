import { scimTenant, userBody } from '../support/scim';
import { TcpProxy } from '../support/tcp-proxy';
import { startTestApp, TestApp } from '../support/test-app';
import { createTestDatabase, TestDatabase } from '../support/test-databases';

const pg = process.env.TEST_DATABASE_URL ? describe : describe.skip;

/** PostgreSQL reached through a proxy the test cuts: the network outage SQLite (embedded) cannot have. */
pg('Database outage [postgres]', () => {
  let database: TestDatabase;
  let proxy: TcpProxy;
  let t: TestApp;

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    const url = new URL((database.config as { url: string }).url);
    proxy = new TcpProxy(url.hostname, Number(url.port || 5432));
    await proxy.start();
    url.hostname = '127.0.0.1';
    url.port = String(proxy.port);
    t = await startTestApp('postgres', { database: { engine: 'postgres', url: url.toString() } });
  });
  afterAll(async () => {
    await t.close().catch(() => undefined);
    await proxy.cut();
    await database.drop();
  });

  it('answers 503 SCIM errors and fails readiness while the database is gone, and recovers without a restart', async () => {
    const scim = await scimTenant(t);
    const { body: user } = await scim.post('/Users', userBody()).expect(201);

    await proxy.cut();
    const read = await scim.get(`/Users/${user.id}`);
    expect(read.status).toBe(503);
    expect(read.body).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '503' });
    expect(read.headers['retry-after']).toBe('30');
    expect((await scim.post('/Users', userBody())).status).toBe(503);
    await t.http().get('/health/ready').expect(503);
    await t.http().get('/health').expect(200);
    const admin = await t.admin(t.http().get(`/api/customers/${scim.customerId}/users`));
    expect(admin.status).toBe(503);

    await proxy.restore();
    let status = 0;
    for (let attempt = 0; attempt < 20 && status !== 200; attempt++) {
      status = (await scim.get(`/Users/${user.id}`)).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 250));
    }
    expect(status).toBe(200);
    await t.http().get('/health/ready').expect(200);
    await scim.post('/Users', userBody()).expect(201);
  });
});
