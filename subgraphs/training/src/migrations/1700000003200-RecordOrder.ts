import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/** Records list by program, then id: the program index carries the id, so a page is read in order, never sorted. */
export class RecordOrder1700000003200 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('training_record', 'ix_training_record_program');
    await queryRunner.createIndex(
      'training_record',
      new TableIndex({ name: 'ix_training_record_program_id', columnNames: ['program_id', 'id'] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('training_record', 'ix_training_record_program_id');
    await queryRunner.createIndex('training_record', new TableIndex({ name: 'ix_training_record_program', columnNames: ['program_id'] }));
  }
}
