/** The id of the host's tenant (a customer) that a SCIM connection belongs to. Never empty. */
export type TenantId = string & { readonly __brand: 'TenantId' };

export function tenantId(value: string): TenantId {
  if (value.trim() === '') throw new Error('A tenant id must not be empty');
  return value as TenantId;
}

/** The authenticated caller of a SCIM request: one connection of one tenant. */
export interface ScimConnectionContext {
  readonly tenant: TenantId;
  readonly connectionId: string;
  /** The identity provider the connection was set up for, e.g. `entra` or `okta`. */
  readonly provider: string;
  /**
   * Which IdP deviations are tolerated: `entra`, `okta` or `strict` (RFC 7644 only). Absent: the
   * provider's profile, or strict for an unknown provider.
   */
  readonly profile?: string | null;
  /** CIDRs the connection's requests must come from; absent or empty: any address. */
  readonly allowedSourceIps?: readonly string[];
}
