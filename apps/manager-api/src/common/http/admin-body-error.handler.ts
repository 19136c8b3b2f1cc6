import type { NextFunction, Request, Response } from 'express';

/**
 * Body-parser failures on the admin API (malformed or oversized JSON) happen before Nest routes the request,
 * so they get the admin API's error shape here: `{statusCode, code, message}`. Other errors pass on.
 */
export function adminBodyErrorHandler(error: unknown, _req: Request, res: Response, next: NextFunction): void {
  const { status, type } = (error ?? {}) as { status?: unknown; type?: unknown };
  if (res.headersSent || (type !== 'entity.parse.failed' && type !== 'entity.too.large' && status !== 413)) {
    next(error);
    return;
  }
  if (type === 'entity.parse.failed') {
    res.status(400).json({ statusCode: 400, code: 'VALIDATION', message: 'The request body is not valid JSON' });
  } else {
    res.status(413).json({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE', message: 'Request body too large' });
  }
}
