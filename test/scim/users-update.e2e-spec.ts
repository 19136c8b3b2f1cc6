import { ProvisioningLogSink } from '../../apps/manager-api/src/scim-adapters/provisioning-log.sink';
import { ENTERPRISE, expectScimError, MANAGER, scimTenant, USER_SCHEMA, userBody } from '../support/scim';
import { describeEachEngine, TestApp } from '../support/test-app';

const adminUser = async (t: TestApp, customerId: string, id: string) =>
  (await t.admin(t.http().get(`/api/customers/${customerId}/users/${id}`)).expect(200)).body;

describeEachEngine('SCIM /Users: PATCH and PUT', (ctx) => {
  it('applies an Entra-style name, email, extension and deactivation PATCH', async () => {
    const t = ctx();
    const scim = await scimTenant(t);
    const { body: user } = await scim.post('/Users', userBody()).expect(201);
    const res = await scim
      .patch(`/Users/${user.id}`, [
        { op: 'replace', path: 'name.givenName', value: 'Alicia' },
        { op: 'replace', path: 'displayName', value: 'Alicia Jones' },
        { op: 'replace', path: 'emails[type eq "work"].value', value: 'alicia@contoso.example' },
        { op: 'add', path: `${MANAGER}:academicTitle`, value: 'Prof. Dr.' },
        { op: 'replace', path: `${ENTERPRISE}:department`, value: 'Sales' },
        { op: 'replace', path: 'active', value: false },
      ])
      .expect(200);
    expect(res.body).toMatchObject({
      active: false,
      name: { givenName: 'Alicia' },
      emails: [{ value: 'alicia@contoso.example' }],
      [MANAGER]: { academicTitle: 'Prof. Dr.' },
      [ENTERPRISE]: { department: 'Sales' },
    });
    expect(res.headers.etag).not.toBe(user.meta.version);
    expect(await adminUser(t, scim.customerId, user.id)).toMatchObject({
      firstName: 'Alicia',
      email: 'alicia@contoso.example',
      academicTitle: 'Prof. Dr.',
      department: 'Sales',
      active: false,
      deactivatedAt: expect.any(String),
    });
    const again = await scim.get(`/Users/${user.id}`).expect(200);
    expect(again.body.active).toBe(false);
    const filtered = await scim.get(`/Users?filter=userName eq "${user.userName}"`).expect(200);
    expect(filtered.body.Resources[0]).toMatchObject({ id: user.id, active: false });
  });

  it('applies an Okta-style path-less replace (okta) and an Entra path-less dotted/URN-key replace (entra)', async () => {
    const t = ctx();
    const scim = await scimTenant(t, 'okta');
    const { body: user } = await scim.post('/Users', userBody()).expect(201);
    await scim.patch(`/Users/${user.id}`, [{ op: 'replace', value: { active: false } }]).expect(200);
    expect((await adminUser(t, scim.customerId, user.id)).active).toBe(false);
    expectScimError(await scim.patch(`/Users/${user.id}`, [{ op: 'replace', value: { 'name.familyName': 'Jones' } }]), 400, 'invalidValue');
    const entra = await scimTenant(t, 'entra');
    const { body: other } = await entra.post('/Users', userBody()).expect(201);
    await entra
      .patch(`/Users/${other.id}`, [
        { op: 'replace', value: { active: false, 'name.familyName': 'Jones', [`${MANAGER}:gender`]: 'male' } },
      ])
      .expect(200);
    expect(await adminUser(t, entra.customerId, other.id)).toMatchObject({ active: false, lastName: 'Jones', gender: 'male' });
  });

  it('removes an attribute and keeps the others', async () => {
    const t = ctx();
    const scim = await scimTenant(t);
    const { body: user } = await scim.post('/Users', userBody({ [MANAGER]: { gender: 'female', academicTitle: 'Dr.' } })).expect(201);
    const res = await scim.patch(`/Users/${user.id}`, [{ op: 'remove', path: `${MANAGER}:academicTitle` }]).expect(200);
    expect(res.body[MANAGER]).toEqual({ gender: 'female' });
    expect(await adminUser(t, scim.customerId, user.id)).toMatchObject({ academicTitle: null, gender: 'female' });
  });

  it.each([
    ['an invalid path', [{ op: 'replace', path: 'name..givenName', value: 'x' }], 'invalidPath'],
    ['a remove without path', [{ op: 'remove' }], 'noTarget'],
    ['a write to groups', [{ op: 'add', path: 'groups', value: [{ value: 'x' }] }], 'mutability'],
    ['a wrong value type', [{ op: 'replace', path: 'active', value: 'maybe' }], 'invalidValue'],
    ['an unknown op', [{ op: 'merge', path: 'active', value: true }], 'invalidSyntax'],
    ['a filter that matches nothing', [{ op: 'replace', path: 'emails[type eq "home"].value', value: 'h@x.io' }], 'noTarget'],
  ])('refuses %s with 400 and applies nothing, even the valid operations before it', async (_what, bad, scimType) => {
    const t = ctx();
    const scim = await scimTenant(t, 'entra', undefined, 'strict');
    const { body: user } = await scim.post('/Users', userBody()).expect(201);
    const res = await scim.patch(`/Users/${user.id}`, [{ op: 'replace', path: 'name.givenName', value: 'Changed' }, ...bad]);
    expectScimError(res, 400, scimType);
    const after = await scim.get(`/Users/${user.id}`).expect(200);
    expect(after.body.name.givenName).toBe(user.name.givenName);
    expect(after.body.meta.version).toBe(user.meta.version);
  });

  it('refuses a PatchOp without its schema or operations', async () => {
    const t = ctx();
    const scim = await scimTenant(t);
    const { body: user } = await scim.post('/Users', userBody()).expect(201);
    const url = `/scim/v2/Users/${user.id}`;
    const send = (body: unknown) => t.http().patch(url).set('Authorization', `Bearer ${scim.token}`).send(body as object);
    expectScimError(await send({ Operations: [{ op: 'replace', path: 'active', value: false }] }), 400, 'invalidSyntax');
    expectScimError(await send({ schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [] }), 400, 'invalidSyntax');
  });

  it('honours If-Match: 412 on a stale version, 200 on the current one; GET If-None-Match gives 304', async () => {
    const t = ctx();
    const scim = await scimTenant(t);
    const { body: user } = await scim.post('/Users', userBody()).expect(201);
    const op = [{ op: 'replace', path: 'name.givenName', value: 'V2' }];
    const ok = await scim.patch(`/Users/${user.id}`, op).set('If-Match', user.meta.version).expect(200);
    expectScimError(await scim.patch(`/Users/${user.id}`, op).set('If-Match', user.meta.version), 412);
    expectScimError(await scim.delete(`/Users/${user.id}`).set('If-Match', user.meta.version), 412);
    await scim.get(`/Users/${user.id}`).set('If-None-Match', ok.headers.etag as string).expect(304);
    await scim.get(`/Users/${user.id}`).set('If-None-Match', user.meta.version).expect(200);
  });

  it('replaces with PUT, ignoring read-only and unknown attributes, keeping extensions the body leaves out', async () => {
    const t = ctx();
    const scim = await scimTenant(t, 'okta');
    const { body: user } = await scim.post('/Users', userBody({ [MANAGER]: { gender: 'diverse', academicTitle: 'Dr.' } })).expect(201);
    const res = await scim
      .put(`/Users/${user.id}`, {
        schemas: [USER_SCHEMA],
        id: 'attempt-to-change-id',
        userName: user.userName,
        name: { givenName: 'Another', middleName: 'Excited', familyName: 'User' },
        emails: [{ primary: true, value: user.userName, type: 'work', display: 'x' }],
        active: true,
        groups: [],
        meta: { resourceType: 'User' },
      })
      .expect(200);
    expect(res.body).toMatchObject({
      id: user.id,
      externalId: user.externalId,
      name: { givenName: 'Another', familyName: 'User' },
      [MANAGER]: { gender: 'diverse', academicTitle: 'Dr.' },
    });
    expect(res.body.name.middleName).toBeUndefined();
    expectScimError(await scim.put(`/Users/${user.id}`, { schemas: [USER_SCHEMA], name: { givenName: 'X' } }), 400, 'invalidValue');
    expectScimError(await scim.put('/Users/7b0d5e4e-8f0a-4c55-9a55-3f1e2f6c9d11', userBody()), 404);
  });

  it('records one provisioning event per request with attribute names, never values', async () => {
    const t = ctx();
    const scim = await scimTenant(t);
    const { body: user } = await scim.post('/Users', userBody({ [MANAGER]: { academicTitle: 'SecretTitle' } })).expect(201);
    await scim.patch(`/Users/${user.id}`, [{ op: 'replace', path: 'name.familyName', value: 'SecretFamily' }]).expect(200);
    await scim.patch(`/Users/${user.id}`, [{ op: 'replace', path: 'active', value: false }]).expect(200);
    await scim.patch(`/Users/${user.id}`, [{ op: 'replace', path: 'nope..x', value: 1 }]).expect(400);
    await t.app.get(ProvisioningLogSink, { strict: false }).flush();
    const rows: Record<string, unknown>[] = await t.dataSource.query('SELECT * FROM provisioning_events WHERE customer_id = $1'.replace('$1', t.engine === 'postgres' ? '$1' : '?'), [scim.customerId]);
    const actions = rows.map((r) => `${String(r.action)}:${String(r.status)}`).sort();
    expect(actions).toEqual(['create:201', 'deactivate:200', 'null:400', 'update:200'].sort());
    const text = JSON.stringify(rows);
    expect(text).toContain('name');
    await scim.patch(`/Users/${user.id}`, [{ op: 'Replace', path: 'active', value: 'True' }]).expect(200);
    await t.app.get(ProvisioningLogSink, { strict: false }).flush();
    const [reactivated] = await t.dataSource.query(
      `SELECT action, dialect_rules FROM provisioning_events WHERE customer_id = ${t.engine === 'postgres' ? '$1' : '?'} AND action = 'reactivate'`,
      [scim.customerId],
    );
    expect(JSON.parse(reactivated.dialect_rules).sort()).toEqual(['op-case', 'string-boolean']);
    for (const secret of ['SecretTitle', 'SecretFamily', user.userName, scim.token]) expect(text).not.toContain(secret);
  });
});
