import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

export class CreateTraining1700000003000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'training_program',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'brand_id', type: 'varchar', length: '36' },
          { name: 'provider_type', type: 'varchar', length: '16' },
          { name: 'provider_id', type: 'varchar', length: '36' },
          { name: 'city_code', type: 'varchar', length: '6' },
          { name: 'occupation', type: 'varchar', length: '60' },
          { name: 'level', type: 'integer' },
          { name: 'year', type: 'integer' },
          { name: 'start_on', type: 'date' },
          { name: 'end_on', type: 'date' },
          { name: 'capacity', type: 'integer' },
        ],
        indices: [
          { name: 'ix_training_program_brand', columnNames: ['brand_id', 'year', 'city_code'] },
          { name: 'ix_training_program_provider', columnNames: ['provider_id'] },
        ],
        checks: [
          { name: 'ck_training_program_provider_type', expression: `provider_type IN ('Base', 'Institution')` },
          { name: 'ck_training_program_level', expression: 'level BETWEEN 1 AND 5' },
          { name: 'ck_training_program_capacity', expression: 'capacity > 0' },
          { name: 'ck_training_program_dates', expression: 'end_on >= start_on' },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'training_record',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'program_id', type: 'varchar', length: '36' },
          { name: 'completed', type: 'boolean' },
          { name: 'completed_on', type: 'date', isNullable: true },
        ],
        indices: [{ name: 'ix_training_record_program', columnNames: ['program_id'] }],
        foreignKeys: [
          {
            name: 'fk_training_record_program',
            columnNames: ['program_id'],
            referencedTableName: 'training_program',
            referencedColumnNames: ['id'],
          },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('training_record');
    await queryRunner.dropTable('training_program');
  }
}
