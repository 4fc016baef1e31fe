import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Progress counts the training within a target's window of dates (issue 15): by brand and start
 * day, this index covers the rollup the way ix_training_program_rollup does by year.
 */
export class ProgressWindow1700000003700 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex(
      'training_program',
      new TableIndex({ name: 'ix_training_program_window', columnNames: ['brand_id', 'start_on', 'year', 'city_code', 'person_times'] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('training_program', 'ix_training_program_window');
  }
}
