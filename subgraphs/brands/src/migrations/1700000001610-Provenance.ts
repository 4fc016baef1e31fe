import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

/** Brands and targets say whether they are the plan's or the program office's (issue 15): the plan names the five brands and their targets, nothing below them. */
export class Provenance1700000001610 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('brand', [
      new TableColumn({ name: 'provenance', type: 'varchar', length: '16', default: "'PROGRAM_OFFICE'" }),
      new TableColumn({ name: 'target_provenance', type: 'varchar', length: '16', isNullable: true }),
    ]);
    await queryRunner.query(`UPDATE brand SET provenance = 'PLAN' WHERE level = 'PUBLIC_BRAND'`);
    await queryRunner.query(
      `UPDATE brand SET target_provenance = CASE WHEN level = 'PUBLIC_BRAND' THEN 'PLAN' ELSE 'PROGRAM_OFFICE' END WHERE target_person_times IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumns('brand', ['provenance', 'target_provenance']);
  }
}
