import type { FinalGroup, FinalState, FinalUser } from './scenario';

/** A user of the tenant as the host stores it (`null` for an empty optional field). */
export interface HostUser {
  readonly email: string;
  readonly active: boolean;
  readonly firstName: string | null;
  readonly lastName: string | null;
  readonly gender: string | null;
  readonly academicTitle: string | null;
  readonly department: string | null;
}

/** A group of the tenant with its members' emails. */
export interface HostGroup {
  readonly name: string;
  readonly members: readonly string[];
}

/** Everything of one tenant a probe compares with `final`; read it through the host's own API or store. */
export interface HostSnapshot {
  readonly users: readonly HostUser[];
  readonly groups: readonly HostGroup[];
}

const OPTIONAL_FIELDS = ['firstName', 'lastName', 'gender', 'academicTitle', 'department'] as const;
const key = (email: string) => email.toLowerCase();

/** Differences between the expected `final` state and the host's snapshot, one readable line each. */
export function diffFinalState(final: FinalState, snapshot: HostSnapshot): string[] {
  return [
    ...(final.users === undefined ? [] : diffUsers(final.users, snapshot.users)),
    ...(final.groups === undefined ? [] : diffGroups(final.groups, snapshot.groups)),
  ];
}

/** @throws Error listing every difference between `final` and the snapshot */
export function assertFinalState(final: FinalState, snapshot: HostSnapshot): void {
  const problems = diffFinalState(final, snapshot);
  if (problems.length > 0) throw new Error(`The host's final state differs:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
}

function diffUsers(expected: readonly FinalUser[], actual: readonly HostUser[]): string[] {
  const problems: string[] = [];
  const byEmail = new Map<string, HostUser[]>();
  for (const user of actual) byEmail.set(key(user.email), [...(byEmail.get(key(user.email)) ?? []), user]);
  for (const [email, users] of byEmail) if (users.length > 1) problems.push(`user ${email}: ${users.length} users hold this email`);
  const wanted = new Set(expected.map((u) => key(u.email)));
  for (const user of actual) if (!wanted.has(key(user.email))) problems.push(`user ${user.email}: exists but is not expected`);
  for (const want of expected) {
    const user = byEmail.get(key(want.email))?.[0];
    if (user === undefined) {
      problems.push(`user ${want.email}: missing`);
      continue;
    }
    if (user.active !== want.active) problems.push(`user ${want.email}: active is ${user.active}, expected ${want.active}`);
    for (const field of OPTIONAL_FIELDS) {
      if (want[field] !== undefined && (user[field] ?? null) !== want[field]) {
        problems.push(`user ${want.email}: ${field} is ${JSON.stringify(user[field])}, expected ${JSON.stringify(want[field])}`);
      }
    }
  }
  return problems;
}

function diffGroups(expected: readonly FinalGroup[], actual: readonly HostGroup[]): string[] {
  const problems: string[] = [];
  const wanted = new Set(expected.map((g) => g.name));
  for (const group of actual) if (!wanted.has(group.name)) problems.push(`group "${group.name}": exists but is not expected`);
  for (const want of expected) {
    const group = actual.find((g) => g.name === want.name);
    if (group === undefined) {
      problems.push(`group "${want.name}": missing`);
      continue;
    }
    const have = [...group.members].map(key).sort();
    const need = [...want.members].map(key).sort();
    if (JSON.stringify(have) !== JSON.stringify(need)) {
      problems.push(`group "${want.name}": members are ${JSON.stringify(have)}, expected ${JSON.stringify(need)}`);
    }
  }
  return problems;
}
