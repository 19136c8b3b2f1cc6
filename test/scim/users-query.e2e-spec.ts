import { ENTERPRISE, expectScimError, MANAGER, scimTenant, ScimTenant, userBody } from '../support/scim';
import { describeEachEngine } from '../support/test-app';

describeEachEngine('SCIM /Users: read, filter, page, sort, project', (ctx) => {
  let scim: ScimTenant;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    const t = ctx();
    scim = await scimTenant(t);
    const people = [
      ['anna', 'Anna', 'Berg', 'female', 'Sales', true],
      ['bert', 'Bert', 'Cole', 'male', 'Sales', true],
      ['carla', 'Carla', 'Diaz', 'female', 'IT', false],
      ['dora', 'Dora', 'Engel', 'diverse', 'IT', true],
      ['emil_50%', 'Emil', 'Öz', 'male', 'R&D', true],
    ] as const;
    for (const [handle, given, family, gender, department, active] of people) {
      const res = await scim
        .post('/Users', userBody({
          userName: `${handle}@contoso.example`,
          externalId: `okta-${handle}`,
          emails: [{ value: `${handle}@contoso.example`, type: 'work', primary: true }],
          name: { givenName: given, familyName: family },
          active,
          [MANAGER]: { gender },
          [ENTERPRISE]: { department },
        }))
        .expect(201);
      ids[handle] = res.body.id;
    }
  });

  const userNames = (body: { Resources: { userName: string }[] }) => body.Resources.map((r) => r.userName.split('@')[0]);

  it.each([
    ['userName eq "ANNA@contoso.example"', ['anna']],
    ['emails[type eq "work"].value eq "bert@contoso.example"', ['bert']],
    ['emails[type eq "work" and value co "carla"]', ['carla']],
    ['externalId eq "okta-dora"', ['dora']],
    ['externalId eq "OKTA-DORA"', []],
    ['active eq false', ['carla']],
    ['name.familyName sw "e"', ['dora']],
    [`${MANAGER}:gender eq "female" and active eq true`, ['anna']],
    [`${ENTERPRISE}:department eq "IT" or userName co "50%"`, ['carla', 'dora', 'emil_50%']],
    ['not (active eq true)', ['carla']],
    ['userName co "_50"', ['emil_50%']],
    ['USERNAME Eq "bert@contoso.example"', ['bert']],
    ['meta.lastModified gt "2000-01-01T00:00:00Z" and userName sw "a"', ['anna']],
    ['userName eq "7d420df3-9995-4831-a406-ecf8166f5f6a"', []],
  ])('filters %s', async (filter, expected) => {
    const res = await scim.get(`/Users?filter=${encodeURIComponent(filter)}&sortBy=userName`).expect(200);
    expect(userNames(res.body).sort()).toEqual([...expected].sort());
    expect(res.body.totalResults).toBe(expected.length);
  });

  it('reads form-encoded Entra queries and ignores unknown parameters', async () => {
    const res = await scim.get('/Users?filter=userName+eq+%22anna%40contoso.example%22&aadOptscim062020').expect(200);
    expect(res.body).toEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
      totalResults: 1,
      startIndex: 1,
      itemsPerPage: 1,
      Resources: [expect.objectContaining({ id: ids.anna })],
    });
  });

  it.each([
    ['userName eq', 'invalidFilter'],
    ['userName zz "x"', 'invalidFilter'],
    ['nickName eq "x"', 'invalidFilter'],
    ['emails[nope eq "x"]', 'invalidFilter'],
    ['active gt true', 'invalidFilter'],
    [`${'('.repeat(60)}userName pr${')'.repeat(60)}`, 'invalidFilter'],
  ])('refuses the filter %s with 400 %s', async (filter, scimType) => {
    expectScimError(await scim.get(`/Users?filter=${encodeURIComponent(filter)}`), 400, scimType);
  });

  it('pages with 1-based startIndex and count, in a stable order, with the exact total', async () => {
    const seen: string[] = [];
    for (let start = 1; start <= 5; start += 2) {
      const res = await scim.get(`/Users?startIndex=${start}&count=2`).expect(200);
      expect(res.body).toMatchObject({ totalResults: 5, startIndex: start });
      seen.push(...res.body.Resources.map((r: { id: string }) => r.id));
    }
    expect(new Set(seen)).toEqual(new Set(Object.values(ids)));
    const beyond = await scim.get('/Users?startIndex=50&count=2').expect(200);
    expect(beyond.body).toMatchObject({ totalResults: 5, itemsPerPage: 0, Resources: [] });
    const zero = await scim.get('/Users?count=0').expect(200);
    expect(zero.body).toMatchObject({ totalResults: 5, itemsPerPage: 0, Resources: [] });
    const negative = await scim.get('/Users?startIndex=-3&count=1').expect(200);
    expect(negative.body).toMatchObject({ startIndex: 1, itemsPerPage: 1 });
    expectScimError(await scim.get('/Users?count=abc'), 400, 'invalidValue');
  });

  it('sorts ascending and descending', async () => {
    const asc = await scim.get('/Users?sortBy=name.familyName').expect(200);
    expect(userNames(asc.body)).toEqual(['anna', 'bert', 'carla', 'dora', 'emil_50%']);
    const desc = await scim.get('/Users?sortBy=userName&sortOrder=descending').expect(200);
    expect(userNames(desc.body)).toEqual(['emil_50%', 'dora', 'carla', 'bert', 'anna']);
    expectScimError(await scim.get('/Users?sortBy=nickName'), 400, 'invalidValue');
    expectScimError(await scim.get('/Users?sortBy=userName&sortOrder=sideways'), 400, 'invalidValue');
  });

  it('returns only the requested attributes, and drops excluded ones, on lists and single reads', async () => {
    const only = await scim.get(`/Users?filter=userName eq "anna@contoso.example"&attributes=userName,${MANAGER}:gender`).expect(200);
    expect(only.body.Resources[0]).toEqual({
      schemas: expect.any(Array),
      id: ids.anna,
      userName: 'anna@contoso.example',
      [MANAGER]: { gender: 'female' },
    });
    const without = await scim.get(`/Users/${ids.bert}?excludedAttributes=emails,name,meta`).expect(200);
    expect(without.body.emails).toBeUndefined();
    expect(without.body.name).toBeUndefined();
    expect(without.body.meta).toBeUndefined();
    expect(without.body.userName).toBe('bert@contoso.example');
  });

  it('searches with POST /Users/.search', async () => {
    const res = await scim
      .post('/Users/.search', {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'],
        filter: 'active eq true',
        attributes: ['userName'],
        sortBy: 'userName',
        startIndex: 1,
        count: 2,
      })
      .expect(200);
    expect(res.body).toMatchObject({ totalResults: 4, itemsPerPage: 2 });
    expect(userNames(res.body)).toEqual(['anna', 'bert']);
    expect(res.body.Resources[0].emails).toBeUndefined();
    expectScimError(await scim.post('/Users/.search', { schemas: ['urn:x'], filter: 'active eq true' }), 400, 'invalidSyntax');
  });

  it('answers an unknown id with a SCIM 404', async () => {
    expectScimError(await scim.get('/Users/7b0d5e4e-8f0a-4c55-9a55-3f1e2f6c9d11'), 404);
    expectScimError(await scim.get('/Users/not-even-a-uuid'), 404);
    expectScimError(await scim.get('/Users/%ED%A0%80'), 404);
    expectScimError(await scim.get('/Groups/%E0%A4%A'), 404);
  });
});

describeEachEngine('SCIM discovery', (ctx) => {
  it('advertises what works: ServiceProviderConfig, ResourceTypes, Schemas', async () => {
    const t = ctx();
    const scim = await scimTenant(t);
    const spc = await scim.get('/ServiceProviderConfig').expect(200);
    expect(spc.headers['content-type']).toMatch(/^application\/scim\+json/);
    expect(spc.body).toMatchObject({
      patch: { supported: true },
      bulk: { supported: false },
      filter: { supported: true, maxResults: 200 },
      sort: { supported: true },
      etag: { supported: true },
      changePassword: { supported: false },
      authenticationSchemes: [expect.objectContaining({ type: 'oauthbearertoken' })],
    });
    const types = await scim.get('/ResourceTypes').expect(200);
    expect(types.body.Resources).toEqual([
      expect.objectContaining({ id: 'User', endpoint: '/Users', schema: 'urn:ietf:params:scim:schemas:core:2.0:User' }),
      expect.objectContaining({ id: 'Group', endpoint: '/Groups', schema: 'urn:ietf:params:scim:schemas:core:2.0:Group' }),
    ]);
    await scim.get('/ResourceTypes/User').expect(200);
    const schemas = await scim.get('/Schemas').expect(200);
    const manager = schemas.body.Resources.find((s: { id: string }) => s.id === MANAGER);
    expect(manager.attributes.map((a: { name: string }) => a.name)).toEqual(['gender', 'academicTitle']);
    expect(manager.attributes[0].canonicalValues).toEqual(['female', 'male', 'diverse', 'unspecified']);
    expect(JSON.stringify(schemas.body)).not.toContain('null');
    await scim.get(`/Schemas/${MANAGER}`).expect(200);
    expectScimError(await scim.get('/Schemas/urn:nope'), 404);
    expectScimError(await scim.get('/Schemas?filter=id eq "x"'), 403);
  });

  it('caps count at the advertised maxResults', async () => {
    const t = ctx();
    const scim = await scimTenant(t);
    const res = await scim.get('/Users?count=100000').expect(200);
    expect(res.body.itemsPerPage).toBeLessThanOrEqual(200);
  });
});
