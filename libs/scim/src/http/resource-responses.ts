import type { Response } from 'express';
import type { StoredResource } from '../ports/store-query';
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
    private readonly config: ScimConfig,
  ) {}

  location(info: ScimRequestInfo, id: string): string {
    return `${info.baseUrl}${this.type.definition.endpoint}/${encodeURIComponent(id)}`;
  }

  sendOne(res: Response, status: number, info: ScimRequestInfo, record: StoredResource, projection: Projection): void {
    res.setHeader('ETag', etagOf(record.version));
    if (status === 201) res.setHeader('Location', this.location(info, record.id));
    sendScim(res, status, this.render(info, record, projection));
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
      const served = this.config.registry.resourceTypes().find((t) => t.name === name);
      return served === undefined ? undefined : `${info.baseUrl}${served.definition.endpoint}`;
    };
  }
}
