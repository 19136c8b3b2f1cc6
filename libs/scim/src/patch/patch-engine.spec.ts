import { ScimError } from '../errors/scim-error';
import { ScimResource } from '../schema/attribute';
import { ENTERPRISE_USER_SCHEMA as ENT } from '../schema/enterprise-user.schema';
import { GROUP_SCHEMA } from '../schema/group.schema';
import { MANAGER_USER_SCHEMA as MGR } from '../schema/manager-user.schema';
import { SchemaRegistry } from '../schema/schema-registry';
import { USER_SCHEMA } from '../schema/user.schema';
import { applyPatch } from './patch-engine';
import type { PatchOperation, PatchOptions } from './patch-types';

const registry = SchemaRegistry.create();
const users = registry.resourceType('User');
const groups = registry.resourceType('Group');

const alice = (): ScimResource => ({
  schemas: [USER_SCHEMA, ENT],
  id: 'u1',
  userName: 'alice@example.com',
  name: { givenName: 'Alice', familyName: 'Smith', formatted: 'Alice Smith' },
  displayName: 'Alice Smith',
  active: true,
  emails: [
    { value: 'alice@example.com', type: 'work', primary: true },
    { value: 'alice@home.example', type: 'home' },
  ],
  [ENT]: { department: 'Sales' },
  groups: [{ value: 'g1', display: 'Team' }],
  meta: { resourceType: 'User', version: 'W/"1"' },
});
const team = (): ScimResource => ({
  schemas: [GROUP_SCHEMA],
  id: 'g1',
  displayName: 'Team',
  members: [
    { value: 'u1', display: 'Alice' },
    { value: 'u2', display: 'Bob' },
  ],
  meta: { resourceType: 'Group' },
});

const op = (name: string, path?: string, value?: unknown): PatchOperation =>
  ({ op: name, ...(path !== undefined && { path }), ...(value !== undefined && { value }) });
const patchUser = (ops: PatchOperation[], options?: PatchOptions) => applyPatch(alice(), ops, users, options);
const patchGroup = (ops: PatchOperation[], options?: PatchOptions) => applyPatch(team(), ops, groups, options);

function errorOf(action: () => unknown): ScimError {
  try {
    action();
  } catch (error) {
    if (error instanceof ScimError) {
      return error;
    }
    throw error;
  }
  throw new Error('expected a ScimError');
}

describe(applyPatch.name, () => {
  describe('PATCH battery (strict RFC form of Entra and Okta requests)', () => {
    it.each<[string, PatchOperation[], Record<string, unknown>, string[]]>([
      ['Entra disable', [op('replace', 'active', false)], { active: false }, ['active']],
      ['Okta path-less disable', [op('replace', undefined, { active: false })], { active: false }, ['active']],
      ['replace userName', [op('replace', 'userName', 'new@example.com')], { userName: 'new@example.com' }, ['userName']],
      [
        'replace name.givenName',
        [op('replace', 'name.givenName', 'Alicia')],
        { name: { givenName: 'Alicia', familyName: 'Smith', formatted: 'Alice Smith' } },
        ['name.givenName'],
      ],
      [
        'replace emails[type eq "work"].value',
        [op('replace', 'emails[type eq "work"].value', 'new@example.com')],
        { emails: [{ value: 'new@example.com', type: 'work', primary: true }, { value: 'alice@home.example', type: 'home' }] },
        ['emails'],
      ],
      [
        'Entra flagged path-less replace with dotted and URN keys',
        [
          op('replace', undefined, {
            displayName: 'Alicia Jones',
            'name.givenName': 'Alicia',
            'name.familyName': 'Jones',
            [`${ENT}:employeeNumber`]: '42',
            [`${ENT}:department`]: 'Ops',
          }),
        ],
        { name: { givenName: 'Alicia', familyName: 'Jones', formatted: 'Alice Smith' }, [ENT]: { department: 'Ops' } },
        ['name.givenName', 'name.familyName', `${ENT}:department`],
      ],
      ['Entra unflagged extension path', [op('replace', `${MGR}:academicTitle`, 'Dr.')], { [MGR]: { academicTitle: 'Dr.' } }, [`${MGR}:academicTitle`]],
      ['unqualified extension attribute', [op('add', 'department', 'Ops')], { [ENT]: { department: 'Ops' } }, [`${ENT}:department`]],
    ])('%s', (_, ops, expected, changed) => {
      const result = patchUser(ops);
      expect(result.resource).toMatchObject(expected);
      expect(result.changed).toEqual(changed);
    });

    it.each<[string, PatchOperation[], string[]]>([
      ['manager as a bare string, path-less', [op('replace', undefined, { [`${ENT}:manager`]: 'm1' })], [`${ENT}:manager`]],
      ['manager by path', [op('add', `${ENT}:manager`, 'm1')], [`${ENT}:manager`]],
      ['remove manager', [op('remove', `${ENT}:manager`)], [`${ENT}:manager`]],
      ['Entra title, nickName, roles', [op('add', 'title', 'CEO'), op('add', 'nickName', 'Al'), op('add', 'roles', [])], ['title', 'nickName', 'roles']],
      ['phoneNumbers by filter', [op('replace', 'phoneNumbers[type eq "mobile"].value', '+49')], ['phoneNumbers[type eq "mobile"].value']],
      ['an unknown sub-attribute after a filter', [op('replace', 'emails[type eq "work"].display', 'x')], ['emails[type eq "work"].display']],
    ])('accepts and ignores what is not stored: %s', (_, ops, ignored) => {
      const result = patchUser(ops);
      expect(result.resource).toEqual(alice());
      expect(result.changed).toEqual([]);
      expect(result.ignored).toEqual(ignored);
    });

    it('Okta rename re-sending the id only renames', () => {
      const result = patchGroup([op('replace', undefined, { id: 'g1', displayName: 'New Name' })]);
      expect(result.resource).toEqual({ ...team(), displayName: 'New Name' });
      expect(result.changed).toEqual(['displayName']);
      expect(result.ignored).toEqual(['id']);
    });

    it('Okta membership delta: remove by filter and add in one request', () => {
      const result = patchGroup([
        op('remove', 'members[value eq "u2"]'),
        op('add', 'members', [{ value: 'u3', display: 'carol@example.com' }]),
      ]);
      expect(result.resource.members).toEqual([{ value: 'u1', display: 'Alice' }, { value: 'u3' }]);
      expect(result.memberDelta).toEqual({ added: ['u3'], removed: ['u2'] });
      expect(result.changed).toEqual(['members']);
    });

    it('Entra add members with $ref null', () => {
      const result = patchGroup([op('add', 'members', [{ $ref: null, value: 'u4' }, { $ref: null, value: 'u5' }])]);
      expect(result.memberDelta).toEqual({ added: ['u4', 'u5'], removed: [] });
    });

    it('Entra unflagged remove with a value array removes only the listed members', () => {
      const result = patchGroup([op('remove', 'members', [{ $ref: null, value: 'u2' }])]);
      expect(result.resource.members).toEqual([{ value: 'u1', display: 'Alice' }]);
      expect(result.memberDelta).toEqual({ added: [], removed: ['u2'] });
    });

    it('member add is idempotent', () => {
      const result = patchGroup([op('add', 'members', [{ value: 'u1' }, { value: 'u1' }])]);
      expect(result.resource).toEqual(team());
      expect(result.changed).toEqual([]);
      expect(result.memberDelta).toEqual({ added: [], removed: [] });
    });

    it('Okta full membership push: delta is the set difference', () => {
      const result = patchGroup([op('replace', 'members', [{ value: 'u2' }, { value: 'u3' }])]);
      expect(result.resource.members).toEqual([{ value: 'u2' }, { value: 'u3' }]);
      expect(result.memberDelta).toEqual({ added: ['u3'], removed: ['u1'] });
    });

    it('removing the last member unassigns members', () => {
      const result = patchGroup([op('remove', 'members[value eq "u1"]'), op('remove', 'members[value eq "u2"]')]);
      expect(result.resource).not.toHaveProperty('members');
      expect(result.memberDelta).toEqual({ added: [], removed: ['u1', 'u2'] });
    });

    it('matches an escaped quote in a filter value', () => {
      const group = { ...team(), members: [{ value: 'a"b' }, { value: 'u2' }] };
      const result = applyPatch(group, [op('remove', 'members[value eq "a\\"b"]')], groups);
      expect(result.resource.members).toEqual([{ value: 'u2' }]);
    });

    it.each<[string, PatchOperation[], string]>([
      ['remove without path', [op('remove')], 'noTarget'],
      ['replace on a filter without match', [op('replace', 'emails[type eq "other"].value', 'x')], 'noTarget'],
      ['add on a filter without match (strict)', [op('add', 'emails[type eq "other"].value', 'x')], 'noTarget'],
      ['capitalised op (dialect layer normalises)', [op('Replace', 'active', false)], 'invalidSyntax'],
      ['boolean as string (dialect layer coerces)', [op('replace', 'active', 'False')], 'invalidValue'],
    ])('rejects %s', (_, ops, scimType) => {
      expect(errorOf(() => patchUser(ops))).toMatchObject({ status: 400, scimType });
    });
  });

  describe('atomicity and purity', () => {
    it('throws and leaves the input untouched when a later operation fails', () => {
      const input = alice();
      const ops = [op('replace', 'userName', 'changed'), op('remove', 'name.givenName'), op('replace', 'id', 'x')];
      expect(errorOf(() => applyPatch(input, ops, users))).toMatchObject({ scimType: 'mutability' });
      expect(input).toEqual(alice());
    });

    it('never mutates the input on success', () => {
      const input = team();
      const result = applyPatch(input, [op('add', 'members', [{ value: 'u3' }]), op('replace', 'displayName', 'X')], groups);
      expect(input).toEqual(team());
      expect(result.resource).not.toBe(input);
    });
  });

  describe('prototype pollution', () => {
    afterEach(() => {
      expect(({} as Record<string, unknown>).x).toBeUndefined();
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(Object.prototype).not.toHaveProperty('x');
    });

    it.each(['__proto__.x', 'constructor.prototype.x', '__proto__', 'a..b'])('rejects the path %s', (path) => {
      expect(errorOf(() => patchUser([op('add', path, 'polluted')]))).toMatchObject({ scimType: 'invalidPath' });
    });

    it.each(['constructor', 'toString.x', 'constructor.prototype', 'prototype.x'])('ignores the well-formed unknown path %s', (path) => {
      const result = patchUser([op('replace', path, { x: 'polluted' })]);
      expect(result.ignored).toEqual([path]);
      expect(result.resource).toEqual(alice());
    });

    it('ignores prototype keys in path-less values and extension objects', () => {
      const value = JSON.parse(
        `{"__proto__":{"x":"polluted"},"__proto__.x":"polluted","constructor":{"prototype":{"x":1}},"${ENT}":{"__proto__":{"x":1}}}`,
      );
      const result = patchUser([op('add', undefined, value), op('replace', undefined, value)]);
      expect(result.resource).toEqual(alice());
      expect(Object.getPrototypeOf(result.resource)).toBe(Object.prototype);
      expect(result.ignored).toEqual(expect.arrayContaining(['__proto__', '__proto__.x', 'constructor']));
    });

    it('ignores prototype keys inside complex values', () => {
      const value = JSON.parse('{"givenName":"A","__proto__":{"x":"polluted"}}');
      const result = patchUser([op('replace', 'name', value)]);
      expect(Object.keys(result.resource.name as object)).toEqual(['givenName', 'familyName', 'formatted']);
    });
  });

  describe('mutability', () => {
    it.each(['id', 'groups', 'meta.lastModified', 'displayName', 'name.formatted', 'groups[value eq "g1"].display'])(
      'rejects a write to readOnly %s',
      (path) => {
        expect(errorOf(() => patchUser([op('replace', path, 'x')]))).toMatchObject({ scimType: 'mutability' });
      },
    );

    it('can tolerate chosen readOnly paths (Entra sends displayName for users)', () => {
      const result = patchUser([op('replace', 'displayName', 'Alicia')], { ignoreReadOnly: ['displayName'] });
      expect(result.resource).toEqual(alice());
      expect(result.ignored).toEqual(['displayName']);
    });

    it.each<[string, PatchOperation, string]>([
      ['change a member value', op('replace', 'members[value eq "u1"].value', 'u9'), 'mutability'],
      ['replace a member with another id', op('replace', 'members[value eq "u1"]', { value: 'u9' }), 'mutability'],
      ['remove a member value', op('remove', 'members[value eq "u1"].value'), 'mutability'],
      ['write a member display', op('replace', 'members[value eq "u1"].display', 'x'), 'mutability'],
      ['remove displayName', op('remove', 'displayName'), 'mutability'],
      ['replace displayName with null', op('replace', 'displayName', null), 'mutability'],
    ])('group: rejects an attempt to %s', (_, operation, scimType) => {
      expect(errorOf(() => patchGroup([operation]))).toMatchObject({ scimType });
    });

    it.each([op('remove', 'userName'), op('replace', 'userName', null)])('user: userName cannot be removed (%j)', (operation) => {
      expect(errorOf(() => patchUser([operation]))).toMatchObject({ scimType: 'mutability' });
    });
  });

  describe('extensions and schemas', () => {
    it('adds an extension object from a path-less URN key and lists it in schemas', () => {
      const result = patchUser([op('add', undefined, { [MGR]: { Gender: 'female', academicTitle: 'Dr.' } })]);
      expect(result.resource[MGR]).toEqual({ gender: 'female', academicTitle: 'Dr.' });
      expect(result.resource.schemas).toEqual([USER_SCHEMA, ENT, MGR]);
      expect(result.changed).toEqual([`${MGR}:gender`, `${MGR}:academicTitle`]);
    });

    it.each([op('remove', ENT), op('remove', `${ENT}:department`), op('replace', ENT, null)])(
      'drops an emptied extension and its schemas entry (%j)',
      (operation) => {
        const result = patchUser([operation]);
        expect(result.resource).not.toHaveProperty(ENT);
        expect(result.resource.schemas).toEqual([USER_SCHEMA]);
        expect(result.changed).toEqual([`${ENT}:department`]);
      },
    );

    it('merges a pathed extension object', () => {
      const result = patchUser([op('replace', MGR, { gender: 'male', employeeNumber: '1' })]);
      expect(result.resource[MGR]).toEqual({ gender: 'male' });
      expect(result.ignored).toEqual(['employeeNumber']);
    });
  });

  describe('malformed operations', () => {
    it.each<[string, unknown, string]>([
      ['an operation that is not an object', 'add', 'invalidSyntax'],
      ['an unknown op', { op: 'move', path: 'userName' }, 'invalidSyntax'],
      ['a path that is not a string', { op: 'add', path: 42, value: 'x' }, 'invalidPath'],
      ['a malformed filter', { op: 'add', path: 'emails[type eq', value: 'x' }, 'invalidPath'],
      ['a filter on a single-valued attribute', { op: 'add', path: 'name[givenName eq "A"]', value: 'x' }, 'invalidPath'],
      ['add without value', { op: 'add', path: 'userName' }, 'invalidSyntax'],
      ['a path-less value that is not an object', { op: 'replace', value: 'x' }, 'invalidValue'],
      ['a single object for a multi-valued path', { op: 'add', path: 'emails', value: { value: 'x' } }, 'invalidValue'],
    ])('rejects %s', (_, operation, scimType) => {
      expect(errorOf(() => patchUser([operation as PatchOperation]))).toMatchObject({ scimType });
    });

    it('rejects Operations that is not an array', () => {
      expect(errorOf(() => applyPatch(alice(), {} as PatchOperation[], users))).toMatchObject({ scimType: 'invalidSyntax' });
    });
  });
});
