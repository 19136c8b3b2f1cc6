import { Body, Controller, Delete, Get, Param, Patch, Post, Put, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ScimAuthGuard } from '../auth/scim-auth.guard';
import type { ScimGroupRecord } from '../ports/group-store';
import { GroupProvisioningService } from '../provisioning/group-provisioning.service';
import { GroupQueriesService } from '../provisioning/group-queries.service';
import { etagOf } from '../provisioning/resource-renderer';
import type { ScimRequestInfo } from '../provisioning/scim-request';
import { isRequested, parseProjection, Projection, ProjectionRequest } from '../schema/projection';
import { ScimConfig } from '../scim-config';
import { ListRequest, readListRequest, readProjectionRequest, readSearchRequest } from './list-request';
import { readPatchRequest } from './patch-request';
import { requestInfo } from './request-info';
import { ResourceResponses } from './resource-responses';
import { sendScim } from './scim-media';
import { ScimExceptionFilter } from './scim-exception.filter';

type Query = Record<string, unknown>;

/**
 * `/Groups` (RFC 7644 §3). Members are read only when the response carries them
 * (`excludedAttributes=members` never touches the membership table); PATCH answers 204 unless the client
 * asks for attributes.
 */
@Controller('Groups')
@UseFilters(ScimExceptionFilter)
@UseGuards(ScimAuthGuard)
export class GroupsController {
  constructor(
    private readonly provisioning: GroupProvisioningService,
    private readonly queries: GroupQueriesService,
    private readonly config: ScimConfig,
  ) {}

  @Post()
  async create(@Req() req: Request, @Res() res: Response, @Body() body: unknown, @Query() query: Query): Promise<void> {
    const info = this.info(req);
    const { result } = await this.provisioning.create(info, body);
    this.responses().sendOne(res, 201, info, result, this.projection(readProjectionRequest(query)));
  }

  @Get()
  async list(@Req() req: Request, @Res() res: Response, @Query() query: Query): Promise<void> {
    await this.sendList(req, res, readListRequest(query, this.config.limits));
  }

  @Post('.search')
  async search(@Req() req: Request, @Res() res: Response, @Body() body: unknown): Promise<void> {
    await this.sendList(req, res, readSearchRequest(body, this.config.limits));
  }

  @Get(':id')
  async get(@Req() req: Request, @Res() res: Response, @Param('id') id: string, @Query() query: Query): Promise<void> {
    const info = this.info(req);
    const projection = this.projection(readProjectionRequest(query));
    const { result } = await this.queries.get(info, id, { members: isRequested(projection, 'members') });
    this.responses().sendRead(res, info, result, projection);
  }

  @Put(':id')
  async replace(@Req() req: Request, @Res() res: Response, @Param('id') id: string, @Body() body: unknown, @Query() query: Query): Promise<void> {
    const info = this.info(req);
    const { result } = await this.provisioning.replace(info, id, body);
    await this.sendWritten(res, info, result, readProjectionRequest(query));
  }

  @Patch(':id')
  async patch(@Req() req: Request, @Res() res: Response, @Param('id') id: string, @Body() body: unknown, @Query() query: Query): Promise<void> {
    const info = this.info(req);
    const operations = readPatchRequest(body, this.config.limits.maxPatchOperations);
    const { result } = await this.provisioning.patch(info, id, operations);
    const asked = readProjectionRequest(query);
    if (asked.attributes === undefined && asked.excludedAttributes === undefined) {
      res.setHeader('ETag', etagOf(result.version));
      sendScim(res, 204);
      return;
    }
    await this.sendWritten(res, info, result, asked);
  }

  @Delete(':id')
  async delete(@Req() req: Request, @Res() res: Response, @Param('id') id: string): Promise<void> {
    await this.provisioning.delete(this.info(req), id);
    sendScim(res, 204);
  }

  /** A written group as the client asked for it; members are read again only when they are returned. */
  private async sendWritten(res: Response, info: ScimRequestInfo, written: ScimGroupRecord, asked: ProjectionRequest): Promise<void> {
    const projection = this.projection(asked);
    const group = isRequested(projection, 'members') ? (await this.queries.get(info, written.id, { members: true })).result : written;
    this.responses().sendOne(res, 200, info, group, projection);
  }

  private async sendList(req: Request, res: Response, list: ListRequest): Promise<void> {
    const info = this.info(req);
    const projection = this.projection(list);
    const { result } = await this.queries.list(info, list, { members: isRequested(projection, 'members') });
    this.responses().sendList(res, info, result, list.startIndex, projection);
  }

  private projection(request: ProjectionRequest): Projection {
    return parseProjection(this.queries.resourceType(), request);
  }

  private responses(): ResourceResponses {
    return new ResourceResponses(this.queries.resourceType(), this.config);
  }

  private info(req: Request): ScimRequestInfo {
    return requestInfo(req, this.config.baseUrl);
  }
}
