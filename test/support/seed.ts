import { DataSource } from 'typeorm';
import { bulkInsert } from '../../apps/manager-api/src/database/bulk-insert';
import { GroupMember } from '../../apps/manager-api/src/groups/group-member.entity';
import { User } from '../../apps/manager-api/src/users/user.entity';
import { applyUserFields, newUser } from '../../apps/manager-api/src/users/user-fields';

/** Inserts `count` users of a customer straight into the database (fast seeding for scale tests). */
export async function seedUsers(dataSource: DataSource, customerId: string, count: number, prefix = 'seed'): Promise<string[]> {
  const now = new Date();
  const users = Array.from({ length: count }, (_, i) => {
    const user = newUser(customerId, 'import', now);
    applyUserFields(user, { email: `${prefix}${i}@bulk.example`, firstName: `First${i}`, lastName: `Last${i}` }, now);
    return { ...user, version: 1 };
  });
  await bulkInsert(dataSource.manager, User, users);
  return users.map((u) => u.id);
}

/** Makes the users members of the group, straight in the database. */
export async function seedMembers(dataSource: DataSource, groupId: string, userIds: readonly string[]): Promise<void> {
  const now = new Date();
  await bulkInsert(dataSource.manager, GroupMember, userIds.map((userId) => ({ groupId, userId, createdAt: now })));
}
