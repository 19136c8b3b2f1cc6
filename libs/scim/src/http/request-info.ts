import type { Request } from 'express';
import type { ScimConnectionContext } from '../ports/tenant';
import type { ScimRequestInfo } from '../provisioning/scim-request';

const RESOURCE_SEGMENTS = /\/(Users|Groups|Schemas|ResourceTypes|ServiceProviderConfig)(\/.*)?$/i;

/**
 * The SCIM root of a request: the configured public base URL, else protocol + Host + the path the host
 * mounted the module at (everything before the resource segment).
 */
export function scimBaseUrl(req: Request, configured: string | undefined): string {
  if (configured !== undefined) return configured;
  const path = req.path.replace(RESOURCE_SEGMENTS, '');
  return `${req.protocol}://${req.get('host') ?? 'localhost'}${path}`;
}

function header(req: Request, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

/** The authenticated connection ScimAuthGuard put on the request. */
export function connectionOf(req: Request): ScimConnectionContext {
  const user: unknown = (req as { user?: unknown }).user;
  if (typeof user !== 'object' || user === null || !('tenant' in user) || !('connectionId' in user)) {
    throw new Error('SCIM request without an authenticated connection');
  }
  return user as ScimConnectionContext;
}

export function requestInfo(req: Request, baseUrl: string | undefined): ScimRequestInfo {
  const id: unknown = (req as { id?: unknown }).id;
  return {
    connection: connectionOf(req),
    method: req.method,
    requestId: typeof id === 'string' ? id : header(req, 'x-request-id'),
    baseUrl: scimBaseUrl(req, baseUrl),
    ifMatch: header(req, 'if-match'),
    ifNoneMatch: header(req, 'if-none-match'),
  };
}
