import { Body, Controller, Delete, Header, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminActor } from '../common/auth/admin-actor.decorator';
import { AdminRoute } from '../common/auth/admin-route.decorator';
import { EnableScimDto, RotateScimTokenDto, ScimCredentialsResponseDto, ScimSettingsDto } from './scim-connections.dto';
import { IssuedScimCredentials, ScimConnectionsService } from './scim-connections.service';

function toCredentials(issued: IssuedScimCredentials): ScimCredentialsResponseDto {
  return {
    baseUrl: issued.baseUrl,
    token: issued.token,
    ...(issued.previousTokenValidUntil === undefined ? {} : { previousTokenValidUntil: issued.previousTokenValidUntil.toISOString() }),
  };
}

/** The SCIM connection of a customer: switch on/off, settings, token rotation. Tokens appear only in 201s. */
@ApiTags('SCIM administration')
@ApiBearerAuth('admin')
@AdminRoute()
@Controller('customers/:customerId/scim')
export class ScimConnectionsController {
  constructor(private readonly connections: ScimConnectionsService) {}

  /** Enables SCIM for the customer; the response is the only place the token is ever shown. */
  @Put()
  @ApiOperation({ summary: 'Switch SCIM on: {provider, profile?, idpTenantId?, allowedSourceIps?, tokenExpiresInDays?}' })
  @ApiCreatedResponse({ description: '{baseUrl, token}: the only time the token is shown' })
  @ApiConflictResponse({ description: 'SCIM is already on (rotate the token instead)' })
  @HttpCode(201)
  @Header('Cache-Control', 'no-store')
  async enable(
    @Param('customerId', ParseUUIDPipe) customerId: string,
    @Body() body: EnableScimDto,
    @AdminActor() actor: string,
  ): Promise<ScimCredentialsResponseDto> {
    return toCredentials(await this.connections.enable(customerId, body, actor));
  }

  /** Changes the profile, IdP tenant id or source-IP allowlist. */
  @Patch()
  @ApiOperation({ summary: 'Change profile, IdP tenant id or source-IP allowlist' })
  @ApiNoContentResponse({ description: 'Changed' })
  @HttpCode(204)
  async update(
    @Param('customerId', ParseUUIDPipe) customerId: string,
    @Body() body: ScimSettingsDto,
    @AdminActor() actor: string,
  ): Promise<void> {
    await this.connections.update(customerId, body, actor);
  }

  /** A new token; the previous one keeps working for the grace period. */
  @Post('token')
  @ApiOperation({ summary: 'Rotate the token; the previous one works for the grace period' })
  @ApiCreatedResponse({ description: '{baseUrl, token, previousTokenValidUntil}' })
  @HttpCode(201)
  @Header('Cache-Control', 'no-store')
  async rotate(
    @Param('customerId', ParseUUIDPipe) customerId: string,
    @Body() body: RotateScimTokenDto,
    @AdminActor() actor: string,
  ): Promise<ScimCredentialsResponseDto> {
    return toCredentials(await this.connections.rotate(customerId, body.tokenExpiresInDays, actor));
  }

  /** Ends the grace period of the previous token at once. */
  @Delete('token/previous')
  @ApiOperation({ summary: 'End the grace period of the previous token now' })
  @ApiNoContentResponse({ description: 'Only the newest token works' })
  @HttpCode(204)
  async revokePrevious(@Param('customerId', ParseUUIDPipe) customerId: string, @AdminActor() actor: string): Promise<void> {
    await this.connections.revokePrevious(customerId, actor);
  }

  /** Switches SCIM off: every token stops at once; users and groups stay and are manageable by hand again. */
  @Delete()
  @ApiOperation({ summary: 'Switch SCIM off: every token stops; users and groups stay, editable by hand again' })
  @ApiNoContentResponse({ description: 'Disabled' })
  @HttpCode(204)
  async disable(@Param('customerId', ParseUUIDPipe) customerId: string, @AdminActor() actor: string): Promise<void> {
    await this.connections.disable(customerId, actor);
  }
}
