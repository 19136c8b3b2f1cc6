import { DialectContext, profileFor } from '../dialects/dialect-rules';
import type { ScimConnectionContext } from '../ports/tenant';

/** What the provisioning layer needs to know of an HTTP request. */
export interface ScimRequestInfo {
  readonly connection: ScimConnectionContext;
  readonly method: string;
  readonly requestId?: string;
  /** The SCIM root of this request, e.g. `https://host/scim/v2`. */
  readonly baseUrl: string;
  readonly ifMatch?: string;
  readonly ifNoneMatch?: string;
}

/** A fresh rule context for one request, in the connection's profile. */
export function dialectOf(request: ScimRequestInfo): DialectContext {
  return new DialectContext(profileFor(request.connection.provider, request.connection.profile));
}
