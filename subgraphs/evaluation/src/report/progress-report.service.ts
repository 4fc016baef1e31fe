import { randomUUID } from 'node:crypto';
import { In } from 'typeorm';
import { badInput, conflict, constraintViolated, Role } from '@skills-sichuan/runtime';
import { checkCityCode, insertMany, paginate, type Page, type RequestContext, todayInChina } from '@skills-sichuan/subgraph-kit';
import { organizationFacts, organizationsFacts } from '../subject/subject.graph';
import { ProgressReport, ReportStatus } from './progress-report.entity';
import type { ProgressReportsArgs, RequestProgressReportsArgs, SubmitProgressReportInput } from './progress-report.input';

/** organisations asked at once: checked through the graph in queries sized under the gateway's limits (4 at the default 30 aliases) */
export const MAX_REQUESTED = 100;
const PERIOD = /^(20\d\d)-H([12])$/;

/** A half-year's report is due a month after it ends: H1 on 31 July, H2 on 31 January. */
export function dueOn(period: string): string {
  const m = PERIOD.exec(period);
  if (!m) throw badInput(`period must be a half-year such as "2025-H1", got ${JSON.stringify(period)}`);
  return m[2] === '1' ? `${m[1]}-07-31` : `${Number(m[1]) + 1}-01-31`;
}

export function reportStatus(report: Pick<ProgressReport, 'submittedOn' | 'dueOn'>, on = todayInChina()): ReportStatus {
  if (report.submittedOn) return report.submittedOn <= report.dueOn ? ReportStatus.SUBMITTED : ReportStatus.LATE;
  return report.dueOn < on ? ReportStatus.MISSING : ReportStatus.DUE;
}

/** Each status as a condition on fixed columns. */
const STATUS_CONDITION: Record<ReportStatus, string> = {
  SUBMITTED: 'r.submitted_on IS NOT NULL AND r.submitted_on <= r.due_on',
  LATE: 'r.submitted_on IS NOT NULL AND r.submitted_on > r.due_on',
  MISSING: 'r.submitted_on IS NULL AND r.due_on < :today',
  DUE: 'r.submitted_on IS NULL AND r.due_on >= :today',
};

/**
 * Reports the viewer may read, newest period first: a BASE_OPERATOR its own
 * organisation's, a CITY_ADMIN its city's, assessors and the province all.
 */
export function progressReports(
  ctx: RequestContext,
  { filter, first, after, counted }: ProgressReportsArgs,
): Promise<Page<ProgressReport>> {
  const { viewer } = ctx;
  checkCityCode(filter?.cityCode);
  if (filter?.period) dueOn(filter.period);
  const query = ctx.db.getRepository(ProgressReport).createQueryBuilder('r');
  if (viewer.role === Role.BASE_OPERATOR) query.andWhere('r.organization_id = :own', { own: viewer.organizationId });
  if (viewer.role === Role.CITY_ADMIN) query.andWhere('r.city_code = :ownCity', { ownCity: viewer.cityCode });
  if (filter?.period) query.andWhere('r.period = :period', { period: filter.period });
  if (filter?.organizationId) query.andWhere('r.organization_id = :organizationId', { organizationId: filter.organizationId });
  if (filter?.cityCode) query.andWhere('r.city_code = :cityCode', { cityCode: filter.cityCode });
  if (filter?.status) query.andWhere(`(${STATUS_CONDITION[filter.status]})`, { today: todayInChina() });
  return paginate(
    query,
    [
      { column: 'r.period', property: 'period', direction: 'DESC' },
      { column: 'r.id', property: 'id', direction: 'ASC' },
    ],
    { first, after, counted },
  );
}

/** A BASE_OPERATOR submits its organisation's report for a period once: the requested one, or a new one. */
export async function submitProgressReport(ctx: RequestContext, input: SubmitProgressReportInput): Promise<ProgressReport> {
  ctx.viewer.assertOrganization(input.organizationId, 'submitProgressReport');
  const due = dueOn(input.period);
  for (const name of ['personTimes', 'competitionsHosted', 'promotionEvents', 'employmentPlaced'] as const) {
    const value = input[name];
    if (!Number.isInteger(value) || value < 0 || value > 10_000_000)
      throw badInput(`${name} must be a whole number from 0 to 10,000,000, got ${value}`, { field: name });
  }
  const submittedOn = todayInChina();
  if (submittedOn < `${input.period.slice(0, 4)}-${input.period.endsWith('H1') ? '01' : '07'}-01`)
    throw badInput(`period ${input.period} has not begun`);
  const figures = {
    submittedOn,
    personTimes: input.personTimes,
    competitionsHosted: input.competitionsHosted,
    promotionEvents: input.promotionEvents,
    employmentPlaced: input.employmentPlaced,
    summary: input.summary?.trim() || null,
  };
  const repository = ctx.db.getRepository(ProgressReport);
  const requested = await repository.findOneBy({ organizationId: input.organizationId, period: input.period });
  if (requested?.submittedOn) throw conflict(`the report of ${input.period} was already submitted on ${requested.submittedOn}`);
  if (requested) {
    const { affected } = await repository
      .createQueryBuilder()
      .update()
      .set(figures)
      .where('id = :id AND submitted_on IS NULL', { id: requested.id })
      .execute();
    if (!affected) throw conflict(`the report of ${input.period} was already submitted`);
    return Object.assign(requested, figures);
  }
  const { cityCode } = await organizationFacts(ctx, input.organizationId);
  const report = Object.assign(new ProgressReport(), {
    id: randomUUID(),
    organizationId: input.organizationId,
    cityCode,
    period: input.period,
    dueOn: due,
    ...figures,
  });
  try {
    await repository.insert(report);
  } catch (err) {
    if (constraintViolated(err) === 'unique') throw conflict(`the report of ${input.period} was already submitted`);
    throw err;
  }
  return report;
}

/** The province asks organisations for a period's report; one not submitted by its due date shows as MISSING. */
export async function requestProgressReports(
  ctx: RequestContext,
  { period, organizationIds }: RequestProgressReportsArgs,
): Promise<ProgressReport[]> {
  const due = dueOn(period);
  const ids = [...new Set(organizationIds)];
  if (ids.length === 0 || ids.length > MAX_REQUESTED)
    throw badInput(`organizationIds must hold 1 to ${MAX_REQUESTED} ids, got ${ids.length}`);
  const facts = await organizationsFacts(ctx, ids);
  return ctx.db
    .transaction(async (manager) => {
      const repository = manager.getRepository(ProgressReport);
      const existing = await repository.findBy({ period, organizationId: In(ids) });
      const have = new Set(existing.map((r) => r.organizationId));
      const added = facts
        .filter((f) => !have.has(f.organizationId))
        .map((f) =>
          Object.assign(new ProgressReport(), {
            id: randomUUID(),
            organizationId: f.organizationId,
            cityCode: f.cityCode,
            period,
            dueOn: due,
            submittedOn: null,
            personTimes: null,
            competitionsHosted: null,
            promotionEvents: null,
            employmentPlaced: null,
            summary: null,
          }),
        );
      await insertMany(manager, ProgressReport, added);
      return [...existing, ...added].sort((a, b) => a.organizationId.localeCompare(b.organizationId));
    })
    .catch((err: unknown) => {
      // another request for the same reports landed between the read and the insert: nothing of this one was written
      if (constraintViolated(err) === 'unique')
        throw conflict(`reports of ${period} for these organisations were requested meanwhile; ask again`, {
          reason: 'CONCURRENT_REQUEST',
        });
      throw err;
    });
}

export function figuresOf(report: ProgressReport) {
  return report.submittedOn === null
    ? null
    : {
        personTimes: report.personTimes!,
        competitionsHosted: report.competitionsHosted!,
        promotionEvents: report.promotionEvents!,
        employmentPlaced: report.employmentPlaced!,
      };
}
