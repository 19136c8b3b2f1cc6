import type { ConformanceHost, ConformanceContext, HostSnapshot, ImportedUser, Scenario } from '@app/scim/testing';
import { assertFinalState, supertestClient } from '@app/scim/testing';
import { createCustomer } from '../support/factories';
import { scimTenant } from '../support/scim';
import { TestApp } from '../support/test-app';

interface AdminUser {
  id: string;
  email: string;
  active: boolean;
  firstName: string;
  lastName: string;
  gender: string | null;
  academicTitle: string | null;
  department: string | null;
}

/**
 * The Manager as a conformance host: a fresh customer per scenario, its imported users uploaded as CSV
 * BEFORE SCIM is enabled, SCIM enabled for the scenario's IdP (profile: the provider's, or `strict`), and
 * a probe that reads the result through the admin API.
 */
export function managerHost(ctx: () => TestApp) {
  return async (scenario: Scenario, { profile }: ConformanceContext): Promise<ConformanceHost> => {
    const t = ctx();
    const { id: customerId } = await createCustomer(t, { name: `Replay ${scenario.name} ${profile}` });
    await importUsers(t, customerId, scenario.setup?.importedUsers ?? []);
    const scim = await scimTenant(t, scenario.idp, customerId, profile === scenario.idp ? undefined : profile);
    return {
      client: supertestClient(t.app.getHttpServer(), '/scim/v2', scim.token),
      probe: async (final) => assertFinalState(final, await snapshot(t, customerId)),
    };
  };
}

async function importUsers(t: TestApp, customerId: string, users: readonly ImportedUser[]): Promise<void> {
  if (users.length === 0) return;
  const csv = ['email,firstName,lastName', ...users.map((u) => `${u.email},${u.firstName},${u.lastName}`)].join('\n');
  const res = await t.admin(t.http().post(`/api/customers/${customerId}/imports`)).attach('file', Buffer.from(csv), 'staff.csv').expect(200);
  expect(res.body).toMatchObject({ created: users.length, failed: [] });
}

/** The customer's users and groups (with member emails) as the admin API shows them. */
export async function snapshot(t: TestApp, customerId: string): Promise<HostSnapshot> {
  const get = async <T>(path: string): Promise<T[]> =>
    (await t.admin(t.http().get(`/api/customers/${customerId}${path}`)).expect(200)).body.items as T[];
  const users = await get<AdminUser>('/users?pageSize=200');
  const groups = await get<{ id: string; name: string }>('/groups?pageSize=200');
  return {
    users: users.map(({ email, active, firstName, lastName, gender, academicTitle, department }) => ({
      email,
      active,
      firstName,
      lastName,
      gender,
      academicTitle,
      department,
    })),
    groups: await Promise.all(
      groups.map(async (g) => ({ name: g.name, members: (await get<AdminUser>(`/groups/${g.id}/members?pageSize=200`)).map((u) => u.email) })),
    ),
  };
}
