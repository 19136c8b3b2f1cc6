/**
 * The key stored for caseExact=false strings and compared against filter values: NFC, then lowercase.
 * Hosts must fill their key columns with this function so both engines fold Unicode identically.
 */
export function scimCaseKey(value: string): string {
  return value.normalize('NFC').toLowerCase();
}

/** Escapes `\`, `%` and `_` for `LIKE … ESCAPE '\'`. */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (char) => `\\${char}`);
}

const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?(Z|z|[+-]\d{2}:?\d{2})?$/;

/**
 * Parses an xsd:dateTime (RFC 7643 §2.3.5) or a bare date to an instant; a missing offset means UTC.
 * Returns `undefined` for anything else, including impossible dates such as February 30.
 */
export function parseDateTime(text: string): Date | undefined {
  const match = DATE_TIME.exec(text);
  if (match === null) return undefined;
  const [, year, month, day, hour = '0', minute = '0', second = '0', fraction = '', zone = 'Z'] = match;
  const fields = [year, month, day, hour, minute, second].map(Number);
  const millis = fraction === '' ? 0 : Math.floor(Number(`0${fraction}`) * 1000);
  const wallClock = new Date(Date.UTC(fields[0], fields[1] - 1, fields[2], fields[3], fields[4], fields[5], millis));
  const offset = offsetMinutes(zone);
  if (!sameFields(wallClock, fields) || offset === undefined) return undefined;
  return new Date(wallClock.getTime() - offset * 60_000);
}

function sameFields(date: Date, [year, month, day, hour, minute, second]: number[]): boolean {
  return (
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    date.getUTCHours() === hour &&
    date.getUTCMinutes() === minute &&
    date.getUTCSeconds() === second
  );
}

function offsetMinutes(zone: string): number | undefined {
  if (zone === 'Z' || zone === 'z') return 0;
  const digits = zone.slice(1).replace(':', '');
  const [hours, minutes] = [Number(digits.slice(0, 2)), Number(digits.slice(2))];
  if (hours > 23 || minutes > 59) return undefined;
  return (zone.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
}

/** TypeORM's SQLite `datetime` format: UTC `YYYY-MM-DD HH:MM:SS.SSS`, ordered as text. */
export function toSqliteDateTime(date: Date): string {
  return date.toISOString().replace('T', ' ').slice(0, 23);
}
