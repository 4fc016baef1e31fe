import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

const id = (name: string) => ({ name, type: 'varchar', length: '36' });
const who = [
  { name: 'corrected_by', type: 'varchar', length: '128' },
  { name: 'corrector_role', type: 'varchar', length: '24' },
  { name: 'corrected_at', type: 'varchar', length: '32' },
];

/** Records that can be kept right (issue 15): the history of corrections of organisations' contacts (sealed: personal data) and of bases' conditions. */
export class RecordCorrections1700000002700 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'organization_contact_correction',
        columns: [
          { ...id('id'), isPrimary: true },
          id('organization_id'),
          { name: 'seq', type: 'integer' },
          ...who,
          { name: 'sealed', type: 'text' },
        ],
        uniques: [{ name: 'uq_organization_contact_correction_seq', columnNames: ['organization_id', 'seq'] }],
        foreignKeys: [
          {
            name: 'fk_organization_contact_correction_organization',
            columnNames: ['organization_id'],
            referencedTableName: 'organization',
            referencedColumnNames: ['id'],
          },
        ],
        checks: [{ name: 'ck_organization_contact_correction_seq', expression: 'seq >= 1' }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'base_condition_correction',
        columns: [
          { ...id('id'), isPrimary: true },
          id('base_id'),
          { name: 'seq', type: 'integer' },
          { name: 'changes', type: 'text' },
          { name: 'reason', type: 'text' },
          ...who,
        ],
        uniques: [{ name: 'uq_base_condition_correction_seq', columnNames: ['base_id', 'seq'] }],
        foreignKeys: [
          {
            name: 'fk_base_condition_correction_base',
            columnNames: ['base_id'],
            referencedTableName: 'base',
            referencedColumnNames: ['id'],
          },
        ],
        checks: [
          { name: 'ck_base_condition_correction_seq', expression: 'seq >= 1' },
          { name: 'ck_base_condition_correction_reason', expression: `reason <> ''` },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('base_condition_correction');
    await queryRunner.dropTable('organization_contact_correction');
  }
}
