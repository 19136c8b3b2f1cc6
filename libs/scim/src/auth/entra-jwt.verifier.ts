import { Inject, Injectable } from '@nestjs/common';
import { createRemoteJWKSet, jwtVerify, JWTVerifyGetKey } from 'jose';
import { SCIM_MODULE_OPTIONS } from '../scim.module-definition';
import { ENTRA_CUSTOM_APP_AUDIENCE, ScimModuleOptions } from '../scim-options';

const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
const ENTRA_ISSUER = /^https:\/\/sts\.windows\.net\/([0-9a-f-]{36})\/$/i;

/**
 * Verifies Entra-issued provisioning JWTs (SCIM-NOTES §1.2): signature against the configured JWKS,
 * audience, expiry, and an issuer `https://sts.windows.net/<tenant>/`. Returns the Entra tenant id.
 */
@Injectable()
export class EntraJwtVerifier {
  private readonly keys?: JWTVerifyGetKey;
  private readonly audience: string;

  constructor(@Inject(SCIM_MODULE_OPTIONS) options: ScimModuleOptions) {
    this.audience = options.entraJwt?.audience ?? ENTRA_CUSTOM_APP_AUDIENCE;
    if (options.entraJwt !== undefined) this.keys = createRemoteJWKSet(new URL(options.entraJwt.jwksUrl));
  }

  /** Whether the token should be treated as a JWT at all (configured, and shaped like one). */
  accepts(token: string): boolean {
    return this.keys !== undefined && JWT_SHAPE.test(token);
  }

  /** The verified Entra tenant id, or `undefined` when the token is not a valid Entra-issued JWT. */
  async tenantOf(token: string): Promise<string | undefined> {
    if (this.keys === undefined) return undefined;
    try {
      const { payload } = await jwtVerify(token, this.keys, { audience: this.audience, clockTolerance: 60 });
      const tenant = ENTRA_ISSUER.exec(payload.iss ?? '')?.[1]?.toLowerCase();
      const tid = typeof payload.tid === 'string' ? payload.tid.toLowerCase() : tenant;
      return tenant !== undefined && tid === tenant ? tenant : undefined;
    } catch {
      return undefined;
    }
  }
}
