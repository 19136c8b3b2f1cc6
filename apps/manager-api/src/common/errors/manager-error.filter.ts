import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { isConnectionFailure } from '../../database/connection-failure';
import { ManagerError, ManagerErrorCode } from './manager-error';

function statusOf(code: ManagerErrorCode): number {
  switch (code) {
    case ManagerErrorCode.VALIDATION:
      return HttpStatus.BAD_REQUEST;
    case ManagerErrorCode.UNAUTHORIZED:
      return HttpStatus.UNAUTHORIZED;
    case ManagerErrorCode.NOT_FOUND:
      return HttpStatus.NOT_FOUND;
    case ManagerErrorCode.CONFLICT:
    case ManagerErrorCode.SCIM_MANAGED:
      return HttpStatus.CONFLICT;
    case ManagerErrorCode.PAYLOAD_TOO_LARGE:
      return HttpStatus.PAYLOAD_TOO_LARGE;
    case ManagerErrorCode.UNSUPPORTED_MEDIA_TYPE:
      return HttpStatus.UNSUPPORTED_MEDIA_TYPE;
    default:
      return assertNever(code);
  }
}

function assertNever(value: never): never {
  throw new Error(`Unhandled error code ${String(value)}`);
}

/** Admin API errors: ManagerError by code, Nest's HttpExceptions as they are, anything else a generic 500. */
@Catch()
export class ManagerErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger(ManagerErrorFilter.name);

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (error instanceof ManagerError) {
      const status = statusOf(error.code);
      if (error.code === ManagerErrorCode.UNAUTHORIZED) response.setHeader('WWW-Authenticate', 'Bearer');
      response.status(status).json({ statusCode: status, code: error.code, message: error.message, fields: error.fields });
      return;
    }
    if (error instanceof HttpException) {
      const status = error.getStatus();
      const message = status === 413 ? 'Request body too large' : error.message;
      response.status(status).json({ statusCode: status, code: codeFor(status), message });
      return;
    }
    if (isConnectionFailure(error)) {
      response.setHeader('Retry-After', '30');
      response.status(503).json({ statusCode: 503, code: 'UNAVAILABLE', message: 'The database is unavailable; retry later' });
      return;
    }
    this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    response.status(500).json({ statusCode: 500, code: 'INTERNAL', message: 'Internal server error' });
  }
}

function codeFor(status: number): string {
  if (status === 400) return ManagerErrorCode.VALIDATION;
  if (status === 404) return ManagerErrorCode.NOT_FOUND;
  if (status === 413) return ManagerErrorCode.PAYLOAD_TOO_LARGE;
  return HttpStatus[status] ?? 'ERROR';
}
