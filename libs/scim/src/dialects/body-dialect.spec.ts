import { ScimError } from '../errors/scim-error';
import { SchemaRegistry } from '../schema/schema-registry';
import { validateResource } from '../schema/resource-validator';
import { normaliseBody } from './body-dialect';
import { DialectContext, DialectProfile, profileFor } from './dialect-rules';

/** Matches a thrown ScimError (its constructor is private, so toThrow(ScimError) does not type-check). */
const scimErrorLike = expect.objectContaining({ name: 'ScimError' });

const registry = SchemaRegistry.create();
const users = registry.resourceType('User');
const groups = registry.resourceType('Group');
const CORE = 'urn:ietf:params:scim:schemas:core:2.0:User';
const MANAGER = 'urn:ietf:params:scim:schemas:extension:manager:2.0:User';
const MICROSOFT = 'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group';

function run(profile: DialectProfile, body: unknown, type = users) {
  const context = new DialectContext(profile);
  const { resource } = validateResource(normaliseBody(body, type, context), type, { strict: true });
  return { resource, fired: [...context.fired].sort() };
}

describe(normaliseBody.name, () => {
  it('undeclared-extension: the custom URN Entra does not list in schemas', () => {
    const body = { schemas: [CORE], userName: 'a@x.io', [MANAGER]: { gender: 'female' } };
    expect(run('entra', body)).toMatchObject({ resource: { [MANAGER]: { gender: 'female' } }, fired: ['undeclared-extension'] });
    expect(run('okta', body).fired).toEqual(['undeclared-extension']);
    expect(() => run('strict', body)).toThrow(scimErrorLike);
  });

  it('string-boolean: "False" for active in a create', () => {
    const body = { schemas: [CORE], userName: 'a@x.io', active: 'False', emails: [{ value: 'a@x.io', primary: 'true' }] };
    expect(run('entra', body)).toMatchObject({ resource: { active: false, emails: [{ primary: true }] }, fired: ['string-boolean'] });
    expect(() => run('strict', body)).toThrow(scimErrorLike);
  });

  it('foreign-schema: the Microsoft ADSCIM URI on a group create', () => {
    const body = { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group', MICROSOFT], displayName: 'Sales' };
    expect(run('entra', body, groups)).toMatchObject({ resource: { displayName: 'Sales' }, fired: ['foreign-schema'] });
    expect(() => run('strict', body, groups)).toThrow(/Unknown schema/);
  });

  it('missing-schemas: a body without schemas', () => {
    expect(run('okta', { userName: 'a@x.io' }).fired).toEqual(['missing-schemas']);
    expect(() => run('strict', { userName: 'a@x.io' })).toThrow(/schemas/);
  });

  it('fires nothing for a standard body', () => {
    expect(run('entra', { schemas: [CORE, MANAGER], userName: 'a@x.io', [MANAGER]: { academicTitle: 'Dr.' } }).fired).toEqual([]);
  });
});

describe(profileFor.name, () => {
  it.each([
    ['entra', undefined, 'entra'],
    ['okta', null, 'okta'],
    ['okta', 'strict', 'strict'],
    ['entra', 'OKTA', 'okta'],
    ['onelogin', undefined, 'strict'],
  ])('%s with %s → %s', (provider, configured, expected) => expect(profileFor(provider, configured)).toBe(expected));
});
