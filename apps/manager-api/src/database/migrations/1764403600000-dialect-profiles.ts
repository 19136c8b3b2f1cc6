import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/** Per-connection dialect profile (entra, okta, strict) and the dialect rules each logged request needed. */
export class DialectProfiles1764403600000 implements MigrationInterface {
  name = 'DialectProfiles1764403600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('scim_connections', new TableColumn({ name: 'profile', type: 'varchar', length: '16', isNullable: true }));
    await queryRunner.addColumn('provisioning_events', new TableColumn({ name: 'dialect_rules', type: 'text', isNullable: true }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('provisioning_events', 'dialect_rules');
    await queryRunner.dropColumn('scim_connections', 'profile');
  }
}
