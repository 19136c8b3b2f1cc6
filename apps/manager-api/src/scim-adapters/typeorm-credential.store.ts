import { ScimCredentialStore } from '@app/scim/ports/credential-store';
import { ScimConnectionContext, tenantId } from '@app/scim/ports/tenant';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { timingSafeEqual } from 'node:crypto';
import { DataSource } from 'typeorm';

const SHA256_HEX = /^[0-9a-f]{64}$/;

// One indexed lookup (uq_scim_tokens_hash) joined to the connection; runs on every SCIM request.
const FIND_ACTIVE_TOKEN = `
  SELECT t.token_hash AS token_hash, c.id AS connection_id, c.customer_id AS customer_id, c.provider AS provider, c.profile AS profile
  FROM scim_tokens t
  INNER JOIN scim_connections c ON c.id = t.connection_id
  WHERE t.token_hash = :tokenHash AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > :now)
    AND c.enabled = :enabled`;

interface ActiveTokenRow {
  readonly token_hash: string;
  readonly connection_id: string;
  readonly customer_id: string;
  readonly provider: string;
  readonly profile: string | null;
}

/** SCIM bearer token (as its SHA-256 hex digest) → the connection and customer it belongs to. Read-only. */
@Injectable()
export class TypeOrmCredentialStore implements ScimCredentialStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async findByTokenHash(tokenHash: string): Promise<ScimConnectionContext | null> {
    if (!SHA256_HEX.test(tokenHash)) return null;
    const [sql, parameters] = this.dataSource.driver.escapeQueryWithParameters(FIND_ACTIVE_TOKEN, {
      tokenHash,
      now: new Date(),
      enabled: true,
    });
    const rows = (await this.dataSource.query(sql, parameters)) as ActiveTokenRow[];
    const row = rows[0];
    if (row === undefined || !sameHash(row.token_hash, tokenHash)) return null;
    return { tenant: tenantId(row.customer_id), connectionId: row.connection_id, provider: row.provider, profile: row.profile };
  }
}

/** Defence in depth: the index found the row, the digests are compared again in constant time. */
function sameHash(stored: string, presented: string): boolean {
  const a = Buffer.from(stored, 'hex');
  const b = Buffer.from(presented, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
