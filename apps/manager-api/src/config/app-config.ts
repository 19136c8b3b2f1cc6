import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { isAbsolute, join } from 'node:path';
import { ConfigError } from './config-error';
import { DatabaseConfig, parseDatabaseUrl } from './database-url';
import { EnvSchema } from './env.schema';

export const APP_CONFIG = Symbol('APP_CONFIG');

/** The validated, typed configuration; built once at start from the environment. */
export interface AppConfig {
  readonly env: 'development' | 'production' | 'test';
  readonly port: number;
  readonly host: string;
  /** Where clients reach this app, without trailing slash; SCIM base URLs handed to admins start with it. */
  readonly publicBaseUrl: string;
  readonly dataDir: string;
  readonly database: DatabaseConfig;
  readonly databaseConnectRetries: number;
  /** Empty means: generate one at start (outside production). */
  readonly adminTokens: readonly string[];
  readonly logLevel: string;
  readonly bodyLimit: string;
  readonly import: { readonly maxBytes: number; readonly maxRows: number };
  readonly scim: {
    readonly tokenGraceHours: number;
    /** `undefined`: Entra-issued JWTs are not accepted. */
    readonly entraJwksUrl?: string;
  };
  /** Express `trust proxy` (decides the client address used by the SCIM source-IP allowlist). */
  readonly trustProxy: boolean | number | string;
  readonly rateLimits: { readonly scimPerMinute: number; readonly adminPerMinute: number };
  /** Shared rate-limit counters; `undefined`: in process. */
  readonly redisUrl?: string;
  /** Provisioning events older than this many days are deleted. */
  readonly provisioningLogRetentionDays: number;
}

export const DEFAULTS = {
  port: 3000,
  host: '0.0.0.0',
  dataDir: './data',
  logLevel: 'info',
  bodyLimit: '1mb',
  importMaxBytes: 5 * 1024 * 1024,
  importMaxRows: 10_000,
  databaseConnectRetries: 3,
  scimTokenGraceHours: 72,
  entraJwksUrl: 'https://login.microsoftonline.com/common/discovery/keys',
  provisioningLogRetentionDays: 90,
  rateLimitScimPerMinute: 12_000,
  rateLimitAdminPerMinute: 600,
} as const;

function trustProxyOf(value: string | undefined): boolean | number | string {
  if (value === undefined || value.trim() === '' || value.trim() === 'false') return false;
  if (value.trim() === 'true') return true;
  return /^\d+$/.test(value.trim()) ? Number(value.trim()) : value.trim();
}

/** The only reader of `process.env`. Throws ConfigError listing every bad variable. */
export function loadAppConfig(env: NodeJS.ProcessEnv): AppConfig {
  const parsed = plainToInstance(EnvSchema, { ...env });
  const errors = validateSync(parsed, { skipMissingProperties: false, forbidUnknownValues: false });
  if (errors.length > 0) {
    throw new ConfigError(
      errors.map((e) => `${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`),
    );
  }
  const dataDirRaw = parsed.DATA_DIR ?? DEFAULTS.dataDir;
  const dataDir = isAbsolute(dataDirRaw) ? dataDirRaw : join(process.cwd(), dataDirRaw);
  const appEnv = parsed.NODE_ENV ?? 'development';
  const adminTokens = (parsed.ADMIN_TOKENS ?? '').split(',').map((t) => t.trim()).filter((t) => t !== '');
  const short = adminTokens.find((t) => t.length < 32);
  if (short !== undefined) throw new ConfigError(['ADMIN_TOKENS: every token must be at least 32 characters']);
  if (appEnv === 'production' && adminTokens.length === 0) {
    throw new ConfigError(['ADMIN_TOKENS: required in production (comma-separated, at least 32 characters each)']);
  }
  const port = parsed.PORT ?? DEFAULTS.port;
  return Object.freeze({
    env: appEnv,
    port,
    host: parsed.HOST ?? DEFAULTS.host,
    publicBaseUrl: parsed.PUBLIC_BASE_URL ?? `http://localhost:${port}`,
    dataDir,
    database: parseDatabaseUrl(parsed.DATABASE_URL, dataDir),
    databaseConnectRetries: parsed.DATABASE_CONNECT_RETRIES ?? DEFAULTS.databaseConnectRetries,
    adminTokens: Object.freeze(adminTokens),
    logLevel: parsed.LOG_LEVEL ?? DEFAULTS.logLevel,
    bodyLimit: parsed.BODY_LIMIT ?? DEFAULTS.bodyLimit,
    import: Object.freeze({
      maxBytes: parsed.IMPORT_MAX_BYTES ?? DEFAULTS.importMaxBytes,
      maxRows: parsed.IMPORT_MAX_ROWS ?? DEFAULTS.importMaxRows,
    }),
    scim: Object.freeze({
      tokenGraceHours: parsed.SCIM_TOKEN_GRACE_HOURS ?? DEFAULTS.scimTokenGraceHours,
      entraJwksUrl: parsed.ENTRA_JWKS_URL === 'off' ? undefined : (parsed.ENTRA_JWKS_URL ?? DEFAULTS.entraJwksUrl),
    }),
    trustProxy: trustProxyOf(parsed.TRUST_PROXY),
    rateLimits: Object.freeze({
      scimPerMinute: parsed.RATE_LIMIT_SCIM_PER_MINUTE ?? DEFAULTS.rateLimitScimPerMinute,
      adminPerMinute: parsed.RATE_LIMIT_ADMIN_PER_MINUTE ?? DEFAULTS.rateLimitAdminPerMinute,
    }),
    ...(parsed.REDIS_URL === undefined ? {} : { redisUrl: parsed.REDIS_URL }),
    provisioningLogRetentionDays: parsed.PROVISIONING_LOG_RETENTION_DAYS ?? DEFAULTS.provisioningLogRetentionDays,
  });
}
