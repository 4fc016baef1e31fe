import { randomUUID } from 'node:crypto';
import { badInput, notFound, Role } from '@skills-sichuan/runtime';
import { checkCityCode, paginate, requireText, type Page, type RequestContext } from '@skills-sichuan/subgraph-kit';
import { existingBrand } from '../brand/brand.service';
import { InfringementReport, InfringementStatus, infringementWorkflow } from './infringement-report.entity';
import type { ConcludeInfringementReportInput, FileInfringementReportInput, InfringementReportsArgs } from './infringement-report.input';

/** Reports name people: a CITY_ADMIN reads its own city's, PROVINCIAL_ADMIN all. */
export function listInfringementReports({ db, viewer }: RequestContext, args: InfringementReportsArgs): Promise<Page<InfringementReport>> {
  const query = db.getRepository(InfringementReport).createQueryBuilder('r');
  if (viewer.role === Role.CITY_ADMIN) query.andWhere('r.city_code = :own', { own: viewer.cityCode });
  if (args.brandId) query.andWhere('r.brand_id = :brandId', { brandId: args.brandId });
  if (args.status) query.andWhere('r.status = :status', { status: args.status });
  return paginate(
    query,
    [
      { column: 'r.filed_on', property: 'filedOn', direction: 'DESC' },
      { column: 'r.id', property: 'id', direction: 'ASC' },
    ],
    args,
  );
}

export async function fileInfringementReport(ctx: RequestContext, input: FileInfringementReportInput): Promise<InfringementReport> {
  checkCityCode(input.cityCode);
  await existingBrand(ctx, input.brandId);
  const report = ctx.db.getRepository(InfringementReport).create({
    id: randomUUID(),
    brandId: input.brandId,
    status: InfringementStatus.FILED,
    reporter: requireText(input.reporter, 'reporter', 2, 120),
    suspect: requireText(input.suspect, 'suspect', 2, 200),
    description: requireText(input.description, 'description', 10, 4000),
    cityCode: input.cityCode,
    filedOn: input.filedOn,
    investigationStartedOn: null,
    finding: null,
    conclusion: null,
    concludedOn: null,
  });
  await ctx.db.getRepository(InfringementReport).insert(report);
  return report;
}

export async function startInfringementInvestigation(ctx: RequestContext, id: string, startedOn: string): Promise<InfringementReport> {
  return moveInfringementReport(ctx, id, InfringementStatus.INVESTIGATING, (report) => {
    if (startedOn < report.filedOn)
      throw badInput(`the investigation cannot start before the report was filed (${report.filedOn})`, { field: 'startedOn' });
    report.investigationStartedOn = startedOn;
  });
}

export async function concludeInfringementReport(ctx: RequestContext, input: ConcludeInfringementReportInput): Promise<InfringementReport> {
  const conclusion = requireText(input.conclusion, 'conclusion', 4, 4000);
  return moveInfringementReport(ctx, input.id, InfringementStatus.CONCLUDED, (report) => {
    const since = report.investigationStartedOn ?? report.filedOn;
    if (input.concludedOn < since) throw badInput(`concludedOn must not precede ${since}`, { field: 'concludedOn' });
    Object.assign(report, { finding: input.finding, conclusion, concludedOn: input.concludedOn });
  });
}

/** One move of a report's workflow in a transaction: read, check the move, apply its fields, save. */
function moveInfringementReport(
  ctx: RequestContext,
  id: string,
  to: InfringementStatus,
  apply: (report: InfringementReport) => void,
): Promise<InfringementReport> {
  return ctx.db.transaction(async (manager) => {
    const repository = manager.getRepository(InfringementReport);
    const report = await repository.findOneBy({ id });
    if (!report) throw notFound(`no infringement report has the id ${JSON.stringify(id)}`, { field: 'id' });
    infringementWorkflow.assertMove(report.status, to);
    apply(report);
    report.status = to;
    await repository.save(report);
    return report;
  });
}
