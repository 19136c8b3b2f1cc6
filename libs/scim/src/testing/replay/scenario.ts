/**
 * An IdP replay scenario: one JSON file under `test/fixtures/<idp>/`, written from SCIM-NOTES (what
 * Microsoft Entra ID and Okta send, per lifecycle). A runner sends its steps to a host's SCIM service in
 * order and compares the answers; the host then checks its own resulting state against `final`.
 */
export interface Scenario {
  /** Unique across all fixtures, e.g. `entra/user-lifecycle`; also the jest test title. */
  readonly name: string;
  readonly description: string;
  /** The IdP whose traffic this is; a host picks the connection's provider (and default profile) from it. */
  readonly idp: ScenarioIdp;
  /**
   * `true` when SCIM-NOTES says the payload deviates from RFC 7643/7644 (e.g. `"op":"Replace"`,
   * `"active":"False"`, dotted keys in a path-less replace). Replayed in profile `strict`, such a scenario
   * must fail: some step gets a 4xx SCIM error. A `false` scenario must pass in `strict` too.
   */
  readonly nonStandard: boolean;
  /** Host-side state before SCIM is switched on. */
  readonly setup?: ScenarioSetup;
  /** Headers sent with every request (e.g. Okta's `User-Agent`); a step's own headers win. */
  readonly headers?: Readonly<Record<string, string>>;
  readonly steps: readonly ScenarioStep[];
  /** The host's resulting state after the last step, checked by the host's own probe. */
  readonly final?: FinalState;
}

export type ScenarioIdp = 'entra' | 'okta';

export interface ScenarioSetup {
  /**
   * Users that exist in the host before SCIM is enabled, not linked to SCIM (the Manager imports them by
   * CSV; other hosts seed them through a hook). Their SCIM `userName` is their email.
   */
  readonly importedUsers?: readonly ImportedUser[];
}

export interface ImportedUser {
  readonly email: string;
  readonly firstName: string;
  readonly lastName: string;
}

export interface ScenarioStep {
  /** Shown in failures, e.g. `deactivate ("False")`. */
  readonly name: string;
  readonly request: ScenarioRequest;
  readonly expect: StepExpectation;
  /**
   * Variables to take from the response body: `{ "userId": "id" }`, `{ "found": "Resources[0].id" }`.
   * Later steps use them as `{{userId}}` in paths, bodies, headers and expectations.
   */
  readonly save?: Readonly<Record<string, string>>;
}

export interface ScenarioRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /**
   * Relative to the SCIM base (`/Users?filter=userName+eq+%22a%40b.c%22`), encoded as the IdP encodes it;
   * may carry `{{vars}}` and flags such as `?aadOptscim062020`.
   */
  readonly path: string;
  /** Sent as JSON with `Content-Type: application/scim+json; charset=utf-8`; strings may hold `{{vars}}`. */
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * What the answer must be. `body` is a partial deep match: objects need only the listed keys; arrays need
 * the same length and each expected element matching a distinct actual element (in any order); strings may
 * be `"{{var}}"` (the saved value), `"<any>"` (present, any value) or `"<absent>"` (key missing).
 * `headers` values must occur in the response header (case-insensitively).
 */
export interface StepExpectation {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * The host's state after the scenario, in host terms. `users` and `groups`, when given, are the COMPLETE
 * lists of the tenant (each scenario runs against a fresh tenant): a duplicate or a leftover fails.
 */
export interface FinalState {
  readonly users?: readonly FinalUser[];
  readonly groups?: readonly FinalGroup[];
}

/** A user, matched by email (case-insensitively); optional fields are checked only when given (`null`: none). */
export interface FinalUser {
  readonly email: string;
  readonly active: boolean;
  readonly firstName?: string | null;
  readonly lastName?: string | null;
  readonly gender?: string | null;
  readonly academicTitle?: string | null;
  readonly department?: string | null;
}

/** A group, matched by name; `members` are the members' emails, in any order. */
export interface FinalGroup {
  readonly name: string;
  readonly members: readonly string[];
}
