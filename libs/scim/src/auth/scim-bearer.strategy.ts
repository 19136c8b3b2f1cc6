import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-http-bearer';
import type { ScimCredentialStore } from '../ports/credential-store';
import type { ScimConnectionContext } from '../ports/tenant';
import { SCIM_CREDENTIAL_STORE } from '../ports/tokens';
import { EntraJwtVerifier } from './entra-jwt.verifier';
import { hashScimToken } from './scim-token';

export const SCIM_BEARER = 'scim-bearer';

/**
 * `Authorization: Bearer <token>` → the connection (and tenant) the token belongs to, or a failure.
 * An issued token is looked up by its hash; an Entra-issued JWT (when enabled) by its verified tenant.
 */
@Injectable()
export class ScimBearerStrategy extends PassportStrategy(Strategy, SCIM_BEARER) {
  constructor(
    @Inject(SCIM_CREDENTIAL_STORE) private readonly credentials: ScimCredentialStore,
    private readonly entraJwt: EntraJwtVerifier,
  ) {
    super();
  }

  async validate(token: string): Promise<ScimConnectionContext | false> {
    if (token.length > 8192) return false;
    if (this.entraJwt.accepts(token)) {
      const tenant = await this.entraJwt.tenantOf(token);
      if (tenant === undefined || this.credentials.findByIdpTenant === undefined) return false;
      return (await this.credentials.findByIdpTenant('entra', tenant)) ?? false;
    }
    if (token.length > 512) return false;
    return (await this.credentials.findByTokenHash(hashScimToken(token))) ?? false;
  }
}
