import { parse } from 'csv-parse/sync';
import { ManagerError, ManagerErrorCode } from '../common/errors/manager-error';
import { columnOf, RawRow } from './import-columns';
import { rowsFromTable } from './table-rows';

/** A CSV file (comma or semicolon separated, optional BOM) → raw rows; at most `maxRows` data rows. */
export function readCsvRows(buffer: Buffer, maxRows: number): RawRow[] {
  const text = buffer.toString('utf8');
  const firstLine = text.slice(0, text.indexOf('\n') === -1 ? undefined : text.indexOf('\n'));
  const delimiter = firstLine.includes(';') && !firstLine.includes(',') ? ';' : ',';
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      delimiter,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      to: maxRows + 2,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    throw new ManagerError(ManagerErrorCode.VALIDATION, `The CSV file cannot be read: ${(error as Error).message}`);
  }
  const [header, ...data] = records;
  if (header === undefined) throw new ManagerError(ManagerErrorCode.VALIDATION, 'The file is empty');
  return rowsFromTable(
    header.record.map(columnOf),
    data.map((r) => ({ row: r.info.lines, values: r.record })),
    maxRows,
  );
}
