import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createManagerApp } from '../../apps/manager-api/src/app.factory';
import { scimTenant } from '../support/scim';
import { startTestApp, TestApp } from '../support/test-app';
import { testEngines } from '../support/test-databases';

const redisUrl = process.env.TEST_REDIS_URL;

describe.each(testEngines())('Rate limits [%s]', (engine) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(engine, { rateLimits: { scimPerMinute: 5, adminPerMinute: 1_000_000 } });
  });
  afterAll(() => t.close());

  it('answers 429 with Retry-After per connection, keeps discovery reachable, and leaves other connections alone', async () => {
    const a = await scimTenant(t);
    const b = await scimTenant(t);
    for (let i = 0; i < 5; i++) await a.get('/Users').expect(200);
    const limited = await a.get('/Users').expect(429);
    expect(limited.body).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '429' });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    await a.get('/ServiceProviderConfig').expect(200);
    await a.get('/Schemas').expect(200);
    await b.get('/Users').expect(200);
  });
});

describe.each(testEngines())('Admin API rate limit [%s]', (engine) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(engine, { rateLimits: { scimPerMinute: 0, adminPerMinute: 3 } });
  });
  afterAll(() => t.close());

  it('answers 429 with Retry-After past the per-client limit', async () => {
    for (let i = 0; i < 3; i++) await t.admin(t.http().get('/api/customers')).expect(200);
    const limited = await t.admin(t.http().get('/api/customers')).expect(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    await t.http().get('/health').expect(200);
  });
});

(redisUrl ? describe : describe.skip)('Rate limit across two instances sharing Redis [sqlite]', () => {
  let first: TestApp;
  let second: INestApplication;

  beforeAll(async () => {
    first = await startTestApp('sqlite', { rateLimits: { scimPerMinute: 6, adminPerMinute: 1_000_000 }, redisUrl });
    second = await createManagerApp(first.config);
  });
  afterAll(async () => {
    await second.close();
    await first.close();
  });

  it('counts the requests of both instances against one limit', async () => {
    const scim = await scimTenant(first);
    const on = (app: INestApplication) =>
      request(app.getHttpServer()).get('/scim/v2/Users').set('Authorization', `Bearer ${scim.token}`);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      statuses.push((await on(first.app)).status, (await on(second)).status);
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(6);
    expect(statuses.slice(6)).toEqual([429, 429]);
  });
});
