import { Inject, Injectable } from '@nestjs/common';
import { SCIM_MODULE_OPTIONS } from './scim.module-definition';
import { DEFAULT_LIMITS, ScimLimits, ScimModuleOptions } from './scim-options';
import { SchemaRegistry } from './schema/schema-registry';
import { groupResourceType, userResourceType } from './schema/resource-types';
import { groupSchema } from './schema/group.schema';
import { userSchema } from './schema/user.schema';
import { enterpriseUserSchema } from './schema/enterprise-user.schema';
import { managerUserSchema } from './schema/manager-user.schema';

/** The resolved options: limits with defaults and the schema registry that drives validation and discovery. */
@Injectable()
export class ScimConfig {
  readonly limits: Required<ScimLimits>;
  readonly registry: SchemaRegistry;
  readonly baseUrl?: string;
  /** Whether the host provides groups (`/Groups` served and advertised). */
  readonly groupsEnabled: boolean;

  constructor(@Inject(SCIM_MODULE_OPTIONS) options: ScimModuleOptions) {
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
    this.baseUrl = options.baseUrl?.replace(/\/+$/, '');
    this.groupsEnabled = options.groups !== undefined;
    this.registry = SchemaRegistry.create({
      resourceTypes: this.groupsEnabled ? [userResourceType, groupResourceType] : [userResourceType],
      schemas: [userSchema, enterpriseUserSchema, managerUserSchema, ...(this.groupsEnabled ? [groupSchema] : [])],
      extensions: options.extensions,
    });
  }
}
