import { ManagerError, ManagerErrorCode } from '../common/errors/manager-error';

/** Where a page of the provisioning log ends: the (at, id) of its last event, newest first. */
export interface EventCursor {
  readonly at: Date;
  readonly id: string;
}

const ID = /^[0-9a-f-]{36}$/;

/** Opaque to clients: base64url of `[at in ms, id]`. */
export function encodeEventCursor(cursor: EventCursor): string {
  return Buffer.from(JSON.stringify([cursor.at.getTime(), cursor.id]), 'utf8').toString('base64url');
}

/** @throws ManagerError (VALIDATION, field `cursor`) for anything this API did not hand out. */
export function decodeEventCursor(text: string): EventCursor {
  const parsed = parse(text);
  if (!Array.isArray(parsed) || parsed.length !== 2) throw badCursor();
  const [ms, id] = parsed as unknown[];
  if (typeof ms !== 'number' || !Number.isSafeInteger(ms) || ms < 0 || typeof id !== 'string' || !ID.test(id)) {
    throw badCursor();
  }
  return { at: new Date(ms), id };
}

function parse(text: string): unknown {
  try {
    return JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

const badCursor = () =>
  new ManagerError(ManagerErrorCode.VALIDATION, 'Invalid request', [
    { field: 'cursor', problems: ['cursor must be a nextCursor value returned by this API'] },
  ]);
