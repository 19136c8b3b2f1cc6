import { applyDecorators, UseFilters, UseGuards, UsePipes } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import { ManagerErrorFilter } from '../errors/manager-error.filter';
import { adminValidationPipe } from '../errors/validation.pipe';
import { AdminTokenGuard } from './admin-token.guard';

/** Marks an admin API controller: rate limit per client, admin token required, DTO validation, Manager error bodies. */
export function AdminRoute(): ClassDecorator & MethodDecorator {
  return applyDecorators(UseFilters(ManagerErrorFilter), UseGuards(ThrottlerGuard, AdminTokenGuard), UsePipes(adminValidationPipe()));
}
