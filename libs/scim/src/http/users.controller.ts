import { Body, Controller, Delete, Get, Param, Patch, Post, Put, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ScimAuthGuard } from '../auth/scim-auth.guard';
import type { ScimRequestInfo } from '../provisioning/scim-request';
import { UserProvisioningService } from '../provisioning/user-provisioning.service';
import { UserQueriesService } from '../provisioning/user-queries.service';
import { parseProjection, ProjectionRequest } from '../schema/projection';
import { ScimConfig } from '../scim-config';
import { ListRequest, readListRequest, readProjectionRequest, readSearchRequest } from './list-request';
import { readPatchRequest } from './patch-request';
import { requestInfo } from './request-info';
import { ResourceResponses } from './resource-responses';
import { sendScim } from './scim-media';
import { ScimExceptionFilter } from './scim-exception.filter';

type Query = Record<string, unknown>;

/** `/Users` (RFC 7644 §3): create, read, list and search, replace, patch, delete. */
@Controller('Users')
@UseFilters(ScimExceptionFilter)
@UseGuards(ScimAuthGuard)
export class UsersController {
  private readonly responses: ResourceResponses;

  constructor(
    private readonly provisioning: UserProvisioningService,
    private readonly queries: UserQueriesService,
    private readonly config: ScimConfig,
  ) {
    this.responses = new ResourceResponses(queries.type, config);
  }

  @Post()
  async create(@Req() req: Request, @Res() res: Response, @Body() body: unknown, @Query() query: Query): Promise<void> {
    const info = this.info(req);
    const { result } = await this.provisioning.create(info, body);
    this.responses.sendOne(res, 201, info, result, this.projection(readProjectionRequest(query)));
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
    const { result } = await this.queries.get(info, id);
    this.responses.sendRead(res, info, result, this.projection(readProjectionRequest(query)));
  }

  @Put(':id')
  async replace(@Req() req: Request, @Res() res: Response, @Param('id') id: string, @Body() body: unknown, @Query() query: Query): Promise<void> {
    const info = this.info(req);
    const { result } = await this.provisioning.replace(info, id, body);
    this.responses.sendOne(res, 200, info, result, this.projection(readProjectionRequest(query)));
  }

  @Patch(':id')
  async patch(@Req() req: Request, @Res() res: Response, @Param('id') id: string, @Body() body: unknown, @Query() query: Query): Promise<void> {
    const info = this.info(req);
    const operations = readPatchRequest(body, this.config.limits.maxPatchOperations);
    const { result } = await this.provisioning.patch(info, id, operations);
    this.responses.sendOne(res, 200, info, result, this.projection(readProjectionRequest(query)));
  }

  @Delete(':id')
  async delete(@Req() req: Request, @Res() res: Response, @Param('id') id: string): Promise<void> {
    await this.provisioning.delete(this.info(req), id);
    sendScim(res, 204);
  }

  private async sendList(req: Request, res: Response, list: ListRequest): Promise<void> {
    const info = this.info(req);
    const { result } = await this.queries.list(info, list);
    this.responses.sendList(res, info, result, list.startIndex, this.projection(list));
  }

  private projection(request: ProjectionRequest) {
    return parseProjection(this.queries.type, request);
  }

  private info(req: Request): ScimRequestInfo {
    return requestInfo(req, this.config.baseUrl);
  }
}
