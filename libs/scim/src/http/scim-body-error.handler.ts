import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ScimError } from '../errors/scim-error';
import { scimErrorBody } from './scim-exception.filter';
import { sendScim } from './scim-media';

/**
 * Express error middleware for the SCIM mount path: body-parser failures happen before Nest routes the
 * request, so the module's exception filter never sees them. Register it right after the JSON body parser:
 * `app.use('/scim/v2', scimBodyErrorHandler())`. Other errors pass on unchanged.
 */
export function scimBodyErrorHandler(): ErrorRequestHandler {
  return (error: unknown, _req, res, next) => {
    const { status, type } = (error ?? {}) as { status?: unknown; type?: unknown };
    let scimError: ScimError | undefined;
    if (status === 413 || type === 'entity.too.large') scimError = ScimError.payloadTooLarge('The request body is too large');
    else if (type === 'entity.parse.failed') scimError = ScimError.invalidSyntax('The request body is not valid JSON');
    else if (status === 400 || status === 415) scimError = ScimError.invalidSyntax('The request body cannot be read');
    if (scimError === undefined || res.headersSent) {
      next(error);
      return;
    }
    sendScim(res, scimError.status, scimErrorBody(scimError));
  };
}

/**
 * Express middleware for the SCIM mount path: a path that does not percent-decode (e.g. `/Users/%ED%A0%80`)
 * cannot name a resource, so it is answered as a SCIM 404 before the router fails on it with a non-SCIM 400.
 * Register it next to `scimBodyErrorHandler`: `app.use('/scim/v2', scimPathGuard())`.
 */
export function scimPathGuard(): RequestHandler {
  return (req, res, next) => {
    try {
      decodeURIComponent(req.path);
    } catch {
      const error = ScimError.notFound('Resource not found');
      sendScim(res, error.status, scimErrorBody(error));
      return;
    }
    next();
  };
}
