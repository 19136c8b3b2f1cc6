import { Body, Controller, Delete, Get, Param, Patch, Post, Put, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ScimAuthGuard } from '../auth/scim-auth.guard';
import { ScimError } from '../errors/scim-error';
import type { ScimUserRecord } from '../ports/user-store';
import { isNotModified } from '../provisioning/preconditions';
import { etagOf, renderProjected } from '../provisioning/resource-renderer';
import type { ScimRequestInfo } from '../provisioning/scim-request';
import { UserProvisioningService } from '../provisioning/user-provisioning.service';
import { UserQueriesService } from '../provisioning/user-queries.service';
import { parseProjection, Projection } from '../schema/projection';
import { isPlainObject } from '../schema/attribute';
import { ScimConfig } from '../scim-config';
import { ListRequest, readListRequest, readProjectionRequest } from './list-request';
import { listResponse } from './list-response';
import { readPatchRequest } from './patch-request';
import { requestInfo } from './request-info';
import { SEARCH_REQUEST_SCHEMA, sendScim } from './scim-media';
import { ScimExceptionFilter } from './scim-exception.filter';

type Query = Record<string, unknown>;

/** `/Users` (RFC 7644 §3): create, read, list and search, replace, patch, delete. */
@Controller('Users')
@UseFilters(ScimExceptionFilter)
@UseGuards(ScimAuthGuard)
export class UsersController {
  constructor(
    private readonly provisioning: UserProvisioningService,
    private readonly queries: UserQueriesService,
    private readonly config: ScimConfig,
  ) {}

  @Post()
  async create(@Req() req: Request, @Res() res: Response, @Body() body: unknown, @Query() query: Query): Promise<void> {
    const info = this.info(req);
    const { result } = await this.provisioning.create(info, body);
    res.setHeader('Location', this.location(info, result.id));
    this.sendUser(res, 201, info, result, readProjectionRequest(query));
  }

  @Get()
  async list(@Req() req: Request, @Res() res: Response, @Query() query: Query): Promise<void> {
    await this.sendList(req, res, readListRequest(query, this.config.limits));
  }

  @Post('.search')
  async search(@Req() req: Request, @Res() res: Response, @Body() body: unknown): Promise<void> {
    if (!isPlainObject(body)) throw ScimError.invalidSyntax('The request body must be a SearchRequest JSON object');
    const schemas = body.schemas;
    if (schemas !== undefined && !(Array.isArray(schemas) && schemas.includes(SEARCH_REQUEST_SCHEMA))) {
      throw ScimError.invalidSyntax(`schemas must contain "${SEARCH_REQUEST_SCHEMA}"`);
    }
    await this.sendList(req, res, readListRequest(body, this.config.limits));
  }

  @Get(':id')
  async get(@Req() req: Request, @Res() res: Response, @Param('id') id: string, @Query() query: Query): Promise<void> {
    const info = this.info(req);
    const { result } = await this.queries.get(info, id);
    if (isNotModified(info.ifNoneMatch, result.version)) {
      res.setHeader('ETag', etagOf(result.version));
      sendScim(res, 304);
      return;
    }
    this.sendUser(res, 200, info, result, readProjectionRequest(query));
  }

  @Put(':id')
  async replace(@Req() req: Request, @Res() res: Response, @Param('id') id: string, @Body() body: unknown, @Query() query: Query): Promise<void> {
    const info = this.info(req);
    const { result } = await this.provisioning.replace(info, id, body);
    this.sendUser(res, 200, info, result, readProjectionRequest(query));
  }

  @Patch(':id')
  async patch(@Req() req: Request, @Res() res: Response, @Param('id') id: string, @Body() body: unknown, @Query() query: Query): Promise<void> {
    const info = this.info(req);
    const operations = readPatchRequest(body, this.config.limits.maxPatchOperations);
    const { result } = await this.provisioning.patch(info, id, operations);
    this.sendUser(res, 200, info, result, readProjectionRequest(query));
  }

  @Delete(':id')
  async delete(@Req() req: Request, @Res() res: Response, @Param('id') id: string): Promise<void> {
    await this.provisioning.delete(this.info(req), id);
    sendScim(res, 204);
  }

  private async sendList(req: Request, res: Response, list: ListRequest): Promise<void> {
    const info = this.info(req);
    const projection = parseProjection(this.queries.type, list);
    const { result } = await this.queries.list(info, list);
    const resources = result.items.map((user) => this.render(info, user, projection));
    sendScim(res, 200, listResponse(resources, result.total, list.startIndex));
  }

  private sendUser(res: Response, status: number, info: ScimRequestInfo, user: ScimUserRecord, projectionRequest: object): void {
    res.setHeader('ETag', etagOf(user.version));
    sendScim(res, status, this.render(info, user, parseProjection(this.queries.type, projectionRequest)));
  }

  private render(info: ScimRequestInfo, user: ScimUserRecord, projection: Projection) {
    return renderProjected(this.queries.type, user, this.location(info, user.id), projection);
  }

  private location(info: ScimRequestInfo, id: string): string {
    return `${info.baseUrl}/Users/${encodeURIComponent(id)}`;
  }

  private info(req: Request): ScimRequestInfo {
    return requestInfo(req, this.config.baseUrl);
  }
}
