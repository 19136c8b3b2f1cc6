import fc from 'fast-check';
import type { Response } from 'supertest';
import { ENTERPRISE, expectScimError, MANAGER, PATCH_OP, scimTenant, ScimTenant, USER_SCHEMA, userBody } from '../support/scim';
import { describeEachEngine, TestApp } from '../support/test-app';
import { anyJson, countRows, expectNoPollution, expectScimOutcome, longText, nastyText, PROTO_VALUES, PROPERTY_TIMEOUT, prototypeKeys, RUNS, send } from './hostile';

jest.setTimeout(PROPERTY_TIMEOUT);

const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const PATCH_SCIM_TYPES = ['invalidSyntax', 'invalidPath', 'invalidValue', 'noTarget', 'mutability', 'invalidFilter', 'tooMany'];

interface Seeded {
  readonly scim: ScimTenant;
  readonly userId: string;
  readonly memberId: string;
  readonly groupId: string;
}

const OPS = ['add', 'replace', 'remove', 'Add', 'Replace', 'REMOVE', 'merge', 'copy', ''];
const PROTO_PATHS = ['__proto__', '__proto__.x', '__proto__.polluted', 'constructor', 'constructor.prototype.x', 'prototype', 'name.__proto__', 'emails[__proto__ eq "x"].value', `${MANAGER}:__proto__`, 'toString', 'hasOwnProperty'];
const USER_PATHS = [
  'name.givenName', 'name.familyName', 'name', 'active', 'emails', 'emails[type eq "work"].value', 'emails[primary eq true]',
  'emails[value co "@"].type', 'userName', 'externalId', 'preferredLanguage', 'locale', `${ENTERPRISE}:department`,
  `${MANAGER}:gender`, `${MANAGER}:academicTitle`, ENTERPRISE, MANAGER, `${USER_SCHEMA}:name.givenName`, `${USER_SCHEMA}:active`,
];
const USER_ODD_PATHS = [
  'displayName', 'emails.value', 'emails[type eq "x"].value', 'groups', 'id', 'meta.version', 'name..givenName', 'emails[', '"',
  'urn:x:y:z:attr', 'nickName', 'emails[type eq "work"', ...PROTO_PATHS,
];
const GROUP_PATHS = ['displayName', 'externalId', 'members', 'members[value eq "x" or value eq "y"]', `${GROUP_SCHEMA}:displayName`];
const GROUP_ODD_PATHS = [
  'members.value', 'members.display', 'members[value eq "x"]', 'members[display co "x"]', 'members[type eq "User"].value', 'id',
  'meta', 'name', 'members[', ...PROTO_PATHS,
];

/** Values of the right type for the known paths (so many operations succeed), and of every other type. */
function patchValue(ids: readonly string[]): fc.Arbitrary<unknown> {
  const member = fc.constantFrom(...ids).map((value) => ({ value }));
  const typed = fc.oneof(
    nastyText(),
    fc.boolean(),
    fc.constantFrom('True', 'false', 'female', 'm', 'Dr.', 'a@b.example', 'x@contoso.example'),
    fc.array(member, { maxLength: 3 }),
    fc.record({ givenName: nastyText(), familyName: nastyText() }, { requiredKeys: [] }),
    fc.array(fc.record({ value: fc.constantFrom('new@contoso.example', 'not-an-email'), type: fc.constantFrom('work', 'home', 'pager'), primary: fc.boolean() }, { requiredKeys: ['value'] }), { maxLength: 2 }),
    fc.record({ active: fc.boolean(), 'name.givenName': nastyText(), [`${MANAGER}:gender`]: fc.constantFrom('f', 'robot'), displayName: nastyText() }, { requiredKeys: [] }),
  );
  return fc.oneof({ weight: 8, arbitrary: typed }, { weight: 3, arbitrary: anyJson }, { weight: 1, arbitrary: longText }, { weight: 1, arbitrary: fc.constantFrom(...PROTO_VALUES) });
}

function operation(paths: readonly string[], oddPaths: readonly string[], ids: readonly string[]): fc.Arbitrary<unknown> {
  const path = fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...paths, ...ids.map((id) => `members[value eq "${id}"]`)) },
    { weight: 3, arbitrary: fc.constantFrom(...oddPaths) },
    { weight: 1, arbitrary: nastyText() },
    { weight: 1, arbitrary: fc.constantFrom(undefined, null, 42, '', ' ', ['name']) },
  );
  const op = fc.oneof(
    { weight: 20, arbitrary: fc.constantFrom('add', 'replace', 'remove') },
    { weight: 2, arbitrary: fc.constantFrom(...OPS) },
    { weight: 1, arbitrary: anyJson },
  );
  // Mostly well-formed: a value for add/replace, none for remove.
  const withValue = (o: unknown) => fc.option(patchValue(ids), { nil: undefined, freq: String(o).toLowerCase() === 'remove' ? 1 : 12 });
  return fc.tuple(op, path).chain(([o, p]) => fc.tuple(fc.constant(o), fc.constant(p), withValue(o))).map(([o, p, v]) => {
    const out: Record<string, unknown> = { op: o };
    if (p !== undefined) out.path = p;
    if (v !== undefined) out.value = v;
    return out;
  });
}

describeEachEngine('Hardening: hostile PATCH documents', (ctx) => {
  let t: TestApp;
  const seeded: Seeded[] = [];
  let protoBefore: string[];
  let counts: { users: number; groups: number };

  beforeAll(async () => {
    t = ctx();
    protoBefore = prototypeKeys();
    for (const [provider, profile] of [['entra', undefined], ['okta', undefined], ['entra', 'strict']] as const) {
      const scim = await scimTenant(t, provider, undefined, profile);
      const user = await scim.post('/Users', userBody({ schemas: [USER_SCHEMA, ENTERPRISE, MANAGER], [MANAGER]: { gender: 'female', academicTitle: 'Dr.' }, [ENTERPRISE]: { department: 'IT' } })).expect(201);
      const member = await scim.post('/Users', userBody()).expect(201);
      const group = await scim.post('/Groups', { schemas: [GROUP_SCHEMA], displayName: `Group ${provider} ${profile}`, members: [{ value: member.body.id }] }).expect(201);
      seeded.push({ scim, userId: user.body.id, memberId: member.body.id, groupId: group.body.id });
    }
    counts = { users: await countRows(t, 'users'), groups: await countRows(t, 'user_groups') };
  });

  const read = (s: Seeded, path: string) => send(s.scim.get(path)).then((res) => {
    expect(res.status).toBe(200);
    return res;
  });

  /** 2xx, or a SCIM 4xx that left the resource byte-identical (same body, same version). */
  async function expectAtomic(s: Seeded, path: string, before: Response, res: Response, ok: readonly number[]): Promise<void> {
    const succeeded = expectScimOutcome(res, ok, PATCH_SCIM_TYPES);
    const after = await read(s, path);
    if (!succeeded) {
      expect(after.text).toBe(before.text);
      expect(after.body.meta.version).toBe(before.body.meta.version);
    } else if (res.status === 200) {
      // What the response says is what was stored.
      expect(res.body).toEqual(after.body);
    } else {
      expect(res.headers.etag).toBe(after.body.meta.version);
    }
    expectNoPollution(protoBefore);
  }

  it('applies random PATCH documents to a user atomically: 200 or a SCIM 4xx that changed nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(seeded.length - 1).chain((i) => fc.tuple(fc.constant(i), fc.array(operation(USER_PATHS, USER_ODD_PATHS, [seeded[i]!.memberId, seeded[i]!.groupId, 'nope']), { minLength: 1, maxLength: 3 }))), async ([i, operations]) => {
        const s = seeded[i]!;
        const path = `/Users/${s.userId}`;
        const before = await read(s, path);
        await expectAtomic(s, path, before, await send(s.scim.patch(path, operations)), [200]);
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it('applies random PATCH documents to a group atomically: 204/200 or a SCIM 4xx that changed nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(seeded.length - 1).chain((i) => fc.tuple(fc.constant(i), fc.array(operation(GROUP_PATHS, GROUP_ODD_PATHS, [seeded[i]!.memberId, seeded[i]!.userId, seeded[i]!.groupId, 'nope']), { minLength: 1, maxLength: 3 }))), async ([i, operations]) => {
        const s = seeded[i]!;
        const path = `/Groups/${s.groupId}`;
        const before = await read(s, path);
        await expectAtomic(s, path, before, await send(s.scim.patch(path, operations)), [200, 204]);
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it('answers random PatchOp envelopes (wrong types, missing parts, prototype keys) with a SCIM 4xx or a success', async () => {
    const envelope = fc.oneof(
      anyJson,
      fc.record({ schemas: fc.oneof(fc.constant([PATCH_OP]), anyJson), Operations: fc.oneof(anyJson, fc.array(anyJson, { maxLength: 3 })) }, { requiredKeys: [] }),
      fc.constantFrom('{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"__proto__":{"Operations":[{"op":"replace","path":"active","value":false}]}}', '{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"__proto__":{"op":"remove","path":"userName"}}]}').map((text) => JSON.parse(text) as unknown),
    );
    await fc.assert(
      fc.asyncProperty(fc.nat(seeded.length - 1), fc.boolean(), envelope, async (i, group, body) => {
        const s = seeded[i]!;
        const path = group ? `/Groups/${s.groupId}` : `/Users/${s.userId}`;
        const before = await read(s, path);
        const res = await send(t.http().patch(`/scim/v2${path}`).set('Authorization', `Bearer ${s.scim.token}`).set('Content-Type', 'application/scim+json').send(JSON.stringify(body) ?? 'undefined'));
        await expectAtomic(s, path, before, res, [200, 204]);
      }),
      { numRuns: RUNS },
    );
  });

  it('refuses a PATCH body beyond the body limit with 413, and takes a near-limit value as a 4xx or a success', async () => {
    const s = seeded[0]!;
    const path = `/Users/${s.userId}`;
    for (const size of [200_000, 1_000_000, 2_000_000]) {
      const before = await read(s, path);
      const res = await send(s.scim.patch(path, [{ op: 'replace', path: 'name.givenName', value: 'x'.repeat(size) }]));
      await expectAtomic(s, path, before, res, []);
      if (size > 1_048_576) expect(res.status).toBe(413);
    }
  });

  it.each([
    ['__proto__.polluted', 'yes'],
    ['constructor.prototype.polluted', 'yes'],
    [`${MANAGER}:__proto__`, { polluted: 'yes' }],
  ])('refuses or ignores the prototype path %s without polluting anything', async (path, value) => {
    for (const s of seeded) {
      const target = `/Users/${s.userId}`;
      const before = await read(s, target);
      await expectAtomic(s, target, before, await send(s.scim.patch(target, [{ op: 'add', path, value }])), [200]);
    }
  });

  it('refuses NUL bytes and lone surrogates in PATCH values with 400 invalidValue, changing nothing (regression)', async () => {
    for (const s of seeded) {
      for (const [path, value] of [
        ['name.givenName', 'a\u0000b'],
        [`${MANAGER}:academicTitle`, 'Dr.\u0000'],
        ['externalId', '\ud800'],
      ] as const) {
        const target = `/Users/${s.userId}`;
        const before = await read(s, target);
        const res = await send(s.scim.patch(target, [{ op: 'replace', path, value }]));
        expectScimError(res, 400, 'invalidValue');
        await expectAtomic(s, target, before, res, []);
      }
      const group = `/Groups/${s.groupId}`;
      const before = await read(s, group);
      const res = await send(s.scim.patch(group, [{ op: 'add', path: 'members', value: [{ value: 'a\u0000' }] }]));
      expectScimError(res, 400, 'invalidValue');
      await expectAtomic(s, group, before, res, []);
    }
  });

  it('created and deleted nothing', async () => {
    expect(await countRows(t, 'users')).toBe(counts.users);
    expect(await countRows(t, 'user_groups')).toBe(counts.groups);
    expectNoPollution(protoBefore);
  });
});
