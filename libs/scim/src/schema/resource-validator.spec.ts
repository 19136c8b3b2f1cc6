import { ScimError } from '../errors/scim-error';
import { ENTERPRISE_USER_SCHEMA } from './enterprise-user.schema';
import { MANAGER_USER_SCHEMA } from './manager-user.schema';
import { validateResource } from './resource-validator';
import { SchemaRegistry } from './schema-registry';
import { USER_SCHEMA } from './user.schema';

const registry = SchemaRegistry.create();
const users = registry.resourceType('User');
const groups = registry.resourceType('Group');
const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';

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

describe(validateResource.name, () => {
  it('canonicalises an Entra create body', () => {
    const body = {
      schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA],
      externalId: 'alice',
      UserName: 'alice@contoso.com',
      active: true,
      displayName: 'Alice Smith',
      emails: [{ primary: true, Type: 'work', value: 'alice@contoso.com' }],
      meta: { resourceType: 'User' },
      name: { formatted: 'Alice Smith', familyName: 'Smith', givenName: 'Alice' },
      roles: [],
      title: null,
      [ENTERPRISE_USER_SCHEMA]: { department: 'Sales', employeeNumber: '42' },
      [MANAGER_USER_SCHEMA]: { Gender: 'weiblich', academicTitle: 'Dr.' },
    };
    const { resource, ignored } = validateResource(body, users);
    expect(resource).toEqual({
      schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA, MANAGER_USER_SCHEMA],
      externalId: 'alice',
      userName: 'alice@contoso.com',
      active: true,
      emails: [{ primary: true, type: 'work', value: 'alice@contoso.com' }],
      name: { familyName: 'Smith', givenName: 'Alice' },
      [ENTERPRISE_USER_SCHEMA]: { department: 'Sales' },
      [MANAGER_USER_SCHEMA]: { gender: 'weiblich', academicTitle: 'Dr.' },
    });
    expect(ignored).toEqual(
      expect.arrayContaining(['displayName', 'meta', 'name.formatted', 'roles', 'title', `${ENTERPRISE_USER_SCHEMA}:employeeNumber`]),
    );
  });

  it('detects extensions by key even when schemas does not list them (Entra)', () => {
    const { resource } = validateResource(
      { schemas: [USER_SCHEMA], userName: 'a', [MANAGER_USER_SCHEMA.toUpperCase()]: { gender: 'female' } },
      users,
    );
    expect(resource[MANAGER_USER_SCHEMA]).toEqual({ gender: 'female' });
    expect(resource.schemas).toEqual([USER_SCHEMA, MANAGER_USER_SCHEMA]);
  });

  it('tolerates unknown schema URIs and ignores readOnly id, groups and password (Okta)', () => {
    const body = {
      schemas: [GROUP_SCHEMA, 'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group'],
      id: 'x',
      displayName: 'Sales',
      members: [{ value: 'u1', display: 'Alice', $ref: null }],
    };
    const { resource, ignored } = validateResource(body, groups);
    expect(resource).toEqual({ schemas: [GROUP_SCHEMA], displayName: 'Sales', members: [{ value: 'u1' }] });
    expect(ignored).toEqual(['id', 'members.display']);
    const okta = validateResource({ userName: 'u', groups: [], password: 'p', active: true }, users);
    expect(okta.resource).toEqual({ schemas: [USER_SCHEMA], userName: 'u', active: true });
  });

  it('keeps one of exact duplicate values', () => {
    const { resource } = validateResource({ displayName: 'g', members: [{ value: 'u1' }, { value: 'u1' }, { value: 'u2' }] }, groups);
    expect(resource.members).toEqual([{ value: 'u1' }, { value: 'u2' }]);
  });

  it('treats null and empty arrays as absent', () => {
    const { resource } = validateResource({ userName: 'a', emails: [], name: null, locale: null }, users);
    expect(resource).toEqual({ schemas: [USER_SCHEMA], userName: 'a' });
  });

  it('never writes prototype keys', () => {
    const body = JSON.parse('{"userName":"a","__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}},"name":{"__proto__":{"y":1}}}');
    const { resource, ignored } = validateResource(body, users);
    expect(Object.keys(resource)).toEqual(['schemas', 'userName']);
    expect(ignored).toEqual(expect.arrayContaining(['__proto__', 'constructor']));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(resource)).toBe(Object.prototype);
  });

  it.each([
    ['a missing userName', {}, 'invalidValue', 'userName'],
    ['a null userName', { userName: null }, 'invalidValue', 'userName'],
    ['a string for active', { userName: 'a', active: 'False' }, 'invalidValue', 'active'],
    ['a number for userName', { userName: 7 }, 'invalidValue', 'userName'],
    ['a single object for emails', { userName: 'a', emails: { value: 'x' } }, 'invalidValue', 'emails'],
    ['a string for name', { userName: 'a', name: 'Alice' }, 'invalidValue', 'name'],
    ['two primary emails', { userName: 'a', emails: [{ value: 'x', primary: true }, { value: 'y', primary: true }] }, 'invalidValue', 'primary'],
    ['a non-canonical email type', { userName: 'a', emails: [{ value: 'x', type: 'pager' }] }, 'invalidValue', 'emails.type'],
    ['an extension that is not an object', { userName: 'a', [ENTERPRISE_USER_SCHEMA]: 'Sales' }, 'invalidValue', ENTERPRISE_USER_SCHEMA],
    ['a body that is an array', [], 'invalidSyntax', 'object'],
    ['a NUL in userName', { userName: 'a\u0000b' }, 'invalidValue', "'userName' contains a NUL character"],
    ['a NUL in a sub-attribute', { userName: 'a', name: { givenName: '\u0000' } }, 'invalidValue', 'name.givenName'],
    ['a NUL in an extension attribute', { userName: 'a', [MANAGER_USER_SCHEMA]: { academicTitle: 'Dr.\u0000' } }, 'invalidValue', 'academicTitle'],
    ['a lone high surrogate in an email', { userName: 'a', emails: [{ value: 'a\ud800@x.io' }] }, 'invalidValue', 'emails.value'],
    ['a lone low surrogate in externalId', { userName: 'a', externalId: '\udc00' }, 'invalidValue', 'externalId'],
  ])('rejects %s', (_, body, scimType, detail) => {
    const error = errorOf(() => validateResource(body, users));
    expect(error).toMatchObject({ status: 400, scimType });
    expect(error.detail).toContain(detail);
  });

  it('accepts astral characters, combining marks and right-to-left text', () => {
    const userName = '\u{1f600}e\u0301\u202e\u05d0';
    expect(validateResource({ userName }, users).resource.userName).toBe(userName);
  });

  it('accepts canonical values case-insensitively and keeps them as sent', () => {
    const { resource } = validateResource({ userName: 'a', emails: [{ value: 'x', type: 'Work' }] }, users);
    expect(resource.emails).toEqual([{ value: 'x', type: 'Work' }]);
  });

  it.each([
    ['a missing displayName', { members: [] }, 'displayName'],
    ['a member without value', { displayName: 'g', members: [{ display: 'x' }] }, 'members.value'],
    ['a member of type Group', { displayName: 'g', members: [{ value: 'g2', type: 'Group' }] }, 'members.type'],
    ['a NUL in a member value', { displayName: 'g', members: [{ value: 'u\u0000' }] }, 'members.value'],
  ])('rejects a group with %s', (_, body, detail) => {
    const error = errorOf(() => validateResource(body, groups));
    expect(error).toMatchObject({ scimType: 'invalidValue' });
    expect(error.detail).toContain(detail);
  });
});
