import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, MaxLength, Min } from 'class-validator';

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && value.trim() !== '' ? Number(value) : value;

const HTTP_URL = { protocols: ['http', 'https'], require_protocol: true, require_tld: false };

/** Every environment variable the app reads; `.env.example` documents the same list. */
export class EnvSchema {
  @IsOptional() @IsIn(['development', 'production', 'test'])
  NODE_ENV?: 'development' | 'production' | 'test';

  @IsOptional() @Transform(toInt) @IsInt() @Min(0) @Max(65535)
  PORT?: number;

  @IsOptional() @IsString() @MaxLength(255)
  HOST?: string;

  @IsOptional() @IsString()
  DATABASE_URL?: string;

  @IsOptional() @IsString() @MaxLength(4096)
  ADMIN_TOKENS?: string;

  @IsOptional() @IsString()
  DATA_DIR?: string;

  @IsOptional() @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL?: string;

  @IsOptional() @Matches(/^\d+(kb|mb)?$/i, { message: 'BODY_LIMIT must look like 512kb or 1mb' })
  BODY_LIMIT?: string;

  @IsOptional() @Transform(toInt) @IsInt() @Min(1024) @Max(100 * 1024 * 1024)
  IMPORT_MAX_BYTES?: number;

  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(1_000_000)
  IMPORT_MAX_ROWS?: number;

  @IsOptional() @Transform(toInt) @IsInt() @Min(0) @Max(100)
  DATABASE_CONNECT_RETRIES?: number;

  /** http(s), no trailing slash, no query: SCIM base URLs are built by appending to it. */
  @IsOptional() @IsUrl(HTTP_URL, { message: 'PUBLIC_BASE_URL must be an http(s) URL, e.g. https://manager.example.com' })
  @Matches(/^[^?#]*[^/?#]$/, { message: 'PUBLIC_BASE_URL must not end with a slash or carry a query or fragment' })
  PUBLIC_BASE_URL?: string;

  /** Hours a rotated-out SCIM token keeps working, so the IdP admin can paste the new one without an outage. */
  @IsOptional() @Transform(toInt) @IsInt() @Min(0) @Max(720)
  SCIM_TOKEN_GRACE_HOURS?: number;

  /** JWKS of Entra-issued provisioning tokens; `off` disables them. */
  @IsOptional() @Matches(/^(off|https?:\/\/\S+)$/, { message: 'ENTRA_JWKS_URL must be an http(s) URL or off' })
  ENTRA_JWKS_URL?: string;

  /** Express `trust proxy`: `false` (default), `true`, a hop count, or comma-separated proxy addresses/CIDRs. */
  @IsOptional() @IsString() @MaxLength(1000)
  TRUST_PROXY?: string;

  /** Days the provisioning log keeps its events. */
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(3650)
  PROVISIONING_LOG_RETENTION_DAYS?: number;

  /** SCIM requests per connection and minute before 429 (0: no limit). Entra needs at least 25 per second. */
  @IsOptional() @Transform(toInt) @IsInt() @Min(0) @Max(10_000_000)
  RATE_LIMIT_SCIM_PER_MINUTE?: number;

  /** Admin API requests per client address and minute before 429. */
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(10_000_000)
  RATE_LIMIT_ADMIN_PER_MINUTE?: number;

  /** Redis for rate-limit counters shared by several app instances; absent: counted per process. */
  @IsOptional() @Matches(/^rediss?:\/\/\S+$/, { message: 'REDIS_URL must look like redis://host:6379' })
  REDIS_URL?: string;
}
