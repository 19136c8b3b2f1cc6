import { StoreValidationError } from '@app/scim/ports/store-errors';
import type { AttrPath } from '@app/scim/query/filter-ast';
import { ENTERPRISE_USER_SCHEMA } from '@app/scim/schema/enterprise-user.schema';
import { MANAGER_USER_SCHEMA } from '@app/scim/schema/manager-user.schema';
import { USER_SCHEMA } from '@app/scim/schema/user.schema';
import { userFilterResolver, userSortExpression } from './user-filter.resolver';

const core = (attr: string, sub?: string): AttrPath => ({ uri: USER_SCHEMA, attr, ...(sub === undefined ? {} : { sub }) });

describe(userFilterResolver.name, () => {
  const resolver = userFilterResolver('u');

  it.each([
    [core('userName'), { expr: 'u.scim_user_name', keyExpr: 'u.scim_user_name_key', caseExact: false }],
    [{ attr: 'USERNAME' }, { expr: 'u.scim_user_name' }],
    [core('externalId'), { expr: 'u.external_id', caseExact: true }],
    [core('emails', 'value'), { expr: 'u.email', keyExpr: 'u.email_key' }],
    [core('emails'), { expr: 'u.email', keyExpr: 'u.email_key' }],
    [core('emails', 'type'), { kind: 'constant', value: 'work', presentIf: 'u.email IS NOT NULL' }],
    [core('active'), { expr: 'u.active', type: 'boolean' }],
    [core('meta', 'lastModified'), { expr: 'u.updated_at', type: 'dateTime' }],
    [{ uri: ENTERPRISE_USER_SCHEMA, attr: 'department' }, { expr: 'u.department' }],
    [{ uri: MANAGER_USER_SCHEMA, attr: 'academicTitle' }, { expr: 'u.academic_title' }],
    [core('groups'), { kind: 'exists' }],
  ])('maps %j', (path, target) => {
    expect(resolver.resolve(path)).toMatchObject(target);
  });

  it.each([core('nickName'), core('constructor'), { attr: 'department' }, core('groups', 'value')])(
    'leaves %j unmapped',
    (path) => expect(resolver.resolve(path)).toBeUndefined(),
  );

  it('resolves the sub-attributes of groups inside the membership source', () => {
    const groups = resolver.resolve(core('groups'));
    if (groups?.kind !== 'exists') throw new Error('groups must be an exists target');
    expect(groups.from).toContain('gm.user_id = u.id');
    expect(groups.resolveSub('VALUE')).toMatchObject({ expr: 'gm.group_id', caseExact: true });
    expect(groups.resolveSub('display')).toMatchObject({ expr: 'g.name', keyExpr: 'g.name_key', caseExact: false });
    expect(groups.resolveSub('$ref')).toBeUndefined();
  });
});

describe(userSortExpression.name, () => {
  it.each([
    [core('userName'), 'sqlite', 'u.scim_user_name_key'],
    [core('userName'), 'postgres', 'u.scim_user_name_key COLLATE "C"'],
    [core('name', 'givenName'), 'sqlite', 'LOWER(u.first_name)'],
    [core('id'), 'postgres', 'u.id COLLATE "C"'],
    [core('meta', 'created'), 'postgres', 'u.created_at'],
    [core('active'), 'sqlite', 'u.active'],
  ] as const)('sorts %j on %s by %s', (path, dialect, expr) => {
    expect(userSortExpression(path, 'u', dialect)).toBe(expr);
  });

  it.each([core('groups'), core('emails', 'type'), core('nickName')])('refuses %j', (path) => {
    expect(() => userSortExpression(path, 'u', 'sqlite')).toThrow(StoreValidationError);
  });
});
