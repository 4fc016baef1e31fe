import { TableCheck, TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

/** The plan issued on 2023-12-15 */
const PLAN_ISSUED_ON = '2023-12-15';

/**
 * A target counts training from a date to its deadline (issue 15): the plan's targets from its
 * issue date, so training after the deadline, or before the plan, no longer counts toward them.
 */
export class TargetCountsFrom1700000001700 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('brand', new TableColumn({ name: 'target_counts_from', type: 'date', isNullable: true }));
    // every target set so far is the plan's (《技能四川公共品牌培育三年行动方案》, 2023-12-15)
    await queryRunner.query(`UPDATE brand SET target_counts_from = '${PLAN_ISSUED_ON}' WHERE target_person_times IS NOT NULL`);
    await queryRunner.createCheckConstraints('brand', [
      // a target is its person-times, its deadline and the day it counts from, or nothing
      new TableCheck({
        name: 'ck_brand_target_window',
        expression:
          '(target_person_times IS NULL AND target_deadline IS NULL AND target_counts_from IS NULL) OR ' +
          '(target_person_times IS NOT NULL AND target_deadline IS NOT NULL AND target_counts_from IS NOT NULL AND target_counts_from <= target_deadline)',
      }),
    ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropCheckConstraint('brand', 'ck_brand_target_window');
    await queryRunner.dropColumn('brand', 'target_counts_from');
  }
}
