import { Table, TableCheck, TableColumn, TableIndex, TableUnique, type MigrationInterface, type QueryRunner } from 'typeorm';

const id = (name: string, isNullable = false) => ({ name, type: 'varchar', length: '36', isNullable });
const inList = (column: string, values: string[]) => `${column} IN (${values.map((v) => `'${v}'`).join(', ')})`;
const HOST = `(host_type IS NULL AND host_id IS NULL) OR (host_type IN ('Base', 'Institution') AND host_id IS NOT NULL)`;

/**
 * Who runs a program, its status and its person-times rollup; the trainee, certificate and
 * employment outcome of a record (personal data protected, see trainee/personal-data.ts);
 * competitions and their results, promotion events, typical cases.
 */
export class RecordsCompetitionsPromotion1700000003100 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    // rows that exist already were seeded before this migration: historic, finished programs
    await queryRunner.addColumns('training_program', [
      new TableColumn({ ...id('provider_organization_id', true) }),
      new TableColumn({ name: 'status', type: 'varchar', length: '16', default: `'PLANNED'` }),
      new TableColumn({ name: 'person_times', type: 'integer', default: 0 }),
    ]);
    await queryRunner.query(`UPDATE training_program SET status = 'COMPLETED'`);
    await queryRunner.query(
      `UPDATE training_program SET person_times = (SELECT COUNT(*) FROM training_record r WHERE r.program_id = training_program.id)`,
    );
    // one check at a time: TypeORM's createCheckConstraints sends them all at once on the migration's one connection,
    // which pg queues and deprecates (pg 9 refuses it)
    for (const check of [
      new TableCheck({
        name: 'ck_training_program_status',
        expression: inList('status', ['PLANNED', 'ONGOING', 'COMPLETED', 'CANCELLED']),
      }),
      new TableCheck({ name: 'ck_training_program_person_times', expression: 'person_times >= 0 AND person_times <= capacity' }),
    ])
      await queryRunner.createCheckConstraint('training_program', check);
    await queryRunner.dropIndex('training_program', 'ix_training_program_brand');
    await queryRunner.createIndices('training_program', [
      // covers the progress rollup: brand, year, city and the count, never touching the table
      new TableIndex({ name: 'ix_training_program_rollup', columnNames: ['brand_id', 'year', 'city_code', 'person_times'] }),
      new TableIndex({ name: 'ix_training_program_organization', columnNames: ['provider_organization_id'] }),
      new TableIndex({ name: 'ix_training_program_city', columnNames: ['city_code', 'start_on'] }),
    ]);

    await queryRunner.addColumns('training_record', [
      new TableColumn({ name: 'trainee_name', type: 'varchar', length: '40', isNullable: true }),
      new TableColumn({ name: 'identity_hash', type: 'varchar', length: '64', isNullable: true }),
      new TableColumn({ name: 'identity_masked', type: 'varchar', length: '18', isNullable: true }),
      new TableColumn({ name: 'phone_masked', type: 'varchar', length: '11', isNullable: true }),
      new TableColumn({ name: 'personal_cipher', type: 'varchar', length: '255', isNullable: true }),
      new TableColumn({ name: 'certificate', type: 'varchar', length: '32', isNullable: true }),
      new TableColumn({ name: 'certificate_number', type: 'varchar', length: '40', isNullable: true }),
      new TableColumn({ name: 'employment', type: 'varchar', length: '24', isNullable: true }),
    ]);
    for (const check of [
      new TableCheck({
        name: 'ck_training_record_completion',
        expression: '(completed AND completed_on IS NOT NULL) OR (NOT completed AND completed_on IS NULL)',
      }),
      new TableCheck({
        name: 'ck_training_record_certificate',
        expression: `certificate IS NULL OR (completed AND ${inList('certificate', ['SKILL_LEVEL', 'SPECIAL_ABILITY', 'TRAINING'])})`,
      }),
      new TableCheck({
        name: 'ck_training_record_employment',
        expression: `employment IS NULL OR ${inList('employment', ['EMPLOYED', 'SELF_EMPLOYED', 'RETAINED', 'FURTHER_STUDY', 'SEEKING'])}`,
      }),
    ])
      await queryRunner.createCheckConstraint('training_record', check);
    // one person once per program (the same person in another program is another person-time);
    // led by the hash, the same index finds a person's records
    await queryRunner.createUniqueConstraint(
      'training_record',
      new TableUnique({ name: 'uq_training_record_trainee', columnNames: ['identity_hash', 'program_id'] }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'competition',
        columns: [
          { ...id('id'), isPrimary: true },
          { name: 'name', type: 'varchar', length: '200' },
          { name: 'level', type: 'varchar', length: '16' },
          id('brand_id'),
          { name: 'occupation', type: 'varchar', length: '60' },
          { name: 'host_type', type: 'varchar', length: '16', isNullable: true },
          id('host_id', true),
          id('organizer_organization_id', true),
          { name: 'city_code', type: 'varchar', length: '6' },
          { name: 'start_on', type: 'date' },
          { name: 'end_on', type: 'date' },
          { name: 'participants', type: 'integer' },
        ],
        indices: [
          { name: 'ix_competition_host', columnNames: ['host_id'] },
          { name: 'ix_competition_brand', columnNames: ['brand_id', 'start_on'] },
        ],
        checks: [
          { name: 'ck_competition_level', expression: inList('level', ['NATIONAL', 'PROVINCIAL', 'CITY', 'INDUSTRY']) },
          { name: 'ck_competition_host', expression: HOST },
          { name: 'ck_competition_dates', expression: 'end_on >= start_on' },
          { name: 'ck_competition_participants', expression: 'participants >= 0' },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'competition_result',
        columns: [
          { ...id('id'), isPrimary: true },
          id('competition_id'),
          { name: 'rank', type: 'integer' },
          { name: 'award', type: 'varchar', length: '16', isNullable: true },
          { name: 'contestant_name', type: 'varchar', length: '40' },
          { name: 'representing', type: 'varchar', length: '200' },
        ],
        uniques: [{ name: 'uq_competition_result_rank', columnNames: ['competition_id', 'rank'] }],
        foreignKeys: [
          {
            name: 'fk_competition_result_competition',
            columnNames: ['competition_id'],
            referencedTableName: 'competition',
            referencedColumnNames: ['id'],
          },
        ],
        checks: [
          { name: 'ck_competition_result_rank', expression: 'rank >= 1' },
          {
            name: 'ck_competition_result_award',
            expression: `award IS NULL OR ${inList('award', ['FIRST_PRIZE', 'SECOND_PRIZE', 'THIRD_PRIZE', 'EXCELLENCE'])}`,
          },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'promotion_event',
        columns: [
          { ...id('id'), isPrimary: true },
          { name: 'kind', type: 'varchar', length: '32' },
          { name: 'title', type: 'varchar', length: '200' },
          id('brand_id'),
          { name: 'host_type', type: 'varchar', length: '16', isNullable: true },
          id('host_id', true),
          id('organizer_organization_id', true),
          { name: 'city_code', type: 'varchar', length: '6' },
          { name: 'held_on', type: 'date' },
          { name: 'reach', type: 'integer' },
        ],
        indices: [
          { name: 'ix_promotion_event_brand', columnNames: ['brand_id', 'held_on'] },
          { name: 'ix_promotion_event_host', columnNames: ['host_id'] },
        ],
        checks: [
          {
            name: 'ck_promotion_event_kind',
            expression: inList('kind', [
              'FORUM',
              'INVESTMENT_PROMOTION',
              'ENTREPRENEURSHIP_EMPLOYMENT',
              'TALENT_RECRUITMENT',
              'MEDIA_CAMPAIGN',
            ]),
          },
          { name: 'ck_promotion_event_host', expression: HOST },
          { name: 'ck_promotion_event_reach', expression: 'reach >= 0' },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'typical_case',
        columns: [
          { ...id('id'), isPrimary: true },
          { name: 'kind', type: 'varchar', length: '24' },
          { name: 'title', type: 'varchar', length: '200' },
          { name: 'summary', type: 'varchar', length: '2000' },
          { name: 'year', type: 'integer' },
          { name: 'published_on', type: 'date' },
        ],
        checks: [{ name: 'ck_typical_case_kind', expression: inList('kind', ['TYPICAL_EXPERIENCE', 'EXCELLENT_CASE']) }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'typical_case_brand',
        columns: [
          { ...id('case_id'), isPrimary: true },
          { ...id('brand_id'), isPrimary: true },
        ],
        indices: [{ name: 'ix_typical_case_brand_brand', columnNames: ['brand_id'] }],
        foreignKeys: [
          {
            name: 'fk_typical_case_brand_case',
            columnNames: ['case_id'],
            referencedTableName: 'typical_case',
            referencedColumnNames: ['id'],
          },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['typical_case_brand', 'typical_case', 'promotion_event', 'competition_result', 'competition'])
      await queryRunner.dropTable(table);
    await queryRunner.dropUniqueConstraint('training_record', 'uq_training_record_trainee');
    for (const check of ['ck_training_record_completion', 'ck_training_record_certificate', 'ck_training_record_employment'])
      await queryRunner.dropCheckConstraint('training_record', check);
    await queryRunner.dropColumns('training_record', [
      'trainee_name',
      'identity_hash',
      'identity_masked',
      'phone_masked',
      'personal_cipher',
      'certificate',
      'certificate_number',
      'employment',
    ]);
    for (const index of ['ix_training_program_rollup', 'ix_training_program_organization', 'ix_training_program_city'])
      await queryRunner.dropIndex('training_program', index);
    await queryRunner.createIndex(
      'training_program',
      new TableIndex({ name: 'ix_training_program_brand', columnNames: ['brand_id', 'year', 'city_code'] }),
    );
    for (const check of ['ck_training_program_status', 'ck_training_program_person_times'])
      await queryRunner.dropCheckConstraint('training_program', check);
    await queryRunner.dropColumns('training_program', ['provider_organization_id', 'status', 'person_times']);
  }
}
