import { ResourceTypeDefinition } from './attribute';
import { ENTERPRISE_USER_SCHEMA } from './enterprise-user.schema';
import { GROUP_SCHEMA } from './group.schema';
import { MANAGER_USER_SCHEMA } from './manager-user.schema';
import { USER_SCHEMA } from './user.schema';

export const userResourceType: ResourceTypeDefinition = {
  name: 'User',
  endpoint: '/Users',
  description: 'User Account',
  schema: USER_SCHEMA,
  schemaExtensions: [
    { schema: ENTERPRISE_USER_SCHEMA, required: false },
    { schema: MANAGER_USER_SCHEMA, required: false },
  ],
};

export const groupResourceType: ResourceTypeDefinition = {
  name: 'Group',
  endpoint: '/Groups',
  description: 'Group of users (members are users only; nested groups are not supported)',
  schema: GROUP_SCHEMA,
  schemaExtensions: [],
};
