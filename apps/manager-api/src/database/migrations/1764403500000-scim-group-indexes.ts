import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

/** Stable, indexed paging of a customer's groups in creation order (the SCIM default list order). */
export class ScimGroupIndexes1764403500000 implements MigrationInterface {
  name = 'ScimGroupIndexes1764403500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex(
      'user_groups',
      new TableIndex({ name: 'ix_groups_customer_created', columnNames: ['customer_id', 'created_at', 'id'] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('user_groups', 'ix_groups_customer_created');
  }
}
