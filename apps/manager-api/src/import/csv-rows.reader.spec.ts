import { ManagerError } from '../common/errors/manager-error';
import { readCsvRows } from './csv-rows.reader';

describe(readCsvRows.name, () => {
  it('maps header spellings, skips blank lines and empty cells, and numbers rows as in the file', () => {
    const csv = '\uFEFFE-Mail,First Name,last_name,Titel,Unknown\n\na@example.com,A,B,Dr.,x\n"b@example.com","Bo, Jr.",C,,\n';
    expect(readCsvRows(Buffer.from(csv), 10)).toEqual([
      { row: 3, cells: { email: 'a@example.com', firstName: 'A', lastName: 'B', academicTitle: 'Dr.' } },
      { row: 4, cells: { email: 'b@example.com', firstName: 'Bo, Jr.', lastName: 'C' } },
    ]);
  });

  it('detects semicolon-separated files', () => {
    const rows = readCsvRows(Buffer.from('email;firstName;lastName;groups\na@x.de;A;B;"G1;G2"\n'), 10);
    expect(rows[0]?.cells).toEqual({ email: 'a@x.de', firstName: 'A', lastName: 'B', groups: 'G1;G2' });
  });

  it.each([
    ['an empty file', '', /empty/],
    ['missing columns', 'email\na@x.de\n', /Missing column\(s\): firstName, lastName/],
    ['too many rows', 'email,firstName,lastName\na@x,A,B\nb@x,A,B\nc@x,A,B\n', /more than 2 rows/],
    ['an unclosed quote', 'email,firstName,lastName\n"a@x,A,B\n', /cannot be read/],
  ])('refuses %s', (_what, csv, message) => {
    expect(() => readCsvRows(Buffer.from(csv), 2)).toThrow(ManagerError);
    expect(() => readCsvRows(Buffer.from(csv), 2)).toThrow(message);
  });
});
