import type { DialectProfile } from '../../dialects/dialect-rules';
import { DEFAULT_FIXTURES_DIR, loadScenarios } from './load-scenarios';
import type { ReplayClient } from './replay-client';
import { replayScenario, ReplayResult } from './replay-scenario';
import type { FinalState, Scenario } from './scenario';

const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';

/** A host's SCIM service set up for one scenario: a fresh tenant, its setup seeded, one connection. */
export interface ConformanceHost {
  readonly client: ReplayClient;
  /** Checks the host's state against the scenario's `final` block (e.g. with assertFinalState); throws when it differs. */
  readonly probe?: (final: FinalState) => Promise<void>;
  readonly close?: () => Promise<void>;
}

export interface ConformanceContext {
  /** The dialect profile to give the connection: the scenario's IdP, or `strict`. */
  readonly profile: DialectProfile;
}

export interface ScimConformanceOptions {
  /** The describe title, e.g. the host's name. */
  readonly name: string;
  /** Builds a host for the scenario: seed `scenario.setup`, create a connection for `scenario.idp` in `context.profile`. */
  readonly hosts: (scenario: Scenario, context: ConformanceContext) => Promise<ConformanceHost>;
  /** The scenarios to run: a list, or a filter over the shipped fixtures. Default: every shipped fixture. */
  readonly scenarios?: readonly Scenario[] | ((scenario: Scenario) => boolean);
  /**
   * `idp` (default): each scenario runs in its IdP's profile and must pass, then its `final` is probed.
   * `strict`: a `nonStandard` scenario must fail with a 4xx SCIM error; the others must pass as above.
   */
  readonly profile?: 'idp' | 'strict';
  /** Per-scenario jest timeout in ms. Default 60 000. */
  readonly timeout?: number;
}

/**
 * The IdP conformance suite as jest tests: one `it` per scenario, each against a fresh host from `hosts`.
 * One line in any app that mounts the library:
 * `describeScimConformance({ name: 'my app', hosts: async (scenario, { profile }) => ({ client, probe, close }) })`.
 */
export function describeScimConformance(options: ScimConformanceOptions): void {
  const mode = options.profile ?? 'idp';
  describe(`SCIM conformance (${mode === 'strict' ? 'strict profile' : 'IdP profiles'}): ${options.name}`, () => {
    for (const scenario of selectScenarios(options.scenarios)) {
      const expectation = mode === 'strict' && scenario.nonStandard ? 'is refused (non-standard payload)' : 'passes';
      it(`${scenario.name} ${expectation}`, async () => {
        const profile: DialectProfile = mode === 'strict' ? 'strict' : scenario.idp;
        const host = await options.hosts(scenario, { profile });
        try {
          const result = await replayScenario(scenario, host.client);
          const problem = conformanceVerdict(scenario, result, profile);
          if (problem !== undefined) throw new Error(problem);
          if (result.passed && scenario.final !== undefined) await host.probe?.(scenario.final);
        } finally {
          await host.close?.();
        }
      }, options.timeout ?? 60_000);
    }
  });
}

/**
 * Whether a replay came out as the contract says: in the IdP's profile (or for a standard scenario) it
 * passes; a `nonStandard` scenario in `strict` fails at a step answered with a 4xx SCIM error.
 * `undefined` when it did, else the reason.
 */
export function conformanceVerdict(scenario: Scenario, result: ReplayResult, profile: DialectProfile): string | undefined {
  if (!(profile === 'strict' && scenario.nonStandard)) return result.passed ? undefined : result.message;
  if (result.passed) return `Scenario "${scenario.name}" is marked nonStandard but passed in profile strict`;
  const response = result.failure?.response;
  if (response === undefined || response.status < 400 || response.status > 499) {
    return `Scenario "${scenario.name}" must fail in strict with a 4xx, but:\n${result.message}`;
  }
  if (!isScimError(response.body)) return `Scenario "${scenario.name}" failed in strict without a SCIM error body:\n${result.message}`;
  return undefined;
}

/** A body in the SCIM Error schema (RFC 7644 §3.12). */
export function isScimError(body: unknown): boolean {
  if (typeof body !== 'object' || body === null) return false;
  const { schemas, status } = body as { schemas?: unknown; status?: unknown };
  return Array.isArray(schemas) && schemas.includes(ERROR_SCHEMA) && typeof status === 'string';
}

function selectScenarios(selection: ScimConformanceOptions['scenarios']): readonly Scenario[] {
  if (Array.isArray(selection)) return selection;
  const all = loadScenarios(DEFAULT_FIXTURES_DIR);
  return typeof selection === 'function' ? all.filter(selection) : all;
}
