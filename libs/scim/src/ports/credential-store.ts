import type { ScimConnectionContext } from './tenant';

/** Resolves SCIM bearer tokens; the library hashes the presented token before asking. */
export interface ScimCredentialStore {
  /**
   * The connection whose active token has this SHA-256 hex digest, or `null` (unknown, revoked, expired,
   * or the connection is disabled).
   */
  findByTokenHash(tokenHash: string): Promise<ScimConnectionContext | null>;
}
