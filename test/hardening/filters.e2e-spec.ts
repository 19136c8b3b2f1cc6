import fc from 'fast-check';
import type { Response } from 'supertest';
import { expectScimError, MANAGER, scimTenant, ScimTenant, userBody } from '../support/scim';
import { describeEachEngine, TestApp } from '../support/test-app';
import { deep, garbage, grammarFilter, GROUP_SCHEMA, GROUPS, long, MAX_DEPTH, MAX_LENGTH, USERS } from './filter-arbitraries';
import { countRows, expectScimOutcome, percentEncode, PROPERTY_TIMEOUT, RUNS, send } from './hostile';

jest.setTimeout(PROPERTY_TIMEOUT);

const LIST_RESPONSE = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
const SEARCH_REQUEST = 'urn:ietf:params:scim:api:messages:2.0:SearchRequest';

describeEachEngine('Hardening: hostile filters', (ctx) => {
  let t: TestApp;
  let scim: ScimTenant;
  const tenantIds = new Set<string>();
  const byHandle: Record<string, string> = {};
  let seededUsers = 0;
  let seededGroups = 0;

  beforeAll(async () => {
    t = ctx();
    scim = await scimTenant(t);
    for (const [handle, given, externalId] of [
      ['alice', 'Alice', 'ext-alice'],
      ['bob', 'Robert', "ext-'; DROP TABLE users; --"],
      ["o'brien", "O'Brien", 'ext-back\\slash'],
      ['per%cent', 'Per', 'ext-per%cent'],
      ['under_score', 'Under', 'ext-under_score'],
    ]) {
      const res = await scim
        .post('/Users', userBody({ userName: `${handle}@contoso.example`, externalId, emails: [{ value: `${handle}@contoso.example`, primary: true }], name: { givenName: given, familyName: 'Test' } }))
        .expect(201);
      byHandle[handle] = res.body.id;
      tenantIds.add(res.body.id);
    }
    const group = await scim.post('/Groups', { schemas: [GROUP_SCHEMA], displayName: "Admins' OR '1'='1", members: [{ value: byHandle.alice }] }).expect(201);
    tenantIds.add(group.body.id);
    const other = await scimTenant(t);
    await other.post('/Users', userBody({ userName: 'alice@other.example' })).expect(201);
    await other.post('/Groups', { schemas: [GROUP_SCHEMA], displayName: 'Other' }).expect(201);
    seededUsers = await countRows(t, 'users');
    seededGroups = await countRows(t, 'user_groups');
  });


  /** GET with the filter in the query string, or POST .search when the URL would get too long. */
  function query(resource: 'Users' | 'Groups', filter: string, viaSearch: boolean): Promise<Response> {
    if (viaSearch || percentEncode(filter).length > 6_000) {
      return send(scim.post(`/${resource}/.search`, { schemas: [SEARCH_REQUEST], filter, count: 200 }));
    }
    return send(scim.get(`/${resource}?count=200&filter=${percentEncode(filter)}`));
  }

  /** 200 with a ListResponse of this tenant's resources, or 400 invalidFilter; never 5xx. */
  function expectFilterOutcome(res: Response): boolean {
    const ok = expectScimOutcome(res, [200], ['invalidFilter']);
    if (res.status === 400) expect(res.body.scimType).toBe('invalidFilter');
    if (ok) {
      expect(res.body.schemas).toEqual([LIST_RESPONSE]);
      for (const resource of res.body.Resources as { id: string }[]) expect(tenantIds).toContain(resource.id);
    }
    return ok;
  }

  it('answers grammar-shaped filters over known and unknown attributes with 200 or 400 invalidFilter', async () => {
    const resource = fc.constantFrom('Users' as const, 'Groups' as const);
    await fc.assert(
      fc.asyncProperty(resource.chain((r) => fc.tuple(fc.constant(r), grammarFilter(r === 'Users' ? USERS : GROUPS), fc.boolean())), async ([r, filter, viaSearch]) => {
        expectFilterOutcome(await query(r, filter, viaSearch));
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it('answers printable and binary garbage with 200 or 400 invalidFilter', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('Users' as const, 'Groups' as const), garbage, fc.boolean(), async (r, filter, viaSearch) => {
        expectFilterOutcome(await query(r, filter, viaSearch));
      }),
      { numRuns: RUNS },
    );
  });

  it('accepts nesting up to the depth limit and refuses deeper nesting with 400 invalidFilter', async () => {
    await fc.assert(
      fc.asyncProperty(deep, fc.boolean(), async ({ text, depth }, viaSearch) => {
        const res = await query('Users', text, viaSearch);
        expectFilterOutcome(res);
        expect(res.status).toBe(depth <= MAX_DEPTH ? 200 : 400);
      }),
      { numRuns: 40 },
    );
  });

  it('accepts filters up to 4096 characters and refuses longer ones (and long chains of sub-queries) with 400 invalidFilter', async () => {
    await fc.assert(
      fc.asyncProperty(long, fc.constantFrom('Users' as const, 'Groups' as const), async ({ text, users, groups, subquery }, r) => {
        const res = await query(r, text, true);
        expectFilterOutcome(res);
        const valid = text.length <= MAX_LENGTH && !subquery && (r === 'Users' ? users : groups);
        expect(res.status).toBe(valid ? 200 : 400);
      }),
      { numRuns: 40 },
    );
  });

  it.each([
    ['Users', 'groups pr', ' and '],
    ['Users', 'groups.display eq "x"', ' or '],
    ['Users', 'not (groups pr)', ' and '],
    ['Groups', 'members pr', ' and '],
    ['Groups', 'members[value eq "x"]', ' or '],
  ] as const)('on /%s, takes %s ten times and refuses it eleven times quickly (PostgreSQL planning, regression)', async (r, term, joiner) => {
    const chain = (n: number) => Array.from({ length: n }, () => term).join(joiner);
    expect((await query(r, chain(10), false)).status).toBe(200);
    expectScimError(await query(r, chain(11), false), 400, 'invalidFilter');
    expectScimError(await query(r, chain(200), true), 400, 'invalidFilter');
  });

  it('refuses a 1 MB filter and a 100 000-deep nesting quickly with 400 invalidFilter', async () => {
    for (const filter of ['userName pr or '.repeat(70_000), '('.repeat(100_000), `${'not ('.repeat(50_000)}id pr${')'.repeat(50_000)}`]) {
      const res = await send(scim.post('/Users/.search', { filter }));
      if (res.status !== 413) expectScimError(res, 400, 'invalidFilter');
    }
  });

  it.each([
    ['userName eq "x\' OR \'1\'=\'1"', []],
    ['userName eq "\' OR 1=1 --"', []],
    ['userName eq "alice@contoso.example\\" or \\"1\\" eq \\"1"', []],
    ['userName eq "\\u0027 OR \\u00271\\u0027=\\u00271"', []],
    ['userName co "\'"', ["o'brien"]],
    ['userName co "%"', ['per%cent']],
    ['userName co "_"', ['under_score']],
    ['userName sw "%"', []],
    ['userName ew "_"', []],
    ['userName eq "%"', []],
    ['userName co "%%"', []],
    ['userName co "\\\\"', []],
    ['externalId eq "ext-\'; DROP TABLE users; --"', ['bob']],
    ['externalId co "\\\\"', ["o'brien"]],
    ['externalId eq "\'; DROP TABLE users; --"', []],
    ['name.givenName eq "Robert\'); DROP TABLE users;--"', []],
    ['displayName co "\' || \'"', []],
    ['emails[value co "%"]', ['per%cent']],
    ['emails[value co "\'" or value co "_"]', ["o'brien", 'under_score']],
    ['id eq "1 OR 1=1"', []],
    ['groups.display eq "Admins\' OR \'1\'=\'1"', ['alice']],
    ['groups.display eq "\' OR \'1\'=\'1"', []],
    [`${MANAGER}:gender eq "x' OR gender IS NULL --"`, []],
  ])('keeps the injection attempt %s inert', async (filter, expected) => {
    const res = await query('Users', filter, false);
    expect(res.status).toBe(200);
    const handles = (res.body.Resources as { userName: string }[]).map((r) => r.userName.replace('@contoso.example', ''));
    expect(handles.sort()).toEqual([...expected].sort());
  });

  it.each([
    'userName eq "alice@contoso.example" or "1" eq "1"',
    'userName pr) or (1=1',
    'userName eq "x"; DROP TABLE users',
    "userName eq 'x' OR '1'='1'",
    'userName eq "x"--',
    'userName eq "x" /* comment */',
    'userName; DROP TABLE users eq "x"',
    'meta.created gt "2000-01-01T00:00:00Z\' OR \'1\'=\'1"',
    '1 eq 1',
    'active eq true or 1 eq 1',
    'userName eq "x" union select * from users',
  ])('refuses the injection attempt %s with 400 invalidFilter', async (filter) => {
    expectScimError(await query('Users', filter, false), 400, 'invalidFilter');
    expectScimError(await query('Groups', filter.replace(/userName/g, 'displayName'), true), 400, 'invalidFilter');
  });

  it.each([
    ['userName eq "a\\u0000b"', 'Users'],
    ['id eq "\\u0000"', 'Users'],
    ['emails[value co "\\u0000"]', 'Users'],
    ['name.givenName eq "\\ud800"', 'Users'],
    ['members.value eq "\\u0000"', 'Groups'],
    ['displayName sw "x\\udc00"', 'Groups'],
  ] as const)('refuses %s (a NUL or a lone surrogate no stored text can hold) with 400 invalidFilter on /%s', async (filter, r) => {
    expectScimError(await query(r, filter, false), 400, 'invalidFilter');
    expectScimError(await query(r, filter, true), 400, 'invalidFilter');
  });

  it.each([
    ['displayName eq "\' OR \'\'=\'"', 0],
    ['displayName eq "Admins\' OR \'1\'=\'1"', 1],
    ['members.value eq "\' OR 1=1 --"', 0],
    ['members[value eq "x\' OR \'1\'=\'1"]', 0],
  ])('keeps the group injection attempt %s inert', async (filter, total) => {
    const res = await query('Groups', filter, false);
    expect(res.status).toBe(200);
    expect(res.body.totalResults).toBe(total);
  });

  it('leaves every table as seeded after all of the above (SQL in filters is inert)', async () => {
    expect(await countRows(t, 'users')).toBe(seededUsers);
    expect(await countRows(t, 'user_groups')).toBe(seededGroups);
    expect(await countRows(t, 'group_members')).toBe(1);
  });
});
