import { MigrationInterface, QueryRunner, Table, TableColumn, TableForeignKey, TableIndex } from 'typeorm';
import { idColumn, timestamp, varchar } from './migration-types';

/** Source-IP allowlists of SCIM connections, and the audit trail of admin actions on connections. */
export class ScimTokenLifecycle1764403700000 implements MigrationInterface {
  name = 'ScimTokenLifecycle1764403700000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('scim_connections', new TableColumn({ name: 'allowed_source_ips', type: 'text', isNullable: true }));
    await queryRunner.createTable(
      new Table({
        name: 'scim_admin_actions',
        columns: [
          idColumn(),
          varchar('customer_id', 36),
          varchar('connection_id', 36, true),
          varchar('action', 24),
          varchar('actor', 64),
          timestamp(queryRunner, 'at'),
          varchar('detail', 200, true),
        ],
        foreignKeys: [
          new TableForeignKey({
            columnNames: ['customer_id'],
            referencedTableName: 'customers',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
        ],
        indices: [new TableIndex({ name: 'ix_scim_admin_actions_customer_at', columnNames: ['customer_id', 'at'] })],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('scim_admin_actions');
    await queryRunner.dropColumn('scim_connections', 'allowed_source_ips');
  }
}
