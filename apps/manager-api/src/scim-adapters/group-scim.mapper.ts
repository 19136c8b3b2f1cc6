import { StoreValidationError } from '@app/scim/ports/store-errors';
import { isPlainObject, type ScimResource } from '@app/scim/schema/attribute';
import { caseKey } from '../common/text/case-key';
import { Group } from '../groups/group.entity';

/** A member user of a group, as much of it as its SCIM `members` element shows. */
export interface GroupMemberRef {
  readonly userId: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly email: string;
}

/** A SCIM Group body as the Manager stores it (members travel separately, as ids). */
export interface ScimGroupFields {
  readonly name: string;
  readonly externalId: string | null;
}

/** The column lengths of `user_groups` (see the initial migration). */
export const GROUP_LIMITS = { displayName: 200, externalId: 255 } as const;

/**
 * The canonical SCIM attributes of `group` (no `schemas`, `id`, `meta`); never null.
 * `members` is rendered only when the member list was loaded (`undefined`: not loaded) and not empty
 * (RFC 7643 §2.5: an empty multi-valued attribute is unassigned).
 */
export function groupToScim(group: Group, members?: readonly GroupMemberRef[]): ScimResource {
  const resource: ScimResource = { displayName: group.name };
  if (group.externalId !== null && group.externalId !== '') resource.externalId = group.externalId;
  if (members !== undefined && members.length > 0) {
    resource.members = members.map((member) => ({ value: member.userId, display: memberDisplay(member), type: 'User' }));
  }
  return resource;
}

/** The user's "First Last" (either part may be empty), else the email. */
export function memberDisplay(member: Pick<GroupMemberRef, 'firstName' | 'lastName' | 'email'>): string {
  const formatted = [member.firstName, member.lastName].filter((part) => part !== '').join(' ');
  return formatted !== '' ? formatted : member.email;
}

/**
 * The Manager fields of a canonical SCIM Group; attributes not mapped (and `members`) are ignored here.
 * @throws StoreValidationError naming the attribute: a missing, blank or too long displayName, a bad externalId.
 */
export function scimToGroupFields(attributes: ScimResource): ScimGroupFields {
  const name = text(attributes.displayName, 'displayName', GROUP_LIMITS.displayName);
  if (name === null || name.trim() === '') throw new StoreValidationError('displayName', 'displayName is required');
  // The key column has the same length; lower-casing can lengthen a text (e.g. "İ" becomes two code points).
  if ([...caseKey(name)].length > GROUP_LIMITS.displayName) throw tooLong('displayName', GROUP_LIMITS.displayName);
  return { name, externalId: text(attributes.externalId, 'externalId', GROUP_LIMITS.externalId) };
}

/**
 * The distinct member ids of `attributes.members` (only `value` is read), in first-seen order.
 * @throws StoreValidationError('members') when an element has no string `value`.
 */
export function scimMemberIds(attributes: ScimResource): string[] {
  const list = attributes.members;
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) throw new StoreValidationError('members', 'members must be a list');
  const ids = new Set<string>();
  for (const element of list) {
    const value = isPlainObject(element) ? element.value : undefined;
    if (typeof value !== 'string' || value === '') {
      throw new StoreValidationError('members', 'Every element of members needs a value (the id of a user)');
    }
    ids.add(value);
  }
  return [...ids];
}

/** A string value, `null` when absent or empty. */
function text(raw: unknown, attribute: string, maxLength: number): string | null {
  if (raw === undefined || raw === null || raw === '') return null;
  if (typeof raw !== 'string') throw new StoreValidationError(attribute, `${attribute} must be a string`);
  // PostgreSQL's varchar(n) counts characters (code points), not UTF-16 units.
  if ([...raw].length > maxLength) throw tooLong(attribute, maxLength);
  return raw;
}

function tooLong(attribute: string, maxLength: number): StoreValidationError {
  return new StoreValidationError(attribute, `${attribute} must not exceed ${maxLength} characters`);
}
