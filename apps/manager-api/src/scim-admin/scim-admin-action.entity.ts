import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../database/columns';

export const SCIM_ADMIN_ACTIONS = ['enable', 'update', 'rotate', 'revoke-previous', 'disable'] as const;
export type ScimAdminActionName = (typeof SCIM_ADMIN_ACTIONS)[number];

/** Who did what to a customer's SCIM connection, and when (never a token or its hash). */
@Entity({ name: 'scim_admin_actions' })
export class ScimAdminAction {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'customer_id', type: 'varchar', length: 36 })
  customerId!: string;

  @Column({ name: 'connection_id', type: 'varchar', length: 36, nullable: true })
  connectionId!: string | null;

  @Column({ type: 'varchar', length: 24 })
  action!: ScimAdminActionName;

  /** The admin, as `admin:<first 12 hex of the SHA-256 of its token>` (never the token). */
  @Column({ type: 'varchar', length: 64 })
  actor!: string;

  @TimestampColumn('at')
  at!: Date;

  @Column({ type: 'varchar', length: 200, nullable: true })
  detail!: string | null;
}
