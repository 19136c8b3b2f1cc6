import { Entity, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../database/columns';

/** One membership row; member changes insert or delete rows, never rewrite a list. */
@Entity({ name: 'group_members' })
export class GroupMember {
  @PrimaryColumn({ name: 'group_id', type: 'varchar', length: 36 })
  groupId!: string;

  @PrimaryColumn({ name: 'user_id', type: 'varchar', length: 36 })
  userId!: string;

  @TimestampColumn('created_at')
  createdAt!: Date;
}
