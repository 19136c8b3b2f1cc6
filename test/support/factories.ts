import { TestApp } from './test-app';

let sequence = 0;
const next = () => ++sequence;

/** Creates a customer through the admin API; returns its response body. */
export async function createCustomer(t: TestApp, overrides: Record<string, unknown> = {}): Promise<{ id: string; name: string }> {
  const res = await t.admin(t.http().post('/api/customers')).send({ name: `Customer ${next()}`, ...overrides }).expect(201);
  return res.body as { id: string; name: string };
}

/** Creates a user through the admin API; returns its response body. */
export async function createUser(
  t: TestApp,
  customerId: string,
  overrides: Record<string, unknown> = {},
): Promise<{ id: string; email: string }> {
  const n = next();
  const res = await t
    .admin(t.http().post(`/api/customers/${customerId}/users`))
    .send({ email: `user${n}@example.com`, firstName: `First${n}`, lastName: `Last${n}`, ...overrides })
    .expect(201);
  return res.body as { id: string; email: string };
}

export async function createGroup(t: TestApp, customerId: string, name = `Group ${next()}`): Promise<{ id: string; name: string }> {
  const res = await t.admin(t.http().post(`/api/customers/${customerId}/groups`)).send({ name }).expect(201);
  return res.body as { id: string; name: string };
}
