import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { memoryStorage } from 'multer';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { CustomersModule } from '../customers/customers.module';
import { ImportController, UploadLimitInterceptor } from './import.controller';
import { ImportService } from './import.service';

@Module({
  imports: [
    CustomersModule,
    MulterModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        storage: memoryStorage(),
        limits: { fileSize: config.import.maxBytes, files: 1, fields: 5, parts: 6 },
      }),
    }),
  ],
  controllers: [ImportController],
  providers: [ImportService, UploadLimitInterceptor],
})
export class ImportModule {}
