import { Column, Entity, PrimaryColumn, VersionColumn } from 'typeorm';
import { TimestampColumn } from '../database/columns';

export const GENDERS = ['female', 'male', 'diverse', 'unspecified'] as const;
export type Gender = (typeof GENDERS)[number];

export const USER_SOURCES = ['manual', 'import', 'scim'] as const;
export type UserSource = (typeof USER_SOURCES)[number];

/** A member of a customer's staff. `*Key` columns hold the NFC + lower-cased copy that uniqueness rests on. */
@Entity({ name: 'users' })
export class User {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'customer_id', type: 'varchar', length: 36 })
  customerId!: string;

  @Column({ type: 'varchar', length: 254 })
  email!: string;

  @Column({ name: 'email_key', type: 'varchar', length: 254 })
  emailKey!: string;

  @Column({ name: 'first_name', type: 'varchar', length: 100 })
  firstName!: string;

  @Column({ name: 'last_name', type: 'varchar', length: 100 })
  lastName!: string;

  /** Lower-cased "first last", for the admin search. */
  @Column({ name: 'name_key', type: 'varchar', length: 201 })
  nameKey!: string;

  @Column({ type: 'varchar', length: 16, nullable: true })
  gender!: Gender | null;

  @Column({ name: 'academic_title', type: 'varchar', length: 64, nullable: true })
  academicTitle!: string | null;

  @Column({ type: 'varchar', length: 35, nullable: true })
  language!: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  department!: string | null;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Column({ type: 'varchar', length: 16 })
  source!: UserSource;

  @Column({ name: 'external_id', type: 'varchar', length: 255, nullable: true })
  externalId!: string | null;

  @Column({ name: 'scim_user_name', type: 'varchar', length: 255, nullable: true })
  scimUserName!: string | null;

  @Column({ name: 'scim_user_name_key', type: 'varchar', length: 255, nullable: true })
  scimUserNameKey!: string | null;

  @TimestampColumn('created_at')
  createdAt!: Date;

  @TimestampColumn('updated_at')
  updatedAt!: Date;

  @TimestampColumn('deactivated_at', { nullable: true })
  deactivatedAt!: Date | null;

  @VersionColumn({ type: 'integer' })
  version!: number;
}
