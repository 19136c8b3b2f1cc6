import { ADMIN_TOKEN, describeEachEngine } from '../support/test-app';
import { createCustomer } from '../support/factories';

describeEachEngine('Admin API: customers', (ctx) => {
  it('refuses requests without a valid admin token, with WWW-Authenticate', async () => {
    const t = ctx();
    const none = await t.http().get('/api/customers').expect(401);
    expect(none.headers['www-authenticate']).toBe('Bearer');
    expect(none.body.code).toBe('UNAUTHORIZED');
    await t.http().get('/api/customers').set('Authorization', `Bearer ${ADMIN_TOKEN}x`).expect(401);
    await t.http().get('/api/customers').set('Authorization', `Basic ${ADMIN_TOKEN}`).expect(401);
    await t.http().post('/api/customers').send({ name: 'Nope' }).expect(401);
    const list = await t.admin(t.http().get('/api/customers')).expect(200);
    expect(list.body.items.map((c: { name: string }) => c.name)).not.toContain('Nope');
  });

  it('creates a customer and reads it back', async () => {
    const t = ctx();
    const created = await t.admin(t.http().post('/api/customers')).send({ name: '  Acme GmbH ' }).expect(201);
    expect(created.body).toMatchObject({ name: 'Acme GmbH', scimEnabled: false });
    expect(created.body.id).toMatch(/^[0-9a-f-]{36}$/);
    const read = await t.admin(t.http().get(`/api/customers/${created.body.id}`)).expect(200);
    expect(read.body).toEqual(created.body);
  });

  it('answers 400 naming the failing fields, and rejects unknown fields', async () => {
    const t = ctx();
    const missing = await t.admin(t.http().post('/api/customers')).send({}).expect(400);
    expect(missing.body.fields.map((f: { field: string }) => f.field)).toEqual(['name']);
    const unknown = await t.admin(t.http().post('/api/customers')).send({ name: 'X', scimEnabled: true }).expect(400);
    expect(unknown.body.fields.map((f: { field: string }) => f.field)).toEqual(['scimEnabled']);
  });

  it('lists customers in pages', async () => {
    const t = ctx();
    for (let i = 0; i < 3; i++) await createCustomer(t);
    const first = await t.admin(t.http().get('/api/customers?page=1&pageSize=2')).expect(200);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.total).toBeGreaterThanOrEqual(3);
    const second = await t.admin(t.http().get('/api/customers?page=2&pageSize=2')).expect(200);
    const ids = [...first.body.items, ...second.body.items].map((c: { id: string }) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    await t.admin(t.http().get('/api/customers?pageSize=1000')).expect(400);
  });

  it('answers 404 for an unknown customer and 400 for a malformed id', async () => {
    const t = ctx();
    await t.admin(t.http().get('/api/customers/7b0d5e4e-8f0a-4c55-9a55-3f1e2f6c9d11')).expect(404);
    await t.admin(t.http().get('/api/customers/not-a-uuid')).expect(400);
  });
});
