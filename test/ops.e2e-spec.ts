import { LogCapture } from './support/log-capture';
import { startTestApp, TestApp } from './support/test-app';
import { testEngines } from './support/test-databases';

describe.each(testEngines())('Operations [%s]', (engine) => {
  let t: TestApp;
  const log = new LogCapture();

  beforeAll(async () => {
    t = await startTestApp(engine, { logLevel: 'info' }, { logDestination: log });
  });
  afterAll(() => t.close());

  it('answers liveness and readiness', async () => {
    await t.http().get('/health').expect(200, { status: 'ok' });
    const ready = await t.http().get('/health/ready').expect(200);
    expect(ready.body).toMatchObject({ status: 'ok', info: { database: { status: 'up' } } });
  });

  it('fails readiness with 503 when the database is gone', async () => {
    const other = await startTestApp(engine);
    await other.dataSource.destroy();
    const res = await other.http().get('/health/ready').expect(503);
    expect(res.body).toMatchObject({ status: 'error', error: { database: { status: 'down' } } });
    await other.close().catch(() => undefined);
  }, 20_000);

  it('writes one JSON line per request with its request id, without query or credentials', async () => {
    const customer = await t.admin(t.http().post('/api/customers')).send({ name: 'Logged' }).expect(201);
    log.lines.length = 0;
    const url = `/api/customers/${customer.body.id}/users`;
    const res = await t.admin(t.http().get(`${url}?search=secret-value`)).set('X-Request-Id', 'req-abc.123').expect(200);
    expect(res.headers['x-request-id']).toBe('req-abc.123');
    const generated = await t.http().get('/health').expect(200);
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const requests = log.lines.filter((l) => l.req !== undefined);
    expect(requests).toHaveLength(2);
    expect(requests[0]).toMatchObject({ req: { id: 'req-abc.123', method: 'GET', path: url }, res: { status: 200 } });
    expect(typeof requests[0]!.responseTime).toBe('number');
    const text = JSON.stringify(log.lines);
    expect(text).not.toContain('secret-value');
    expect(text).not.toContain('test-admin-token');
  });

  it('replaces an unsafe client request id', async () => {
    const res = await t.http().get('/health').set('X-Request-Id', 'x'.repeat(65)).expect(200);
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers malformed and oversized JSON bodies with 400 and 413, as JSON', async () => {
    const bad = await t.admin(t.http().post('/api/customers')).set('Content-Type', 'application/json').send('{"name":').expect(400);
    expect(bad.body).toEqual({ statusCode: 400, code: 'VALIDATION', message: 'The request body is not valid JSON' });
    const huge = JSON.stringify({ name: 'x'.repeat(1_100_000) });
    const big = await t.admin(t.http().post('/api/customers')).set('Content-Type', 'application/json').send(huge).expect(413);
    expect(big.body).toMatchObject({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE' });
  });

  it('reads application/scim+json bodies like application/json', async () => {
    const res = await t
      .admin(t.http().post('/api/customers'))
      .set('Content-Type', 'application/scim+json; charset=utf-8')
      .send(JSON.stringify({ name: 'Scim Body' }))
      .expect(201);
    expect(res.body.name).toBe('Scim Body');
  });
});
