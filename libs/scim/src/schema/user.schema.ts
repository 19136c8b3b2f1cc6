import { defineAttribute, ResourceSchema } from './attribute';

export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';

const readOnly = { mutability: 'readOnly' } as const;

/** The core User schema, limited to what this service stores (RFC 7643 §4.1). */
export const userSchema: ResourceSchema = {
  id: USER_SCHEMA,
  name: 'User',
  description: 'User Account',
  attributes: [
    defineAttribute('userName', 'Unique identifier for the user, typically used to sign in.', {
      required: true,
      uniqueness: 'server',
    }),
    defineAttribute('name', 'The components of the user\'s name.', {
      type: 'complex',
      subAttributes: [
        defineAttribute('formatted', 'Full name, derived from the given and family name.', readOnly),
        defineAttribute('familyName', 'Family name of the user.'),
        defineAttribute('givenName', 'Given name of the user.'),
      ],
    }),
    defineAttribute('displayName', 'Name of the user for display, derived from the name.', readOnly),
    defineAttribute('preferredLanguage', 'Preferred written or spoken language (e.g. "de-DE").'),
    defineAttribute('locale', 'Default location for localisation (e.g. "de-DE").'),
    defineAttribute('active', 'Whether the user is active.', { type: 'boolean' }),
    defineAttribute('emails', 'Email addresses of the user.', {
      type: 'complex',
      multiValued: true,
      subAttributes: [
        defineAttribute('value', 'Email address.'),
        defineAttribute('type', 'Label of the address.', { canonicalValues: ['work', 'home', 'other'] }),
        defineAttribute('primary', 'Whether this is the primary address.', { type: 'boolean' }),
      ],
    }),
    defineAttribute('groups', 'Groups the user belongs to; changed through the Group resource.', {
      ...readOnly,
      type: 'complex',
      multiValued: true,
      subAttributes: [
        defineAttribute('value', 'Identifier of the group.', { ...readOnly, caseExact: true }),
        defineAttribute('$ref', 'URI of the group.', {
          ...readOnly,
          type: 'reference',
          caseExact: true,
          referenceTypes: ['Group'],
        }),
        defineAttribute('display', 'Display name of the group.', readOnly),
        defineAttribute('type', 'Membership kind.', { ...readOnly, canonicalValues: ['direct', 'indirect'] }),
      ],
    }),
  ],
};
