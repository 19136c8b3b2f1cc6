import { Workbook } from 'exceljs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const fixture = (name: string): Buffer => readFileSync(join(__dirname, '..', 'fixtures', 'import', name));

/** Parses a simple CSV fixture (no quoted commas) into rows of cells. */
export function csvRows(csv: string): string[][] {
  return csv.trim().split('\n').map((line) => line.split(','));
}

/** The same rows as an .xlsx workbook, written with exceljs. */
export async function xlsxOf(rows: readonly (readonly string[])[]): Promise<Buffer> {
  const workbook = new Workbook();
  const sheet = workbook.addWorksheet('Users');
  for (const row of rows) sheet.addRow([...row]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
