import { ScimError } from '../../errors/scim-error';
import { ScimResource } from '../../schema/attribute';
import { SchemaRegistry } from '../../schema/schema-registry';
import { applyPatch } from '../patch-engine';
import type { PatchOptions } from '../patch-types';
import { addToTarget } from './add';

const users = SchemaRegistry.create().resourceType('User');
const work = { value: 'alice@example.com', type: 'work', primary: true };
const home = { value: 'alice@home.example', type: 'home' };
const base = (): ScimResource => ({ userName: 'alice', name: { familyName: 'Smith' }, emails: [work, home] });

function add(path: string | undefined, value: unknown, options?: PatchOptions): ScimResource {
  return applyPatch(base(), [{ op: 'add', ...(path !== undefined && { path }), value }], users, options).resource;
}

function scimTypeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    return error instanceof ScimError ? error.scimType : 'not a ScimError';
  }
  return undefined;
}

describe(addToTarget.name, () => {
  it.each<[string, string | undefined, unknown, ScimResource]>([
    ['sets an absent single value', 'locale', 'de-DE', { ...base(), locale: 'de-DE' }],
    ['replaces a present single value', 'userName', 'bob', { ...base(), userName: 'bob' }],
    ['merges a complex value', 'name', { givenName: 'Alice' }, { ...base(), name: { familyName: 'Smith', givenName: 'Alice' } }],
    ['sets a sub-attribute', 'NAME.GIVENNAME', 'Alice', { ...base(), name: { familyName: 'Smith', givenName: 'Alice' } }],
    ['appends new values', 'emails', [{ value: 'b@x', type: 'other' }], { ...base(), emails: [work, home, { value: 'b@x', type: 'other' }] }],
    ['skips values already present (case-insensitive value)', 'emails', [{ value: 'ALICE@example.com' }], base()],
    [
      'clears other primaries when a new value is primary',
      'emails',
      [{ value: 'b@x', primary: true }],
      { ...base(), emails: [{ ...work, primary: false }, home, { value: 'b@x', primary: true }] },
    ],
    [
      'sets a sub-attribute on filtered elements, moving primary',
      'emails[type eq "home"].primary',
      true,
      { ...base(), emails: [{ ...work, primary: false }, { ...home, primary: true }] },
    ],
    ['merges into filtered elements', 'emails[type eq "home"]', { type: 'other' }, { ...base(), emails: [work, { ...home, type: 'other' }] }],
    ['adds nothing for null', 'locale', null, base()],
    ['merges a path-less value', undefined, { locale: 'de', emails: [{ value: 'c@x' }] }, { ...base(), locale: 'de', emails: [work, home, { value: 'c@x' }] }],
  ])('%s', (_, path, value, expected) => {
    expect(add(path, value)).toEqual(expected);
  });

  it('creates the element a filter describes with onNoMatch add (Entra work email)', () => {
    expect(add('emails[type eq "other"].value', 'o@x', { onNoMatch: 'add' }).emails).toEqual([work, home, { type: 'other', value: 'o@x' }]);
  });

  it.each<[string, string, unknown, PatchOptions | undefined, string]>([
    ['a filter without match', 'emails[type eq "other"].value', 'x', undefined, 'noTarget'],
    ['a non-eq filter without match, even with onNoMatch add', 'emails[type ne "work" and type ne "home"].value', 'x', { onNoMatch: 'add' }, 'noTarget'],
    ['two primary values', 'emails', [{ value: 'a', primary: true }, { value: 'b', primary: true }], undefined, 'invalidValue'],
    ['a wrong type', 'active', 1, undefined, 'invalidValue'],
    ['a non-canonical type', 'emails', [{ value: 'a', type: 'pager' }], undefined, 'invalidValue'],
  ])('rejects %s', (_, path, value, options, scimType) => {
    expect(scimTypeOf(() => add(path, value, options))).toBe(scimType);
  });
});
