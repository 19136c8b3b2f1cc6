import { StoreValidationError } from '@app/scim/ports/store-errors';
import type { AttrPath } from '@app/scim/query/filter-ast';
import { parseFilter } from '@app/scim/query/filter-parser';
import { compileFilter } from '@app/scim/query/filter-to-sql';
import { GROUP_SCHEMA } from '@app/scim/schema/group.schema';
import { USER_SCHEMA } from '@app/scim/schema/user.schema';
import { groupFilterResolver, groupSortExpression } from './group-filter.resolver';

const core = (attr: string, sub?: string): AttrPath => ({ uri: GROUP_SCHEMA, attr, ...(sub === undefined ? {} : { sub }) });

describe(groupFilterResolver.name, () => {
  const resolver = groupFilterResolver('g');

  it.each([
    [core('id'), { expr: 'g.id', caseExact: true }],
    [core('externalId'), { expr: 'g.external_id', caseExact: true }],
    [core('displayName'), { expr: 'g.name', keyExpr: 'g.name_key', caseExact: false }],
    [{ attr: 'DISPLAYNAME' }, { expr: 'g.name' }],
    [core('members'), { kind: 'exists' }],
    [core('meta', 'resourceType'), { kind: 'constant', value: 'Group', caseExact: true }],
    [core('meta', 'created'), { expr: 'g.created_at', type: 'dateTime' }],
    [core('meta', 'lastModified'), { expr: 'g.updated_at', type: 'dateTime' }],
  ])('maps %j', (path, target) => {
    expect(resolver.resolve(path)).toMatchObject(target);
  });

  it.each([core('description'), core('constructor'), core('members', 'value'), { uri: USER_SCHEMA, attr: 'displayName' }])(
    'leaves %j unmapped',
    (path) => expect(resolver.resolve(path)).toBeUndefined(),
  );

  it('resolves the sub-attributes of members inside the membership source', () => {
    const members = resolver.resolve(core('members'));
    if (members?.kind !== 'exists') throw new Error('members must be an exists target');
    expect(members.from).toContain('gm.group_id = g.id');
    expect(members.from).toContain('users mu ON mu.id = gm.user_id');
    expect(members.resolveSub('VALUE')).toMatchObject({ expr: 'gm.user_id', caseExact: true });
    expect(members.resolveSub('display')).toMatchObject({ caseExact: false, keyExpr: expect.stringContaining('mu.name_key') });
    expect(members.resolveSub('type')).toMatchObject({ kind: 'constant', value: 'User' });
    expect(members.resolveSub('$ref')).toBeUndefined();
  });

  it.each([
    ['members eq "u1"', 'gm.user_id = :f0'],
    ['members.value eq "u1"', 'gm.user_id = :f0'],
    ['members[value eq "u1"]', 'gm.user_id = :f0'],
  ])('compiles %s to one membership probe', (filter, probe) => {
    const { sql, params } = compileFilter(parseFilter(filter), resolver, 'sqlite');
    expect(sql).toContain('EXISTS (SELECT 1 FROM group_members gm');
    expect(sql).toContain(probe);
    expect(params).toEqual({ f0: 'u1' });
  });
});

describe(groupSortExpression.name, () => {
  it.each([
    [core('displayName'), 'sqlite', 'g.name_key'],
    [core('displayName'), 'postgres', 'g.name_key COLLATE "C"'],
    [core('externalId'), 'sqlite', 'g.external_id'],
    [core('id'), 'postgres', 'g.id COLLATE "C"'],
    [core('meta', 'created'), 'postgres', 'g.created_at'],
    [core('meta', 'lastModified'), 'sqlite', 'g.updated_at'],
  ] as const)('sorts %j on %s by %s', (path, dialect, expr) => {
    expect(groupSortExpression(path, 'g', dialect)).toBe(expr);
  });

  it.each([core('members'), core('meta', 'resourceType'), core('description')])('refuses %j', (path) => {
    expect(() => groupSortExpression(path, 'g', 'sqlite')).toThrow(StoreValidationError);
  });
});
