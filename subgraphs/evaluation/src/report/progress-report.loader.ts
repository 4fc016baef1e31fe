import { In } from 'typeorm';
import { Role } from '@skills-sichuan/runtime';
import { byKey, defineLoader, type RequestContext } from '@skills-sichuan/subgraph-kit';
import { ProgressReport } from './progress-report.entity';

/** Who reads a report: as progressReports lists them, a BASE_OPERATOR its own organisation's, a CITY_ADMIN its city's. */
export function mayReadReport({ viewer }: RequestContext, report: ProgressReport): boolean {
  switch (viewer.role) {
    case Role.PROVINCIAL_ADMIN:
    case Role.ASSESSOR:
      return true;
    case Role.BASE_OPERATOR:
      return report.organizationId === viewer.organizationId;
    case Role.CITY_ADMIN:
      return report.cityCode === viewer.cityCode;
    default:
      return false;
  }
}

/** Reports by id, the viewer's only: another's is null, as if it did not exist. */
export const progressReportById = defineLoader<string, ProgressReport | null>('progressReportById', async (ids, ctx) =>
  byKey(
    ids,
    (await ctx.db.getRepository(ProgressReport).findBy({ id: In([...ids]) })).filter((r) => mayReadReport(ctx, r)),
    (r) => r.id,
  ),
);
