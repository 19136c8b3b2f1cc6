import { describeScimConformance, loadScenarios } from '@app/scim/testing';
import { describeEachEngine } from '../support/test-app';
import { managerHost } from './manager-host';

/**
 * Every IdP scenario under test/fixtures/{entra,okta} replayed against the Manager, each on a fresh customer,
 * its resulting state checked through the admin API: in the IdP's own profile every scenario passes; in
 * `strict` the non-standard ones are refused with a 4xx SCIM error and the standard ones still pass.
 */
describeEachEngine('IdP replay', (ctx) => {
  it('has scenarios of both IdPs, standard and not', () => {
    const scenarios = loadScenarios();
    expect(new Set(scenarios.map((s) => s.idp))).toEqual(new Set(['entra', 'okta']));
    expect(new Set(scenarios.map((s) => s.nonStandard))).toEqual(new Set([true, false]));
  });

  describeScimConformance({ name: 'the Manager', hosts: managerHost(ctx) });
  describeScimConformance({ name: 'the Manager', hosts: managerHost(ctx), profile: 'strict' });
});
