import { INestApplication, Module } from '@nestjs/common';
import { NestFactory, RouterModule } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { ScimModule, scimBodyErrorHandler, tenantId } from '@app/scim';
import { InMemoryCredentialStore, InMemoryEventSink, InMemoryTransactionRunner, InMemoryUserStore } from '@app/scim/testing';

const TOKEN = 'scim_bare-app-test-token';
const OTHER = 'scim_other-tenant-token';

describe('ScimModule mounted in a bare Nest app with in-memory ports', () => {
  let app: INestApplication;
  const users = new InMemoryUserStore();
  const events = new InMemoryEventSink();
  const auth = (req: request.Test, token = TOKEN) => req.set('Authorization', `Bearer ${token}`);

  beforeAll(async () => {
    const credentials = new InMemoryCredentialStore();
    credentials.register(TOKEN, { tenant: tenantId('tenant-a'), connectionId: 'conn-a', provider: 'okta' });
    credentials.register(OTHER, { tenant: tenantId('tenant-b'), connectionId: 'conn-b', provider: 'entra' });

    @Module({
      imports: [
        ScimModule.forRoot({ users, credentials, events, transactions: new InMemoryTransactionRunner() }),
        RouterModule.register([{ path: 'identity/scim', module: ScimModule }]),
      ],
    })
    class HostModule {}

    const nest = await NestFactory.create<NestExpressApplication>(HostModule, { logger: false, bodyParser: false });
    nest.useBodyParser('json', { type: ['application/json', 'application/scim+json'] });
    nest.use('/identity/scim', scimBodyErrorHandler());
    app = await nest.init();
  });
  afterAll(() => app.close());

  it('refuses a missing or unknown token with a SCIM 401', async () => {
    const res = await request(app.getHttpServer()).get('/identity/scim/Users').expect(401);
    expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(res.headers['content-type']).toMatch(/^application\/scim\+json/);
    expect(res.body).toEqual({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '401', detail: expect.any(String) });
    await auth(request(app.getHttpServer()).get('/identity/scim/Users'), 'scim_wrong').expect(401);
  });

  it('round-trips a user under the host-chosen mount path, scoped to the token tenant', async () => {
    const http = request(app.getHttpServer());
    const created = await auth(http.post('/identity/scim/Users'))
      .set('Content-Type', 'application/scim+json')
      .send(JSON.stringify({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'Ada@Example.com', name: { givenName: 'Ada' } }))
      .expect(201);
    const id = created.body.id as string;
    expect(created.headers.location).toMatch(new RegExp(`/identity/scim/Users/${id}$`));
    expect(created.body.meta).toMatchObject({ resourceType: 'User', version: 'W/"1"', location: created.headers.location });

    const found = await auth(request(app.getHttpServer()).get('/identity/scim/Users?filter=userName eq "ada@example.COM"')).expect(200);
    expect(found.body).toMatchObject({ totalResults: 1, Resources: [{ id }] });
    const elsewhere = await auth(request(app.getHttpServer()).get('/identity/scim/Users'), OTHER).expect(200);
    expect(elsewhere.body.totalResults).toBe(0);
    await auth(request(app.getHttpServer()).get(`/identity/scim/Users/${id}`), OTHER).expect(404);

    const patched = await auth(request(app.getHttpServer()).patch(`/identity/scim/Users/${id}`))
      .send({ schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', path: 'active', value: false }] })
      .expect(200);
    expect(patched.body.active).toBe(false);
    await auth(request(app.getHttpServer()).delete(`/identity/scim/Users/${id}`)).expect(204);
    await auth(request(app.getHttpServer()).get(`/identity/scim/Users/${id}`)).expect(404);

    expect(events.events.map((e) => `${e.tenant}:${e.action}:${e.status}`)).toEqual(
      expect.arrayContaining(['tenant-a:create:201', 'tenant-a:lookup:200', 'tenant-a:deactivate:200', 'tenant-a:delete:204']),
    );
  });

  it('serves discovery from the same schemas', async () => {
    const spc = await auth(request(app.getHttpServer()).get('/identity/scim/ServiceProviderConfig')).expect(200);
    expect(spc.body).toMatchObject({ patch: { supported: true }, bulk: { supported: false }, filter: { supported: true, maxResults: 200 } });
    const schemas = await auth(request(app.getHttpServer()).get('/identity/scim/Schemas')).expect(200);
    expect(schemas.body.Resources.map((s: { id: string }) => s.id)).toEqual([
      'urn:ietf:params:scim:schemas:core:2.0:User',
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
      'urn:ietf:params:scim:schemas:extension:manager:2.0:User',
    ]);
  });
});
