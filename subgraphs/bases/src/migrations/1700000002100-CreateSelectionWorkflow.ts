import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

const id = (name: string) => ({ name, type: 'varchar', length: '36' });
const ROSTER_STATUSES = `'ACTIVE', 'SUSPENDED', 'REVOKED', 'EXITED'`;
const ADVERSE_REASONS = `'MARKET_CHANGE', 'FORCE_MAJEURE', 'POOR_PERFORMANCE', 'MAJOR_GROUP_INCIDENT', 'MAJOR_PUBLIC_OPINION', 'MAJOR_VIOLATION', 'FAILED_ASSESSMENT'`;
const APPLICATION_STATUSES = `'SUBMITTED', 'PRELIMINARY_REVIEW', 'SELECTED', 'REJECTED'`;

/**
 * Contacts, base conditions and fields, institution occupations, honours, the selection
 * workflow (申报 → 初审 → 遴选) and the roster history (动态调整). New tables only: the
 * roster's own tables keep their partial unique index untouched.
 */
export class CreateSelectionWorkflow1700000002100 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'organization_contact',
        columns: [
          { ...id('id'), isPrimary: true },
          id('organization_id'),
          { name: 'position', type: 'integer' },
          { name: 'name', type: 'varchar', length: '60' },
          { name: 'title', type: 'varchar', length: '60', isNullable: true },
          { name: 'phone', type: 'varchar', length: '32' },
          { name: 'email', type: 'varchar', length: '120', isNullable: true },
        ],
        uniques: [{ name: 'uq_organization_contact_position', columnNames: ['organization_id', 'position'] }],
        foreignKeys: [
          {
            name: 'fk_organization_contact_organization',
            columnNames: ['organization_id'],
            referencedTableName: 'organization',
            referencedColumnNames: ['id'],
          },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'base_profile',
        columns: [
          { ...id('base_id'), isPrimary: true },
          { name: 'facilities', type: 'text' },
          { name: 'course_system', type: 'text' },
          { name: 'management_system', type: 'text' },
        ],
        foreignKeys: [
          { name: 'fk_base_profile_base', columnNames: ['base_id'], referencedTableName: 'base', referencedColumnNames: ['id'] },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'base_field',
        columns: [
          { ...id('base_id'), isPrimary: true },
          { name: 'field', type: 'varchar', length: '32', isPrimary: true },
        ],
        foreignKeys: [{ name: 'fk_base_field_base', columnNames: ['base_id'], referencedTableName: 'base', referencedColumnNames: ['id'] }],
        checks: [
          {
            name: 'ck_base_field',
            expression: `field IN ('RURAL_REVITALIZATION', 'ADVANCED_MANUFACTURING', 'MODERN_AGRICULTURE', 'MODERN_SERVICES')`,
          },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'institution_occupation',
        columns: [
          { ...id('institution_id'), isPrimary: true },
          { name: 'occupation', type: 'varchar', length: '60', isPrimary: true },
        ],
        foreignKeys: [
          {
            name: 'fk_institution_occupation_institution',
            columnNames: ['institution_id'],
            referencedTableName: 'institution',
            referencedColumnNames: ['id'],
          },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'honour',
        columns: [
          { ...id('id'), isPrimary: true },
          id('base_id'),
          { name: 'kind', type: 'varchar', length: '32' },
          { name: 'level', type: 'varchar', length: '16' },
          { name: 'year', type: 'integer' },
          { name: 'name', type: 'varchar', length: '200' },
        ],
        indices: [{ name: 'ix_honour_base', columnNames: ['base_id'] }],
        uniques: [{ name: 'uq_honour', columnNames: ['base_id', 'kind', 'level', 'name'] }],
        foreignKeys: [{ name: 'fk_honour_base', columnNames: ['base_id'], referencedTableName: 'base', referencedColumnNames: ['id'] }],
        checks: [
          { name: 'ck_honour_kind', expression: `kind IN ('HIGH_SKILL_TRAINING_BASE', 'COMPETITION_TRAINING_BASE', 'MASTER_STUDIO')` },
          { name: 'ck_honour_level', expression: `level IN ('NATIONAL', 'PROVINCIAL')` },
          { name: 'ck_honour_year', expression: `year BETWEEN 2000 AND 2100` },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'application',
        columns: [
          { ...id('id'), isPrimary: true },
          { name: 'kind', type: 'varchar', length: '16' },
          id('organization_id'),
          { name: 'city_code', type: 'varchar', length: '6' },
          { name: 'name', type: 'varchar', length: '200' },
          { name: 'tier', type: 'varchar', length: '16', isNullable: true },
          { ...id('brand_id'), isNullable: true },
          // what the applicant proposes (brands, fields, conditions, services, occupations): JSON, validated on submit
          { name: 'proposal', type: 'text' },
          { name: 'status', type: 'varchar', length: '24' },
          { name: 'submitted_on', type: 'date' },
          { ...id('base_id'), isNullable: true },
          { ...id('institution_id'), isNullable: true },
        ],
        indices: [
          { name: 'ix_application_city_status', columnNames: ['city_code', 'status'] },
          { name: 'ix_application_organization', columnNames: ['organization_id'] },
          { name: 'ix_application_status', columnNames: ['status'] },
        ],
        foreignKeys: [
          {
            name: 'fk_application_organization',
            columnNames: ['organization_id'],
            referencedTableName: 'organization',
            referencedColumnNames: ['id'],
          },
          { name: 'fk_application_city', columnNames: ['city_code'], referencedTableName: 'city', referencedColumnNames: ['code'] },
          { name: 'fk_application_base', columnNames: ['base_id'], referencedTableName: 'base', referencedColumnNames: ['id'] },
          {
            name: 'fk_application_institution',
            columnNames: ['institution_id'],
            referencedTableName: 'institution',
            referencedColumnNames: ['id'],
          },
        ],
        checks: [
          {
            name: 'ck_application_kind',
            expression: `(kind = 'BASE' AND tier IN ('MAIN', 'AUXILIARY') AND brand_id IS NOT NULL AND institution_id IS NULL) OR (kind = 'INSTITUTION' AND tier IS NULL AND brand_id IS NULL AND base_id IS NULL)`,
          },
          { name: 'ck_application_status', expression: `status IN (${APPLICATION_STATUSES})` },
          // a selected application names what it created, and only a selected one does
          { name: 'ck_application_outcome', expression: `(status = 'SELECTED') = (base_id IS NOT NULL OR institution_id IS NOT NULL)` },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'application_step',
        columns: [
          { ...id('id'), isPrimary: true },
          id('application_id'),
          { name: 'seq', type: 'integer' },
          { name: 'from_status', type: 'varchar', length: '24', isNullable: true },
          { name: 'to_status', type: 'varchar', length: '24' },
          { name: 'actor', type: 'varchar', length: '128' },
          { name: 'actor_role', type: 'varchar', length: '24' },
          { name: 'at', type: 'varchar', length: '32' },
          { name: 'reason', type: 'text', isNullable: true },
        ],
        uniques: [{ name: 'uq_application_step_seq', columnNames: ['application_id', 'seq'] }],
        foreignKeys: [
          {
            name: 'fk_application_step_application',
            columnNames: ['application_id'],
            referencedTableName: 'application',
            referencedColumnNames: ['id'],
          },
        ],
        checks: [{ name: 'ck_application_step_status', expression: `to_status IN (${APPLICATION_STATUSES})` }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'roster_decision',
        columns: [
          { ...id('id'), isPrimary: true },
          { name: 'subject_type', type: 'varchar', length: '16' },
          // a base or an institution: no foreign key can point at either, the service checks it exists
          id('subject_id'),
          { name: 'seq', type: 'integer' },
          { name: 'action', type: 'varchar', length: '16' },
          { name: 'from_status', type: 'varchar', length: '16', isNullable: true },
          { name: 'to_status', type: 'varchar', length: '16' },
          { name: 'reason', type: 'varchar', length: '32', isNullable: true },
          { name: 'explanation', type: 'text' },
          { name: 'decision_reference', type: 'varchar', length: '100' },
          { name: 'decided_on', type: 'date' },
          { name: 'decided_by', type: 'varchar', length: '128' },
          { name: 'recorded_at', type: 'varchar', length: '32' },
          { ...id('cause_assessment_id'), isNullable: true },
          { ...id('cause_credit_event_id'), isNullable: true },
        ],
        indices: [{ name: 'ix_roster_decision_decided_on', columnNames: ['decided_on'] }],
        // one history per subject, appended in order: two decisions racing on one subject cannot both land
        uniques: [{ name: 'uq_roster_decision_seq', columnNames: ['subject_type', 'subject_id', 'seq'] }],
        checks: [
          { name: 'ck_roster_decision_subject', expression: `subject_type IN ('BASE', 'INSTITUTION')` },
          { name: 'ck_roster_decision_action', expression: `action IN ('ADD', 'SUSPEND', 'REINSTATE', 'REVOKE', 'EXIT')` },
          { name: 'ck_roster_decision_to', expression: `to_status IN (${ROSTER_STATUSES})` },
          // suspending, revoking and exiting need one of the plan's reasons; adding and reinstating take none
          {
            name: 'ck_roster_decision_reason',
            expression: `(action IN ('SUSPEND', 'REVOKE', 'EXIT') AND reason IN (${ADVERSE_REASONS})) OR (action IN ('ADD', 'REINSTATE') AND reason IS NULL)`,
          },
          { name: 'ck_roster_decision_written', expression: `length(explanation) > 0 AND length(decision_reference) > 0` },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'roster_decision',
      'application_step',
      'application',
      'honour',
      'institution_occupation',
      'base_field',
      'base_profile',
      'organization_contact',
    ]) {
      await queryRunner.dropTable(table);
    }
  }
}
