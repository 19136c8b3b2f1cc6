import { Customer } from '../customers/customer.entity';
import { GroupMember } from '../groups/group-member.entity';
import { Group } from '../groups/group.entity';
import { User } from '../users/user.entity';

export const entities = [Customer, User, Group, GroupMember];
