import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

export class CreateBrand1700000001000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'brand',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'code', type: 'varchar', length: '80' },
          { name: 'name', type: 'varchar', length: '80' },
          { name: 'level', type: 'varchar', length: '16' },
          { name: 'sector', type: 'varchar', length: '16', isNullable: true },
          { name: 'parent_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'position', type: 'integer' },
          { name: 'target_person_times', type: 'integer', isNullable: true },
          { name: 'target_deadline', type: 'date', isNullable: true },
        ],
        uniques: [
          { name: 'uq_brand_code', columnNames: ['code'] },
          { name: 'uq_brand_name', columnNames: ['name'] },
        ],
        indices: [{ name: 'ix_brand_parent', columnNames: ['parent_id'] }],
        foreignKeys: [{ name: 'fk_brand_parent', columnNames: ['parent_id'], referencedTableName: 'brand', referencedColumnNames: ['id'] }],
        checks: [
          { name: 'ck_brand_level', expression: `level IN ('PUBLIC_BRAND', 'SUB_BRAND')` },
          { name: 'ck_brand_target', expression: 'target_person_times IS NULL OR target_person_times > 0' },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('brand');
  }
}
