import { DynamicModule, Module } from '@nestjs/common';
import { RouterModule } from '@nestjs/core';
import type { DestinationStream } from 'pino';
import { LoggingModule } from './common/http/logging.module';
import { Clock } from './common/clock';
import { AppConfig } from './config/app-config';
import { AppConfigModule } from './config/app-config.module';
import { CustomersModule } from './customers/customers.module';
import { DatabaseModule } from './database/database.module';
import { GroupsModule } from './groups/groups.module';
import { HealthModule } from './health/health.module';
import { ImportModule } from './import/import.module';
import { ScimModule, ScimModuleOptions } from '@app/scim';
import { APP_CONFIG } from './config/app-config';
import { RateLimitModule, RateLimitStoreModule } from './rate-limit/rate-limit.module';
import { ScimConnectionRateLimiter } from './rate-limit/scim-rate.limiter';
import { ScimAdaptersModule } from './scim-adapters/scim-adapters.module';
import { ProvisioningLogSink } from './scim-adapters/provisioning-log.sink';
import { TypeOrmCredentialStore } from './scim-adapters/typeorm-credential.store';
import { TypeOrmGroupStore } from './scim-adapters/typeorm-group.store';
import { TypeOrmTransactionRunner } from './scim-adapters/typeorm-transaction.runner';
import { TypeOrmUserStore } from './scim-adapters/typeorm-user.store';
import { ScimAdminModule } from './scim-admin/scim-admin.module';
import { UsersModule } from './users/users.module';

/** Process-level wiring that is not configuration (tests capture the log through it). */
export interface AppOptions {
  readonly logDestination?: DestinationStream;
  readonly clock?: Clock;
}

/** The composition root: config, logging, database, the admin API under /api, SCIM under /scim/v2, health. */
@Module({})
export class AppModule {
  static register(config: AppConfig, options: AppOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot(config, options.clock),
        LoggingModule.forRoot(config, options.logDestination),
        DatabaseModule.forRoot(config),
        HealthModule,
        RateLimitModule,
        CustomersModule,
        UsersModule,
        GroupsModule,
        ImportModule,
        ScimAdminModule,
        ScimModule.forRootAsync({
          imports: [ScimAdaptersModule, RateLimitStoreModule],
          inject: [
            TypeOrmUserStore,
            TypeOrmGroupStore,
            TypeOrmCredentialStore,
            TypeOrmTransactionRunner,
            ProvisioningLogSink,
            ScimConnectionRateLimiter,
            APP_CONFIG,
          ],
          useFactory: (
            users: TypeOrmUserStore,
            groups: TypeOrmGroupStore,
            credentials: TypeOrmCredentialStore,
            transactions: TypeOrmTransactionRunner,
            events: ProvisioningLogSink,
            rateLimiter: ScimConnectionRateLimiter,
            appConfig: AppConfig,
          ): ScimModuleOptions => ({
            users,
            groups,
            credentials,
            transactions,
            events,
            rateLimiter,
            baseUrl: `${appConfig.publicBaseUrl}/scim/v2`,
            ...(appConfig.scim.entraJwksUrl === undefined ? {} : { entraJwt: { jwksUrl: appConfig.scim.entraJwksUrl } }),
          }),
        }),
        RouterModule.register([
          { path: 'api', module: CustomersModule },
          { path: 'api', module: UsersModule },
          { path: 'api', module: GroupsModule },
          { path: 'api', module: ImportModule },
          { path: 'api', module: ScimAdminModule },
          { path: 'scim/v2', module: ScimModule },
        ]),
      ],
    };
  }
}
