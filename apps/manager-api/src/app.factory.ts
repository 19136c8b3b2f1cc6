import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { scimBodyErrorHandler, scimPathGuard } from '@app/scim';
import { AppModule, AppOptions } from './app.module';
import { adminBodyErrorHandler } from './common/http/admin-body-error.handler';
import { setupOpenApi } from './common/http/openapi';
import { AppConfig } from './config/app-config';

/** Builds the Manager app (not listening): body parsers incl. application/scim+json, logger, shutdown hooks. */
export async function createManagerApp(config: AppConfig, options: AppOptions = {}): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config, options), {
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  app.useBodyParser('json', { type: ['application/json', 'application/scim+json'], limit: config.bodyLimit });
  app.use('/scim/v2', scimBodyErrorHandler(), scimPathGuard());
  app.use('/api', adminBodyErrorHandler);
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.set('trust proxy', config.trustProxy);
  setupOpenApi(app);
  app.enableShutdownHooks();
  await app.init();
  return app;
}
