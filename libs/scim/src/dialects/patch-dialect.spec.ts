import { ScimError } from '../errors/scim-error';
import { applyPatch } from '../patch/patch-engine';
import type { PatchOperation } from '../patch/patch-types';
import type { ScimResource } from '../schema/attribute';
import { SchemaRegistry } from '../schema/schema-registry';
import { DialectContext, DialectProfile } from './dialect-rules';
import { normalisePatch } from './patch-dialect';

/** Matches a thrown ScimError (its constructor is private, so toThrow(ScimError) does not type-check). */
const scimErrorLike = expect.objectContaining({ name: 'ScimError' });

const registry = SchemaRegistry.create();
const users = registry.resourceType('User');
const groups = registry.resourceType('Group');
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const MANAGER = 'urn:ietf:params:scim:schemas:extension:manager:2.0:User';

const user: ScimResource = {
  id: 'u1',
  userName: 'alice@x.io',
  name: { givenName: 'Alice', familyName: 'Smith' },
  emails: [{ value: 'alice@x.io', type: 'work', primary: true }],
  active: true,
};

/** Normalises in a profile and applies the result with the strict engine, as the service does. */
function run(profile: DialectProfile, operations: PatchOperation[], resource = user, type = users) {
  const context = new DialectContext(profile);
  const standard = normalisePatch(operations, resource, type, context);
  const { resource: patched } = applyPatch(resource, standard, type, { strict: true });
  return { standard, patched, fired: [...context.fired] };
}

function strictError(operations: PatchOperation[], resource = user, type = users): ScimError {
  try {
    run('strict', operations, resource, type);
  } catch (error) {
    if (error instanceof ScimError) return error;
    throw error;
  }
  throw new Error('strict accepted a non-standard payload');
}

describe(normalisePatch.name, () => {
  it.each<[string, PatchOperation[], ScimResource, string, string]>([
    ['op-case', [{ op: 'Replace', path: 'name.givenName', value: 'Alicia' }], { name: { givenName: 'Alicia', familyName: 'Smith' } }, 'entra', 'invalidSyntax'],
    ['string-boolean', [{ op: 'replace', path: 'active', value: 'False' }], { active: false }, 'entra', 'invalidValue'],
    ['pathless-path-keys', [{ op: 'replace', value: { 'name.givenName': 'G', [`${ENTERPRISE}:department`]: 'Sales' } }], { name: { givenName: 'G', familyName: 'Smith' }, [ENTERPRISE]: { department: 'Sales' } }, 'entra', 'invalidValue'],
    ['filter-upsert', [{ op: 'replace', path: 'emails[type eq "home"].value', value: 'h@x.io' }], { emails: [{ value: 'alice@x.io', type: 'work', primary: true }, { type: 'home', value: 'h@x.io' }] }, 'entra', 'noTarget'],
    ['derived-write', [{ op: 'replace', path: 'displayName', value: 'Alicia S' }], { userName: 'alice@x.io' }, 'entra', 'mutability'],
  ])('%s: accepted in its profile, refused in strict', (rule, operations, expected, profile, scimType) => {
    const { patched, fired } = run(profile as DialectProfile, operations);
    expect(patched).toMatchObject(expected);
    expect(fired).toEqual([rule]);
    expect(strictError(operations).scimType).toBe(scimType);
  });

  it('remove-with-value: removes only the listed members (Entra); strict refuses a value on remove', () => {
    const group = { id: 'g1', displayName: 'G', members: [{ value: 'a' }, { value: 'b' }, { value: 'c' }] };
    const operations = [{ op: 'Remove', path: 'members', value: [{ $ref: null, value: 'b' }, { value: 'c' }] }];
    const { standard, patched, fired } = run('entra', operations, group, groups);
    expect(standard).toEqual([
      { op: 'remove', path: 'members[value eq "b"]' },
      { op: 'remove', path: 'members[value eq "c"]' },
    ]);
    expect(patched.members).toEqual([{ value: 'a' }]);
    expect(fired.sort()).toEqual(['op-case', 'remove-with-value']);
    expect(strictError([{ op: 'remove', path: 'members', value: [{ value: 'b' }] }], group, groups).scimType).toBe('invalidSyntax');
  });

  it('id-in-value: Okta renames a group with its id in the value; strict refuses the read-only id', () => {
    const group = { id: 'g1', displayName: 'Old' };
    const operations = [{ op: 'replace', value: { id: 'g1', displayName: 'New' } }];
    const { patched, fired } = run('okta', operations, group, groups);
    expect(patched.displayName).toBe('New');
    expect(fired).toEqual(['id-in-value']);
    expect(strictError(operations, group, groups).scimType).toBe('mutability');
    expect(() => run('okta', [{ op: 'replace', value: { id: 'other', displayName: 'New' } }], group, groups)).toThrow(scimErrorLike);
  });

  it('converts string booleans inside path-less values, extension objects and multi-valued elements', () => {
    const operations = [
      { op: 'Replace', value: { active: 'TRUE', emails: [{ value: 'n@x.io', type: 'work', primary: 'True' }] } },
      { op: 'Add', path: MANAGER, value: { gender: 'female' } },
    ];
    const { patched, fired } = run('entra', operations, { ...user, active: false });
    expect(patched).toMatchObject({ active: true, emails: [{ value: 'n@x.io', primary: true }], [MANAGER]: { gender: 'female' } });
    expect(fired.sort()).toEqual(['op-case', 'string-boolean']);
  });

  it('leaves a work email alone when it exists (no upsert) and leaves standard payloads untouched', () => {
    const operations = [{ op: 'replace', path: 'emails[type eq "work"].value', value: 'new@x.io' }];
    const { standard, patched, fired } = run('entra', operations);
    expect(standard).toEqual(operations);
    expect(patched.emails).toEqual([{ value: 'new@x.io', type: 'work', primary: true }]);
    expect(fired).toEqual([]);
  });

  it('applies no rule of another profile', () => {
    expect(() => run('okta', [{ op: 'Replace', path: 'active', value: false }])).toThrow(scimErrorLike);
    expect(() => run('entra', [{ op: 'replace', value: { id: 'u1', active: false } }])).toThrow(scimErrorLike);
  });
});
