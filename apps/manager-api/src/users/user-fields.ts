import { randomUUID } from 'node:crypto';
import { caseKey } from '../common/text/case-key';
import { Gender, User, UserSource } from './user.entity';

/** The writable personal fields of a user; `undefined` leaves a field as it is, `null` clears it. */
export interface UserFields {
  email?: string;
  firstName?: string;
  lastName?: string;
  gender?: Gender | null;
  academicTitle?: string | null;
  language?: string | null;
  department?: string | null;
  active?: boolean;
}

export function newUser(customerId: string, source: UserSource, now: Date): User {
  return Object.assign(new User(), {
    id: randomUUID(),
    customerId,
    source,
    firstName: '',
    lastName: '',
    gender: null,
    academicTitle: null,
    language: null,
    department: null,
    active: true,
    externalId: null,
    scimUserName: null,
    scimUserNameKey: null,
    createdAt: now,
    updatedAt: now,
    deactivatedAt: null,
  });
}

/**
 * Applies `fields` to `user`, keeping the derived keys and `deactivatedAt` in step.
 * Returns the names of the fields whose value changed (empty: nothing to write).
 */
export function applyUserFields(user: User, fields: UserFields, now: Date): string[] {
  const changed: string[] = [];
  for (const key of Object.keys(fields) as (keyof UserFields)[]) {
    const value = fields[key];
    if (value === undefined || user[key] === value) continue;
    (user as unknown as Record<string, unknown>)[key] = value;
    changed.push(key);
  }
  if (changed.length === 0) return changed;
  user.emailKey = caseKey(user.email);
  user.nameKey = caseKey(`${user.firstName} ${user.lastName}`);
  if (user.source !== 'scim') {
    // Until an IdP provisions the user, its SCIM userName is its email (DESIGN §3), so lookups find it.
    user.scimUserName = user.email;
    user.scimUserNameKey = user.emailKey;
  }
  if (changed.includes('active')) user.deactivatedAt = user.active ? null : now;
  user.updatedAt = now;
  return changed;
}
