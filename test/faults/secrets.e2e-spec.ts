import { ProvisioningLogSink } from '../../apps/manager-api/src/scim-adapters/provisioning-log.sink';
import { createHash } from 'node:crypto';
import { createCustomer } from '../support/factories';
import { LogCapture } from '../support/log-capture';
import { userBody } from '../support/scim';
import { ADMIN_TOKEN, startTestApp, TestApp } from '../support/test-app';
import { testEngines } from '../support/test-databases';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe.each(testEngines())('Secrets stay secret [%s]', (engine) => {
  let t: TestApp;
  const log = new LogCapture();

  beforeAll(async () => {
    t = await startTestApp(engine, { logLevel: 'trace' }, { logDestination: log });
  });
  afterAll(() => t.close());

  it('never writes a token, its hash or a personal value to the log, and stores only token hashes', async () => {
    const { id } = await createCustomer(t);
    const enabled = await t.admin(t.http().put(`/api/customers/${id}/scim`)).send({ provider: 'entra' }).expect(201);
    const first = enabled.body.token as string;
    const rotated = (await t.admin(t.http().post(`/api/customers/${id}/scim/token`)).send({}).expect(201)).body.token as string;
    const scim =
      (token: string) =>
      <T extends { set(name: string, value: string): T }>(req: T): T =>
        req.set('Authorization', `Bearer ${token}`).set('Content-Type', 'application/scim+json');
    const secretName = 'Zebedee Quixotic';
    const created = await scim(rotated)(t.http().post('/scim/v2/Users')).send(
      JSON.stringify(userBody({ userName: 'secret.person@example.com', name: { givenName: 'Zebedee', familyName: 'Quixotic' } })),
    );
    expect(created.status).toBe(201);
    await scim(first)(t.http().get('/scim/v2/Users?filter=userName eq "secret.person@example.com"')).expect(200);
    await scim(`${rotated}x`)(t.http().get('/scim/v2/Users')).expect(401);
    await t.http().get('/api/customers').set('Authorization', `Bearer ${ADMIN_TOKEN}x`).expect(401);
    await t.admin(t.http().delete(`/api/customers/${id}/scim`)).expect(204);
    await scim(rotated)(t.http().get('/scim/v2/Users')).expect(401);

    const text = log.raw.join('\n');
    expect(log.lines.length).toBeGreaterThan(8);
    for (const secret of [first, rotated, ADMIN_TOKEN, sha256(first), sha256(rotated), 'secret.person@example.com', secretName, 'Zebedee']) {
      expect(text).not.toContain(secret);
    }

    await t.app.get(ProvisioningLogSink, { strict: false }).flush();
    const tables = ['scim_tokens', 'scim_connections', 'scim_admin_actions', 'provisioning_events'];
    for (const table of tables) {
      const rows = JSON.stringify(await t.dataSource.query(`SELECT * FROM ${table}`));
      expect(rows).not.toContain(first);
      expect(rows).not.toContain(rotated);
      if (table !== 'scim_tokens') expect(rows).not.toContain(sha256(rotated));
    }
    const hashes = (await t.dataSource.query('SELECT token_hash FROM scim_tokens')) as { token_hash: string }[];
    expect(hashes.map((h) => h.token_hash).sort()).toEqual([sha256(first), sha256(rotated)].sort());
  });
});
