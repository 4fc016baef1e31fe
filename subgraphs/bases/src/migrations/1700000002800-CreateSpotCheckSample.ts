import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

const id = (name: string) => ({ name, type: 'varchar', length: '36' });
const ofSample = (table: string) => ({
  name: `fk_${table}_sample`,
  columnNames: ['sample_id'],
  referencedTableName: 'spot_check_sample',
  referencedColumnNames: ['id'],
});

/** 抽查复核: the annual spot-check sample, its strata and its members (issue 15). */
export class CreateSpotCheckSample1700000002800 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'spot_check_sample',
        columns: [
          { ...id('id'), isPrimary: true },
          { name: 'year', type: 'integer' },
          { name: 'seed', type: 'varchar', length: '64' },
          { name: 'algorithm', type: 'varchar', length: '40' },
          { name: 'rate', type: 'double precision', isNullable: true },
          { name: 'requested_size', type: 'integer', isNullable: true },
          { name: 'size', type: 'integer' },
          { name: 'roster_size', type: 'integer' },
          { name: 'roster_digest', type: 'varchar', length: '64' },
          { name: 'drawn_by', type: 'varchar', length: '160' },
          { name: 'drawn_at', type: 'varchar', length: '32' },
        ],
        // one sample a year: a second draw, or two at once, is refused here whatever the service missed
        indices: [{ name: 'uq_spot_check_sample_year', columnNames: ['year'], isUnique: true }],
        checks: [
          // asked as a rate or as a size, never both
          { name: 'ck_spot_check_sample_ask', expression: '(rate IS NULL) <> (requested_size IS NULL)' },
          { name: 'ck_spot_check_sample_rate', expression: 'rate IS NULL OR (rate > 0 AND rate <= 1)' },
          { name: 'ck_spot_check_sample_size', expression: 'size >= 1 AND size <= roster_size' },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'spot_check_stratum',
        columns: [
          { ...id('sample_id'), isPrimary: true },
          { ...id('brand_id'), isPrimary: true },
          { name: 'roster_size', type: 'integer' },
          { name: 'sampled', type: 'integer' },
        ],
        foreignKeys: [ofSample('spot_check_stratum')],
        checks: [{ name: 'ck_spot_check_stratum_sampled', expression: 'sampled >= 1 AND sampled <= roster_size' }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'spot_check_member',
        columns: [
          { ...id('sample_id'), isPrimary: true },
          { ...id('subject_id'), isPrimary: true },
          { name: 'subject_type', type: 'varchar', length: '16' },
          id('brand_id'),
          { name: 'rank', type: 'integer' },
          { name: 'sort_key', type: 'varchar', length: '64' },
        ],
        indices: [{ name: 'uq_spot_check_member_rank', columnNames: ['sample_id', 'rank'], isUnique: true }],
        foreignKeys: [ofSample('spot_check_member')],
        checks: [{ name: 'ck_spot_check_member_subject_type', expression: `subject_type IN ('BASE', 'INSTITUTION')` }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('spot_check_member');
    await queryRunner.dropTable('spot_check_stratum');
    await queryRunner.dropTable('spot_check_sample');
  }
}
