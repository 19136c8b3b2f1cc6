import { EntityManager, In } from 'typeorm';
import { caseKey } from '../common/text/case-key';
import { bulkInsert } from '../database/bulk-insert';
import { GroupMember } from '../groups/group-member.entity';
import { Group } from '../groups/group.entity';
import { newGroup } from '../groups/groups.service';
import { User } from '../users/user.entity';
import { applyUserFields, newUser } from '../users/user-fields';
import { ImportRowDto } from './import-row.dto';

const CHUNK = 500;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/** Writes validated import rows within one transaction: users upserted by email, groups created as needed. */
export class ImportWriter {
  constructor(
    private readonly manager: EntityManager,
    private readonly customerId: string,
    private readonly now: Date,
  ) {}

  async write(rows: readonly { row: number; data: ImportRowDto }[]): Promise<{ created: number; updated: number; unchanged: number }> {
    const existing = await this.existingUsers(rows.map((r) => caseKey(r.data.email)));
    const groups = await this.groupsByKey(rows.flatMap((r) => r.data.groups ?? []));
    const created: User[] = [];
    const updated: User[] = [];
    const wanted: { user: User; groupIds: string[] }[] = [];
    for (const { data } of rows) {
      const fields = { email: data.email, firstName: data.firstName, lastName: data.lastName, gender: data.gender, academicTitle: data.academicTitle };
      let user = existing.get(caseKey(data.email));
      if (user === undefined) {
        user = newUser(this.customerId, 'import', this.now);
        applyUserFields(user, fields, this.now);
        created.push(user);
      } else if (applyUserFields(user, fields, this.now).length > 0) {
        updated.push(user);
      }
      wanted.push({ user, groupIds: (data.groups ?? []).map((g) => groups.get(caseKey(g))!.id) });
    }
    await bulkInsert(this.manager, User, created);
    for (const user of updated) await this.manager.save(User, user);
    const joinedExisting = await this.addMemberships(wanted);
    const changed = new Set([...updated.map((u) => u.id), ...joinedExisting]);
    const createdIds = new Set(created.map((u) => u.id));
    const updatedCount = [...changed].filter((id) => !createdIds.has(id)).length;
    return { created: created.length, updated: updatedCount, unchanged: rows.length - created.length - updatedCount };
  }

  private async existingUsers(emailKeys: readonly string[]): Promise<Map<string, User>> {
    const found = new Map<string, User>();
    for (const part of chunks(emailKeys)) {
      const users = await this.manager.findBy(User, { customerId: this.customerId, emailKey: In(part) });
      for (const u of users) found.set(u.emailKey, u);
    }
    return found;
  }

  /** Existing groups by name key, creating the missing ones (first spelling wins). */
  private async groupsByKey(names: readonly string[]): Promise<Map<string, Group>> {
    const byKey = new Map<string, string>();
    for (const name of names) if (!byKey.has(caseKey(name))) byKey.set(caseKey(name), name);
    const found = new Map<string, Group>();
    for (const part of chunks([...byKey.keys()])) {
      const groups = await this.manager.findBy(Group, { customerId: this.customerId, nameKey: In(part) });
      for (const g of groups) found.set(g.nameKey, g);
    }
    const missing = [...byKey].filter(([key]) => !found.has(key)).map(([, name]) => newGroup(this.customerId, name, 'import', this.now));
    await bulkInsert(this.manager, Group, missing);
    for (const g of missing) found.set(g.nameKey, g);
    return found;
  }

  /** Inserts missing memberships; returns ids of already-existing users that joined a group. */
  private async addMemberships(wanted: readonly { user: User; groupIds: string[] }[]): Promise<string[]> {
    const withGroups = wanted.filter((w) => w.groupIds.length > 0);
    const present = new Set<string>();
    for (const part of chunks(withGroups.map((w) => w.user.id))) {
      const rows = await this.manager.findBy(GroupMember, { userId: In(part) });
      for (const r of rows) present.add(`${r.groupId}:${r.userId}`);
    }
    const rows = withGroups.flatMap((w) =>
      w.groupIds.filter((g) => !present.has(`${g}:${w.user.id}`)).map((groupId) => ({ groupId, userId: w.user.id, createdAt: this.now })),
    );
    await bulkInsert(this.manager, GroupMember, rows);
    return [...new Set(rows.map((r) => r.userId))];
  }
}
