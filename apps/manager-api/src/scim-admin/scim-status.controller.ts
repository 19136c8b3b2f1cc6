import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminRoute } from '../common/auth/admin-route.decorator';
import { ScimStatusResponseDto } from './scim-status.dto';
import { ScimStatusService } from './scim-status.service';

@AdminRoute()
@ApiTags('SCIM administration')
@ApiBearerAuth('admin')
@Controller('customers/:customerId/scim')
export class ScimStatusController {
  constructor(private readonly status: ScimStatusService) {}

  @Get()
  @ApiOperation({
    summary: "The customer's SCIM status",
    description:
      'Connection, current token (prefix only), last request, user and group counts, errors in the last 24 hours and ' +
      'setup hints derived from the provisioning log. A customer that never enabled SCIM answers `enabled: false`.',
  })
  @ApiOkResponse({ type: ScimStatusResponseDto })
  @ApiNotFoundResponse({ description: 'No such customer' })
  get(@Param('customerId', ParseUUIDPipe) customerId: string): Promise<ScimStatusResponseDto> {
    return this.status.status(customerId);
  }
}
