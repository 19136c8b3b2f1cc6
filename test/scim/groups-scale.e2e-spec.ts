import { scimTenant } from '../support/scim';
import { seedMembers, seedUsers } from '../support/seed';
import { describeEachEngine } from '../support/test-app';

const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';

describeEachEngine('SCIM /Groups at 10,000 members', (ctx) => {
  it('returns all members in one response and changes 100+100 members with one PATCH', async () => {
    const t = ctx();
    const scim = await scimTenant(t);
    const ids = await seedUsers(t.dataSource, scim.customerId, 10_100);
    const [members, extra] = [ids.slice(0, 10_000), ids.slice(10_000)];
    const { body: group } = await scim.post('/Groups', { schemas: [GROUP], displayName: 'Everyone' }).expect(201);
    await seedMembers(t.dataSource, group.id, members);

    const full = await scim.get(`/Groups/${group.id}`).expect(200);
    expect(full.body.members).toHaveLength(10_000);
    const light = await scim.get(`/Groups?filter=displayName eq "Everyone"&excludedAttributes=members`).expect(200);
    expect(light.body.Resources[0].members).toBeUndefined();

    const removed = members.slice(0, 100);
    await scim
      .patch(`/Groups/${group.id}`, [
        { op: 'add', path: 'members', value: extra.map((value) => ({ value })) },
        ...removed.map((id) => ({ op: 'remove', path: `members[value eq "${id}"]` })),
      ])
      .expect(204);
    const after = await scim.get(`/Groups/${group.id}`).expect(200);
    const now = new Set((after.body.members as { value: string }[]).map((m) => m.value));
    expect(now.size).toBe(10_000);
    expect(extra.every((id) => now.has(id))).toBe(true);
    expect(removed.some((id) => now.has(id))).toBe(false);
  });
});
