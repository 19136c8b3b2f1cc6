import { ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldProblem, ManagerError, ManagerErrorCode } from './manager-error';

function flatten(errors: readonly ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((e) => {
    const field = prefix === '' ? e.property : `${prefix}.${e.property}`;
    const own = e.constraints ? [{ field, problems: Object.values(e.constraints) }] : [];
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/** The admin API's validation: unknown fields rejected, 400 naming every failing field. */
export function adminValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) =>
      new ManagerError(ManagerErrorCode.VALIDATION, 'Invalid request', flatten(errors)),
  });
}
