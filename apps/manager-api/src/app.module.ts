import { DynamicModule, Module } from '@nestjs/common';
import { RouterModule } from '@nestjs/core';
import type { DestinationStream } from 'pino';
import { LoggingModule } from './common/http/logging.module';
import { AppConfig } from './config/app-config';
import { AppConfigModule } from './config/app-config.module';
import { CustomersModule } from './customers/customers.module';
import { DatabaseModule } from './database/database.module';
import { GroupsModule } from './groups/groups.module';
import { HealthModule } from './health/health.module';
import { ImportModule } from './import/import.module';
import { ScimAdminModule } from './scim-admin/scim-admin.module';
import { UsersModule } from './users/users.module';

/** Process-level wiring that is not configuration (tests capture the log through it). */
export interface AppOptions {
  readonly logDestination?: DestinationStream;
}

/** The composition root: config, logging, database, the admin API under /api, health. */
@Module({})
export class AppModule {
  static register(config: AppConfig, options: AppOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot(config),
        LoggingModule.forRoot(config, options.logDestination),
        DatabaseModule.forRoot(config),
        HealthModule,
        CustomersModule,
        UsersModule,
        GroupsModule,
        ImportModule,
        ScimAdminModule,
        RouterModule.register([
          { path: 'api', module: CustomersModule },
          { path: 'api', module: UsersModule },
          { path: 'api', module: GroupsModule },
          { path: 'api', module: ImportModule },
          { path: 'api', module: ScimAdminModule },
        ]),
      ],
    };
  }
}
