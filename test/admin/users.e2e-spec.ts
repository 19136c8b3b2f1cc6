import { Customer } from '../../apps/manager-api/src/customers/customer.entity';
import { User } from '../../apps/manager-api/src/users/user.entity';
import { createCustomer, createUser } from '../support/factories';
import { describeEachEngine, TestApp } from '../support/test-app';

const setScim = (t: TestApp, id: string, scimEnabled: boolean) => t.dataSource.getRepository(Customer).update({ id }, { scimEnabled });

describeEachEngine('Admin API: users', (ctx) => {
  it('creates a user with every field and reads it back', async () => {
    const t = ctx();
    const { id: customerId } = await createCustomer(t);
    const body = {
      email: 'Grete.Mueller@Example.com',
      firstName: 'Grete',
      lastName: 'Müller',
      gender: 'weiblich',
      academicTitle: 'Dr.',
      language: 'de-DE',
      department: 'Finance',
    };
    const created = await t.admin(t.http().post(`/api/customers/${customerId}/users`)).send(body).expect(201);
    expect(created.body).toMatchObject({ ...body, gender: 'female', active: true, source: 'manual', deactivatedAt: null });
    const read = await t.admin(t.http().get(`/api/customers/${customerId}/users/${created.body.id}`)).expect(200);
    expect(read.body).toEqual(created.body);
  });

  it('answers 400 with the failing fields', async () => {
    const t = ctx();
    const { id: customerId } = await createCustomer(t);
    const res = await t
      .admin(t.http().post(`/api/customers/${customerId}/users`))
      .send({ email: 'nope', firstName: '', gender: 'robot' })
      .expect(400);
    const fields = res.body.fields.map((f: { field: string }) => f.field).sort();
    expect(fields).toEqual(['email', 'firstName', 'gender', 'lastName']);
  });

  it.each([
    ['ASCII', 'bob@example.com', 'BOB@Example.COM'],
    ['non-ASCII', 'ärger@example.com', 'ÄRGER@example.com'],
  ])('refuses a second email differing only in case (%s) with 409', async (_kind, first, second) => {
    const t = ctx();
    const { id: customerId } = await createCustomer(t);
    await createUser(t, customerId, { email: first });
    const res = await t
      .admin(t.http().post(`/api/customers/${customerId}/users`))
      .send({ email: second, firstName: 'X', lastName: 'Y' })
      .expect(409);
    expect(res.body.message).toMatch(/A user with this email.* already exists/);
    const other = await createCustomer(t);
    await createUser(t, other.id, { email: second });
  });

  it('enforces email uniqueness in the database itself, not only in code', async () => {
    const t = ctx();
    const { id: customerId } = await createCustomer(t);
    const user = await createUser(t, customerId, { email: 'db@example.com' });
    const stored = await t.dataSource.getRepository(User).findOneByOrFail({ id: user.id });
    const copy = { ...stored, id: '00000000-0000-4000-8000-000000000001', email: 'DB@example.com' };
    await expect(t.dataSource.getRepository(User).insert(copy)).rejects.toThrow(/unique|UNIQUE/);
  });

  it('lists users in pages and searches email and name case-insensitively', async () => {
    const t = ctx();
    const { id: customerId } = await createCustomer(t);
    await createUser(t, customerId, { email: 'anna@example.com', firstName: 'Anna', lastName: 'Ölund' });
    await createUser(t, customerId, { email: 'ben@example.com', firstName: 'Ben', lastName: 'Stone' });
    await createUser(t, customerId, { email: 'carl_50%@example.com', firstName: 'Carl', lastName: 'Kahn' });
    const all = await t.admin(t.http().get(`/api/customers/${customerId}/users?pageSize=2`)).expect(200);
    expect(all.body).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect(all.body.items.map((u: { email: string }) => u.email)).toEqual(['anna@example.com', 'ben@example.com']);
    const byName = await t.admin(t.http().get(`/api/customers/${customerId}/users?search=öLUND`)).expect(200);
    expect(byName.body.items.map((u: { email: string }) => u.email)).toEqual(['anna@example.com']);
    const literal = await t.admin(t.http().get(`/api/customers/${customerId}/users?search=_50%25`)).expect(200);
    expect(literal.body.items.map((u: { email: string }) => u.email)).toEqual(['carl_50%@example.com']);
    const wildcard = await t.admin(t.http().get(`/api/customers/${customerId}/users?search=%25`)).expect(200);
    expect(wildcard.body.total).toBe(1);
  });

  it('updates, deactivates, reactivates and deletes a user', async () => {
    const t = ctx();
    const { id: customerId } = await createCustomer(t);
    const user = await createUser(t, customerId);
    const url = `/api/customers/${customerId}/users/${user.id}`;
    const renamed = await t.admin(t.http().patch(url)).send({ lastName: 'Neu', academicTitle: 'Prof. Dr.' }).expect(200);
    expect(renamed.body).toMatchObject({ lastName: 'Neu', academicTitle: 'Prof. Dr.' });
    const off = await t.admin(t.http().patch(url)).send({ active: false }).expect(200);
    expect(off.body.active).toBe(false);
    expect(Date.parse(off.body.deactivatedAt)).not.toBeNaN();
    const on = await t.admin(t.http().patch(url)).send({ active: true }).expect(200);
    expect(on.body).toMatchObject({ active: true, deactivatedAt: null });
    await t.admin(t.http().patch(url)).send({ id: 'x' }).expect(400);
    await t.admin(t.http().delete(url)).expect(204);
    await t.admin(t.http().get(url)).expect(404);
    await t.admin(t.http().delete(url)).expect(404);
  });

  it('refuses to change a user to an email another user has', async () => {
    const t = ctx();
    const { id: customerId } = await createCustomer(t);
    await createUser(t, customerId, { email: 'taken@example.com' });
    const user = await createUser(t, customerId);
    await t.admin(t.http().patch(`/api/customers/${customerId}/users/${user.id}`)).send({ email: 'TAKEN@example.com' }).expect(409);
  });

  it("never shows or changes another customer's user", async () => {
    const t = ctx();
    const a = await createCustomer(t);
    const b = await createCustomer(t);
    const user = await createUser(t, a.id);
    await t.admin(t.http().get(`/api/customers/${b.id}/users/${user.id}`)).expect(404);
    await t.admin(t.http().patch(`/api/customers/${b.id}/users/${user.id}`)).send({ firstName: 'X' }).expect(404);
    await t.admin(t.http().delete(`/api/customers/${b.id}/users/${user.id}`)).expect(404);
    const list = await t.admin(t.http().get(`/api/customers/${b.id}/users`)).expect(200);
    expect(list.body.total).toBe(0);
    await t.admin(t.http().get(`/api/customers/7b0d5e4e-8f0a-4c55-9a55-3f1e2f6c9d11/users`)).expect(404);
  });

  it('refuses manual user writes while SCIM manages the customer; reads still work', async () => {
    const t = ctx();
    const { id: customerId } = await createCustomer(t);
    const user = await createUser(t, customerId);
    await setScim(t, customerId, true);
    const url = `/api/customers/${customerId}/users`;
    const refused = await t.admin(t.http().post(url)).send({ email: 'n@example.com', firstName: 'N', lastName: 'N' }).expect(409);
    expect(refused.body).toMatchObject({ code: 'SCIM_MANAGED' });
    expect(refused.body.message).toMatch(/identity provider/);
    await t.admin(t.http().patch(`${url}/${user.id}`)).send({ firstName: 'X' }).expect(409);
    await t.admin(t.http().delete(`${url}/${user.id}`)).expect(409);
    await t.admin(t.http().get(`${url}/${user.id}`)).expect(200);
    await setScim(t, customerId, false);
    await t.admin(t.http().patch(`${url}/${user.id}`)).send({ firstName: 'X' }).expect(200);
  });
});
