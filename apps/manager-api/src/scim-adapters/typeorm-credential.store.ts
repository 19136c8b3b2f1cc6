import { ScimCredentialStore } from '@app/scim/ports/credential-store';
import { ScimConnectionContext, tenantId } from '@app/scim/ports/tenant';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { timingSafeEqual } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Clock, CLOCK } from '../common/clock';
import { ScimUsageRecorder } from './scim-usage.recorder';
import { unavailableMapped } from './typeorm-transaction.runner';

const SHA256_HEX = /^[0-9a-f]{64}$/;

const CONNECTION_COLUMNS = `c.id AS connection_id, c.customer_id AS customer_id, c.provider AS provider,
  c.profile AS profile, c.allowed_source_ips AS allowed_source_ips`;

// One indexed lookup (uq_scim_tokens_hash) joined to the connection; runs on every SCIM request.
const FIND_TOKEN = `
  SELECT t.id AS token_id, t.token_hash AS token_hash, t.revoked_at AS revoked_at, t.expires_at AS expires_at,
    c.enabled AS enabled, ${CONNECTION_COLUMNS}
  FROM scim_tokens t
  INNER JOIN scim_connections c ON c.id = t.connection_id
  WHERE t.token_hash = :tokenHash`;

const FIND_BY_IDP_TENANT = `
  SELECT ${CONNECTION_COLUMNS} FROM scim_connections c
  WHERE c.provider = :provider AND c.idp_tenant_id = :idpTenantId AND c.enabled = :enabled`;

interface ConnectionRow {
  readonly connection_id: string;
  readonly customer_id: string;
  readonly provider: string;
  readonly profile: string | null;
  readonly allowed_source_ips: string | null;
}

interface TokenRow extends ConnectionRow {
  readonly token_id: string;
  readonly token_hash: string;
  readonly revoked_at: unknown;
  readonly expires_at: unknown;
  readonly enabled: unknown;
}

/** SCIM bearer token (as its SHA-256 hex digest) → the connection and customer it belongs to. */
@Injectable()
export class TypeOrmCredentialStore implements ScimCredentialStore {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly usage: ScimUsageRecorder,
  ) {}

  async findByTokenHash(tokenHash: string): Promise<ScimConnectionContext | null> {
    const row = await this.tokenRow(tokenHash);
    if (row === undefined || this.refusal(row) !== undefined) return null;
    this.usage.noteUse(row.token_id, row.connection_id);
    return contextOf(row);
  }

  async findRejectedToken(tokenHash: string): Promise<{ connection: ScimConnectionContext; reason: string } | null> {
    const row = await this.tokenRow(tokenHash);
    const reason = row === undefined ? undefined : this.refusal(row);
    return row === undefined || reason === undefined ? null : { connection: contextOf(row), reason };
  }

  async findByIdpTenant(provider: string, idpTenantId: string): Promise<ScimConnectionContext | null> {
    const rows = (await this.query(FIND_BY_IDP_TENANT, { provider, idpTenantId: idpTenantId.toLowerCase(), enabled: true })) as ConnectionRow[];
    return rows.length === 1 ? contextOf(rows[0]!) : null;
  }

  private async tokenRow(tokenHash: string): Promise<TokenRow | undefined> {
    if (!SHA256_HEX.test(tokenHash)) return undefined;
    const rows = (await this.query(FIND_TOKEN, { tokenHash })) as TokenRow[];
    const row = rows[0];
    return row !== undefined && sameHash(row.token_hash, tokenHash) ? row : undefined;
  }

  /** Why a found token does not work now, or `undefined` when it does. */
  private refusal(row: TokenRow): string | undefined {
    if (row.revoked_at !== null) return 'revoked';
    if (!truthy(row.enabled)) return 'disabled';
    if (row.expires_at !== null && dateOf(row.expires_at) <= this.clock.now()) return 'expired';
    return undefined;
  }

  private query(sql: string, parameters: Record<string, unknown>): Promise<unknown[]> {
    const [escaped, values] = this.dataSource.driver.escapeQueryWithParameters(sql, parameters);
    return unavailableMapped(() => this.dataSource.query(escaped, values));
  }
}

function contextOf(row: ConnectionRow): ScimConnectionContext {
  return {
    tenant: tenantId(row.customer_id),
    connectionId: row.connection_id,
    provider: row.provider,
    profile: row.profile,
    allowedSourceIps: row.allowed_source_ips === null ? [] : (JSON.parse(row.allowed_source_ips) as string[]),
  };
}

/** SQLite returns booleans as 0/1 and dates as UTC text; PostgreSQL as booleans and Dates. */
const truthy = (value: unknown): boolean => value === true || value === 1 || value === '1';
const dateOf = (value: unknown): Date =>
  value instanceof Date ? value : new Date(`${String(value).replace(' ', 'T')}${String(value).endsWith('Z') ? '' : 'Z'}`);

/** Defence in depth: the index found the row, the digests are compared again in constant time. */
function sameHash(stored: string, presented: string): boolean {
  const a = Buffer.from(stored, 'hex');
  const b = Buffer.from(presented, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
