import { ExecutionContext, Inject, Injectable, Logger, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { Request } from 'express';
import { ScimError } from '../errors/scim-error';
import type { ScimCredentialStore } from '../ports/credential-store';
import type { ScimEventSink } from '../ports/event-sink';
import type { ScimConnectionContext } from '../ports/tenant';
import type { ScimRateLimiter } from '../ports/rate-limiter';
import { SCIM_CREDENTIAL_STORE, SCIM_EVENT_SINK, SCIM_RATE_LIMITER } from '../ports/tokens';
import { SCIM_BEARER } from './scim-bearer.strategy';
import { hashScimToken } from './scim-token';
import { isAllowedSource } from './source-ip';

const RATE_LIMIT_EXEMPT = 'scim:rate-limit-exempt';

/** Exempts a controller from the per-connection rate limit (discovery must stay reachable). */
export const RateLimitExempt = (): ClassDecorator => SetMetadata(RATE_LIMIT_EXEMPT, true);

/**
 * Authenticates a SCIM request: anything but a valid token is a SCIM 401 with `WWW-Authenticate: Bearer`;
 * a valid token from outside the connection's source-IP allowlist is a 403; over the connection's rate
 * limit, a 429 with Retry-After. Refusals that can be tied to
 * a connection (revoked or expired token, disallowed address) are logged for that connection.
 */
@Injectable()
export class ScimAuthGuard extends AuthGuard(SCIM_BEARER) {
  private readonly logger = new Logger('ScimAuth');

  constructor(
    @Inject(SCIM_CREDENTIAL_STORE) private readonly credentials: ScimCredentialStore,
    @Inject(SCIM_EVENT_SINK) private readonly events: ScimEventSink,
    @Inject(SCIM_RATE_LIMITER) private readonly rateLimiter: ScimRateLimiter | null,
    private readonly reflector: Reflector,
  ) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request>();
    try {
      await super.canActivate(context);
    } catch (error) {
      await this.recordRejectedToken(request);
      throw error;
    }
    const connection = (request as { user?: ScimConnectionContext }).user!;
    if (!isAllowedSource(request.ip, connection.allowedSourceIps)) {
      await this.record(connection, request, 403);
      throw ScimError.forbidden('Requests for this connection are not accepted from this address');
    }
    await this.enforceRateLimit(context, connection, request);
    return true;
  }

  private async enforceRateLimit(context: ExecutionContext, connection: ScimConnectionContext, request: Request): Promise<void> {
    if (this.rateLimiter === null || this.reflector.get<boolean>(RATE_LIMIT_EXEMPT, context.getClass()) === true) return;
    const { allowed, retryAfterSeconds } = await this.rateLimiter.hit(`scim:${connection.connectionId}`);
    if (allowed) return;
    await this.record(connection, request, 429);
    throw ScimError.tooManyRequests('Too many requests for this connection; retry after the time in Retry-After', retryAfterSeconds);
  }

  override handleRequest<T = ScimConnectionContext>(error: unknown, connection: T | false): T {
    if (error !== null && error !== undefined) throw error;
    if (connection === false || connection === undefined || connection === null) {
      throw ScimError.unauthorized('A valid SCIM bearer token is required');
    }
    return connection;
  }

  private async recordRejectedToken(request: Request): Promise<void> {
    const token = /^Bearer\s+(\S{1,512})\s*$/i.exec(request.headers.authorization ?? '')?.[1];
    if (token === undefined || this.credentials.findRejectedToken === undefined) return;
    const rejected = await this.credentials.findRejectedToken(hashScimToken(token)).catch(() => null);
    if (rejected !== null) await this.record(rejected.connection, request, 401);
  }

  private async record(connection: ScimConnectionContext, request: Request, status: number): Promise<void> {
    const requestId: unknown = (request as { id?: unknown }).id;
    await this.events
      .record({
        at: new Date(),
        tenant: connection.tenant,
        connectionId: connection.connectionId,
        requestId: typeof requestId === 'string' ? requestId : undefined,
        method: request.method,
        resourceType: null,
        action: null,
        changedAttributes: [],
        dialectRules: [],
        status,
        durationMs: 0,
      })
      .catch((e: unknown) => this.logger.error(`Could not record a refused request: ${String(e)}`));
  }
}
