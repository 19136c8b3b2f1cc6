import { defineAttribute, ResourceSchema } from './attribute';

export const MANAGER_USER_SCHEMA = 'urn:ietf:params:scim:schemas:extension:manager:2.0:User';

/** The Manager User extension: attributes of this product with no standard SCIM counterpart. */
export const managerUserSchema: ResourceSchema = {
  id: MANAGER_USER_SCHEMA,
  name: 'ManagerUser',
  description: 'Manager User',
  attributes: [
    defineAttribute('gender', 'Gender of the user; common synonyms are accepted and mapped.', {
      canonicalValues: ['female', 'male', 'diverse', 'unspecified'],
      enforceCanonicalValues: false,
    }),
    defineAttribute('academicTitle', 'Academic title, e.g. "Dr." or "Prof. Dr.".'),
  ],
};
