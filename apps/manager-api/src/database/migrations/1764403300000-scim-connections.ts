import { MigrationInterface, QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';
import { idColumn, timestamp, varchar } from './migration-types';

/** SCIM connections (one per customer, DB-enforced), their hashed tokens, and the provisioning log. */
export class ScimConnections1764403300000 implements MigrationInterface {
  name = 'ScimConnections1764403300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'scim_connections',
        columns: [
          idColumn(),
          varchar('customer_id', 36),
          varchar('provider', 16),
          varchar('idp_tenant_id', 64, true),
          { name: 'enabled', type: 'boolean' },
          timestamp(queryRunner, 'created_at'),
          timestamp(queryRunner, 'updated_at'),
          timestamp(queryRunner, 'last_request_at', true),
        ],
        foreignKeys: [cascadeTo('customer_id', 'customers')],
        indices: [new TableIndex({ name: 'uq_scim_connections_customer', columnNames: ['customer_id'], isUnique: true })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'scim_tokens',
        columns: [
          idColumn(),
          varchar('connection_id', 36),
          varchar('token_hash', 64),
          varchar('prefix', 16),
          timestamp(queryRunner, 'created_at'),
          timestamp(queryRunner, 'last_used_at', true),
          timestamp(queryRunner, 'expires_at', true),
          timestamp(queryRunner, 'revoked_at', true),
        ],
        foreignKeys: [cascadeTo('connection_id', 'scim_connections')],
        indices: [
          new TableIndex({ name: 'uq_scim_tokens_hash', columnNames: ['token_hash'], isUnique: true }),
          new TableIndex({ name: 'ix_scim_tokens_connection', columnNames: ['connection_id'] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'provisioning_events',
        columns: [
          idColumn(),
          varchar('customer_id', 36),
          varchar('connection_id', 36, true),
          timestamp(queryRunner, 'at'),
          varchar('request_id', 64, true),
          varchar('method', 8),
          varchar('resource_type', 8, true),
          varchar('resource_id', 36, true),
          varchar('action', 24, true),
          { name: 'changed_attributes', type: 'text' },
          { name: 'status', type: 'integer' },
          varchar('scim_type', 24, true),
          { name: 'duration_ms', type: 'integer' },
        ],
        foreignKeys: [cascadeTo('customer_id', 'customers')],
        indices: [new TableIndex({ name: 'ix_provisioning_events_customer_at', columnNames: ['customer_id', 'at'] })],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('provisioning_events');
    await queryRunner.dropTable('scim_tokens');
    await queryRunner.dropTable('scim_connections');
  }
}

function cascadeTo(column: string, table: string): TableForeignKey {
  return new TableForeignKey({
    columnNames: [column],
    referencedTableName: table,
    referencedColumnNames: ['id'],
    onDelete: 'CASCADE',
  });
}
