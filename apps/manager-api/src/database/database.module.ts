import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config';
import { dataSourceOptions } from './data-source-options';
import { initializeWithMigrations } from './locked-migrations';

@Module({})
export class DatabaseModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => ({
            ...dataSourceOptions(config.database),
            retryAttempts: config.databaseConnectRetries,
            retryDelay: 1000,
          }),
          dataSourceFactory: async (options) => initializeWithMigrations(options!),
        }),
      ],
    };
  }
}
