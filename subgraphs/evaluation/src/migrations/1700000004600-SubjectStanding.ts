import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

/** Subjects' roster standing as the bases subgraph's events tell it (issue 15). */
export class SubjectStanding1700000004600 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'subject_standing',
        columns: [
          { name: 'subject_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'subject_type', type: 'varchar', length: '16' },
          { name: 'disqualified_on', type: 'date', isNullable: true },
          { name: 'decision_id', type: 'varchar', length: '36' },
          { name: 'subject_seq', type: 'integer' },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('subject_standing');
  }
}
