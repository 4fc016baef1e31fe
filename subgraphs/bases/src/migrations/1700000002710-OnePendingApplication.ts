import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/** an application not yet decided: SUBMITTED or PRELIMINARY_REVIEW */
const PENDING_BASE_APPLICATION = `kind = 'BASE' AND status IN ('SUBMITTED', 'PRELIMINARY_REVIEW')`;

/** At most one pending application per organisation, brand and tier (issue 15), kept by a partial unique index on both databases. */
export class OnePendingApplication1700000002710 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    // a database that already holds two pending applications for one organisation, brand and tier
    // cannot take the index: said plainly, for the department to decide which one stands
    const duplicates: { organization_id: string; brand_id: string; tier: string; n: number | string }[] = await queryRunner.query(
      `SELECT organization_id, brand_id, tier, COUNT(*) AS n FROM application WHERE ${PENDING_BASE_APPLICATION} ` +
        'GROUP BY organization_id, brand_id, tier HAVING COUNT(*) > 1',
    );
    if (duplicates.length) {
      const listed = duplicates.map((d) => `organisation ${d.organization_id}, brand ${d.brand_id}, ${d.tier}: ${d.n}`).join('; ');
      throw new Error(
        `OnePendingApplication: ${duplicates.length} organisation/brand/tier hold more than one pending application (${listed}); reject all but one, then start again`,
      );
    }
    await queryRunner.createIndex(
      'application',
      new TableIndex({
        name: 'uq_application_pending',
        columnNames: ['organization_id', 'brand_id', 'tier'],
        isUnique: true,
        where: PENDING_BASE_APPLICATION,
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('application', 'uq_application_pending');
  }
}
