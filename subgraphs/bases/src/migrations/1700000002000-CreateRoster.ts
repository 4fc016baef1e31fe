import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

const id = (name: string) => ({ name, type: 'varchar', length: '36' });

export class CreateRoster1700000002000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'city',
        columns: [
          { name: 'code', type: 'varchar', length: '6', isPrimary: true },
          { name: 'name', type: 'varchar', length: '32' },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'organization',
        columns: [
          { ...id('id'), isPrimary: true },
          { name: 'name', type: 'varchar', length: '120' },
          { name: 'kind', type: 'varchar', length: '32' },
          { name: 'credit_code', type: 'varchar', length: '18' },
          { name: 'city_code', type: 'varchar', length: '6' },
        ],
        uniques: [{ name: 'uq_organization_credit_code', columnNames: ['credit_code'] }],
        foreignKeys: [
          { name: 'fk_organization_city', columnNames: ['city_code'], referencedTableName: 'city', referencedColumnNames: ['code'] },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'base',
        columns: [
          { ...id('id'), isPrimary: true },
          { name: 'name', type: 'varchar', length: '200' },
          { name: 'tier', type: 'varchar', length: '16' },
          id('brand_id'),
          id('operator_id'),
          { name: 'city_code', type: 'varchar', length: '6' },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'designated_on', type: 'date' },
        ],
        indices: [
          { name: 'ix_base_brand', columnNames: ['brand_id', 'tier', 'status'] },
          { name: 'ix_base_operator', columnNames: ['operator_id'] },
        ],
        foreignKeys: [
          { name: 'fk_base_operator', columnNames: ['operator_id'], referencedTableName: 'organization', referencedColumnNames: ['id'] },
          { name: 'fk_base_city', columnNames: ['city_code'], referencedTableName: 'city', referencedColumnNames: ['code'] },
        ],
        checks: [
          { name: 'ck_base_tier', expression: `tier IN ('MAIN', 'AUXILIARY')` },
          { name: 'ck_base_status', expression: `status IN ('ACTIVE', 'SUSPENDED', 'REVOKED', 'EXITED')` },
        ],
      }),
    );
    // DOMAIN.md: a brand has at most one ACTIVE main base per city; the database keeps the rule too
    await queryRunner.createIndex(
      'base',
      new TableIndex({
        name: 'uq_base_active_main',
        columnNames: ['brand_id', 'city_code'],
        isUnique: true,
        where: `tier = 'MAIN' AND status = 'ACTIVE'`,
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'institution',
        columns: [
          { ...id('id'), isPrimary: true },
          { name: 'name', type: 'varchar', length: '200' },
          id('organization_id'),
          { name: 'city_code', type: 'varchar', length: '6' },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'designated_on', type: 'date' },
        ],
        indices: [{ name: 'ix_institution_organization', columnNames: ['organization_id'] }],
        foreignKeys: [
          {
            name: 'fk_institution_organization',
            columnNames: ['organization_id'],
            referencedTableName: 'organization',
            referencedColumnNames: ['id'],
          },
          { name: 'fk_institution_city', columnNames: ['city_code'], referencedTableName: 'city', referencedColumnNames: ['code'] },
        ],
        checks: [{ name: 'ck_institution_status', expression: `status IN ('ACTIVE', 'SUSPENDED', 'REVOKED', 'EXITED')` }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'institution_service',
        columns: [
          { ...id('institution_id'), isPrimary: true },
          { name: 'service', type: 'varchar', length: '24', isPrimary: true },
        ],
        foreignKeys: [
          {
            name: 'fk_institution_service_institution',
            columnNames: ['institution_id'],
            referencedTableName: 'institution',
            referencedColumnNames: ['id'],
          },
        ],
        checks: [
          { name: 'ck_institution_service', expression: `service IN ('TRAINING', 'EVALUATION', 'COMPETITION', 'EMPLOYMENT_PROMOTION')` },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'institution_brand',
        columns: [
          { ...id('institution_id'), isPrimary: true },
          { ...id('brand_id'), isPrimary: true },
        ],
        indices: [{ name: 'ix_institution_brand_brand', columnNames: ['brand_id'] }],
        foreignKeys: [
          {
            name: 'fk_institution_brand_institution',
            columnNames: ['institution_id'],
            referencedTableName: 'institution',
            referencedColumnNames: ['id'],
          },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['institution_brand', 'institution_service', 'institution', 'base', 'organization', 'city'])
      await queryRunner.dropTable(table);
  }
}
