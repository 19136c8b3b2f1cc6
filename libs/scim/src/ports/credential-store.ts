import type { ScimConnectionContext } from './tenant';

/** Resolves SCIM bearer tokens; the library hashes the presented token before asking. */
export interface ScimCredentialStore {
  /**
   * The connection whose active token has this SHA-256 hex digest, or `null` (unknown, revoked, expired,
   * or the connection is disabled).
   */
  findByTokenHash(tokenHash: string): Promise<ScimConnectionContext | null>;
  /**
   * Optional: the connection a refused token belongs to (revoked, expired, or its connection disabled), so
   * the failed authentication can be logged for that connection's admins. `null` for unknown tokens.
   */
  findRejectedToken?(tokenHash: string): Promise<{ readonly connection: ScimConnectionContext; readonly reason: string } | null>;
  /**
   * Optional: the enabled connection bound to an identity provider's tenant (e.g. the Entra tenant id in
   * the issuer of an Entra-issued JWT). Required for `entraJwt`.
   */
  findByIdpTenant?(provider: string, idpTenantId: string): Promise<ScimConnectionContext | null>;
}
