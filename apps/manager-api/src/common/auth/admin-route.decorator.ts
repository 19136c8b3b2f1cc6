import { applyDecorators, UseFilters, UseGuards, UsePipes } from '@nestjs/common';
import { ManagerErrorFilter } from '../errors/manager-error.filter';
import { adminValidationPipe } from '../errors/validation.pipe';
import { AdminTokenGuard } from './admin-token.guard';

/** Marks an admin API controller: admin token required, DTO validation, Manager error bodies. */
export function AdminRoute(): ClassDecorator & MethodDecorator {
  return applyDecorators(UseFilters(ManagerErrorFilter), UseGuards(AdminTokenGuard), UsePipes(adminValidationPipe()));
}
