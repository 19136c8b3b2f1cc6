/** The columns of an import file, whatever their spelling in the header row. */
export const IMPORT_COLUMNS = ['email', 'firstName', 'lastName', 'gender', 'academicTitle', 'groups'] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];
export const REQUIRED_COLUMNS: readonly ImportColumn[] = ['email', 'firstName', 'lastName'];

const ALIASES: Readonly<Record<string, ImportColumn>> = {
  email: 'email', emailaddress: 'email', mail: 'email',
  firstname: 'firstName', givenname: 'firstName', vorname: 'firstName',
  lastname: 'lastName', familyname: 'lastName', surname: 'lastName', nachname: 'lastName',
  gender: 'gender', geschlecht: 'gender',
  academictitle: 'academicTitle', title: 'academicTitle', titel: 'academicTitle',
  groups: 'groups', group: 'groups', gruppen: 'groups',
};

/** `"First Name"`, `first_name`, `firstName` → `firstName`; unknown headers → `undefined` (ignored). */
export function columnOf(header: string): ImportColumn | undefined {
  return ALIASES[header.toLowerCase().replace(/[^a-z]/g, '')];
}

/** A data row as read from the file: its 1-based row number in the file (header = row 1) and cell texts. */
export interface RawRow {
  readonly row: number;
  readonly cells: Partial<Record<ImportColumn, string>>;
}
