import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

/** Licences follow the roster (suspended, revoked by a roster decision) and qualifications say how a grant checks them (issue 15). */
export class LicencesFollowTheRoster1700000001600 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('usage_licence', [
      new TableColumn({ name: 'revoked_by_decision_id', type: 'varchar', length: '36', isNullable: true }),
      new TableColumn({ name: 'suspended_on', type: 'date', isNullable: true }),
      new TableColumn({ name: 'suspended_by_decision_id', type: 'varchar', length: '36', isNullable: true }),
      new TableColumn({ name: 'suspended_with_subject_id', type: 'varchar', length: '36', isNullable: true }),
    ]);
    // the conditions written so far are checked by hand, as they were
    await queryRunner.addColumns('usage_qualification', [
      new TableColumn({ name: 'kind', type: 'varchar', length: '32', default: "'ATTESTED'" }),
      new TableColumn({ name: 'minimum_credit_level', type: 'varchar', length: '1', isNullable: true }),
    ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumns('usage_qualification', ['kind', 'minimum_credit_level']);
    await queryRunner.dropColumns('usage_licence', [
      'revoked_by_decision_id',
      'suspended_on',
      'suspended_by_decision_id',
      'suspended_with_subject_id',
    ]);
  }
}
