import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

export class CreateAssessment1700000004000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'assessment',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'year', type: 'integer' },
          { name: 'subject_type', type: 'varchar', length: '16' },
          { name: 'subject_id', type: 'varchar', length: '36' },
          { name: 'quality_score', type: 'double precision' },
          { name: 'trust_score', type: 'double precision' },
          { name: 'public_score', type: 'double precision', isNullable: true },
          { name: 'result', type: 'varchar', length: '16' },
          { name: 'assessed_on', type: 'date' },
          { name: 'findings', type: 'text', isNullable: true },
          { name: 'assessor', type: 'varchar', length: '120' },
        ],
        // one assessment per subject and year; the index also serves "latest" and "all of a subject"
        uniques: [{ name: 'uq_assessment_subject_year', columnNames: ['subject_type', 'subject_id', 'year'] }],
        checks: [
          { name: 'ck_assessment_subject_type', expression: `subject_type IN ('Base', 'Institution')` },
          { name: 'ck_assessment_result', expression: `result IN ('EXCELLENT', 'PASS', 'FAIL')` },
          {
            name: 'ck_assessment_scores',
            expression:
              'quality_score BETWEEN 0 AND 100 AND trust_score BETWEEN 0 AND 100 AND (public_score IS NULL OR public_score BETWEEN 0 AND 100)',
          },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('assessment');
  }
}
