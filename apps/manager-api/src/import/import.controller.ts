import {
  CallHandler,
  Controller,
  ExecutionContext,
  HttpCode,
  Inject,
  Injectable,
  NestInterceptor,
  Param,
  ParseBoolPipe,
  ParseUUIDPipe,
  PayloadTooLargeException,
  Post,
  Query,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiTags,
} from '@nestjs/swagger';
import { catchError, Observable, throwError } from 'rxjs';
import { AdminRoute } from '../common/auth/admin-route.decorator';
import { ManagerError, ManagerErrorCode } from '../common/errors/manager-error';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ImportReport, ImportService, UploadedImportFile } from './import.service';

/** Turns multer's file-size error into a 413 that names the limit. */
@Injectable()
export class UploadLimitInterceptor implements NestInterceptor {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((error: unknown) =>
        throwError(() =>
          error instanceof PayloadTooLargeException
            ? new ManagerError(
                ManagerErrorCode.PAYLOAD_TOO_LARGE,
                `The file is larger than the import limit of ${this.config.import.maxBytes} bytes`,
              )
            : error,
        ),
      ),
    );
  }
}

@AdminRoute()
@ApiTags('Import')
@ApiBearerAuth('admin')
@Controller('customers/:customerId/imports')
export class ImportController {
  constructor(private readonly imports: ImportService) {}

  /** multipart/form-data with field `file` (.csv or .xlsx); `?dryRun=true` validates and reports only. */
  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: 'Import users and group memberships from a .csv or .xlsx file' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiOkResponse({ description: '{dryRun, created, updated, unchanged, failed: [{row, error}]}' })
  @ApiConflictResponse({ description: "SCIM_MANAGED: the customer's identity provider manages its users" })
  @ApiPayloadTooLargeResponse({ description: 'The file exceeds IMPORT_MAX_BYTES or IMPORT_MAX_ROWS' })
  @UseInterceptors(UploadLimitInterceptor, FileInterceptor('file'))
  async import(
    @Param('customerId', ParseUUIDPipe) customerId: string,
    @UploadedFile() file: UploadedImportFile | undefined,
    @Query('dryRun', new ParseBoolPipe({ optional: true })) dryRun?: boolean,
  ): Promise<ImportReport> {
    if (file === undefined) {
      throw new ManagerError(ManagerErrorCode.VALIDATION, "Upload the file as multipart/form-data field 'file'");
    }
    return this.imports.import(customerId, file, dryRun ?? false);
  }
}
