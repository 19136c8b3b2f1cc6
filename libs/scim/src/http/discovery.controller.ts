import { Controller, Get, Param, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import type { Request, Response } from 'express';
import { RateLimitExempt, ScimAuthGuard } from '../auth/scim-auth.guard';
import { ScimError } from '../errors/scim-error';
import { ScimConfig } from '../scim-config';
import { listResponse } from './list-response';
import { scimBaseUrl } from './request-info';
import { ScimExceptionFilter } from './scim-exception.filter';
import { sendScim } from './scim-media';
import { serviceProviderConfig } from './service-provider-config';

/** Discovery (RFC 7644 §4), generated from the schema registry that validation and filtering use. */
@Controller()
@RateLimitExempt()
@UseFilters(ScimExceptionFilter)
@UseGuards(ScimAuthGuard)
export class DiscoveryController {
  constructor(private readonly config: ScimConfig) {}

  @Get('ServiceProviderConfig')
  serviceProviderConfig(@Req() req: Request, @Res() res: Response): void {
    sendScim(res, 200, serviceProviderConfig(this.base(req), this.config.limits));
  }

  @Get('ResourceTypes')
  resourceTypes(@Req() req: Request, @Res() res: Response, @Query('filter') filter?: unknown): void {
    refuseFilter(filter);
    const all = this.config.registry.renderResourceTypes(this.base(req));
    sendScim(res, 200, listResponse(all as unknown as Record<string, unknown>[], all.length, 1));
  }

  @Get('ResourceTypes/:id')
  resourceType(@Req() req: Request, @Res() res: Response, @Param('id') id: string): void {
    const found = this.config.registry.renderResourceTypes(this.base(req)).find((t) => t.id.toLowerCase() === id.toLowerCase());
    if (found === undefined) throw ScimError.notFound(`ResourceType ${id} not found`);
    sendScim(res, 200, found);
  }

  @Get('Schemas')
  schemas(@Req() req: Request, @Res() res: Response, @Query('filter') filter?: unknown): void {
    refuseFilter(filter);
    const all = this.config.registry.renderSchemas(this.base(req));
    sendScim(res, 200, listResponse(all as unknown as Record<string, unknown>[], all.length, 1));
  }

  @Get('Schemas/:id')
  schema(@Req() req: Request, @Res() res: Response, @Param('id') id: string): void {
    const found = this.config.registry.renderSchemas(this.base(req)).find((s) => s.id.toLowerCase() === id.toLowerCase());
    if (found === undefined) throw ScimError.notFound(`Schema ${id} not found`);
    sendScim(res, 200, found);
  }

  private base(req: Request): string {
    return scimBaseUrl(req, this.config.baseUrl);
  }
}

/** RFC 7644 §4: discovery endpoints do not filter; a filter is answered with 403. */
function refuseFilter(filter: unknown): void {
  if (filter !== undefined) throw ScimError.forbidden('Filtering is not supported on discovery endpoints');
}
