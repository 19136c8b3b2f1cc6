import type { NextFunction, Request, Response } from 'express';

/**
 * Errors raised before routing (body parser: malformed JSON, body too large) as JSON, never HTML.
 * Anything else gets a generic 500 without detail.
 */
export function jsonErrorHandler(error: unknown, _req: Request, res: Response, next: NextFunction): void {
  if (res.headersSent) return next(error);
  const { status, type } = (error ?? {}) as { status?: number; type?: string };
  if (status === 413 || type === 'entity.too.large') {
    res.status(413).json({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE', message: 'Request body too large' });
  } else if (type === 'entity.parse.failed' || status === 400) {
    res.status(400).json({ statusCode: 400, code: 'VALIDATION', message: 'Malformed JSON body' });
  } else {
    res.status(500).json({ statusCode: 500, code: 'INTERNAL', message: 'Internal server error' });
  }
}
