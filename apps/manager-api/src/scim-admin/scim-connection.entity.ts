import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../database/columns';

export const SCIM_PROVIDERS = ['entra', 'okta'] as const;
export type ScimProvider = (typeof SCIM_PROVIDERS)[number];

export const SCIM_PROFILES = ['entra', 'okta', 'strict'] as const;
export type ScimProfile = (typeof SCIM_PROFILES)[number];

/** A customer's link to its identity provider; at most one per customer (unique index on customer_id). */
@Entity({ name: 'scim_connections' })
export class ScimConnection {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'customer_id', type: 'varchar', length: 36 })
  customerId!: string;

  @Column({ type: 'varchar', length: 16 })
  provider!: ScimProvider;

  /** Which IdP deviations are tolerated; `null`: the provider's own. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  profile!: ScimProfile | null;

  /** CIDRs SCIM requests must come from (a JSON array in a text column); empty: any address. */
  @Column({
    name: 'allowed_source_ips',
    type: 'text',
    nullable: true,
    transformer: {
      to: (cidrs: readonly string[] | undefined) => (cidrs === undefined || cidrs.length === 0 ? null : JSON.stringify(cidrs)),
      from: (text: string | null) => (text === null ? [] : (JSON.parse(text) as string[])),
    },
  })
  allowedSourceIps!: string[];

  /** The IdP's tenant, once known; a request proving another tenant is refused. */
  @Column({ name: 'idp_tenant_id', type: 'varchar', length: 64, nullable: true })
  idpTenantId!: string | null;

  @Column({ type: 'boolean' })
  enabled!: boolean;

  @TimestampColumn('created_at')
  createdAt!: Date;

  @TimestampColumn('updated_at')
  updatedAt!: Date;

  @TimestampColumn('last_request_at', { nullable: true })
  lastRequestAt!: Date | null;
}
