import { Workbook } from 'exceljs';
import { ManagerError, ManagerErrorCode } from '../common/errors/manager-error';
import { columnOf, RawRow } from './import-columns';
import { rowsFromTable } from './table-rows';

/** The first worksheet of an .xlsx file → raw rows; row 1 is the header. */
export async function readXlsxRows(buffer: Buffer, maxRows: number): Promise<RawRow[]> {
  const workbook = new Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch (error) {
    throw new ManagerError(ManagerErrorCode.VALIDATION, `The Excel file cannot be read: ${(error as Error).message}`);
  }
  const sheet = workbook.worksheets[0];
  if (sheet === undefined || sheet.rowCount === 0) throw new ManagerError(ManagerErrorCode.VALIDATION, 'The file is empty');
  if (sheet.actualRowCount - 1 > maxRows) {
    throw new ManagerError(ManagerErrorCode.PAYLOAD_TOO_LARGE, `The file has more than ${maxRows} rows, the import limit`);
  }
  const width = sheet.columnCount;
  const textsOf = (rowNumber: number) => {
    const row = sheet.getRow(rowNumber);
    return Array.from({ length: width }, (_, i) => row.getCell(i + 1).text ?? '');
  };
  const rows: { row: number; values: string[] }[] = [];
  for (let n = 2; n <= sheet.rowCount; n++) rows.push({ row: n, values: textsOf(n) });
  return rowsFromTable(textsOf(1).map(columnOf), rows, maxRows);
}
