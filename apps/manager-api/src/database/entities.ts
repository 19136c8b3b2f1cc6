import { Customer } from '../customers/customer.entity';
import { GroupMember } from '../groups/group-member.entity';
import { Group } from '../groups/group.entity';
import { ProvisioningEvent } from '../scim-admin/provisioning-event.entity';
import { ScimAdminAction } from '../scim-admin/scim-admin-action.entity';
import { ScimConnection } from '../scim-admin/scim-connection.entity';
import { ScimToken } from '../scim-admin/scim-token.entity';
import { User } from '../users/user.entity';

export const entities = [Customer, User, Group, GroupMember, ScimConnection, ScimToken, ProvisioningEvent, ScimAdminAction];
