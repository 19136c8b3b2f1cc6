import { defineAttribute, ResourceSchema } from './attribute';

export const ENTERPRISE_USER_SCHEMA = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

/** The enterprise User extension (RFC 7643 §4.3), limited to what this service stores. */
export const enterpriseUserSchema: ResourceSchema = {
  id: ENTERPRISE_USER_SCHEMA,
  name: 'EnterpriseUser',
  description: 'Enterprise User',
  attributes: [defineAttribute('department', 'Name of the department of the user.')],
};
