import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-http-bearer';
import type { ScimCredentialStore } from '../ports/credential-store';
import type { ScimConnectionContext } from '../ports/tenant';
import { SCIM_CREDENTIAL_STORE } from '../ports/tokens';
import { hashScimToken } from './scim-token';

export const SCIM_BEARER = 'scim-bearer';

/** `Authorization: Bearer <token>` → the connection (and tenant) the token belongs to, or a failure. */
@Injectable()
export class ScimBearerStrategy extends PassportStrategy(Strategy, SCIM_BEARER) {
  constructor(@Inject(SCIM_CREDENTIAL_STORE) private readonly credentials: ScimCredentialStore) {
    super();
  }

  async validate(token: string): Promise<ScimConnectionContext | false> {
    if (token.length > 512) return false;
    return (await this.credentials.findByTokenHash(hashScimToken(token))) ?? false;
  }
}
