import { Body, Controller, Header, HttpCode, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { AdminRoute } from '../common/auth/admin-route.decorator';
import { EnableScimDto, ScimCredentialsResponseDto } from './scim-connections.dto';
import { ScimConnectionsService } from './scim-connections.service';

@AdminRoute()
@Controller('customers/:customerId/scim')
export class ScimConnectionsController {
  constructor(private readonly connections: ScimConnectionsService) {}

  /** Enables SCIM for the customer; the response is the only place the token is ever shown. */
  @Put()
  @HttpCode(201)
  @Header('Cache-Control', 'no-store')
  async enable(
    @Param('customerId', ParseUUIDPipe) customerId: string,
    @Body() body: EnableScimDto,
  ): Promise<ScimCredentialsResponseDto> {
    const { baseUrl, token } = await this.connections.enable(customerId, body.provider, body.profile ?? null);
    return { baseUrl, token };
  }
}
