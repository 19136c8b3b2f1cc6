import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { ScimError } from '../errors/scim-error';
import { StoreUnavailableError } from '../ports/store-errors';
import { ERROR_SCHEMA, sendScim } from './scim-media';

/** The SCIM error body (RFC 7644 §3.12): `status` is a string, `scimType` only where the RFC names one. */
export function scimErrorBody(error: ScimError): Record<string, unknown> {
  return {
    schemas: [ERROR_SCHEMA],
    status: String(error.status),
    ...(error.scimType === undefined ? {} : { scimType: error.scimType }),
    detail: error.detail,
  };
}

/** Maps Nest's own HTTP errors (bad JSON, body too large, unknown route) to SCIM errors. */
export function fromHttpException(error: HttpException): ScimError {
  const status = error.getStatus();
  if (status === 413) return ScimError.payloadTooLarge('The request body is too large');
  if (status === 404) return ScimError.notFound('Resource not found');
  if (status === 401) return ScimError.unauthorized('A valid bearer token is required');
  if (status === 400) return ScimError.invalidSyntax(`The request body is not valid JSON: ${error.message}`);
  if (status === 429) return ScimError.tooManyRequests('Too many requests', 1);
  return ScimError.unavailable(error.message);
}

/** Every error of a SCIM route becomes a SCIM error body; unknown errors are a logged, generic 500. */
@Catch()
export class ScimExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Scim');

  catch(error: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const scimError = this.toScimError(error);
    for (const [name, value] of Object.entries(scimError.headers)) res.setHeader(name, value);
    sendScim(res, scimError.status, scimErrorBody(scimError));
  }

  private toScimError(error: unknown): ScimError {
    if (error instanceof ScimError) return error;
    if (error instanceof StoreUnavailableError) return ScimError.storeUnavailable();
    if (error instanceof HttpException && error.getStatus() < 500) return fromHttpException(error);
    this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    return ScimError.internal();
  }
}
