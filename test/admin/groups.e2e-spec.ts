import { Customer } from '../../apps/manager-api/src/customers/customer.entity';
import { createCustomer, createGroup, createUser } from '../support/factories';
import { describeEachEngine, TestApp } from '../support/test-app';

const memberEmails = async (t: TestApp, customerId: string, groupId: string): Promise<string[]> => {
  const res = await t.admin(t.http().get(`/api/customers/${customerId}/groups/${groupId}/members?pageSize=200`)).expect(200);
  return res.body.items.map((u: { email: string }) => u.email).sort();
};

describeEachEngine('Admin API: groups', (ctx) => {
  it('creates, reads, renames, lists and deletes groups', async () => {
    const t = ctx();
    const { id: customerId } = await createCustomer(t);
    const base = `/api/customers/${customerId}/groups`;
    const created = await t.admin(t.http().post(base)).send({ name: 'Sales' }).expect(201);
    expect(created.body).toMatchObject({ name: 'Sales', memberCount: 0, source: 'manual' });
    await createGroup(t, customerId, 'Engineering');
    const renamed = await t.admin(t.http().patch(`${base}/${created.body.id}`)).send({ name: 'Sales EMEA' }).expect(200);
    expect(renamed.body.name).toBe('Sales EMEA');
    const list = await t.admin(t.http().get(`${base}?search=emea`)).expect(200);
    expect(list.body.items.map((g: { name: string }) => g.name)).toEqual(['Sales EMEA']);
    await t.admin(t.http().delete(`${base}/${created.body.id}`)).expect(204);
    await t.admin(t.http().get(`${base}/${created.body.id}`)).expect(404);
    const rest = await t.admin(t.http().get(base)).expect(200);
    expect(rest.body.items.map((g: { name: string }) => g.name)).toEqual(['Engineering']);
  });

  it('keeps group names unique per customer, case-insensitively, in the database', async () => {
    const t = ctx();
    const { id: customerId } = await createCustomer(t);
    await createGroup(t, customerId, 'Außendienst');
    await t.admin(t.http().post(`/api/customers/${customerId}/groups`)).send({ name: 'AUßENDIENST' }).expect(409);
    const other = await createGroup(t, customerId, 'Innendienst');
    await t.admin(t.http().patch(`/api/customers/${customerId}/groups/${other.id}`)).send({ name: 'außendienst' }).expect(409);
    const second = await createCustomer(t);
    await createGroup(t, second.id, 'Außendienst');
  });

  it('adds and removes members idempotently and counts them', async () => {
    const t = ctx();
    const { id: customerId } = await createCustomer(t);
    const group = await createGroup(t, customerId);
    const [a, b, c] = [await createUser(t, customerId), await createUser(t, customerId), await createUser(t, customerId)];
    const url = `/api/customers/${customerId}/groups/${group.id}/members`;
    const added = await t.admin(t.http().post(url)).send({ userIds: [a.id, b.id, a.id] }).expect(200);
    expect(added.body.memberCount).toBe(2);
    await t.admin(t.http().post(url)).send({ userIds: [b.id, c.id] }).expect(200);
    expect(await memberEmails(t, customerId, group.id)).toEqual([a.email, b.email, c.email].sort());
    const removed = await t.admin(t.http().delete(url)).send({ userIds: [b.id, b.id] }).expect(200);
    expect(removed.body.memberCount).toBe(2);
    await t.admin(t.http().delete(url)).send({ userIds: [b.id] }).expect(200);
    expect(await memberEmails(t, customerId, group.id)).toEqual([a.email, c.email].sort());
  });

  it("refuses members that are not users of the customer, applying nothing", async () => {
    const t = ctx();
    const { id: customerId } = await createCustomer(t);
    const other = await createCustomer(t);
    const group = await createGroup(t, customerId);
    const mine = await createUser(t, customerId);
    const theirs = await createUser(t, other.id);
    const unknown = '7b0d5e4e-8f0a-4c55-9a55-3f1e2f6c9d11';
    const res = await t
      .admin(t.http().post(`/api/customers/${customerId}/groups/${group.id}/members`))
      .send({ userIds: [mine.id, theirs.id, unknown] })
      .expect(400);
    expect(res.body.message).toContain(theirs.id);
    expect(res.body.message).toContain(unknown);
    expect(await memberEmails(t, customerId, group.id)).toEqual([]);
    await t.admin(t.http().post(`/api/customers/${customerId}/groups/${group.id}/members`)).send({ userIds: ['x'] }).expect(400);
    await t.admin(t.http().post(`/api/customers/${customerId}/groups/${group.id}/members`)).send({ userIds: [] }).expect(400);
  });

  it('deleting a group keeps its users; deleting a user removes its memberships', async () => {
    const t = ctx();
    const { id: customerId } = await createCustomer(t);
    const [g1, g2] = [await createGroup(t, customerId), await createGroup(t, customerId)];
    const [a, b] = [await createUser(t, customerId), await createUser(t, customerId)];
    for (const g of [g1, g2]) {
      await t.admin(t.http().post(`/api/customers/${customerId}/groups/${g.id}/members`)).send({ userIds: [a.id, b.id] }).expect(200);
    }
    await t.admin(t.http().delete(`/api/customers/${customerId}/groups/${g1.id}`)).expect(204);
    await t.admin(t.http().get(`/api/customers/${customerId}/users/${a.id}`)).expect(200);
    await t.admin(t.http().delete(`/api/customers/${customerId}/users/${a.id}`)).expect(204);
    expect(await memberEmails(t, customerId, g2.id)).toEqual([b.email]);
    const list = await t.admin(t.http().get(`/api/customers/${customerId}/groups`)).expect(200);
    expect(list.body.items).toEqual([expect.objectContaining({ id: g2.id, memberCount: 1 })]);
  });

  it("hides another customer's group and refuses writes while SCIM manages the customer", async () => {
    const t = ctx();
    const { id: customerId } = await createCustomer(t);
    const other = await createCustomer(t);
    const group = await createGroup(t, customerId);
    const user = await createUser(t, customerId);
    await t.admin(t.http().get(`/api/customers/${other.id}/groups/${group.id}`)).expect(404);
    await t.admin(t.http().delete(`/api/customers/${other.id}/groups/${group.id}`)).expect(404);
    await t.dataSource.getRepository(Customer).update({ id: customerId }, { scimEnabled: true });
    const base = `/api/customers/${customerId}/groups`;
    await t.admin(t.http().post(base)).send({ name: 'New' }).expect(409);
    await t.admin(t.http().patch(`${base}/${group.id}`)).send({ name: 'New' }).expect(409);
    await t.admin(t.http().post(`${base}/${group.id}/members`)).send({ userIds: [user.id] }).expect(409);
    await t.admin(t.http().delete(`${base}/${group.id}/members`)).send({ userIds: [user.id] }).expect(409);
    await t.admin(t.http().delete(`${base}/${group.id}`)).expect(409);
    await t.admin(t.http().get(`${base}/${group.id}`)).expect(200);
  });
});
