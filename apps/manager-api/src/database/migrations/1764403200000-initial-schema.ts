import { MigrationInterface, QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';
import { idColumn, timestamp, varchar } from './migration-types';

/** Customers, users, groups and memberships. Uniqueness is enforced on app-computed `*_key` columns. */
export class InitialSchema1764403200000 implements MigrationInterface {
  name = 'InitialSchema1764403200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'customers',
        columns: [
          idColumn(),
          varchar('name', 200),
          { name: 'scim_enabled', type: 'boolean', default: false },
          timestamp(queryRunner, 'created_at'),
          timestamp(queryRunner, 'updated_at'),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'users',
        columns: [
          idColumn(),
          varchar('customer_id', 36),
          varchar('email', 254),
          varchar('email_key', 254),
          varchar('first_name', 100),
          varchar('last_name', 100),
          varchar('name_key', 201),
          varchar('gender', 16, true),
          varchar('academic_title', 64, true),
          varchar('language', 35, true),
          varchar('department', 200, true),
          { name: 'active', type: 'boolean', default: true },
          varchar('source', 16),
          varchar('external_id', 255, true),
          varchar('scim_user_name', 255, true),
          varchar('scim_user_name_key', 255, true),
          timestamp(queryRunner, 'created_at'),
          timestamp(queryRunner, 'updated_at'),
          timestamp(queryRunner, 'deactivated_at', true),
          { name: 'version', type: 'integer' },
        ],
        foreignKeys: [customerForeignKey()],
        indices: [
          new TableIndex({ name: 'uq_users_customer_email', columnNames: ['customer_id', 'email_key'], isUnique: true }),
          new TableIndex({
            name: 'uq_users_customer_user_name',
            columnNames: ['customer_id', 'scim_user_name_key'],
            isUnique: true,
          }),
          new TableIndex({ name: 'ix_users_customer_external_id', columnNames: ['customer_id', 'external_id'] }),
          new TableIndex({ name: 'ix_users_customer_name', columnNames: ['customer_id', 'name_key'] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'user_groups',
        columns: [
          idColumn(),
          varchar('customer_id', 36),
          varchar('name', 200),
          varchar('name_key', 200),
          varchar('external_id', 255, true),
          varchar('source', 16),
          timestamp(queryRunner, 'created_at'),
          timestamp(queryRunner, 'updated_at'),
          { name: 'version', type: 'integer' },
        ],
        foreignKeys: [customerForeignKey()],
        indices: [
          new TableIndex({ name: 'uq_groups_customer_name', columnNames: ['customer_id', 'name_key'], isUnique: true }),
          new TableIndex({ name: 'ix_groups_customer_external_id', columnNames: ['customer_id', 'external_id'] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'group_members',
        columns: [
          { ...idColumn('group_id') },
          { ...idColumn('user_id') },
          timestamp(queryRunner, 'created_at'),
        ],
        foreignKeys: [
          new TableForeignKey({
            columnNames: ['group_id'],
            referencedTableName: 'user_groups',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
          new TableForeignKey({
            columnNames: ['user_id'],
            referencedTableName: 'users',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
        ],
        indices: [new TableIndex({ name: 'ix_group_members_user', columnNames: ['user_id'] })],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('group_members');
    await queryRunner.dropTable('user_groups');
    await queryRunner.dropTable('users');
    await queryRunner.dropTable('customers');
  }
}

function customerForeignKey(): TableForeignKey {
  return new TableForeignKey({
    columnNames: ['customer_id'],
    referencedTableName: 'customers',
    referencedColumnNames: ['id'],
    onDelete: 'CASCADE',
  });
}
