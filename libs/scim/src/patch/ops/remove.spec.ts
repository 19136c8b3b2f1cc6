import { ScimResource } from '../../schema/attribute';
import { SchemaRegistry } from '../../schema/schema-registry';
import { applyPatch } from '../patch-engine';
import { removeTarget } from './remove';

const users = SchemaRegistry.create().resourceType('User');
const work = { value: 'alice@example.com', type: 'work', primary: true };
const home = { value: 'alice@home.example', type: 'home' };
const base = (): ScimResource => ({ userName: 'alice', locale: 'de', name: { familyName: 'Smith', givenName: 'Al' }, emails: [work, home] });
const { locale: _locale, ...withoutLocale } = base();
const { emails: _emails, ...withoutEmails } = base();

function remove(path: string, value?: unknown): { resource: ScimResource; changed: string[] } {
  return applyPatch(base(), [{ op: 'remove', path, ...(value !== undefined && { value }) }], users);
}

describe(removeTarget.name, () => {
  it.each<[string, string, unknown, ScimResource, string[]]>([
    ['a single value', 'locale', undefined, withoutLocale, ['locale']],
    ['a sub-attribute', 'name.givenName', undefined, { ...base(), name: { familyName: 'Smith' } }, ['name.givenName']],
    ['a complex attribute', 'name', undefined, { userName: 'alice', locale: 'de', emails: [work, home] }, ['name.familyName', 'name.givenName']],
    ['a whole list', 'emails', undefined, withoutEmails, ['emails']],
    ['filtered elements', 'emails[type eq "work"]', undefined, { ...base(), emails: [home] }, ['emails']],
    ['a sub-attribute of filtered elements', 'emails[type eq "work"].value', undefined, { ...base(), emails: [{ type: 'work', primary: true }, home] }, ['emails']],
    ['listed values only (value array)', 'emails', [{ value: 'ALICE@HOME.EXAMPLE' }], { ...base(), emails: [work] }, ['emails']],
    ['nothing when the filter matches nothing', 'emails[type eq "other"]', undefined, base(), []],
    ['nothing when the attribute has no value', 'preferredLanguage', undefined, base(), []],
    ['a single value, ignoring a value member', 'locale', 'x', withoutLocale, ['locale']],
  ])('removes %s', (_, path, value, expected, changed) => {
    const result = remove(path, value);
    expect(result.resource).toEqual(expected);
    expect(result.changed).toEqual(changed);
  });
});
