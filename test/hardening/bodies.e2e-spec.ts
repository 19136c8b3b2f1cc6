import fc from 'fast-check';
import type { Response } from 'supertest';
import { ENTERPRISE, expectScimError, MANAGER, scimTenant, ScimTenant, USER_SCHEMA, userBody } from '../support/scim';
import { describeEachEngine, TestApp } from '../support/test-app';
import {
  anyJson,
  countRows,
  expectNoPollution,
  expectScimOutcome,
  longText,
  nastyText,
  nestedJson,
  PROPERTY_TIMEOUT,
  PROTO_VALUES,
  prototypeKeys,
  RUNS,
  send,
} from './hostile';

jest.setTimeout(PROPERTY_TIMEOUT);

const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const BODY_SCIM_TYPES = ['invalidSyntax', 'invalidValue', 'uniqueness', 'mutability'];

/** A value for one attribute: mostly of the wrong type, sometimes right but hostile. */
const attributeValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: anyJson },
  { weight: 2, arbitrary: nastyText() },
  { weight: 1, arbitrary: longText },
  { weight: 1, arbitrary: fc.array(anyJson, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.constantFrom('value', 'givenName', 'familyName', 'primary', 'type', '__proto__', 'constructor', 'Value'), anyJson, { maxKeys: 3 }) },
);

const USER_KEYS = [
  'userName', 'UserName', 'name', 'name.givenName', 'displayName', 'active', 'emails', 'externalId', 'preferredLanguage', 'locale',
  'groups', 'id', 'meta', 'schemas', ENTERPRISE, MANAGER, `${MANAGER}:gender`, '__proto__', 'constructor', 'prototype', 'password',
];
const USER_SUBS: Record<string, fc.Arbitrary<unknown>> = {
  name: fc.record({ givenName: attributeValue, familyName: attributeValue, formatted: attributeValue }, { requiredKeys: [] }),
  emails: fc.array(fc.record({ value: fc.oneof(attributeValue, fc.constant('x@contoso.example')), type: attributeValue, primary: attributeValue }, { requiredKeys: [] }), { maxLength: 3 }),
  [ENTERPRISE]: fc.record({ department: attributeValue }, { requiredKeys: [] }),
  [MANAGER]: fc.record({ gender: attributeValue, academicTitle: attributeValue }, { requiredKeys: [] }),
};

/** A valid Entra create body with one to three attributes replaced by hostile values. */
const hostileUser: fc.Arbitrary<unknown> = fc
  .tuple(fc.uniqueArray(fc.constantFrom(...USER_KEYS), { minLength: 1, maxLength: 3 }), fc.nat())
  .chain(([keys, n]) =>
    fc.tuple(...keys.map((key) => (Object.hasOwn(USER_SUBS, key) ? USER_SUBS[key]! : attributeValue))).map((values) => {
      const body = userBody({ userName: `hostile${n}@contoso.example`, emails: [{ value: `hostile${n}@contoso.example`, primary: true }] });
      keys.forEach((key, i) => Object.defineProperty(body, key, { value: values[i], enumerable: true, writable: true, configurable: true }));
      return body;
    }),
  );

const GROUP_KEYS = ['displayName', 'DisplayName', 'members', 'externalId', 'id', 'schemas', '__proto__', 'constructor'];
const hostileGroup = (memberIds: readonly string[]): fc.Arbitrary<unknown> =>
  fc
    .tuple(fc.uniqueArray(fc.constantFrom(...GROUP_KEYS), { minLength: 1, maxLength: 3 }), fc.nat())
    .chain(([keys, n]) =>
      fc
        .tuple(...keys.map((key) => (key === 'members' ? fc.array(fc.record({ value: fc.oneof(fc.constantFrom(...memberIds), attributeValue), display: attributeValue }, { requiredKeys: [] }), { maxLength: 3 }) : attributeValue)))
        .map((values) => {
          const body: Record<string, unknown> = { schemas: [GROUP_SCHEMA], displayName: `Hostile group ${n}` };
          keys.forEach((key, i) => Object.defineProperty(body, key, { value: values[i], enumerable: true, writable: true, configurable: true }));
          return body;
        }),
    );

/** Whole bodies that are not a resource at all. */
const notAResource: fc.Arbitrary<unknown> = fc.oneof(anyJson, fc.constantFrom(...PROTO_VALUES), fc.array(anyJson, { maxLength: 3 }));

describeEachEngine('Hardening: hostile resource bodies', (ctx) => {
  let t: TestApp;
  let scim: ScimTenant;
  let userId: string;
  let groupId: string;
  let memberIds: string[];
  let protoBefore: string[];

  beforeAll(async () => {
    t = ctx();
    protoBefore = prototypeKeys();
    scim = await scimTenant(t);
    userId = (await scim.post('/Users', userBody({ userName: 'seeded@contoso.example', emails: [{ value: 'seeded@contoso.example', primary: true }] })).expect(201)).body.id;
    const member = (await scim.post('/Users', userBody()).expect(201)).body.id as string;
    groupId = (await scim.post('/Groups', { schemas: [GROUP_SCHEMA], displayName: 'Seeded', members: [{ value: member }] }).expect(201)).body.id;
    memberIds = [member, userId, groupId, 'nope'];
  });

  const counts = async () => ({ users: await countRows(t, 'users'), groups: await countRows(t, 'user_groups'), members: await countRows(t, 'group_members') });

  /** A SCIM 4xx that wrote nothing, or a success whose response is what was stored. */
  async function expectWholeOrNothing(res: Response, ok: number, before: Awaited<ReturnType<typeof counts>>, location: (res: Response) => string): Promise<void> {
    const after = await counts();
    if (expectScimOutcome(res, [ok], BODY_SCIM_TYPES)) {
      const stored = await send(scim.get(location(res)));
      expect(stored.body).toEqual(res.body);
    } else {
      expect(after).toEqual(before);
    }
    expectNoPollution(protoBefore);
  }

  it('answers hostile POST /Users bodies with 201 or a SCIM 4xx that wrote nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof({ weight: 4, arbitrary: hostileUser }, { weight: 1, arbitrary: notAResource }), async (body) => {
        const before = await counts();
        const res = await send(scim.post('/Users', body));
        await expectWholeOrNothing(res, 201, before, (r) => `/Users/${r.body.id}`);
        if (res.status === 201) expect((await counts()).users).toBeLessThanOrEqual(before.users + 1);
      }),
      { numRuns: RUNS },
    );
  });

  it('answers hostile PUT /Users/:id bodies with 200 or a SCIM 4xx that changed nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof({ weight: 4, arbitrary: hostileUser }, { weight: 1, arbitrary: notAResource }), async (body) => {
        const before = await send(scim.get(`/Users/${userId}`));
        const rows = await counts();
        const res = await send(scim.put(`/Users/${userId}`, body));
        await expectWholeOrNothing(res, 200, rows, () => `/Users/${userId}`);
        if (res.status !== 200) expect((await send(scim.get(`/Users/${userId}`))).text).toBe(before.text);
      }),
      { numRuns: RUNS },
    );
  });

  it('answers hostile POST /Groups bodies with 201 or a SCIM 4xx that wrote nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof({ weight: 4, arbitrary: hostileGroup(memberIds) }, { weight: 1, arbitrary: notAResource }), async (body) => {
        const before = await counts();
        const res = await send(scim.post('/Groups', body));
        await expectWholeOrNothing(res, 201, before, (r) => `/Groups/${r.body.id}`);
      }),
      { numRuns: RUNS },
    );
  });

  it('answers hostile PUT /Groups/:id bodies with 200 or a SCIM 4xx that changed nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof({ weight: 4, arbitrary: hostileGroup(memberIds) }, { weight: 1, arbitrary: notAResource }), async (body) => {
        const before = await send(scim.get(`/Groups/${groupId}`));
        const rows = await counts();
        const res = await send(scim.put(`/Groups/${groupId}`, body));
        await expectWholeOrNothing(res, 200, rows, () => `/Groups/${groupId}`);
        if (res.status !== 200) expect((await send(scim.get(`/Groups/${groupId}`))).text).toBe(before.text);
      }),
      { numRuns: RUNS },
    );
  });

  describe('values the database cannot hold are a 400 invalidValue, never a 500 (regressions)', () => {
    it.each([
      ['a NUL in userName', { userName: 'nul\u0000@contoso.example' }],
      ['a NUL in name.givenName', { name: { givenName: 'a\u0000b', familyName: 'x' } }],
      ['a NUL in externalId', { externalId: 'ext\u0000' }],
      ['a NUL in an email', { emails: [{ value: 'a\u0000@contoso.example', primary: true }] }],
      ['a NUL in the department', { [ENTERPRISE]: { department: '\u0000' } }],
      ['a NUL in the academic title', { [MANAGER]: { academicTitle: 'Dr.\u0000' } }],
      ['a lone high surrogate in name.familyName', { name: { givenName: 'a', familyName: 'b\ud800' } }],
      ['a lone low surrogate in userName', { userName: '\udc00@contoso.example' }],
      ['a 256-character userName', { userName: `${'u'.repeat(245)}@contoso.ex` }],
      ['a 101-character givenName', { name: { givenName: 'g'.repeat(101), familyName: 'x' } }],
      ['a 101-character familyName', { name: { givenName: 'x', familyName: 'f'.repeat(101) } }],
      ['a 201-character department', { [ENTERPRISE]: { department: 'd'.repeat(201) } }],
      ['a 65-character academic title', { [MANAGER]: { academicTitle: 't'.repeat(65) } }],
      ['a 36-character preferredLanguage', { preferredLanguage: 'l'.repeat(36) }],
      ['a 256-character externalId', { externalId: 'e'.repeat(256) }],
      ['names whose lower-cased key outgrows name_key', { name: { givenName: 'İ'.repeat(100), familyName: 'İ'.repeat(100) } }],
      ['a userName whose lower-cased key outgrows its column', { userName: `${'İ'.repeat(200)}@contoso.example` }],
    ])('POST and PUT /Users refuse %s', async (_what, override) => {
      const before = await counts();
      const created = await send(scim.post('/Users', userBody(override)));
      expectScimError(created, 400, 'invalidValue');
      const stored = await send(scim.get(`/Users/${userId}`));
      const replaced = await send(scim.put(`/Users/${userId}`, userBody({ userName: 'seeded@contoso.example', emails: [{ value: 'seeded@contoso.example', primary: true }], ...override })));
      expectScimError(replaced, 400, 'invalidValue');
      expect((await send(scim.get(`/Users/${userId}`))).text).toBe(stored.text);
      expect(await counts()).toEqual(before);
    });

    it.each([
      ['a NUL in displayName', { displayName: 'a\u0000b' }],
      ['a lone surrogate in displayName', { displayName: '\ud83d' }],
      ['a NUL in externalId', { displayName: 'g', externalId: '\u0000' }],
      ['a NUL in a member value', { displayName: 'g', members: [{ value: 'a\u0000' }] }],
      ['a 201-character displayName', { displayName: 'g'.repeat(201) }],
      ['a displayName whose lower-cased key outgrows its column', { displayName: 'İ'.repeat(101) }],
      ['a 256-character externalId', { displayName: 'g', externalId: 'e'.repeat(256) }],
    ])('POST and PUT /Groups refuse %s', async (_what, override) => {
      const before = await counts();
      expectScimError(await send(scim.post('/Groups', { schemas: [GROUP_SCHEMA], ...override })), 400, 'invalidValue');
      expectScimError(await send(scim.put(`/Groups/${groupId}`, { schemas: [GROUP_SCHEMA], ...override })), 400, 'invalidValue');
      expect(await counts()).toEqual(before);
    });

    it.each([
      ['a%00b', 404],
      ['%00', 404],
      [encodeURIComponent('x'.repeat(400)), 404],
      ['..%2F..%2Fetc', 404],
    ])('answers /Users and /Groups with the id %s with %i', async (id, status) => {
      for (const resource of ['Users', 'Groups']) {
        const body = resource === 'Users' ? userBody() : { schemas: [GROUP_SCHEMA], displayName: 'x' };
        for (const res of [
          await send(scim.get(`/${resource}/${id}`)),
          await send(scim.put(`/${resource}/${id}`, body)),
          await send(scim.patch(`/${resource}/${id}`, [{ op: 'replace', path: 'externalId', value: 'x' }])),
          await send(scim.delete(`/${resource}/${id}`)),
        ]) {
          expect(res.status).toBe(status);
          expectScimOutcome(res, []);
        }
      }
    });

    // An id that does not percent-decode cannot name a resource: scimPathGuard answers a SCIM 404.
    it.each(['%ED%A0%80', '%E0%80', '%'])('answers the malformed percent-encoded id %s with a SCIM 404', async (id) => {
      for (const resource of ['Users', 'Groups']) {
        for (const res of [await send(scim.get(`/${resource}/${id}`)), await send(scim.delete(`/${resource}/${id}`))]) {
          expect(res.status).toBe(404);
          expect(res.body).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '404' });
        }
      }
    });
  });

  it.each([
    ['a 100 000-deep array', nestedJson(100_000, 'array')],
    ['a 100 000-deep object', nestedJson(100_000, 'object')],
    ['a userName nested 50 000 deep', `{"schemas":["${USER_SCHEMA}"],"userName":${nestedJson(50_000, 'array')}}`],
    ['an unknown attribute nested 50 000 deep', `{"schemas":["${USER_SCHEMA}"],"userName":"deep@contoso.example","x":${nestedJson(50_000, 'object')}}`],
    ['a bare string', '"userName"'],
    ['null', 'null'],
    ['a number', '42'],
    ['a truncated body', '{"userName":"x'],
    ['a body with a NUL outside strings', '{"userName":\u0000"x"}'],
    ['a body of 1 100 000 bytes', JSON.stringify(userBody({ displayName: 'x'.repeat(1_100_000) }))],
  ])('answers %s with a SCIM 4xx or a 201, never a 5xx', async (_what, text) => {
    const before = await counts();
    for (const resource of ['Users', 'Groups']) {
      const res = await send(t.http().post(`/scim/v2/${resource}`).set('Authorization', `Bearer ${scim.token}`).set('Content-Type', 'application/scim+json').send(text));
      if (res.status === 201) {
        expect(resource).toBe('Users');
        await send(scim.delete(`/Users/${res.body.id}`)).then((r) => expect(r.status).toBe(204));
      } else {
        expectScimOutcome(res, [], BODY_SCIM_TYPES);
      }
    }
    expect(await counts()).toEqual(before);
    expectNoPollution(protoBefore);
  });
});
