import { QueryFailedError } from 'typeorm';

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
// PostgreSQL SQLSTATE: class 08 (connection exception), 57P01–57P03 (shutdown, cannot connect now).
const PG_UNAVAILABLE = /^(08...|57P0[123])$/;
const MESSAGES = [
  'Connection terminated',
  'connection error',
  'timeout exceeded when trying to connect',
  'Connection is not established',
  'Driver not Connected',
  'The database connection is not open',
];

/** Whether a database error means "the database cannot be reached now" (as opposed to a bad query). */
export function isConnectionFailure(error: unknown): boolean {
  const candidates = [error, error instanceof QueryFailedError ? error.driverError : undefined, (error as { cause?: unknown })?.cause];
  return candidates.some((e) => {
    if (typeof e !== 'object' || e === null) return false;
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && (NETWORK_CODES.has(code) || PG_UNAVAILABLE.test(code))) return true;
    return typeof message === 'string' && MESSAGES.some((m) => message.includes(m));
  });
}
