import type { ScimResource, ScimUserRecord, StorePage, StoreQuery, TenantId, UnitOfWork } from '@app/scim';
import {
  conformanceVerdict,
  describeScimConformance,
  InMemoryUserStore,
  inMemoryScimHost,
  isScimError,
  loadScenarios,
  parseScenario,
  replayScenario,
  Scenario,
} from '@app/scim/testing';

/** Forgets `active` on every write (a mapper that does not map it): users can never be deactivated. */
class ForgetsActiveUserStore extends InMemoryUserStore {
  override replace(tenant: TenantId, id: string, attributes: ScimResource, uow: UnitOfWork) {
    const { active: _dropped, ...rest } = attributes;
    return super.replace(tenant, id, rest, uow);
  }
}

/** Answers every search with all users of the tenant (a filter compiler that was never wired in). */
class IgnoresFilterUserStore extends InMemoryUserStore {
  override search(tenant: TenantId, query: StoreQuery, uow: UnitOfWork): Promise<StorePage<ScimUserRecord>> {
    return super.search(tenant, { ...query, filter: undefined }, uow);
  }
}

const scenarios = loadScenarios();
const named = (...names: string[]) => scenarios.filter((s) => names.includes(s.name));

async function replayOn(scenario: Scenario, users: InMemoryUserStore) {
  const host = await inMemoryScimHost(scenario, { users });
  try {
    return await replayScenario(scenario, host.client);
  } finally {
    await host.close();
  }
}

describe('SCIM conformance kit', () => {
  it('ships the IdP fixtures with the library: valid, uniquely named, filed under their IdP', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(11);
    for (const s of scenarios) expect(s.name.startsWith(`${s.idp}/`)).toBe(true);
    expect(() => parseScenario({ name: 'x', description: 'y', idp: 'okta', nonStandard: false, steps: [] }, 'bad.json')).toThrow(/bad\.json: "steps"/);
  });

  describeScimConformance({ name: 'bare app with the in-memory ports', hosts: (scenario, { profile }) => inMemoryScimHost(scenario, { profile }) });
  describeScimConformance({
    name: 'bare app with the in-memory ports',
    profile: 'strict',
    hosts: (scenario, { profile }) => inMemoryScimHost(scenario, { profile }),
  });

  describe('a host with a broken adapter fails the suite', () => {
    it.each(
      named('entra/user-lifecycle', 'entra/user-lifecycle-aadoptscim062020', 'okta/user-lifecycle', 'okta/put-updates-aiw', 'okta/reassign-inactive').map(
        (s) => [s.name, s] as const,
      ),
    )('%s fails when the user store drops active', async (_name, scenario) => {
      const result = await replayOn(scenario, new ForgetsActiveUserStore());
      expect(result.passed).toBe(false);
      expect(result.failure?.problems.join('\n')).toMatch(/active: expected false, got true/);
      expect(result.message).toContain(`failed at step ${result.failure?.index} "${result.failure?.step}"`);
      expect(conformanceVerdict(scenario, result, scenario.idp)).toBe(result.message);
    });

    it.each(named('entra/group-push', 'entra/first-cycle-imported', 'okta/import', 'okta/reassign-inactive').map((s) => [s.name, s] as const))(
      '%s fails when the user store ignores the filter',
      async (_name, scenario) => {
        const result = await replayOn(scenario, new IgnoresFilterUserStore());
        expect(result.passed).toBe(false);
        expect(result.failure?.problems.join('\n')).toMatch(/totalResults: expected \d+, got \d+/);
      },
    );
  });

  it('reports a refusal in strict as a 4xx SCIM error and a pass of a non-standard scenario as a failure', async () => {
    const [scenario] = named('entra/user-lifecycle') as [Scenario];
    const host = await inMemoryScimHost(scenario, { profile: 'strict' });
    const result = await replayScenario(scenario, host.client).finally(() => host.close());
    expect(result.passed).toBe(false);
    expect(result.failure?.response?.status).toBe(400);
    expect(isScimError(result.failure?.response?.body)).toBe(true);
    expect(conformanceVerdict(scenario, result, 'strict')).toBeUndefined();
    const lenient = await inMemoryScimHost(scenario);
    const passed = await replayScenario(scenario, lenient.client).finally(() => lenient.close());
    expect(conformanceVerdict(scenario, passed, 'strict')).toMatch(/marked nonStandard but passed/);
  });
});
