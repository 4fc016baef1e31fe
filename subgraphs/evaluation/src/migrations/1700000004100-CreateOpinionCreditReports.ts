import { Table, TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

const id = (name: string, isNullable = false) => ({ name, type: 'varchar', length: '36', isNullable });
/** a subject_type column and the CHECK naming the types it may hold */
const subjectType = (name: string, types: string[], isNullable = false) => ({
  column: { name, type: 'varchar', length: '16', isNullable },
  check: { expression: `${name} IN (${types.map((t) => `'${t}'`).join(', ')})${isNullable ? ` OR ${name} IS NULL` : ''}` },
});

/** Public feedback, credit (commitments, investigations, events) and progress reports; assessments get a publication date. */
export class CreateOpinionCreditReports1700000004100 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    // an assessment is visible to the public once published (公示); earlier ones only to assessors
    await queryRunner.addColumn('assessment', new TableColumn({ name: 'published_on', type: 'date', isNullable: true }));

    const feedbackSubject = subjectType('subject_type', ['Base', 'Institution', 'Brand']);
    await queryRunner.createTable(
      new Table({
        name: 'public_feedback',
        columns: [
          { ...id('id'), isPrimary: true },
          feedbackSubject.column,
          id('subject_id'),
          { name: 'rating', type: 'integer' },
          { name: 'comment', type: 'text', isNullable: true },
          { name: 'submitted_on', type: 'date' },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'moderated_on', type: 'date', isNullable: true },
          { name: 'moderation_note', type: 'text', isNullable: true },
        ],
        indices: [
          { name: 'ix_feedback_subject', columnNames: ['subject_type', 'subject_id', 'status'] },
          { name: 'ix_feedback_status', columnNames: ['status', 'submitted_on'] },
        ],
        checks: [
          { name: 'ck_feedback_subject_type', expression: feedbackSubject.check.expression },
          { name: 'ck_feedback_rating', expression: 'rating BETWEEN 1 AND 5' },
          { name: 'ck_feedback_status', expression: `status IN ('PENDING', 'APPROVED', 'REJECTED')` },
          // a moderated feedback says when; a pending one has not been moderated
          { name: 'ck_feedback_moderation', expression: `(status = 'PENDING') = (moderated_on IS NULL)` },
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'credit_commitment',
        columns: [
          { ...id('id'), isPrimary: true },
          id('organization_id'),
          { name: 'year', type: 'integer' },
          { name: 'signed_on', type: 'date' },
          { name: 'pledge', type: 'text' },
        ],
        uniques: [{ name: 'uq_credit_commitment_year', columnNames: ['organization_id', 'year'] }],
        checks: [{ name: 'ck_credit_commitment_pledge', expression: `length(trim(pledge)) > 0` }],
      }),
    );

    const investigated = subjectType('subject_type', ['Base', 'Institution'], true);
    await queryRunner.createTable(
      new Table({
        name: 'integrity_investigation',
        columns: [
          { ...id('id'), isPrimary: true },
          id('organization_id'),
          { name: 'city_code', type: 'varchar', length: '6' },
          investigated.column,
          id('subject_id', true),
          { name: 'scope', type: 'text' },
          { name: 'opened_on', type: 'date' },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'finding', type: 'varchar', length: '24', isNullable: true },
          { name: 'summary', type: 'text', isNullable: true },
          { name: 'closed_on', type: 'date', isNullable: true },
        ],
        indices: [{ name: 'ix_investigation_organization', columnNames: ['organization_id', 'opened_on'] }],
        checks: [
          { name: 'ck_investigation_subject_type', expression: investigated.check.expression },
          { name: 'ck_investigation_subject', expression: '(subject_type IS NULL) = (subject_id IS NULL)' },
          { name: 'ck_investigation_status', expression: `status IN ('OPEN', 'CLOSED')` },
          { name: 'ck_investigation_finding', expression: `finding IN ('CLEARED', 'VIOLATION_FOUND') OR finding IS NULL` },
          // a closed investigation has its finding, summary and date; an open one none of them
          {
            name: 'ck_investigation_closed',
            expression: `(status = 'OPEN' AND finding IS NULL AND closed_on IS NULL) OR (status = 'CLOSED' AND finding IS NOT NULL AND closed_on IS NOT NULL AND summary IS NOT NULL AND length(trim(summary)) > 0)`,
          },
        ],
      }),
    );

    const eventSubject = subjectType('subject_type', ['Base', 'Institution'], true);
    await queryRunner.createTable(
      new Table({
        name: 'credit_event',
        columns: [
          { ...id('id'), isPrimary: true },
          id('organization_id'),
          { name: 'city_code', type: 'varchar', length: '6' },
          eventSubject.column,
          id('subject_id', true),
          { name: 'kind', type: 'varchar', length: '16' },
          { name: 'points', type: 'integer' },
          { name: 'reason', type: 'text' },
          { name: 'occurred_on', type: 'date' },
          { name: 'recorded_by', type: 'varchar', length: '128' },
          id('investigation_id', true),
        ],
        indices: [
          { name: 'ix_credit_event_organization', columnNames: ['organization_id', 'occurred_on'] },
          { name: 'ix_credit_event_subject', columnNames: ['subject_type', 'subject_id', 'occurred_on'] },
          { name: 'ix_credit_event_kind', columnNames: ['kind'] },
        ],
        foreignKeys: [
          {
            name: 'fk_credit_event_investigation',
            columnNames: ['investigation_id'],
            referencedTableName: 'integrity_investigation',
            referencedColumnNames: ['id'],
          },
        ],
        checks: [
          { name: 'ck_credit_event_subject_type', expression: eventSubject.check.expression },
          { name: 'ck_credit_event_subject', expression: '(subject_type IS NULL) = (subject_id IS NULL)' },
          { name: 'ck_credit_event_kind', expression: `kind IN ('VIOLATION', 'DISHONESTY', 'REMEDIATION', 'COMMENDATION')` },
          // penalties lower the score, remediation and commendation raise it
          {
            name: 'ck_credit_event_points',
            expression: `points BETWEEN -100 AND 100 AND ((kind IN ('VIOLATION', 'DISHONESTY') AND points <= 0) OR (kind IN ('REMEDIATION', 'COMMENDATION') AND points >= 0))`,
          },
          { name: 'ck_credit_event_reason', expression: `length(trim(reason)) > 0` },
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'progress_report',
        columns: [
          { ...id('id'), isPrimary: true },
          id('organization_id'),
          { name: 'city_code', type: 'varchar', length: '6' },
          { name: 'period', type: 'varchar', length: '7' },
          { name: 'due_on', type: 'date' },
          { name: 'submitted_on', type: 'date', isNullable: true },
          { name: 'person_times', type: 'integer', isNullable: true },
          { name: 'competitions_hosted', type: 'integer', isNullable: true },
          { name: 'promotion_events', type: 'integer', isNullable: true },
          { name: 'employment_placed', type: 'integer', isNullable: true },
          { name: 'summary', type: 'text', isNullable: true },
        ],
        uniques: [{ name: 'uq_progress_report_period', columnNames: ['organization_id', 'period'] }],
        indices: [
          { name: 'ix_progress_report_period', columnNames: ['period', 'due_on'] },
          { name: 'ix_progress_report_city', columnNames: ['city_code', 'period'] },
        ],
        checks: [
          {
            name: 'ck_progress_report_figures',
            expression: 'person_times >= 0 AND competitions_hosted >= 0 AND promotion_events >= 0 AND employment_placed >= 0',
          },
          // a submitted report carries all its figures; a requested one none
          {
            name: 'ck_progress_report_submitted',
            expression:
              '(submitted_on IS NULL) = (person_times IS NULL) AND (submitted_on IS NULL) = (competitions_hosted IS NULL) AND (submitted_on IS NULL) = (promotion_events IS NULL) AND (submitted_on IS NULL) = (employment_placed IS NULL)',
          },
        ],
      }),
    );
    await queryRunner.createIndex('assessment', new TableIndex({ name: 'ix_assessment_result', columnNames: ['result', 'subject_type'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('assessment', 'ix_assessment_result');
    for (const table of ['progress_report', 'credit_event', 'integrity_investigation', 'credit_commitment', 'public_feedback'])
      await queryRunner.dropTable(table);
    await queryRunner.dropColumn('assessment', 'published_on');
  }
}
