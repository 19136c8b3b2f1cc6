import { ScimError } from '../../errors/scim-error';
import { ScimResource } from '../../schema/attribute';
import { SchemaRegistry } from '../../schema/schema-registry';
import { applyPatch } from '../patch-engine';
import type { PatchOptions } from '../patch-types';
import { replaceTarget } from './replace';

const users = SchemaRegistry.create().resourceType('User');
const work = { value: 'alice@example.com', type: 'work', primary: true };
const home = { value: 'alice@home.example', type: 'home' };
const base = (): ScimResource => ({ userName: 'alice', locale: 'de', name: { familyName: 'Smith', givenName: 'Al' }, emails: [work, home] });

function replace(path: string | undefined, value: unknown, options?: PatchOptions): ScimResource {
  return applyPatch(base(), [{ op: 'replace', ...(path !== undefined && { path }), value }], users, options).resource;
}

describe(replaceTarget.name, () => {
  it.each<[string, string | undefined, unknown, ScimResource]>([
    ['sets a single value', 'locale', 'en', { ...base(), locale: 'en' }],
    ['unassigns with null (RFC 7643 §2.5)', 'locale', null, { userName: 'alice', name: base().name, emails: [work, home] }],
    ['merges a complex value, keeping unnamed sub-attributes', 'name', { givenName: 'Alice' }, { ...base(), name: { familyName: 'Smith', givenName: 'Alice' } }],
    ['replaces the whole list', 'emails', [{ value: 'n@x' }], { ...base(), emails: [{ value: 'n@x' }] }],
    ['unassigns the list with an empty array', 'emails', [], { userName: 'alice', locale: 'de', name: base().name }],
    ['replaces a filtered element entirely', 'emails[type eq "home"]', { value: 'h@x', type: 'home' }, { ...base(), emails: [work, { value: 'h@x', type: 'home' }] }],
    [
      'replaces a sub-attribute in every matching element',
      'emails[value co "alice"].type',
      'other',
      { ...base(), emails: [{ ...work, type: 'other' }, { ...home, type: 'other' }] },
    ],
    ['replaces a list from a path-less value', undefined, { emails: [{ value: 'n@x' }] }, { ...base(), emails: [{ value: 'n@x' }] }],
  ])('%s', (_, path, value, expected) => {
    expect(replace(path, value)).toEqual(expected);
  });

  it('fails with noTarget when a filter matches nothing (strict)', () => {
    let error: unknown;
    try {
      replace('emails[type eq "other"].value', 'x');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ScimError);
    expect(error).toMatchObject({ scimType: 'noTarget' });
  });

  it('upserts with onNoMatch add', () => {
    expect(replace('emails[type eq "other"].value', 'o@x', { onNoMatch: 'add' }).emails).toEqual([work, home, { type: 'other', value: 'o@x' }]);
  });
});
