import type { ScimLimits } from '../scim-options';

export const SPC_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig';
/** Our extension of the ServiceProviderConfig: facts RFC 7643 §5 has no attribute for. */
export const SPC_EXTENSION = 'urn:ietf:params:scim:schemas:extension:manager:2.0:ServiceProviderConfig';

/** RFC 7643 §5, describing exactly what this service does (every claim is covered by a test). */
export function serviceProviderConfig(baseUrl: string, limits: Required<ScimLimits>): Record<string, unknown> {
  return {
    schemas: [SPC_SCHEMA, SPC_EXTENSION],
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: limits.maxResults },
    changePassword: { supported: false },
    sort: { supported: true },
    etag: { supported: true },
    authenticationSchemes: [
      {
        type: 'oauthbearertoken',
        name: 'Bearer token',
        description: 'A per-connection bearer token issued by the Manager: Authorization: Bearer <token>',
        specUri: 'https://www.rfc-editor.org/rfc/rfc6750',
        primary: true,
      },
    ],
    [SPC_EXTENSION]: {
      nestedGroups: false,
      maxFilterLength: limits.maxFilterLength,
      maxFilterDepth: limits.maxFilterDepth,
      maxPatchOperations: limits.maxPatchOperations,
    },
    meta: { resourceType: 'ServiceProviderConfig', location: `${baseUrl}/ServiceProviderConfig` },
  };
}
