import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

const id = (name: string, isNullable = false) => ({ name, type: 'varchar', length: '36', isNullable });
const subjectType = { name: 'subject_type', type: 'varchar', length: '16' };

/** Policy support (政策支持) withdrawn with disqualification, and the 书面说明 → 审定 steps of a roster decision (issue 15). */
export class SupportAndStatements1700000002600 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'policy_support',
        columns: [
          { ...id('id'), isPrimary: true },
          subjectType,
          id('subject_id'),
          id('organization_id'),
          { name: 'kind', type: 'varchar', length: '32' },
          { name: 'description', type: 'text' },
          { name: 'granted_by', type: 'varchar', length: '200' },
          { name: 'granted_on', type: 'date' },
          { name: 'valid_from', type: 'date' },
          { name: 'valid_to', type: 'date' },
          { name: 'withdrawn_on', type: 'date', isNullable: true },
          id('withdrawn_by_decision_id', true),
          { name: 'recorded_by', type: 'varchar', length: '160' },
        ],
        indices: [{ name: 'ix_policy_support_subject', columnNames: ['subject_type', 'subject_id'] }],
        checks: [
          { name: 'ck_policy_support_subject_type', expression: `subject_type IN ('BASE', 'INSTITUTION')` },
          { name: 'ck_policy_support_period', expression: 'valid_to >= valid_from' },
          // withdrawn, it says by which decision
          { name: 'ck_policy_support_withdrawal', expression: '(withdrawn_on IS NULL) = (withdrawn_by_decision_id IS NULL)' },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'roster_statement',
        columns: [
          { ...id('id'), isPrimary: true },
          subjectType,
          id('subject_id'),
          id('organization_id'),
          { name: 'city_code', type: 'varchar', length: '6' },
          { name: 'reason', type: 'varchar', length: '32' },
          { name: 'explanation', type: 'text' },
          { name: 'submitted_by', type: 'varchar', length: '160' },
          { name: 'submitted_on', type: 'date' },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'reviewed_by', type: 'varchar', length: '160', isNullable: true },
          { name: 'reviewed_on', type: 'date', isNullable: true },
          { name: 'review_note', type: 'text', isNullable: true },
          id('decision_id', true),
        ],
        indices: [{ name: 'ix_roster_statement_subject', columnNames: ['subject_type', 'subject_id', 'status'] }],
        checks: [
          { name: 'ck_roster_statement_status', expression: `status IN ('PENDING', 'APPROVED', 'REJECTED')` },
          { name: 'ck_roster_statement_review', expression: `(status = 'PENDING') = (reviewed_on IS NULL)` },
          { name: 'ck_roster_statement_decision', expression: `(status = 'APPROVED') = (decision_id IS NOT NULL)` },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('roster_statement');
    await queryRunner.dropTable('policy_support');
  }
}
