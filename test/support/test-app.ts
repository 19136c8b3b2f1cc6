import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createManagerApp } from '../../apps/manager-api/src/app.factory';
import { AppOptions } from '../../apps/manager-api/src/app.module';
import { AppConfig, DEFAULTS } from '../../apps/manager-api/src/config/app-config';
import { createTestDatabase, EngineName, TestDatabase, testEngines } from './test-databases';

export const ADMIN_TOKEN = 'test-admin-token-0123456789abcdef0123456789';
export const TEST_PUBLIC_BASE_URL = 'https://manager.example.test';

export interface TestApp {
  readonly engine: EngineName;
  readonly config: AppConfig;
  readonly app: INestApplication;
  readonly dataSource: DataSource;
  /** supertest agent on the app's HTTP server. */
  http(): ReturnType<typeof request>;
  /** Sets the admin bearer token on a supertest request. */
  admin<T extends { set(name: string, value: string): T }>(req: T): T;
  close(): Promise<void>;
}

export async function startTestApp(
  engine: EngineName,
  overrides: Partial<AppConfig> = {},
  options: AppOptions = {},
): Promise<TestApp> {
  const database: TestDatabase = await createTestDatabase(engine);
  const config: AppConfig = {
    env: 'test',
    port: 0,
    host: '127.0.0.1',
    publicBaseUrl: TEST_PUBLIC_BASE_URL,
    dataDir: '/nonexistent',
    database: database.config,
    databaseConnectRetries: 0,
    adminTokens: [ADMIN_TOKEN],
    logLevel: process.env.TEST_LOG_LEVEL ?? 'silent',
    bodyLimit: DEFAULTS.bodyLimit,
    import: { maxBytes: DEFAULTS.importMaxBytes, maxRows: DEFAULTS.importMaxRows },
    scim: { tokenGraceHours: DEFAULTS.scimTokenGraceHours },
    trustProxy: false,
    rateLimits: { scimPerMinute: 0, adminPerMinute: 1_000_000 },
    provisioningLogRetentionDays: DEFAULTS.provisioningLogRetentionDays,
    ...overrides,
  };
  const app = await createManagerApp(config, options);
  const dataSource = app.get(DataSource);
  return {
    engine,
    config,
    app,
    dataSource,
    http: () => request(app.getHttpServer()),
    admin: (req) => req.set('Authorization', `Bearer ${ADMIN_TOKEN}`),
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}

/**
 * Declares the suite once per engine (SQLite always, PostgreSQL when TEST_DATABASE_URL is set),
 * each with its own app and database for the whole file.
 */
export function describeEachEngine(title: string, suite: (ctx: () => TestApp) => void, overrides: Partial<AppConfig> = {}): void {
  for (const engine of testEngines()) {
    describe(`${title} [${engine}]`, () => {
      let current: TestApp | undefined;
      beforeAll(async () => {
        current = await startTestApp(engine, overrides);
      });
      afterAll(async () => {
        await current?.close();
      });
      suite(() => {
        if (current === undefined) throw new Error('test app not started');
        return current;
      });
    });
  }
}
