import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ManagerError, ManagerErrorCode } from '../common/errors/manager-error';
import { caseKey } from '../common/text/case-key';
import { CustomersService } from '../customers/customers.service';
import { adminTransaction } from '../database/admin-transaction';
import { ImportRowDto, validateImportRow } from './import-row.dto';
import { ImportWriter } from './import.writer';
import { RawRow } from './import-columns';
import { readCsvRows } from './csv-rows.reader';
import { readXlsxRows } from './xlsx-rows.reader';

export interface ImportReport {
  readonly dryRun: boolean;
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly failed: readonly { row: number; error: string }[];
}

export interface UploadedImportFile {
  readonly buffer: Buffer;
  readonly originalname: string;
  readonly mimetype: string;
}

@Injectable()
export class ImportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly customers: CustomersService,
  ) {}

  /** Upserts the file's valid rows by email in one transaction; bad rows are reported and skipped. */
  async import(customerId: string, file: UploadedImportFile, dryRun: boolean): Promise<ImportReport> {
    await this.customers.getManuallyManaged(customerId);
    const raw = await this.readRows(file);
    const { valid, failed } = splitRows(raw);
    const counts = await adminTransaction(
      this.dataSource,
      async (manager: EntityManager) => {
        await this.customers.getManuallyManaged(customerId, manager);
        return new ImportWriter(manager, customerId, new Date()).write(valid);
      },
      { rollback: dryRun },
    );
    return { dryRun, ...counts, failed: failed.sort((a, b) => a.row - b.row) };
  }

  private readRows(file: UploadedImportFile): Promise<RawRow[]> | RawRow[] {
    const { maxRows } = this.config.import;
    const name = file.originalname.toLowerCase();
    const isZip = file.buffer.subarray(0, 2).toString('latin1') === 'PK';
    if (name.endsWith('.xlsx') || (isZip && file.mimetype.includes('spreadsheetml'))) return readXlsxRows(file.buffer, maxRows);
    if (name.endsWith('.csv') || file.mimetype === 'text/csv' || file.mimetype === 'text/plain') {
      return readCsvRows(file.buffer, maxRows);
    }
    throw new ManagerError(ManagerErrorCode.UNSUPPORTED_MEDIA_TYPE, 'Upload a .csv or .xlsx file');
  }
}

/** Validates every row; a second row with the same email (case-insensitively) fails, naming the first. */
function splitRows(rows: readonly RawRow[]): { valid: { row: number; data: ImportRowDto }[]; failed: { row: number; error: string }[] } {
  const valid: { row: number; data: ImportRowDto }[] = [];
  const failed: { row: number; error: string }[] = [];
  const seen = new Map<string, number>();
  for (const raw of rows) {
    const result = validateImportRow(raw);
    if ('error' in result) {
      failed.push(result);
      continue;
    }
    const key = caseKey(result.data.email);
    const first = seen.get(key);
    if (first !== undefined) {
      failed.push({ row: result.row, error: `email is already in row ${first}` });
      continue;
    }
    seen.set(key, result.row);
    valid.push(result);
  }
  return { valid, failed };
}
