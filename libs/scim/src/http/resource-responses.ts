import type { Response } from 'express';
import type { StoredResource } from '../ports/store-query';
import { isNotModified } from '../provisioning/preconditions';
import { EndpointUrls, etagOf, renderProjected } from '../provisioning/resource-renderer';
import type { ScimRequestInfo } from '../provisioning/scim-request';
import type { Projection } from '../schema/projection';
import type { ResourceTypeSchema } from '../schema/resource-type-schema';
import { ScimConfig } from '../scim-config';
import { listResponse } from './list-response';
import { sendScim } from './scim-media';

/** Renders and sends resources of one type: location, `$ref`s, ETag, projection, list envelope. */
export class ResourceResponses {
  constructor(
    private readonly type: ResourceTypeSchema,
    config: ScimConfig,
  ) {
    this.endpointPaths = new Map(config.registry.resourceTypes().map((t) => [t.name, t.definition.endpoint]));
  }

  private readonly endpointPaths: ReadonlyMap<string, string>;

  location(info: ScimRequestInfo, id: string): string {
    return `${info.baseUrl}${this.type.definition.endpoint}/${encodeURIComponent(id)}`;
  }

  sendOne(res: Response, status: number, info: ScimRequestInfo, record: StoredResource, projection: Projection): void {
    res.setHeader('ETag', etagOf(record.version));
    if (status === 201) res.setHeader('Location', this.location(info, record.id));
    sendScim(res, status, this.render(info, record, projection));
  }

  /** A read: 304 when `If-None-Match` names the current version (RFC 7232 §3.2), else 200 with the resource. */
  sendRead(res: Response, info: ScimRequestInfo, record: StoredResource, projection: Projection): void {
    if (isNotModified(info.ifNoneMatch, record.version)) {
      res.setHeader('ETag', etagOf(record.version));
      sendScim(res, 304);
      return;
    }
    this.sendOne(res, 200, info, record, projection);
  }

  sendList(res: Response, info: ScimRequestInfo, page: { total: number; items: readonly StoredResource[] }, startIndex: number, projection: Projection): void {
    const resources = page.items.map((r) => this.render(info, r, projection));
    sendScim(res, 200, listResponse(resources, page.total, startIndex));
  }

  private render(info: ScimRequestInfo, record: StoredResource, projection: Projection) {
    return renderProjected(this.type, record, this.location(info, record.id), projection, this.endpoints(info));
  }

  private endpoints(info: ScimRequestInfo): EndpointUrls {
    return (name) => {
      const path = this.endpointPaths.get(name);
      return path === undefined ? undefined : `${info.baseUrl}${path}`;
    };
  }
}
