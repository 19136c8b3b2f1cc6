import { createCustomer, createUser } from '../support/factories';
import { ENTERPRISE, expectScimError, MANAGER, scimTenant, USER_SCHEMA, userBody } from '../support/scim';
import { describeEachEngine, TEST_PUBLIC_BASE_URL } from '../support/test-app';

describeEachEngine('SCIM /Users: create and lifecycle', (ctx) => {
  it('creates a user with both extensions: 201, Location, ETag, meta, scim+json', async () => {
    const t = ctx();
    const scim = await scimTenant(t);
    const body = userBody({
      [MANAGER]: { gender: 'Weiblich', academicTitle: 'Dr.' },
      [ENTERPRISE]: { department: 'Finance' },
      preferredLanguage: 'de-DE',
      password: 'never-stored',
    });
    const res = await scim.post('/Users', body).expect(201);
    expect(res.headers['content-type']).toMatch(/^application\/scim\+json/);
    const id = res.body.id as string;
    expect(res.headers.location).toBe(`${TEST_PUBLIC_BASE_URL}/scim/v2/Users/${id}`);
    expect(res.headers.etag).toBe(res.body.meta.version);
    expect(res.body).toMatchObject({
      schemas: [USER_SCHEMA, ENTERPRISE, MANAGER],
      userName: body.userName,
      externalId: body.externalId,
      active: true,
      name: { givenName: (body.name as { givenName: string }).givenName },
      emails: [{ value: (body.emails as { value: string }[])[0]!.value, type: 'work', primary: true }],
      preferredLanguage: 'de-DE',
      [ENTERPRISE]: { department: 'Finance' },
      [MANAGER]: { gender: 'female', academicTitle: 'Dr.' },
      meta: { resourceType: 'User', location: res.headers.location, version: expect.stringMatching(/^W\/"\d+"$/) },
    });
    expect(JSON.stringify(res.body)).not.toContain('never-stored');
    const admin = await t.admin(t.http().get(`/api/customers/${scim.customerId}/users/${id}`)).expect(200);
    expect(admin.body).toMatchObject({ gender: 'female', academicTitle: 'Dr.', department: 'Finance', source: 'scim', language: 'de-DE' });
  });

  it('takes the email from userName when no email is given', async () => {
    const t = ctx();
    const scim = await scimTenant(t, 'okta');
    const res = await scim.post('/Users', { schemas: [USER_SCHEMA], userName: 'Only.Name@Example.com' }).expect(201);
    expect(res.body.emails).toEqual([{ value: 'Only.Name@Example.com', type: 'work', primary: true }]);
    expectScimError(await scim.post('/Users', { schemas: [USER_SCHEMA], userName: 'no-email-here' }), 400, 'invalidValue');
  });

  it.each([
    ['a missing userName', { userName: undefined }, 'invalidValue'],
    ['an unknown gender', { [MANAGER]: { gender: 'robot' } }, 'invalidValue'],
    ['a non-string userName', { userName: 42 }, 'invalidValue'],
    ['emails that are not an array', { emails: { value: 'x@y.z' } }, 'invalidValue'],
    ['two primary emails', { emails: [{ value: 'a@x.io', primary: true }, { value: 'b@x.io', primary: true }] }, 'invalidValue'],
  ])('refuses %s with 400 and writes nothing', async (_what, override, scimType) => {
    const t = ctx();
    const scim = await scimTenant(t);
    const res = await scim.post('/Users', userBody(override));
    expectScimError(res, 400, scimType);
    const list = await scim.get('/Users').expect(200);
    expect(list.body.totalResults).toBe(0);
  });

  it('lists the accepted genders when one is unknown', async () => {
    const t = ctx();
    const scim = await scimTenant(t);
    const res = await scim.post('/Users', userBody({ [MANAGER]: { gender: 'robot' } })).expect(400);
    expect(res.body.detail).toMatch(/female.*male.*diverse.*unspecified/);
  });

  it('answers malformed JSON with 400 invalidSyntax as a SCIM error', async () => {
    const t = ctx();
    const scim = await scimTenant(t);
    const res = await t.http().post('/scim/v2/Users').set('Authorization', `Bearer ${scim.token}`).set('Content-Type', 'application/scim+json').send('{"userName":');
    expectScimError(res, 400, 'invalidSyntax');
    const huge = JSON.stringify(userBody({ displayName: 'x'.repeat(1_100_000) }));
    const tooBig = await t.http().post('/scim/v2/Users').set('Authorization', `Bearer ${scim.token}`).set('Content-Type', 'application/scim+json').send(huge);
    expectScimError(tooBig, 413);
  });

  it('refuses a second user with the same userName or email, case-insensitively, with 409 uniqueness', async () => {
    const t = ctx();
    const scim = await scimTenant(t);
    await scim.post('/Users', userBody({ userName: 'Ärger@Example.com', emails: [{ value: 'ärger@example.com', primary: true }] })).expect(201);
    expectScimError(await scim.post('/Users', userBody({ userName: 'ÄRGER@example.COM' })), 409, 'uniqueness');
    expectScimError(await scim.post('/Users', userBody({ emails: [{ value: 'ÄRGER@EXAMPLE.com', type: 'work' }] })), 409, 'uniqueness');
    const other = await scimTenant(t);
    await other.post('/Users', userBody({ userName: 'Ärger@Example.com' })).expect(201);
  });

  it('lets exactly one of 50 concurrent creates of one userName win; the others get 409, no row is duplicated', async () => {
    const t = ctx();
    const scim = await scimTenant(t);
    const results = await Promise.all(
      Array.from({ length: 50 }, () => scim.post('/Users', userBody({ userName: 'race@example.com', externalId: undefined, emails: undefined }))),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s !== 201).every((s) => s === 409)).toBe(true);
    const list = await scim.get('/Users?filter=userName eq "race@example.com"').expect(200);
    expect(list.body.totalResults).toBe(1);
  });

  it('answers a retried create (same externalId) with the same user instead of 409', async () => {
    const t = ctx();
    const scim = await scimTenant(t);
    const body = userBody();
    const first = await scim.post('/Users', body).expect(201);
    const again = await scim.post('/Users', body).expect(201);
    expect(again.body.id).toBe(first.body.id);
    expect((await scim.get('/Users').expect(200)).body.totalResults).toBe(1);
  });

  it('adopts a user imported or created by hand before SCIM was enabled, instead of duplicating it', async () => {
    const t = ctx();
    const { id: customerId } = await createCustomer(t);
    const manual = await createUser(t, customerId, { email: 'Legacy@Contoso.example', firstName: 'Old', lastName: 'Name', academicTitle: 'Prof.' });
    const scim = await scimTenant(t, 'entra', customerId);
    const lookup = await scim.get('/Users?filter=userName eq "LEGACY@contoso.example"').expect(200);
    expect(lookup.body.Resources.map((r: { id: string; userName: string }) => [r.id, r.userName])).toEqual([[manual.id, 'Legacy@Contoso.example']]);
    const res = await scim.post('/Users', userBody({ userName: 'legacy@contoso.example', emails: [{ value: 'legacy@contoso.example', type: 'work', primary: true }] })).expect(201);
    expect(res.body.id).toBe(manual.id);
    const admin = await t.admin(t.http().get(`/api/customers/${customerId}/users`)).expect(200);
    expect(admin.body.total).toBe(1);
    expect(admin.body.items[0]).toMatchObject({ id: manual.id, source: 'scim', email: 'legacy@contoso.example', academicTitle: 'Prof.' });
  });

  it('reactivates a deactivated user that the IdP creates again', async () => {
    const t = ctx();
    const scim = await scimTenant(t, 'okta');
    const body = userBody();
    const { body: created } = await scim.post('/Users', body).expect(201);
    await scim.patch(`/Users/${created.id}`, [{ op: 'replace', value: { active: false } }]).expect(200);
    const again = await scim.post('/Users', { ...body, externalId: 'new-okta-id' }).expect(201);
    expect(again.body).toMatchObject({ id: created.id, active: true, externalId: 'new-okta-id' });
  });

  it('erases a deleted user and frees its userName', async () => {
    const t = ctx();
    const scim = await scimTenant(t);
    const body = userBody();
    const { body: created } = await scim.post('/Users', body).expect(201);
    await scim.delete(`/Users/${created.id}`).expect(204);
    expectScimError(await scim.get(`/Users/${created.id}`), 404);
    expectScimError(await scim.delete(`/Users/${created.id}`), 404);
    await t.admin(t.http().get(`/api/customers/${scim.customerId}/users/${created.id}`)).expect(404);
    const again = await scim.post('/Users', body).expect(201);
    expect(again.body.id).not.toBe(created.id);
  });

  it("never reaches another customer's users with a token", async () => {
    const t = ctx();
    const a = await scimTenant(t);
    const b = await scimTenant(t);
    const { body: user } = await a.post('/Users', userBody()).expect(201);
    for (const res of [
      await b.get(`/Users/${user.id}`),
      await b.put(`/Users/${user.id}`, userBody()),
      await b.patch(`/Users/${user.id}`, [{ op: 'replace', path: 'active', value: false }]),
      await b.delete(`/Users/${user.id}`),
    ]) {
      expectScimError(res, 404);
    }
    expect((await b.get(`/Users?filter=id eq "${user.id}"`).expect(200)).body.totalResults).toBe(0);
    expect((await a.get(`/Users/${user.id}`).expect(200)).body.active).toBe(true);
  });

  it('refuses requests without a valid token with a SCIM 401 and WWW-Authenticate', async () => {
    const t = ctx();
    const scim = await scimTenant(t);
    const none = await t.http().get('/scim/v2/Users');
    expectScimError(none, 401);
    expect(none.headers['www-authenticate']).toMatch(/^Bearer/);
    expectScimError(await t.http().get('/scim/v2/Users').set('Authorization', `Bearer ${scim.token}x`), 401);
    expectScimError(await t.http().get('/scim/v2/Users').set('Authorization', `Basic ${scim.token}`), 401);
  });
});
