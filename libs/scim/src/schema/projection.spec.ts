import { defineAttribute } from './attribute';
import { ENTERPRISE_USER_SCHEMA } from './enterprise-user.schema';
import { MANAGER_USER_SCHEMA } from './manager-user.schema';
import { applyProjection, isRequested, parseProjection, ProjectionRequest } from './projection';
import { SchemaRegistry } from './schema-registry';
import { USER_SCHEMA } from './user.schema';

const registry = SchemaRegistry.create();
const users = registry.resourceType('User');
const groups = registry.resourceType('Group');

const meta = { resourceType: 'User', location: 'https://h/Users/1' };
const user = {
  schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA, MANAGER_USER_SCHEMA],
  id: '1',
  userName: 'alice',
  name: { givenName: 'Alice', familyName: 'Smith', formatted: 'Alice Smith' },
  displayName: 'Alice Smith',
  emails: [{ value: 'a@x', type: 'work', primary: true }],
  active: true,
  [ENTERPRISE_USER_SCHEMA]: { department: 'Sales' },
  [MANAGER_USER_SCHEMA]: { gender: 'female', academicTitle: 'Dr.' },
  meta,
};
const always = { schemas: user.schemas, id: '1' };

function project(request: ProjectionRequest): Record<string, unknown> {
  return applyProjection(user, parseProjection(users, request));
}

describe(applyProjection.name, () => {
  it('returns the default set without parameters and drops unknown keys', () => {
    expect(applyProjection({ ...user, password: 'p' }, parseProjection(users))).toEqual(user);
  });

  it.each<[string, ProjectionRequest, Record<string, unknown>]>([
    ['userName', { attributes: 'userName' }, { ...always, userName: 'alice' }],
    ['case-insensitive, spaced list', { attributes: 'USERNAME, Active' }, { ...always, userName: 'alice', active: true }],
    ['a sub-attribute', { attributes: 'name.givenName' }, { ...always, name: { givenName: 'Alice' } }],
    ['a multi-valued sub-attribute', { attributes: 'emails.value' }, { ...always, emails: [{ value: 'a@x' }] }],
    ['a URN-qualified core name', { attributes: `${USER_SCHEMA}:userName` }, { ...always, userName: 'alice' }],
    ['an extension attribute', { attributes: `${MANAGER_USER_SCHEMA}:gender` }, { ...always, [MANAGER_USER_SCHEMA]: { gender: 'female' } }],
    ['a whole extension', { attributes: ENTERPRISE_USER_SCHEMA }, { ...always, [ENTERPRISE_USER_SCHEMA]: { department: 'Sales' } }],
    ['unknown names only', { attributes: 'nickName,title' }, user],
    ['an array of names', { attributes: ['meta'] }, { ...always, meta }],
  ])('includes %s', (_, request, expected) => {
    expect(project(request)).toEqual(expected);
  });

  it.each<[string, ProjectionRequest, string[]]>([
    ['emails', { excludedAttributes: 'emails' }, ['emails']],
    ['an always attribute (ignored)', { excludedAttributes: 'id' }, []],
    ['a whole extension', { excludedAttributes: MANAGER_USER_SCHEMA }, [MANAGER_USER_SCHEMA]],
    ['several, mixed case', { excludedAttributes: 'EMAILS,meta' }, ['emails', 'meta']],
  ])('excludes %s', (_, request, dropped) => {
    const expected = Object.fromEntries(Object.entries(user).filter(([k]) => !dropped.includes(k)));
    expect(project(request)).toEqual(expected);
  });

  it('excludes a sub-attribute only', () => {
    expect(project({ excludedAttributes: 'name.formatted' }).name).toEqual({ givenName: 'Alice', familyName: 'Smith' });
  });

  it('prefers attributes when both lists are given', () => {
    expect(project({ attributes: 'userName', excludedAttributes: 'userName' })).toEqual({ ...always, userName: 'alice' });
  });
});

describe(isRequested.name, () => {
  it.each<[string, ProjectionRequest, boolean]>([
    ['members', {}, true],
    ['members', { excludedAttributes: 'members' }, false],
    ['members', { excludedAttributes: 'MEMBERS' }, false],
    ['members', { attributes: 'displayName' }, false],
    ['members', { attributes: 'members.value' }, true],
    ['members.display', { attributes: 'members.value' }, false],
    ['id', { attributes: 'displayName' }, true],
    ['unknown', {}, false],
  ])('%s with %j → %s', (name, request, expected) => {
    expect(isRequested(parseProjection(groups, request), name)).toBe(expected);
  });

  it('answers for extensions', () => {
    expect(isRequested(parseProjection(users, { attributes: 'gender' }), MANAGER_USER_SCHEMA)).toBe(true);
    expect(isRequested(parseProjection(users, { attributes: 'userName' }), 'department')).toBe(false);
  });
});

describe('returned characteristics', () => {
  const custom = SchemaRegistry.create({
    extensions: [
      {
        resourceType: 'User',
        schema: {
          id: 'urn:example:params:scim:schemas:extension:test:2.0:User',
          name: 'Test',
          description: 'Test',
          attributes: [
            defineAttribute('secret', 'Never returned', { returned: 'never', mutability: 'writeOnly' }),
            defineAttribute('audit', 'Only on request', { returned: 'request' }),
            defineAttribute('plain', 'Default'),
          ],
        },
      },
    ],
  }).resourceType('User');
  const urn = 'urn:example:params:scim:schemas:extension:test:2.0:User';
  const resource = { schemas: [USER_SCHEMA, urn], id: '1', userName: 'a', [urn]: { secret: 's', audit: 'x', plain: 'p' } };
  const run = (request: ProjectionRequest) => applyProjection(resource, parseProjection(custom, request))[urn];

  it.each<[string, ProjectionRequest, unknown]>([
    ['default', {}, { plain: 'p' }],
    ['excluded other', { excludedAttributes: 'userName' }, { plain: 'p' }],
    ['requested', { attributes: 'audit,secret' }, { audit: 'x' }],
    ['whole extension', { attributes: urn }, { audit: 'x', plain: 'p' }],
  ])('%s', (_, request, expected) => {
    expect(run(request)).toEqual(expected);
  });
});
