import { createCustomer, createUser } from '../support/factories';
import { expectScimError, scimTenant, ScimTenant, userBody } from '../support/scim';
import { describeEachEngine, TEST_PUBLIC_BASE_URL, TestApp } from '../support/test-app';

const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';

const memberIds = async (scim: ScimTenant, groupId: string): Promise<string[]> => {
  const res = await scim.get(`/Groups/${groupId}`).expect(200);
  return ((res.body.members ?? []) as { value: string }[]).map((m) => m.value).sort();
};

async function users(scim: ScimTenant, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) ids.push((await scim.post('/Users', userBody()).expect(201)).body.id);
  return ids;
}

describeEachEngine('SCIM /Groups', (ctx) => {
  let t: TestApp;
  let scim: ScimTenant;
  let u: string[];

  beforeAll(async () => {
    t = ctx();
    scim = await scimTenant(t);
    u = await users(scim, 6);
  });

  const newGroup = async (displayName: string, members: string[] = []) =>
    (await scim.post('/Groups', { schemas: [GROUP], displayName, members: members.map((value) => ({ value })) }).expect(201)).body;

  it('creates an Entra-style group (Microsoft schema URI, no members) and an Okta-style one with members', async () => {
    const entra = await scim
      .post('/Groups', {
        schemas: [GROUP, 'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group'],
        externalId: 'entra-object-id',
        displayName: 'Sales Team',
        meta: { resourceType: 'Group' },
      })
      .expect(201);
    expect(entra.headers.location).toBe(`${TEST_PUBLIC_BASE_URL}/scim/v2/Groups/${entra.body.id}`);
    expect(entra.body).toMatchObject({ schemas: [GROUP], displayName: 'Sales Team', externalId: 'entra-object-id', meta: { resourceType: 'Group' } });
    const okta = await newGroup('Okta Pushed', [u[0]!, u[1]!]);
    expect(okta.members).toEqual(
      expect.arrayContaining([
        { value: u[0], display: expect.any(String), type: 'User', $ref: `${TEST_PUBLIC_BASE_URL}/scim/v2/Users/${u[0]}` },
      ]),
    );
    expect(okta.members).toHaveLength(2);
  });

  it('keeps displayName unique per customer, case-insensitively: 409 uniqueness', async () => {
    await newGroup('Außendienst');
    expectScimError(await scim.post('/Groups', { schemas: [GROUP], displayName: 'AUßENDIENST' }), 409, 'uniqueness');
    const other = await scimTenant(t);
    await other.post('/Groups', { schemas: [GROUP], displayName: 'Außendienst' }).expect(201);
  });

  it('refuses members that are not users of the customer, and groups as members, applying nothing', async () => {
    const other = await scimTenant(t);
    const foreign = (await other.post('/Users', userBody()).expect(201)).body.id as string;
    const unknown = '7b0d5e4e-8f0a-4c55-9a55-3f1e2f6c9d11';
    const g = await newGroup('Strict', [u[0]!]);
    const bad = await scim.patch(`/Groups/${g.id}`, [{ op: 'add', path: 'members', value: [{ value: u[1] }, { value: foreign }, { value: unknown }] }]);
    expectScimError(bad, 400, 'invalidValue');
    expect(bad.body.detail).toContain(foreign);
    expect(bad.body.detail).toContain(unknown);
    expect(await memberIds(scim, g.id)).toEqual([u[0]]);
    const nested = await newGroup('Parent');
    const res = await scim.patch(`/Groups/${nested.id}`, [{ op: 'add', path: 'members', value: [{ value: g.id }] }]);
    expectScimError(res, 400, 'invalidValue');
    expect(res.body.detail).toMatch(/[Nn]ested groups are not supported/);
    expectScimError(await scim.post('/Groups', { schemas: [GROUP], displayName: 'Bad', members: [{ value: foreign }] }), 400, 'invalidValue');
  });

  it('applies Entra membership PATCHes: add with $ref null, remove by filter, remove with a value array', async () => {
    const g = await newGroup('Entra Members');
    await scim
      .patch(`/Groups/${g.id}`, [{ op: 'add', path: 'members', value: [{ $ref: null, value: u[0] }, { $ref: null, value: u[1] }, { $ref: null, value: u[2] }] }])
      .expect(204);
    expect(await memberIds(scim, g.id)).toEqual([u[0], u[1], u[2]].sort());
    await scim.patch(`/Groups/${g.id}`, [{ op: 'remove', path: `members[value eq "${u[1]}"]` }]).expect(204);
    expect(await memberIds(scim, g.id)).toEqual([u[0], u[2]].sort());
    await scim.patch(`/Groups/${g.id}`, [{ op: 'remove', path: 'members', value: [{ $ref: null, value: u[0] }] }]).expect(204);
    expect(await memberIds(scim, g.id)).toEqual([u[2]]);
    await scim
      .patch(`/Groups/${g.id}`, [
        { op: 'replace', path: 'displayName', value: 'Entra Members Renamed' },
        { op: 'add', path: 'members', value: [{ value: u[3] }] },
        { op: 'remove', path: `members[value eq "${u[2]}"]` },
      ])
      .expect(204);
    const after = await scim.get(`/Groups/${g.id}`).expect(200);
    expect(after.body.displayName).toBe('Entra Members Renamed');
    expect(after.body.members.map((m: { value: string }) => m.value)).toEqual([u[3]]);
  });

  it('applies Okta PATCHes: path-less rename carrying id keeps members, full replace sets the exact list', async () => {
    const okta = await scimTenant(t, 'okta');
    const v = await users(okta, 5);
    const { body: g } = await okta.post('/Groups', { schemas: [GROUP], displayName: 'Okta Group', members: [{ value: v[0] }, { value: v[1] }] }).expect(201);
    await okta.patch(`/Groups/${g.id}`, [{ op: 'replace', value: { id: g.id, displayName: 'Okta Group 2' } }]).expect(204);
    expect(await memberIds(okta, g.id)).toEqual([v[0], v[1]].sort());
    expectScimError(await scim.patch(`/Groups/${g.id}`, [{ op: 'replace', value: { displayName: 'x' } }]), 404);
    await okta
      .patch(`/Groups/${g.id}`, [
        { op: 'replace', value: { id: g.id, displayName: 'Okta Group 2' } },
        { op: 'replace', path: 'members', value: [{ value: v[1], display: 'x' }, { value: v[4], display: 'y' }] },
      ])
      .expect(204);
    expect(await memberIds(okta, g.id)).toEqual([v[1], v[4]].sort());
    await okta.patch(`/Groups/${g.id}`, [{ op: 'remove', path: 'members' }]).expect(204);
    expect(await memberIds(okta, g.id)).toEqual([]);
  });

  it('treats adding a present member and removing an absent one as success', async () => {
    const g = await newGroup('Idempotent', [u[0]!]);
    await scim.patch(`/Groups/${g.id}`, [{ op: 'add', path: 'members', value: [{ value: u[0] }] }]).expect(204);
    await scim.patch(`/Groups/${g.id}`, [{ op: 'remove', path: `members[value eq "${u[5]}"]` }]).expect(204);
    expect(await memberIds(scim, g.id)).toEqual([u[0]]);
  });

  it('answers a PATCH with the group when attributes are asked for', async () => {
    const g = await newGroup('Asked', [u[0]!]);
    const res = await scim.patch(`/Groups/${g.id}?attributes=members`, [{ op: 'add', path: 'members', value: [{ value: u[1] }] }]).expect(200);
    expect(res.body.members.map((m: { value: string }) => m.value).sort()).toEqual([u[0], u[1]].sort());
    expect(res.body.displayName).toBeUndefined();
  });

  it('replaces a group with PUT (Okta AIW), members included', async () => {
    const g = await newGroup('Put Group', [u[0]!, u[1]!]);
    const res = await scim
      .put(`/Groups/${g.id}`, { schemas: [GROUP], id: g.id, displayName: 'Put Group 2', members: [{ value: u[2] }] })
      .expect(200);
    expect(res.body.displayName).toBe('Put Group 2');
    expect(await memberIds(scim, g.id)).toEqual([u[2]]);
  });

  it('finds groups by displayName, externalId, id and member, and leaves members out when excluded', async () => {
    const g = await newGroup('Finance EMEA', [u[0]!, u[1]!]);
    const byName = await scim.get('/Groups?excludedAttributes=members&filter=displayName+eq+%22finance%20emea%22').expect(200);
    expect(byName.body).toMatchObject({ totalResults: 1, Resources: [{ id: g.id, displayName: 'Finance EMEA' }] });
    expect(byName.body.Resources[0].members).toBeUndefined();
    const probe = await scim.get(`/Groups?filter=${encodeURIComponent(`id eq "${g.id}" and members eq "${u[1]}"`)}&excludedAttributes=members`).expect(200);
    expect(probe.body.totalResults).toBe(1);
    const notMember = await scim.get(`/Groups?filter=${encodeURIComponent(`id eq "${g.id}" and members eq "${u[5]}"`)}`).expect(200);
    expect(notMember.body.totalResults).toBe(0);
    const byMember = await scim.get(`/Groups?filter=${encodeURIComponent(`members.value eq "${u[0]}"`)}&attributes=displayName`).expect(200);
    expect(byMember.body.Resources.map((r: { id: string }) => r.id)).toContain(g.id);
    const single = await scim.get(`/Groups/${g.id}?excludedAttributes=members`).expect(200);
    expect(single.body.members).toBeUndefined();
    expectScimError(await scim.get('/Groups?filter=nope eq "x"'), 400, 'invalidFilter');
  });

  it("shows a user's groups read-only, keeps memberships on rename, and keeps users when a group is deleted", async () => {
    const g = await newGroup('Shown', [u[5]!]);
    const user = await scim.get(`/Users/${u[5]}`).expect(200);
    expect(user.body.groups).toEqual(
      expect.arrayContaining([{ value: g.id, display: 'Shown', type: 'direct', $ref: `${TEST_PUBLIC_BASE_URL}/scim/v2/Groups/${g.id}` }]),
    );
    expectScimError(await scim.patch(`/Users/${u[5]}`, [{ op: 'add', path: 'groups', value: [{ value: g.id }] }]), 400, 'mutability');
    await scim.patch(`/Groups/${g.id}`, [{ op: 'replace', path: 'displayName', value: 'Shown Renamed' }]).expect(204);
    expect(await memberIds(scim, g.id)).toEqual([u[5]]);
    await scim.delete(`/Groups/${g.id}`).expect(204);
    expectScimError(await scim.get(`/Groups/${g.id}`), 404);
    await scim.get(`/Users/${u[5]}`).expect(200);
  });

  it("never reaches another customer's groups", async () => {
    const g = await newGroup('Private');
    const other = await scimTenant(t);
    expectScimError(await other.get(`/Groups/${g.id}`), 404);
    expectScimError(await other.patch(`/Groups/${g.id}`, [{ op: 'replace', path: 'displayName', value: 'x' }]), 404);
    expectScimError(await other.delete(`/Groups/${g.id}`), 404);
    expect((await other.get('/Groups').expect(200)).body.totalResults).toBe(0);
  });

  it('loses no member under concurrent membership PATCHes', async () => {
    const more = await users(scim, 12);
    const g = await newGroup('Concurrent');
    const results = await Promise.all(more.map((id) => scim.patch(`/Groups/${g.id}`, [{ op: 'add', path: 'members', value: [{ value: id }] }])));
    expect(results.map((r) => r.status)).toEqual(more.map(() => 204));
    expect(await memberIds(scim, g.id)).toEqual([...more].sort());
  });

  it('lists groups created by hand before SCIM and advertises Groups in discovery', async () => {
    const { id: customerId } = await createCustomer(t);
    const manual = await createUser(t, customerId);
    await t.admin(t.http().post(`/api/customers/${customerId}/groups`)).send({ name: 'Legacy Group' }).expect(201);
    const tenant = await scimTenant(t, 'okta', customerId);
    const list = await tenant.get('/Groups?filter=displayName eq "legacy group"').expect(200);
    expect(list.body.totalResults).toBe(1);
    expect(manual.id).toBeDefined();
    const types = await tenant.get('/ResourceTypes').expect(200);
    expect(types.body.Resources.map((r: { id: string }) => r.id)).toEqual(['User', 'Group']);
    const schema = await tenant.get(`/Schemas/${GROUP}`).expect(200);
    expect(JSON.stringify(schema.body)).toMatch(/nested groups are not supported/);
    const spc = await tenant.get('/ServiceProviderConfig').expect(200);
    expect(spc.body['urn:ietf:params:scim:schemas:extension:manager:2.0:ServiceProviderConfig']).toMatchObject({ nestedGroups: false });
  });
});
