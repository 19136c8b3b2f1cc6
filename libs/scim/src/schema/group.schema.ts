import { defineAttribute, ResourceSchema } from './attribute';

export const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';

/** The core Group schema, limited to what this service stores (RFC 7643 §4.2). Members are users only. */
export const groupSchema: ResourceSchema = {
  id: GROUP_SCHEMA,
  name: 'Group',
  description: 'Group',
  attributes: [
    defineAttribute('displayName', 'Name of the group, unique within the tenant.', {
      required: true,
      uniqueness: 'server',
    }),
    defineAttribute('members', 'Users that belong to the group. Members are users only: nested groups are not supported.', {
      type: 'complex',
      multiValued: true,
      subAttributes: [
        defineAttribute('value', 'Identifier of the member user.', {
          required: true,
          caseExact: true,
          mutability: 'immutable',
        }),
        defineAttribute('$ref', 'URI of the member user.', {
          type: 'reference',
          caseExact: true,
          mutability: 'readOnly',
          referenceTypes: ['User'],
        }),
        defineAttribute('display', 'Display name of the member user.', { mutability: 'readOnly' }),
        defineAttribute('type', 'Kind of member.', { mutability: 'immutable', canonicalValues: ['User'] }),
      ],
    }),
  ],
};
