import { StoreValidationError } from '@app/scim/ports/store-errors';
import { isPlainObject, type ScimResource } from '@app/scim/schema/attribute';
import { ENTERPRISE_USER_SCHEMA } from '@app/scim/schema/enterprise-user.schema';
import { MANAGER_USER_SCHEMA } from '@app/scim/schema/manager-user.schema';
import { isEmailAddress } from '../common/text/email-address';
import { fitsColumn } from '../common/text/stored-text';
import { parseGender } from '../users/gender';
import { Gender, GENDERS, User } from '../users/user.entity';
import { UserFields } from '../users/user-fields';

/** A group the user is a direct member of. */
export interface UserGroupRef {
  readonly id: string;
  readonly name: string;
}

/** A SCIM User body as the Manager stores it. */
export interface ScimUserFields {
  readonly fields: UserFields;
  readonly userName: string;
  readonly externalId: string | null;
}

const DEPARTMENT = `${ENTERPRISE_USER_SCHEMA}:department`;
const GENDER = `${MANAGER_USER_SCHEMA}:gender`;
const ACADEMIC_TITLE = `${MANAGER_USER_SCHEMA}:academicTitle`;

/** The column lengths of `users` (see the initial migration). */
export const USER_LIMITS = {
  email: 254,
  name: 100,
  academicTitle: 64,
  department: 200,
  language: 35,
  userName: 255,
  externalId: 255,
} as const;

/** The canonical SCIM attributes of `user` (no `schemas`, `id`, `meta`); absent values are omitted, never null. */
export function userToScim(user: User, groups: readonly UserGroupRef[]): ScimResource {
  const formatted = [user.firstName, user.lastName].filter((part) => part !== '').join(' ');
  const resource: ScimResource = { userName: user.scimUserName ?? user.email };
  const name = assigned({ givenName: user.firstName, familyName: user.lastName, formatted });
  if (name !== undefined) resource.name = name;
  if (formatted !== '') resource.displayName = formatted;
  resource.emails = [{ value: user.email, type: 'work', primary: true }];
  resource.active = user.active;
  Object.assign(resource, assigned({ externalId: user.externalId, preferredLanguage: user.language }));
  const enterprise = assigned({ department: user.department });
  if (enterprise !== undefined) resource[ENTERPRISE_USER_SCHEMA] = enterprise;
  const manager = assigned({ gender: user.gender, academicTitle: user.academicTitle });
  if (manager !== undefined) resource[MANAGER_USER_SCHEMA] = manager;
  if (groups.length > 0) {
    resource.groups = groups.map((group) => ({ value: group.id, display: group.name, type: 'direct' }));
  }
  return resource;
}

/**
 * The Manager fields of a canonical SCIM User (DESIGN §3 mapping). Attributes not mapped are dropped;
 * absent optional values become `null` (a full replace; the library keeps absent extensions itself).
 * @throws StoreValidationError naming the attribute: no usable email, a value too long, an unknown gender.
 */
export function scimToUserFields(attributes: ScimResource): ScimUserFields {
  const userName = text(attributes.userName, 'userName', USER_LIMITS.userName, true);
  if (userName === null || userName.trim() === '') throw new StoreValidationError('userName', 'userName is required');
  const name = objectAt(attributes, 'name');
  const enterprise = objectAt(attributes, ENTERPRISE_USER_SCHEMA);
  const manager = objectAt(attributes, MANAGER_USER_SCHEMA);
  const fields: UserFields = {
    email: chooseEmail(attributes.emails, userName),
    firstName: text(name.givenName, 'name.givenName', USER_LIMITS.name, true) ?? '',
    lastName: text(name.familyName, 'name.familyName', USER_LIMITS.name, true) ?? '',
    language:
      text(attributes.preferredLanguage, 'preferredLanguage', USER_LIMITS.language) ??
      text(attributes.locale, 'locale', USER_LIMITS.language),
    department: text(enterprise.department, DEPARTMENT, USER_LIMITS.department),
    gender: gender(manager.gender),
    academicTitle: text(manager.academicTitle, ACADEMIC_TITLE, USER_LIMITS.academicTitle),
    active: active(attributes.active),
  };
  return { fields, userName, externalId: text(attributes.externalId, 'externalId', USER_LIMITS.externalId) };
}

/** The `primary` email, else the one of type `work`, else the first; else the userName if it is an address. */
function chooseEmail(raw: unknown, userName: string): string {
  const emails = (Array.isArray(raw) ? raw : [])
    .filter(isPlainObject)
    .filter((email) => typeof email.value === 'string' && email.value.trim() !== '');
  const chosen =
    emails.find((email) => email.primary === true) ??
    emails.find((email) => typeof email.type === 'string' && email.type.toLowerCase() === 'work') ??
    emails[0];
  if (chosen !== undefined) return validEmail((chosen.value as string).trim());
  if (isEmailAddress(userName)) return validEmail(userName);
  throw new StoreValidationError('emails', 'An email address is required (emails[].value, or a userName that is one)');
}

function validEmail(value: string): string {
  if (!fitsColumn(value, USER_LIMITS.email, true)) {
    throw new StoreValidationError('emails', `An email address must not exceed ${USER_LIMITS.email} characters`);
  }
  if (!isEmailAddress(value)) throw new StoreValidationError('emails', 'The email address is not a valid email address');
  return value;
}

function gender(raw: unknown): Gender | null {
  const value = text(raw, GENDER, Number.MAX_SAFE_INTEGER);
  if (value === null) return null;
  const parsed = parseGender(value);
  if (parsed !== undefined) return parsed;
  const synonyms = 'common synonyms such as "f", "m", "w", "d", "x" are accepted too';
  throw new StoreValidationError(GENDER, `Unknown gender; accepted values are ${GENDERS.join(', ')} (${synonyms})`);
}

/** RFC 7643 §4.1.1: `active` defaults to true here; "true"/"false" strings are tolerated (SCIM-NOTES §3 item 2). */
function active(raw: unknown): boolean {
  if (typeof raw === 'boolean') return raw;
  if (typeof raw === 'string' && /^(true|false)$/i.test(raw)) return raw.toLowerCase() === 'true';
  if (raw === undefined || raw === null) return true;
  throw new StoreValidationError('active', 'active must be a boolean');
}

/**
 * A string value, `null` when absent or empty. `keyed`: its case key is stored too, in a column as long
 * (for the names: each key at most 100, so "first last" fits name_key's 201).
 */
function text(raw: unknown, attribute: string, maxLength: number, keyed = false): string | null {
  if (raw === undefined || raw === null || raw === '') return null;
  if (typeof raw !== 'string') throw new StoreValidationError(attribute, `${attribute} must be a string`);
  if (!fitsColumn(raw, maxLength, keyed)) {
    throw new StoreValidationError(attribute, `${attribute} must not exceed ${maxLength} characters`);
  }
  return raw;
}

function objectAt(attributes: ScimResource, key: string): Record<string, unknown> {
  const value = attributes[key];
  return isPlainObject(value) ? value : {};
}

/** The entries whose value is neither null nor empty; `undefined` when none is left. */
function assigned(values: Record<string, string | null>): Record<string, string> | undefined {
  const entries = Object.entries(values).filter(
    (entry): entry is [string, string] => entry[1] !== null && entry[1] !== '',
  );
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}
