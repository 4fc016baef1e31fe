import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

const id = (name: string, options: { primary?: boolean; nullable?: boolean } = {}) => ({
  name,
  type: 'varchar',
  length: '36',
  isPrimary: options.primary ?? false,
  isNullable: options.nullable ?? false,
});
const date = (name: string, nullable = false) => ({ name, type: 'date', isNullable: nullable });
const brandKey = (table: string) => ({
  name: `fk_${table}_brand`,
  columnNames: ['brand_id'],
  referencedTableName: 'brand',
  referencedColumnNames: ['id'],
});

/** Brand elements, the standard system, IP registrations and brand usage (plan 二(一), 二(五)). */
export class CreateStandardsAndUsage1700000001100 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'brand_element',
        columns: [
          id('id', { primary: true }),
          id('brand_id'),
          { name: 'kind', type: 'varchar', length: '16' },
          { name: 'version', type: 'integer' },
          { name: 'content', type: 'text' },
          { name: 'description', type: 'text', isNullable: true },
          date('adopted_on'),
        ],
        uniques: [{ name: 'uq_brand_element_version', columnNames: ['brand_id', 'kind', 'version'] }],
        foreignKeys: [brandKey('brand_element')],
        checks: [
          { name: 'ck_brand_element_kind', expression: `kind IN ('NAME', 'LOGO', 'SYMBOL', 'SLOGAN')` },
          { name: 'ck_brand_element_version', expression: 'version >= 1' },
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'standard',
        columns: [
          id('id', { primary: true }),
          { name: 'code', type: 'varchar', length: '40' },
          { name: 'title', type: 'varchar', length: '200' },
          { name: 'category', type: 'varchar', length: '16' },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'version', type: 'varchar', length: '16' },
          date('published_on', true),
          date('retired_on', true),
          id('supersedes_id', { nullable: true }),
        ],
        uniques: [{ name: 'uq_standard_code_version', columnNames: ['code', 'version'] }],
        indices: [{ name: 'ix_standard_supersedes', columnNames: ['supersedes_id'] }],
        foreignKeys: [
          {
            name: 'fk_standard_supersedes',
            columnNames: ['supersedes_id'],
            referencedTableName: 'standard',
            referencedColumnNames: ['id'],
          },
        ],
        checks: [
          { name: 'ck_standard_category', expression: `category IN ('CULTIVATION', 'MANAGEMENT', 'EVALUATION')` },
          { name: 'ck_standard_status', expression: `status IN ('DRAFT', 'PUBLISHED', 'RETIRED')` },
          { name: 'ck_standard_published', expression: `status = 'DRAFT' OR published_on IS NOT NULL` },
        ],
      }),
    );
    // one published version of a standard at a time
    await queryRunner.createIndex(
      'standard',
      new TableIndex({ name: 'uq_standard_published', columnNames: ['code'], isUnique: true, where: `status = 'PUBLISHED'` }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'standard_brand',
        columns: [id('standard_id', { primary: true }), id('brand_id', { primary: true })],
        indices: [{ name: 'ix_standard_brand_brand', columnNames: ['brand_id'] }],
        foreignKeys: [
          {
            name: 'fk_standard_brand_standard',
            columnNames: ['standard_id'],
            referencedTableName: 'standard',
            referencedColumnNames: ['id'],
          },
          brandKey('standard_brand'),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'standard_drafter',
        columns: [id('standard_id', { primary: true }), id('organization_id', { primary: true })],
        foreignKeys: [
          {
            name: 'fk_standard_drafter_standard',
            columnNames: ['standard_id'],
            referencedTableName: 'standard',
            referencedColumnNames: ['id'],
          },
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'ip_registration',
        columns: [
          id('id', { primary: true }),
          { name: 'kind', type: 'varchar', length: '16' },
          { name: 'registration_number', type: 'varchar', length: '40' },
          { name: 'title', type: 'varchar', length: '200' },
          id('brand_id'),
          id('holder_id'),
          { name: 'status', type: 'varchar', length: '16' },
          date('applied_on'),
          date('granted_on', true),
          date('expires_on', true),
        ],
        uniques: [{ name: 'uq_ip_registration_number', columnNames: ['kind', 'registration_number'] }],
        indices: [{ name: 'ix_ip_registration_brand', columnNames: ['brand_id', 'status'] }],
        foreignKeys: [brandKey('ip_registration')],
        checks: [
          { name: 'ck_ip_registration_kind', expression: `kind IN ('TRADEMARK', 'PATENT')` },
          { name: 'ck_ip_registration_status', expression: `status IN ('APPLIED', 'GRANTED', 'EXPIRED')` },
          {
            name: 'ck_ip_registration_dates',
            expression: '(granted_on IS NULL OR granted_on >= applied_on) AND (expires_on IS NULL OR expires_on > granted_on)',
          },
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'usage_qualification',
        columns: [
          id('id', { primary: true }),
          id('brand_id'),
          { name: 'requirement', type: 'text' },
          date('effective_from'),
          date('withdrawn_on', true),
        ],
        indices: [{ name: 'ix_usage_qualification_brand', columnNames: ['brand_id'] }],
        foreignKeys: [brandKey('usage_qualification')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'cluster_usage_standard',
        columns: [
          id('id', { primary: true }),
          id('brand_id'),
          { name: 'cluster', type: 'varchar', length: '120' },
          { name: 'city_code', type: 'varchar', length: '6', isNullable: true },
          { name: 'requirements', type: 'text' },
          date('effective_from'),
        ],
        indices: [{ name: 'ix_cluster_usage_standard_brand', columnNames: ['brand_id'] }],
        foreignKeys: [brandKey('cluster_usage_standard')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'usage_licence',
        columns: [
          id('id', { primary: true }),
          { name: 'licence_number', type: 'varchar', length: '40' },
          id('brand_id'),
          id('licensee_id'),
          { name: 'scope', type: 'text' },
          date('valid_from'),
          date('valid_to'),
          { name: 'status', type: 'varchar', length: '16' },
          date('revoked_on', true),
          { name: 'revocation_reason', type: 'text', isNullable: true },
        ],
        uniques: [{ name: 'uq_usage_licence_number', columnNames: ['licence_number'] }],
        indices: [
          { name: 'ix_usage_licence_brand', columnNames: ['brand_id', 'valid_to'] },
          { name: 'ix_usage_licence_licensee', columnNames: ['licensee_id'] },
        ],
        foreignKeys: [brandKey('usage_licence')],
        checks: [
          { name: 'ck_usage_licence_status', expression: `status IN ('ACTIVE', 'REVOKED')` },
          { name: 'ck_usage_licence_period', expression: 'valid_to >= valid_from' },
          {
            name: 'ck_usage_licence_revocation',
            expression: `status = 'ACTIVE' OR (revoked_on IS NOT NULL AND revocation_reason IS NOT NULL)`,
          },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'infringement_report',
        columns: [
          id('id', { primary: true }),
          id('brand_id'),
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'reporter', type: 'varchar', length: '120' },
          { name: 'suspect', type: 'varchar', length: '200' },
          { name: 'description', type: 'text' },
          { name: 'city_code', type: 'varchar', length: '6' },
          date('filed_on'),
          date('investigation_started_on', true),
          { name: 'finding', type: 'varchar', length: '16', isNullable: true },
          { name: 'conclusion', type: 'text', isNullable: true },
          date('concluded_on', true),
        ],
        indices: [{ name: 'ix_infringement_report_brand', columnNames: ['brand_id', 'status'] }],
        foreignKeys: [brandKey('infringement_report')],
        checks: [
          { name: 'ck_infringement_report_status', expression: `status IN ('FILED', 'INVESTIGATING', 'CONCLUDED')` },
          {
            name: 'ck_infringement_report_conclusion',
            expression: `status <> 'CONCLUDED' OR (finding IS NOT NULL AND concluded_on IS NOT NULL)`,
          },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'infringement_report',
      'usage_licence',
      'cluster_usage_standard',
      'usage_qualification',
      'ip_registration',
      'standard_drafter',
      'standard_brand',
      'standard',
      'brand_element',
    ]) {
      await queryRunner.dropTable(table);
    }
  }
}
