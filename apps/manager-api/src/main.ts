import 'reflect-metadata';
import { createManagerApp } from './app.factory';
import { ensureGeneratedAdminToken } from './common/auth/admin-token.file';
import { AppConfig, loadAppConfig } from './config/app-config';
import { ConfigError } from './config/config-error';

function configure(): AppConfig {
  const config = loadAppConfig(process.env);
  if (config.adminTokens.length > 0) return config;
  const { token, path } = ensureGeneratedAdminToken(config.dataDir);
  process.stdout.write(`No ADMIN_TOKENS set: the admin token is in ${path} (use: Authorization: Bearer $(cat ${path}))\n`);
  return { ...config, adminTokens: [token] };
}

async function bootstrap(): Promise<void> {
  let config: AppConfig;
  try {
    config = configure();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const line of error.problems) process.stderr.write(`Invalid configuration: ${line}\n`);
    process.exit(1);
  }
  const app = await createManagerApp(config);
  await app.listen(config.port, config.host);
  const where = config.database.engine === 'sqlite' ? `SQLite ${config.database.path}` : 'PostgreSQL';
  process.stdout.write(`Manager API listening on http://${config.host}:${config.port} (${where})\n`);
}

bootstrap().catch((error: unknown) => {
  process.stderr.write(`Start-up failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
