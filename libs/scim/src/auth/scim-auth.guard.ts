import { Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { ScimError } from '../errors/scim-error';
import type { ScimConnectionContext } from '../ports/tenant';
import { SCIM_BEARER } from './scim-bearer.strategy';

/** Authenticates a SCIM request; anything but a valid token is a SCIM 401 with `WWW-Authenticate: Bearer`. */
@Injectable()
export class ScimAuthGuard extends AuthGuard(SCIM_BEARER) {
  override handleRequest<T = ScimConnectionContext>(error: unknown, connection: T | false): T {
    if (error !== null && error !== undefined) throw error;
    if (connection === false || connection === undefined || connection === null) {
      throw ScimError.unauthorized('A valid SCIM bearer token is required');
    }
    return connection;
  }
}
