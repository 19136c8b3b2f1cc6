import { Column, Entity, PrimaryColumn, VersionColumn } from 'typeorm';
import { TimestampColumn } from '../database/columns';
import { UserSource } from '../users/user.entity';

/** A user group of a customer; trainings and simulations target groups. */
@Entity({ name: 'user_groups' })
export class Group {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'customer_id', type: 'varchar', length: 36 })
  customerId!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ name: 'name_key', type: 'varchar', length: 200 })
  nameKey!: string;

  @Column({ name: 'external_id', type: 'varchar', length: 255, nullable: true })
  externalId!: string | null;

  @Column({ type: 'varchar', length: 16 })
  source!: UserSource;

  @TimestampColumn('created_at')
  createdAt!: Date;

  @TimestampColumn('updated_at')
  updatedAt!: Date;

  @VersionColumn({ type: 'integer' })
  version!: number;
}
