import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { createHash, timingSafeEqual } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { ManagerError, ManagerErrorCode } from '../errors/manager-error';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/**
 * Admin API access: `Authorization: Bearer <token>` with one of the configured admin tokens.
 * Hashing both sides first gives equal-length buffers, so the comparison is constant-time.
 * This is the seam where a host's real admin authentication plugs in.
 */
@Injectable()
export class AdminTokenGuard implements CanActivate {
  private readonly tokenHashes: readonly Buffer[];

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.tokenHashes = config.adminTokens.map(sha256);
  }

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request & { adminActor?: string }>();
    const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
    if (match?.[1] !== undefined) {
      const presented = sha256(match[1]);
      let ok = false;
      for (const hash of this.tokenHashes) ok = timingSafeEqual(hash, presented) || ok;
      if (ok) {
        request.adminActor = `admin:${presented.toString('hex').slice(0, 12)}`;
        return true;
      }
    }
    throw new ManagerError(ManagerErrorCode.UNAUTHORIZED, 'A valid admin bearer token is required');
  }
}
