import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

/** SCIM lists page through a customer's users in creation order; the index keeps any page an index range. */
export class ScimUserIndexes1764403400000 implements MigrationInterface {
  name = 'ScimUserIndexes1764403400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex(
      'users',
      new TableIndex({ name: 'ix_users_customer_created', columnNames: ['customer_id', 'created_at', 'id'] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('users', 'ix_users_customer_created');
  }
}
