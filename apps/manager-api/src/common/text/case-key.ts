/**
 * The case-insensitive key of a text: NFC-normalised and lower-cased in the app, so uniqueness and
 * lookups behave the same on SQLite (whose lower()/NOCASE fold ASCII only) and PostgreSQL.
 */
export function caseKey(text: string): string {
  return text.normalize('NFC').toLowerCase();
}
