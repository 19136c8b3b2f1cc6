import { ScimError } from '../errors/scim-error';
import type { ScimAction } from '../ports/event-sink';
import type { ScimUserRecord, UserIdentityKeys } from '../ports/user-store';
import type { ScimResource } from '../schema/attribute';

/** What a POST /Users does, decided from the users that share its userName, email or externalId. */
export type CreateDecision =
  | { readonly kind: 'create' }
  | { readonly kind: 'replace'; readonly id: string; readonly action: Extract<ScimAction, 'adopt' | 'replay' | 'reactivate'> };

/** userName, email values and externalId of a validated User body. */
export function identityKeys(attributes: ScimResource): UserIdentityKeys {
  const emails = Array.isArray(attributes.emails) ? attributes.emails : [];
  const values = emails
    .map((e) => (typeof e === 'object' && e !== null ? (e as { value?: unknown }).value : undefined))
    .filter((v): v is string => typeof v === 'string' && v !== '');
  const externalId = typeof attributes.externalId === 'string' ? attributes.externalId : undefined;
  return { userName: String(attributes.userName), emails: values, ...(externalId === undefined ? {} : { externalId }) };
}

/**
 * DESIGN §3 lifecycle: a user not yet linked to SCIM (created by hand or imported) is adopted; a linked
 * user with the same externalId is an IdP retry (answered with that user); a linked inactive user is
 * reactivated; any other linked user holding the userName or email is a 409 uniqueness conflict.
 */
export function decideCreate(matches: readonly ScimUserRecord[], keys: UserIdentityKeys): CreateDecision {
  const distinct = [...new Map(matches.map((m) => [m.id, m])).values()];
  if (distinct.length === 0) return { kind: 'create' };
  if (distinct.length > 1) {
    throw ScimError.uniqueness('userName, email and externalId belong to different existing users');
  }
  const [match] = distinct as [ScimUserRecord];
  if (!match.linked) return { kind: 'replace', id: match.id, action: 'adopt' };
  if (match.attributes.active === false) return { kind: 'replace', id: match.id, action: 'reactivate' };
  if (keys.externalId !== undefined && match.attributes.externalId === keys.externalId) {
    return { kind: 'replace', id: match.id, action: 'replay' };
  }
  throw ScimError.uniqueness('A user with this userName or email already exists');
}
