import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

const COUNTS = ['completed_count', 'certified_count', 'outcomes_reported_count', 'employed_count'];

/**
 * Each program keeps its records' outcome counts beside person_times (issue 17): the outcome
 * figures read the programs' rollup instead of every record. Existing programs are counted from
 * their records, by the same rules as the figures (record/outcome-counts.ts).
 */
export class OutcomeCounts1700000003800 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns(
      'training_program',
      COUNTS.map((name) => new TableColumn({ name, type: 'integer', default: 0, isNullable: false })),
    );
    const of = (condition: string) =>
      `(SELECT COUNT(*) FROM training_record r WHERE r.program_id = training_program.id AND r.completed${condition})`;
    await queryRunner.query(
      `UPDATE training_program SET
         completed_count = ${of('')},
         certified_count = ${of(' AND r.certificate IS NOT NULL')},
         outcomes_reported_count = ${of(' AND r.employment IS NOT NULL')},
         employed_count = ${of(` AND r.employment IN ('EMPLOYED', 'SELF_EMPLOYED', 'RETAINED')`)}`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const name of COUNTS) await queryRunner.dropColumn('training_program', name);
  }
}
