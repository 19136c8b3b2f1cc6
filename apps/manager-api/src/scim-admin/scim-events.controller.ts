import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminRoute } from '../common/auth/admin-route.decorator';
import { ScimEventsPageResponseDto, ScimEventsQueryDto } from './scim-events.dto';
import { ScimEventsService } from './scim-events.service';

@AdminRoute()
@ApiTags('SCIM administration')
@ApiBearerAuth('admin')
@Controller('customers/:customerId/scim/events')
export class ScimEventsController {
  constructor(private readonly events: ScimEventsService) {}

  @Get()
  @ApiOperation({
    summary: "The customer's provisioning log, newest first",
    description: 'One event per SCIM request: action, resource id, names of changed attributes (never values), status.',
  })
  @ApiOkResponse({ type: ScimEventsPageResponseDto })
  @ApiBadRequestResponse({ description: 'A query parameter is invalid; `fields` names it' })
  @ApiNotFoundResponse({ description: 'No such customer' })
  list(@Param('customerId', ParseUUIDPipe) customerId: string, @Query() query: ScimEventsQueryDto): Promise<ScimEventsPageResponseDto> {
    return this.events.page(customerId, query);
  }
}
