import { join } from 'node:path';
import { loadAppConfig } from './app-config';
import { ConfigError } from './config-error';
import { parseDatabaseUrl } from './database-url';

describe(parseDatabaseUrl.name, () => {
  it.each([
    [undefined, { engine: 'sqlite', path: '/data/manager.sqlite' }],
    ['', { engine: 'sqlite', path: '/data/manager.sqlite' }],
    ['sqlite:/tmp/x.sqlite', { engine: 'sqlite', path: '/tmp/x.sqlite' }],
    ['sqlite:///tmp/x.sqlite', { engine: 'sqlite', path: '/tmp/x.sqlite' }],
    ['sqlite:rel/x.sqlite', { engine: 'sqlite', path: join(process.cwd(), 'rel/x.sqlite') }],
    ['postgres://u@h:5432/db', { engine: 'postgres', url: 'postgres://u@h:5432/db' }],
    ['postgresql://u:p@h/db', { engine: 'postgres', url: 'postgresql://u:p@h/db' }],
  ])('reads %s', (url, expected) => expect(parseDatabaseUrl(url, '/data')).toEqual(expected));

  it.each(['mysql://u@h/db', 'sqlite:', 'postgres://', 'nonsense'])('rejects %s with one line', (url) => {
    expect(() => parseDatabaseUrl(url, '/data')).toThrow(ConfigError);
    try {
      parseDatabaseUrl(url, '/data');
    } catch (error) {
      expect((error as ConfigError).problems).toHaveLength(1);
      expect((error as ConfigError).problems[0]).toMatch(/^DATABASE_URL: /);
    }
  });
});

describe(loadAppConfig.name, () => {
  const token = 'a'.repeat(40);

  it('applies the defaults', () => {
    const config = loadAppConfig({});
    expect(config).toMatchObject({ env: 'development', port: 3000, adminTokens: [], database: { engine: 'sqlite' } });
    expect(config.publicBaseUrl).toBe('http://localhost:3000');
    expect(loadAppConfig({ PORT: '8080' }).publicBaseUrl).toBe('http://localhost:8080');
    expect(config.import).toEqual({ maxBytes: 5 * 1024 * 1024, maxRows: 10_000 });
    expect(config.provisioningLogRetentionDays).toBe(90);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('reads every variable', () => {
    const config = loadAppConfig({
      NODE_ENV: 'production',
      PORT: '8080',
      HOST: '127.0.0.1',
      DATABASE_URL: 'postgres://u@h/db',
      ADMIN_TOKENS: ` ${token} , ${'b'.repeat(32)} `,
      DATA_DIR: '/var/lib/manager',
      LOG_LEVEL: 'warn',
      BODY_LIMIT: '2mb',
      IMPORT_MAX_BYTES: '2048',
      IMPORT_MAX_ROWS: '7',
      DATABASE_CONNECT_RETRIES: '0',
      PUBLIC_BASE_URL: 'https://manager.example.com/admin',
      PROVISIONING_LOG_RETENTION_DAYS: '30',
      SCIM_TOKEN_GRACE_HOURS: '24',
      ENTRA_JWKS_URL: 'off',
      TRUST_PROXY: '1',
      RATE_LIMIT_SCIM_PER_MINUTE: '0',
      RATE_LIMIT_ADMIN_PER_MINUTE: '120',
      REDIS_URL: 'redis://cache:6379',
    });
    expect(config).toEqual({
      env: 'production',
      port: 8080,
      host: '127.0.0.1',
      publicBaseUrl: 'https://manager.example.com/admin',
      dataDir: '/var/lib/manager',
      database: { engine: 'postgres', url: 'postgres://u@h/db' },
      databaseConnectRetries: 0,
      adminTokens: [token, 'b'.repeat(32)],
      logLevel: 'warn',
      bodyLimit: '2mb',
      import: { maxBytes: 2048, maxRows: 7 },
      scim: { tokenGraceHours: 24 },
      trustProxy: 1,
      rateLimits: { scimPerMinute: 0, adminPerMinute: 120 },
      redisUrl: 'redis://cache:6379',
      provisioningLogRetentionDays: 30,
    });
  });

  it('lists every bad variable', () => {
    expect.assertions(1);
    try {
      loadAppConfig({ PORT: 'abc', LOG_LEVEL: 'loud', NODE_ENV: 'staging', PUBLIC_BASE_URL: 'ftp://example.com' });
    } catch (error) {
      expect((error as ConfigError).problems.map((p) => p.split(':')[0]).sort()).toEqual([
        'LOG_LEVEL',
        'NODE_ENV',
        'PORT',
        'PUBLIC_BASE_URL',
      ]);
    }
  });

  it.each(['https://manager.example.com/', 'https://manager.example.com?x=1', 'manager.example.com', ''])(
    'refuses PUBLIC_BASE_URL %j',
    (url) => expect(() => loadAppConfig({ PUBLIC_BASE_URL: url })).toThrow(/^PUBLIC_BASE_URL: /),
  );

  it.each(['0', '3651', '1.5', 'forever'])('refuses PROVISIONING_LOG_RETENTION_DAYS %j', (days) =>
    expect(() => loadAppConfig({ PROVISIONING_LOG_RETENTION_DAYS: days })).toThrow(/^PROVISIONING_LOG_RETENTION_DAYS: /),
  );

  it('refuses production without admin tokens, and short admin tokens anywhere', () => {
    expect(() => loadAppConfig({ NODE_ENV: 'production' })).toThrow(/ADMIN_TOKENS: required in production/);
    expect(() => loadAppConfig({ ADMIN_TOKENS: 'short' })).toThrow(/at least 32 characters/);
  });
});
