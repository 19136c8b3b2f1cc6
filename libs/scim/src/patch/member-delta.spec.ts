import { parseFilter } from '../query/filter-parser';
import { ScimResource } from '../schema/attribute';
import { GROUP_SCHEMA } from '../schema/group.schema';
import { SchemaRegistry } from '../schema/schema-registry';
import { deltaBetween, filterValueIds, MemberTracker } from './member-delta';
import { patchNeedsMembers } from './members-without-list';
import { applyPatch } from './patch-engine';
import type { MemberDelta, PatchOperation } from './patch-types';

const registry = SchemaRegistry.create();
const groups = registry.resourceType('Group');
const users = registry.resourceType('User');
/** A large group as the service loads it: without `members`. */
const unloaded = (): ScimResource => ({ schemas: [GROUP_SCHEMA], id: 'g1', displayName: 'Team' });

const add = (...ids: string[]): PatchOperation => ({ op: 'add', path: 'members', value: ids.map((value) => ({ value })) });
const removeOne = (id: string): PatchOperation => ({ op: 'remove', path: `members[value eq "${id}"]` });

describe(MemberTracker.name, () => {
  it('folds operations in order', () => {
    const tracker = new MemberTracker();
    tracker.add(['a', 'b']);
    tracker.remove(['b', 'c']);
    tracker.add(['c']);
    expect(tracker.toDelta()).toEqual({ added: ['a', 'c'], removed: ['b'] });
    tracker.replaceAll(['x']);
    tracker.add(['y']);
    tracker.remove(['x']);
    expect(tracker.toDelta()).toEqual({ added: [], removed: [], replacedAll: ['y'], clearedAll: false });
  });
});

describe(deltaBetween.name, () => {
  it('is the set difference', () => {
    expect(deltaBetween(['a', 'b'], ['b', 'c'])).toEqual({ added: ['c'], removed: ['a'] });
  });
});

describe(filterValueIds.name, () => {
  it.each<[string, string[] | undefined]>([
    ['value eq "u1"', ['u1']],
    ['VALUE eq "u1" or value eq "u2"', ['u1', 'u2']],
    ['value ne "u1"', undefined],
    ['display eq "Alice"', undefined],
    ['value eq "u1" and type eq "User"', undefined],
  ])('%s → %j', (text, ids) => {
    expect(filterValueIds(parseFilter(text))).toEqual(ids);
  });
});

describe(patchNeedsMembers.name, () => {
  it.each<[string, PatchOperation[], boolean]>([
    ['add members', [add('u1')], false],
    ['remove by value filter', [removeOne('u1')], false],
    ['Entra remove with value array', [{ op: 'remove', path: 'members', value: [{ value: 'u1' }] }], false],
    ['replace all', [{ op: 'replace', path: 'members', value: [] }], false],
    ['rename', [{ op: 'replace', value: { id: 'g1', displayName: 'X' } }], false],
    ['path-less members', [{ op: 'add', value: { members: [{ value: 'u1' }] } }], false],
    ['remove by display', [{ op: 'remove', path: 'members[display eq "Alice"]' }], true],
    ['replace a filtered member', [{ op: 'replace', path: 'members[value eq "u1"]', value: { value: 'u1' } }], true],
    ['a sub-attribute path', [{ op: 'remove', path: 'members.value' }], true],
    ['a dotted path-less key', [{ op: 'add', value: { 'members.value': 'u1' } }], true],
  ])('%s → %s', (_, ops, expected) => {
    expect(patchNeedsMembers(ops, groups)).toBe(expected);
  });
});

describe('applyPatch without the member list (membersLoaded: false)', () => {
  it.each<[string, PatchOperation[], MemberDelta]>([
    ['add', [add('u1', 'u2')], { added: ['u1', 'u2'], removed: [] }],
    ['Okta remove + add', [removeOne('u2'), add('u3')], { added: ['u3'], removed: ['u2'] }],
    ['add then remove the same id', [add('u1'), removeOne('u1')], { added: [], removed: ['u1'] }],
    ['Entra remove with value array', [{ op: 'remove', path: 'members', value: [{ $ref: null, value: 'u2' }] }], { added: [], removed: ['u2'] }],
    ['remove all (RFC: no value, no filter)', [{ op: 'remove', path: 'members' }], { added: [], removed: [], replacedAll: [], clearedAll: true }],
    ['Okta replace with the full list', [{ op: 'replace', path: 'members', value: [{ value: 'u1' }, { value: 'u2' }] }], { added: [], removed: [], replacedAll: ['u1', 'u2'], clearedAll: false }],
    ['replace then add', [{ op: 'replace', path: 'members', value: [] }, add('u9')], { added: [], removed: [], replacedAll: ['u9'], clearedAll: false }],
    ['path-less add', [{ op: 'add', value: { members: [{ value: 'u5' }] } }], { added: ['u5'], removed: [] }],
    ['rename only', [{ op: 'replace', value: { id: 'g1', displayName: 'New' } }], { added: [], removed: [] }],
  ])('%s', (_, ops, delta) => {
    const input = unloaded();
    const result = applyPatch(input, ops, groups, { membersLoaded: false });
    expect(result.memberDelta).toEqual(delta);
    expect(result.resource).not.toHaveProperty('members');
    expect(input).toEqual(unloaded());
  });

  it('reports members as changed', () => {
    const result = applyPatch(unloaded(), [add('u1'), { op: 'replace', path: 'displayName', value: 'X' }], groups, { membersLoaded: false });
    expect(result.changed).toEqual(['displayName', 'members']);
  });

  it('still validates member values', () => {
    expect(() => applyPatch(unloaded(), [{ op: 'add', path: 'members', value: [{ display: 'x' }] }], groups, { membersLoaded: false })).toThrow(
      'members.value',
    );
  });

  it('refuses an operation that needs the list (a programming error)', () => {
    const ops: PatchOperation[] = [{ op: 'remove', path: 'members[display eq "Alice"]' }];
    expect(() => applyPatch(unloaded(), ops, groups, { membersLoaded: false })).toThrow('patchNeedsMembers');
  });

  it('has no member delta for users', () => {
    const result = applyPatch({ userName: 'a' }, [{ op: 'replace', path: 'active', value: true }], users);
    expect(result).not.toHaveProperty('memberDelta');
  });
});
