import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

const TABLE = 'provisioning_events';

/**
 * The provisioning log's reads: admin pages newest first by (at, id) — the new index replaces its prefix
 * (customer_id, at); the setup doctor's counts by status in a time window; retention deletes by age alone.
 */
export class ProvisioningLogIndexes1764403800000 implements MigrationInterface {
  name = 'ProvisioningLogIndexes1764403800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex(
      TABLE,
      new TableIndex({ name: 'ix_provisioning_events_customer_at_id', columnNames: ['customer_id', 'at', 'id'] }),
    );
    await queryRunner.dropIndex(TABLE, 'ix_provisioning_events_customer_at');
    await queryRunner.createIndex(
      TABLE,
      new TableIndex({ name: 'ix_provisioning_events_customer_status_at', columnNames: ['customer_id', 'status', 'at'] }),
    );
    await queryRunner.createIndex(TABLE, new TableIndex({ name: 'ix_provisioning_events_at', columnNames: ['at'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex(TABLE, 'ix_provisioning_events_at');
    await queryRunner.dropIndex(TABLE, 'ix_provisioning_events_customer_status_at');
    await queryRunner.createIndex(
      TABLE,
      new TableIndex({ name: 'ix_provisioning_events_customer_at', columnNames: ['customer_id', 'at'] }),
    );
    await queryRunner.dropIndex(TABLE, 'ix_provisioning_events_customer_at_id');
  }
}
