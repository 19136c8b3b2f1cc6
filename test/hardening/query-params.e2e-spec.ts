import fc from 'fast-check';
import type { Response } from 'supertest';
import { ENTERPRISE, expectScimError, MANAGER, scimTenant, ScimTenant, userBody } from '../support/scim';
import { describeEachEngine, TestApp } from '../support/test-app';
import { anyJson, countRows, expectScimOutcome, nastyText, percentEncode, PROPERTY_TIMEOUT, RUNS, send } from './hostile';

jest.setTimeout(PROPERTY_TIMEOUT);

const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const LIST_RESPONSE = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
const QUERY_SCIM_TYPES = ['invalidValue', 'invalidFilter', 'invalidSyntax'];

const NUMBERS = [
  '1', '0', '-1', '2', '200', '201', '100000', '-99999999999', '99999999999999999999', '9007199254740991', '9007199254740992',
  '9007199254740993', '1e15', '1e20', '1e400', '-1e400', '1.5', '1.0', '0x10', '0b11', 'NaN', 'Infinity', '-Infinity', '',
  ' ', '+3', '٣', '３', '1 ', '1,2', 'null', 'true',
];
const SORT_BY = ['userName', 'name.familyName', 'name', 'emails', 'emails.type', 'groups', 'displayName', 'members', 'meta.created', 'id', 'nickName', 'userName pr or userName', 'emails[type eq "work"].value', '__proto__', 'constructor', `${ENTERPRISE}:department`, `${MANAGER}:gender`, 'userName; DROP TABLE users', 'userName--', ''];
const SORT_ORDER = ['ascending', 'descending', 'DESCENDING', 'Ascending', 'sideways', '', '1', 'desc'];
const ATTRIBUTES = ['userName', 'name.givenName', 'emails,name', 'members', 'displayName', 'meta', 'id', 'schemas', '__proto__', 'constructor.prototype', 'toString', ENTERPRISE, `${MANAGER}:gender`, 'urn:x:y', ',,,', ' userName , emails ', 'emails[type eq "work"]'];

const value = (known: readonly string[]) => fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...known) }, { weight: 1, arbitrary: nastyText(6) });
const PARAMS: Record<string, fc.Arbitrary<string>> = {
  startIndex: value(NUMBERS),
  count: value(NUMBERS),
  sortBy: value(SORT_BY),
  sortOrder: value(SORT_ORDER),
  attributes: value(ATTRIBUTES),
  excludedAttributes: value(ATTRIBUTES),
  filter: value(['userName pr', 'displayName pr', 'id eq "x"', '']),
};
const NAMES = [...Object.keys(PARAMS), 'STARTINDEX', 'Count', 'sortby', 'unknown', '__proto__', 'constructor', 'aadOptscim062020'];

/** A query string of 0–6 parameters, names possibly repeated (arrays) and cased oddly, values hostile. */
const queryString: fc.Arbitrary<string> = fc
  .array(fc.constantFrom(...NAMES).chain((name) => fc.tuple(fc.constant(name), PARAMS[Object.keys(PARAMS).find((k) => k.toLowerCase() === name.toLowerCase()) ?? 'filter']!)), { maxLength: 6 })
  .map((pairs) => pairs.map(([name, v]) => `${encodeURIComponent(name)}=${percentEncode(v)}`).join('&'));

/** A SearchRequest with values of every JSON type. */
const searchBody: fc.Arbitrary<Record<string, unknown>> = fc.record(
  {
    schemas: fc.constantFrom(['urn:ietf:params:scim:api:messages:2.0:SearchRequest']),
    startIndex: fc.oneof(fc.integer(), fc.constantFrom(1e20, -1e20, 2 ** 53 + 2, 1.5, Number.MAX_VALUE), anyJson),
    count: fc.oneof(fc.integer(), fc.constantFrom(1e20, 2 ** 53 + 2, -0, 0.5), anyJson),
    sortBy: fc.oneof(fc.constantFrom(...SORT_BY), anyJson),
    sortOrder: fc.oneof(fc.constantFrom(...SORT_ORDER), anyJson),
    attributes: fc.oneof(fc.constantFrom(...ATTRIBUTES), fc.array(fc.constantFrom(...ATTRIBUTES), { maxLength: 3 }), anyJson),
    excludedAttributes: fc.oneof(fc.constantFrom(...ATTRIBUTES), fc.array(fc.constantFrom(...ATTRIBUTES), { maxLength: 3 }), anyJson),
  },
  { requiredKeys: ['schemas'] },
);

describeEachEngine('Hardening: hostile query parameters', (ctx) => {
  let t: TestApp;
  let scim: ScimTenant;
  let userId: string;
  let groupId: string;

  beforeAll(async () => {
    t = ctx();
    scim = await scimTenant(t);
    for (let i = 0; i < 3; i += 1) userId = (await scim.post('/Users', userBody()).expect(201)).body.id;
    groupId = (await scim.post('/Groups', { schemas: [GROUP_SCHEMA], displayName: 'G', members: [{ value: userId }] }).expect(201)).body.id;
  });

  function expectListOutcome(res: Response): void {
    if (expectScimOutcome(res, [200], QUERY_SCIM_TYPES)) {
      expect(res.body.schemas).toEqual([LIST_RESPONSE]);
      expect(Number.isSafeInteger(res.body.startIndex)).toBe(true);
      expect(res.body.itemsPerPage).toBeLessThanOrEqual(200);
    }
  }

  it('answers list requests with random paging, sorting and projection parameters with 200 or 400', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('Users', 'Groups'), queryString, async (resource, query) => {
        expectListOutcome(await send(scim.get(`/${resource}?${query}`)));
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it('answers single-resource reads with random projection parameters with 200 or 400', async () => {
    await fc.assert(
      fc.asyncProperty(fc.boolean(), queryString, async (group, query) => {
        const res = await send(scim.get(`/${group ? `Groups/${groupId}` : `Users/${userId}`}?${query}`));
        if (expectScimOutcome(res, [200], QUERY_SCIM_TYPES)) expect(res.body.id).toBe(group ? groupId : userId);
      }),
      { numRuns: RUNS },
    );
  });

  it('answers POST .search with parameters of every JSON type with 200 or 400', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('Users', 'Groups'), searchBody, async (resource, body) => {
        expectListOutcome(await send(scim.post(`/${resource}/.search`, body)));
      }),
      { numRuns: RUNS },
    );
  });

  it.each([
    ['99999999999999999999'],
    ['9007199254740993'],
    ['1e20'],
  ])('refuses startIndex=%s, beyond exact integers, with 400 invalidValue (regression)', async (startIndex) => {
    for (const resource of ['Users', 'Groups']) {
      expectScimError(await send(scim.get(`/${resource}?startIndex=${startIndex}`)), 400, 'invalidValue');
      expectScimError(await send(scim.get(`/${resource}?count=${startIndex}`)), 400, 'invalidValue');
      expectScimError(await send(scim.post(`/${resource}/.search`, { startIndex: Number(startIndex) })), 400, 'invalidValue');
    }
  });

  it('pages past the end with the largest exact startIndex', async () => {
    const res = await send(scim.get('/Users?startIndex=9007199254740991&count=5'));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ totalResults: 3, startIndex: 9007199254740991, itemsPerPage: 0, Resources: [] });
  });

  it('wrote nothing', async () => {
    expect(await countRows(t, 'users')).toBe(3);
    expect(await countRows(t, 'user_groups')).toBe(1);
  });
});
