import { DynamicModule, Module } from '@nestjs/common';
import { Clock, CLOCK, systemClock } from '../common/clock';
import { APP_CONFIG, AppConfig } from './app-config';

/** Provides the validated AppConfig (APP_CONFIG) and the clock. Global because every feature reads them. */
@Module({})
export class AppConfigModule {
  static forRoot(config: AppConfig, clock: Clock = systemClock): DynamicModule {
    return {
      module: AppConfigModule,
      global: true,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: CLOCK, useValue: clock },
      ],
      exports: [APP_CONFIG, CLOCK],
    };
  }
}
