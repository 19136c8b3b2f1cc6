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
