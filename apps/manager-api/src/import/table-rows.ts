import { ManagerError, ManagerErrorCode } from '../common/errors/manager-error';
import { ImportColumn, RawRow, REQUIRED_COLUMNS } from './import-columns';

/** Header columns + value rows (from either reader) → raw rows, enforcing the row limit and the required columns. */
export function rowsFromTable(
  columns: readonly (ImportColumn | undefined)[],
  rows: readonly { row: number; values: readonly string[] }[],
  maxRows: number,
): RawRow[] {
  const missing = REQUIRED_COLUMNS.filter((c) => !columns.includes(c));
  if (missing.length > 0) {
    throw new ManagerError(
      ManagerErrorCode.VALIDATION,
      `Missing column(s): ${missing.join(', ')}. Expected columns: email, firstName, lastName, gender, academicTitle, groups`,
    );
  }
  if (rows.length > maxRows) {
    throw new ManagerError(ManagerErrorCode.PAYLOAD_TOO_LARGE, `The file has more than ${maxRows} rows, the import limit`);
  }
  return rows
    .map(({ row, values }) => {
      const cells: Partial<Record<ImportColumn, string>> = {};
      columns.forEach((column, i) => {
        const value = values[i]?.trim() ?? '';
        if (column !== undefined && value !== '') cells[column] = value;
      });
      return { row, cells };
    })
    .filter((r) => Object.keys(r.cells).length > 0);
}
