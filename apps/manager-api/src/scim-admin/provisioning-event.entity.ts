import { Column, Entity, PrimaryColumn, ValueTransformer } from 'typeorm';
import { TimestampColumn } from '../database/columns';

const jsonNames: ValueTransformer = {
  to: (names: readonly string[]) => JSON.stringify(names),
  from: (text: string | null) => (text === null ? [] : (JSON.parse(text) as string[])),
};

/** One SCIM request in the provisioning log: what happened and to which resource, never values or tokens. */
@Entity({ name: 'provisioning_events' })
export class ProvisioningEvent {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'customer_id', type: 'varchar', length: 36 })
  customerId!: string;

  @Column({ name: 'connection_id', type: 'varchar', length: 36, nullable: true })
  connectionId!: string | null;

  @TimestampColumn('at')
  at!: Date;

  @Column({ name: 'request_id', type: 'varchar', length: 64, nullable: true })
  requestId!: string | null;

  @Column({ type: 'varchar', length: 8 })
  method!: string;

  @Column({ name: 'resource_type', type: 'varchar', length: 8, nullable: true })
  resourceType!: string | null;

  @Column({ name: 'resource_id', type: 'varchar', length: 36, nullable: true })
  resourceId!: string | null;

  @Column({ type: 'varchar', length: 24, nullable: true })
  action!: string | null;

  /** Names of the changed attributes (a JSON array in a text column). */
  @Column({ name: 'changed_attributes', type: 'text', transformer: jsonNames })
  changedAttributes!: string[];

  /** Ids of the IdP dialect rules the request needed (a JSON array in a text column). */
  @Column({ name: 'dialect_rules', type: 'text', nullable: true, transformer: jsonNames })
  dialectRules!: string[];

  @Column({ type: 'integer' })
  status!: number;

  @Column({ name: 'scim_type', type: 'varchar', length: 24, nullable: true })
  scimType!: string | null;

  @Column({ name: 'duration_ms', type: 'integer' })
  durationMs!: number;
}
