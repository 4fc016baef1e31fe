import { TableIndex, TableUnique, type MigrationInterface, type QueryRunner } from 'typeorm';

const NAME = 'uq_training_record_trainee';
const COLUMNS = ['identity_hash', 'program_id'];

/**
 * One person once per program, kept by a unique index instead of a table constraint (issue 17):
 * the same rule and the same error on a second record, but SQLite keeps a table constraint inside
 * the table, where the seed cannot build it after the rows as it builds an index (indexesBuiltAfter);
 * it was one of the two random-order B-trees every seeded record was inserted into.
 */
export class TraineeUniqueIndex1700000004000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropUniqueConstraint('training_record', NAME);
    await queryRunner.createIndex('training_record', new TableIndex({ name: NAME, columnNames: COLUMNS, isUnique: true }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('training_record', NAME);
    await queryRunner.createUniqueConstraint('training_record', new TableUnique({ name: NAME, columnNames: COLUMNS }));
  }
}
