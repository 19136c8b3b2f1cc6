import type { ScimCredentialStore } from './ports/credential-store';
import type { ScimEventSink } from './ports/event-sink';
import type { ScimTransactionRunner } from './ports/unit-of-work';
import type { ScimGroupStore } from './ports/group-store';
import type { ScimRateLimiter } from './ports/rate-limiter';
import type { ScimUserStore } from './ports/user-store';
import type { ExtensionSchemaInput } from './schema/schema-registry';

/** Limits of the service; `maxResults` and the filter limits are advertised in ServiceProviderConfig. */
export interface ScimLimits {
  /** Largest page a list request returns (`count` above it is capped). Default 200. */
  readonly maxResults?: number;
  /** Page size when `count` is absent. Default 100. */
  readonly defaultCount?: number;
  /** Longest accepted filter, in characters. Default 4096. */
  readonly maxFilterLength?: number;
  /** Deepest accepted nesting of parentheses, brackets and `not`. Default 50. */
  readonly maxFilterDepth?: number;
  /** Most operations in one PATCH. Default 1000. */
  readonly maxPatchOperations?: number;
}

/** What a host hands to `ScimModule.forRoot` / `forRootAsync`. */
export interface ScimModuleOptions {
  /** The host's users (scoped per tenant; see ScimUserStore). */
  readonly users: ScimUserStore;
  /** The host's groups; without it `/Groups` is not served and discovery does not list it. */
  readonly groups?: ScimGroupStore;
  /** Bearer token → connection and tenant. */
  readonly credentials: ScimCredentialStore;
  /** One transaction per SCIM request. */
  readonly transactions: ScimTransactionRunner;
  /** The provisioning log / event subscription. */
  readonly events: ScimEventSink;
  readonly limits?: ScimLimits;
  /** Further extension schemas, e.g. `{ resourceType: 'User', schema }`. */
  readonly extensions?: readonly ExtensionSchemaInput[];
  /**
   * The public SCIM root, e.g. `https://manager.example.com/scim/v2`, used in `meta.location` and
   * `Location`. Absent: derived from each request (protocol, Host header and the mount path).
   */
  readonly baseUrl?: string;
  /**
   * Accept Entra-issued JWTs (an Entra provisioning job whose Secret Token is left blank, SCIM-NOTES §1.2):
   * verified against `jwksUrl`, `audience` checked, and the issuer's tenant id resolved to a connection with
   * `credentials.findByIdpTenant('entra', tenantId)`. Absent: only issued bearer tokens are accepted.
   */
  readonly entraJwt?: { readonly jwksUrl: string; readonly audience?: string };
  /**
   * Per-connection rate limit: over it, requests get 429 with Retry-After. Discovery endpoints are exempt,
   * so an IdP can always read ServiceProviderConfig. Absent: no limit.
   */
  readonly rateLimiter?: ScimRateLimiter;
}

/** The audience of Entra-issued tokens for every non-gallery (custom) enterprise app. */
export const ENTRA_CUSTOM_APP_AUDIENCE = '8adf8e6e-67b2-4cf2-a259-e3dc5476c621';

export const DEFAULT_LIMITS: Required<ScimLimits> = {
  maxResults: 200,
  defaultCount: 100,
  maxFilterLength: 4096,
  maxFilterDepth: 50,
  maxPatchOperations: 1000,
};
