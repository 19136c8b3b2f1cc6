import { StoreValidationError } from '@app/scim/ports/store-errors';
import type { ScimResource } from '@app/scim/schema/attribute';
import { ENTERPRISE_USER_SCHEMA } from '@app/scim/schema/enterprise-user.schema';
import { MANAGER_USER_SCHEMA } from '@app/scim/schema/manager-user.schema';
import { User } from '../users/user.entity';
import { applyUserFields, newUser } from '../users/user-fields';
import { scimToUserFields, userToScim } from './user-scim.mapper';

const NOW = new Date('2025-01-02T03:04:05.678Z');

function user(overrides: Partial<User> = {}): User {
  const u = newUser('customer-1', 'scim', NOW);
  applyUserFields(u, { email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace' }, NOW);
  return Object.assign(u, { scimUserName: 'ada', scimUserNameKey: 'ada', version: 1 }, overrides);
}

const body = (extra: ScimResource = {}): ScimResource => ({ userName: 'ada', emails: [{ value: 'ada@example.com' }], ...extra });

function validationError(run: () => unknown): StoreValidationError {
  try {
    run();
  } catch (error) {
    if (error instanceof StoreValidationError) return error;
    throw error;
  }
  throw new Error('expected a StoreValidationError');
}

function containsNull(value: unknown): boolean {
  if (value === null) return true;
  if (Array.isArray(value)) return value.some(containsNull);
  if (typeof value === 'object') return Object.values(value as object).some(containsNull);
  return false;
}

describe(userToScim.name, () => {
  it('renders every mapped field in canonical form', () => {
    const full = user({
      externalId: 'ext-1',
      language: 'de-DE',
      department: 'R&D',
      gender: 'female',
      academicTitle: 'Dr.',
      active: false,
    });
    expect(userToScim(full, [{ id: 'g1', name: 'Admins' }])).toEqual({
      userName: 'ada',
      name: { givenName: 'Ada', familyName: 'Lovelace', formatted: 'Ada Lovelace' },
      displayName: 'Ada Lovelace',
      emails: [{ value: 'ada@example.com', type: 'work', primary: true }],
      active: false,
      externalId: 'ext-1',
      preferredLanguage: 'de-DE',
      [ENTERPRISE_USER_SCHEMA]: { department: 'R&D' },
      [MANAGER_USER_SCHEMA]: { gender: 'female', academicTitle: 'Dr.' },
      groups: [{ value: 'g1', display: 'Admins', type: 'direct' }],
    });
  });

  it('omits what is not set and never emits null', () => {
    const bare = user({ scimUserName: null, firstName: '', lastName: '' });
    const rendered = userToScim(bare, []);
    expect(rendered).toEqual({
      userName: 'ada@example.com',
      emails: [{ value: 'ada@example.com', type: 'work', primary: true }],
      active: true,
    });
    expect(containsNull(rendered)).toBe(false);
  });

  it.each([
    ['Ada', '', { givenName: 'Ada', formatted: 'Ada' }, 'Ada'],
    ['', 'Lovelace', { familyName: 'Lovelace', formatted: 'Lovelace' }, 'Lovelace'],
  ])('formats a partial name (%j %j)', (firstName, lastName, name, displayName) => {
    const rendered = userToScim(user({ firstName, lastName }), []);
    expect(rendered.name).toEqual(name);
    expect(rendered.displayName).toBe(displayName);
  });

  it('renders only the extension attributes that are set', () => {
    const rendered = userToScim(user({ academicTitle: 'Prof. Dr.' }), []);
    expect(rendered[MANAGER_USER_SCHEMA]).toEqual({ academicTitle: 'Prof. Dr.' });
    expect(rendered[ENTERPRISE_USER_SCHEMA]).toBeUndefined();
  });
});

describe(scimToUserFields.name, () => {
  it('maps a full body', () => {
    const mapped = scimToUserFields({
      userName: 'Ada.L',
      externalId: 'ext-1',
      name: { givenName: 'Ada', familyName: 'Lovelace', formatted: 'ignored' },
      emails: [{ value: 'ada@example.com', type: 'work', primary: true }],
      active: false,
      preferredLanguage: 'en-GB',
      locale: 'de-DE',
      [ENTERPRISE_USER_SCHEMA]: { department: 'R&D' },
      [MANAGER_USER_SCHEMA]: { gender: 'Female', academicTitle: 'Dr.' },
    });
    expect(mapped).toEqual({
      userName: 'Ada.L',
      externalId: 'ext-1',
      fields: {
        email: 'ada@example.com',
        firstName: 'Ada',
        lastName: 'Lovelace',
        language: 'en-GB',
        department: 'R&D',
        gender: 'female',
        academicTitle: 'Dr.',
        active: false,
      },
    });
  });

  it('fills absent values: names empty, optional fields null, active true', () => {
    expect(scimToUserFields(body())).toEqual({
      userName: 'ada',
      externalId: null,
      fields: {
        email: 'ada@example.com',
        firstName: '',
        lastName: '',
        language: null,
        department: null,
        gender: null,
        academicTitle: null,
        active: true,
      },
    });
  });

  it('takes locale when preferredLanguage is absent', () => {
    expect(scimToUserFields(body({ locale: 'fr-FR' })).fields.language).toBe('fr-FR');
  });

  it('drops attributes it does not map', () => {
    const mapped = scimToUserFields(
      body({ nickName: 'Countess', phoneNumbers: [{ value: '+1' }], roles: [], 'urn:example:other': { x: 1 }, schemas: ['x'] }),
    );
    expect(mapped).toEqual(scimToUserFields(body()));
  });

  it('round-trips a rendered user', () => {
    const original = user({ externalId: 'e', language: 'de', department: 'D', gender: 'diverse', academicTitle: 'Dr.', active: false });
    const mapped = scimToUserFields(userToScim(original, [{ id: 'g', name: 'G' }]));
    expect(mapped).toEqual({
      userName: 'ada',
      externalId: 'e',
      fields: {
        email: original.email,
        firstName: original.firstName,
        lastName: original.lastName,
        language: 'de',
        department: 'D',
        gender: 'diverse',
        academicTitle: 'Dr.',
        active: false,
      },
    });
    const copy = newUser('customer-1', 'scim', NOW);
    applyUserFields(copy, mapped.fields, NOW);
    Object.assign(copy, { scimUserName: mapped.userName, externalId: mapped.externalId });
    expect(userToScim(copy, [])).toEqual(userToScim(original, []));
  });

  describe('email choice', () => {
    const home = { value: 'home@example.com', type: 'home' };
    const work = { value: 'work@example.com', type: 'Work' };
    const primary = { value: 'primary@example.com', type: 'other', primary: true };
    it.each([
      ['the primary one', [home, work, primary], 'primary@example.com'],
      ['else the work one (type case-insensitive)', [home, work], 'work@example.com'],
      ['else the first', [home, { value: 'other@example.com', type: 'other' }], 'home@example.com'],
      ['skipping entries without a value', [{ type: 'work' }, home], 'home@example.com'],
      ['trimmed', [{ value: '  spaced@example.com ' }], 'spaced@example.com'],
    ])('takes %s', (_label, emails, expected) => {
      expect(scimToUserFields({ userName: 'ada', emails }).fields.email).toBe(expected);
    });

    it('takes the userName when there is no email and the userName is an address', () => {
      expect(scimToUserFields({ userName: 'Ada@Example.com' }).fields.email).toBe('Ada@Example.com');
    });

    it.each([
      ['no email and a userName that is not one', { userName: 'ada' }],
      ['an empty emails list', { userName: 'ada', emails: [] }],
      ['an invalid address', { userName: 'ada', emails: [{ value: 'not-an-email' }] }],
      ['an address too long', { userName: 'ada', emails: [{ value: `${'a'.repeat(250)}@x.com` }] }],
    ])('rejects %s', (_label, attributes) => {
      expect(validationError(() => scimToUserFields(attributes)).attribute).toBe('emails');
    });
  });

  describe('gender', () => {
    it.each([
      ['female', 'female'],
      ['FEMALE', 'female'],
      ['w', 'female'],
      ['Männlich', 'male'],
      ['m', 'male'],
      ['divers', 'diverse'],
      ['non-binary', 'diverse'],
      ['x', 'unspecified'],
      ['Unknown', 'unspecified'],
    ])('maps %j to %j', (text, gender) => {
      expect(scimToUserFields(body({ [MANAGER_USER_SCHEMA]: { gender: text } })).fields.gender).toBe(gender);
    });

    it('rejects an unknown gender, listing the accepted values and mentioning synonyms', () => {
      const error = validationError(() => scimToUserFields(body({ [MANAGER_USER_SCHEMA]: { gender: 'robot' } })));
      expect(error.attribute).toBe(`${MANAGER_USER_SCHEMA}:gender`);
      for (const value of ['female', 'male', 'diverse', 'unspecified', 'synonyms']) expect(error.message).toContain(value);
    });
  });

  describe('length limits', () => {
    const at = (n: number) => 'x'.repeat(n);
    it.each([
      ['userName', 255, (v: string) => ({ userName: v })],
      ['externalId', 255, (v: string) => ({ externalId: v })],
      ['name.givenName', 100, (v: string) => ({ name: { givenName: v } })],
      ['name.familyName', 100, (v: string) => ({ name: { familyName: v } })],
      ['preferredLanguage', 35, (v: string) => ({ preferredLanguage: v })],
      ['locale', 35, (v: string) => ({ locale: v })],
      [`${ENTERPRISE_USER_SCHEMA}:department`, 200, (v: string) => ({ [ENTERPRISE_USER_SCHEMA]: { department: v } })],
      [`${MANAGER_USER_SCHEMA}:academicTitle`, 64, (v: string) => ({ [MANAGER_USER_SCHEMA]: { academicTitle: v } })],
    ])('%s accepts %i characters and rejects one more', (attribute, limit, build) => {
      expect(() => scimToUserFields(body(build(at(limit))))).not.toThrow();
      const error = validationError(() => scimToUserFields(body(build(at(limit + 1)))));
      expect(error.attribute).toBe(attribute);
      expect(error.message).toContain(String(limit));
    });

    it('counts characters, not UTF-16 units', () => {
      expect(scimToUserFields(body({ name: { givenName: '😀'.repeat(100) } })).fields.firstName).toHaveLength(200);
    });

    it.each([
      ['userName', 'İ'.repeat(128), (v: string) => ({ userName: v })],
      ['name.givenName', 'İ'.repeat(51), (v: string) => ({ name: { givenName: v } })],
      ['name.familyName', 'İ'.repeat(51), (v: string) => ({ name: { familyName: v } })],
    ])('rejects a %s whose lower-cased key outgrows its column', (attribute, value, build) => {
      expect(validationError(() => scimToUserFields(body(build(value)))).attribute).toBe(attribute);
    });

    it('accepts names whose lower-cased keys fit: "first last" stays within name_key', () => {
      const fields = scimToUserFields(body({ name: { givenName: 'İ'.repeat(50), familyName: 'İ'.repeat(50) } })).fields;
      expect(fields.firstName).toHaveLength(50);
    });

    it('accepts an email of 254 characters', () => {
      const email = `${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(58)}.de`;
      expect(email).toHaveLength(254);
      expect(scimToUserFields({ userName: 'ada', emails: [{ value: email }] }).fields.email).toBe(email);
    });
  });

  it.each([
    ['a missing userName', { emails: [{ value: 'ada@example.com' }] }, 'userName'],
    ['a blank userName', { userName: '  ', emails: [{ value: 'ada@example.com' }] }, 'userName'],
    ['a non-string name part', body({ name: { givenName: 42 } }), 'name.givenName'],
    ['a non-boolean active', body({ active: 'yes' }), 'active'],
  ])('rejects %s', (_label, attributes, attribute) => {
    expect(validationError(() => scimToUserFields(attributes)).attribute).toBe(attribute);
  });

  it('tolerates "True"/"False" strings for active', () => {
    expect(scimToUserFields(body({ active: 'False' })).fields.active).toBe(false);
    expect(scimToUserFields(body({ active: 'True' })).fields.active).toBe(true);
  });
});
