import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../database/columns';

@Entity({ name: 'customers' })
export class Customer {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  /** While true, the customer's users and groups are managed by its identity provider only. */
  @Column({ name: 'scim_enabled', type: 'boolean', default: false })
  scimEnabled!: boolean;

  @TimestampColumn('created_at')
  createdAt!: Date;

  @TimestampColumn('updated_at')
  updatedAt!: Date;
}
