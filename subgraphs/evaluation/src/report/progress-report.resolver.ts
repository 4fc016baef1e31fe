import { Arg, Args, Authorized, Ctx, Directive, FieldResolver, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Role } from '@skills-sichuan/runtime';
import {
  Cached,
  CacheFor,
  Connection,
  CountAsked,
  type Page,
  type ReferenceResolver,
  type RequestContext,
} from '@skills-sichuan/subgraph-kit';
import { Organization } from '../subject/subject.stub';
import { ProgressFigures, ProgressReport, ReportStatus } from './progress-report.entity';
import { progressReportById } from './progress-report.loader';
import { ProgressReportsArgs, RequestProgressReportsArgs, SubmitProgressReportInput } from './progress-report.input';
import { figuresOf, progressReports, reportStatus, requestProgressReports, submitProgressReport } from './progress-report.service';

@ObjectType()
@Cached(CacheFor.program)
export class ProgressReportConnection extends Connection(ProgressReport) {}

@Resolver(() => ProgressReport)
export class ProgressReportResolver {
  @Query(() => ProgressReportConnection, {
    description: 'Newest period first; a BASE_OPERATOR reads its own organisation’s, a CITY_ADMIN its city’s',
  })
  @Authorized(Role.BASE_OPERATOR, Role.CITY_ADMIN, Role.ASSESSOR)
  progressReports(
    @Ctx() ctx: RequestContext,
    @Args() args: ProgressReportsArgs,
    @CountAsked() counted: boolean,
  ): Promise<Page<ProgressReport>> {
    return progressReports(ctx, { ...args, counted });
  }

  @Mutation(() => ProgressReport, {
    description: 'Submit the own organisation’s report for a period; dated today, LATE after its due date',
  })
  @Authorized(Role.BASE_OPERATOR)
  submitProgressReport(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => SubmitProgressReportInput) input: SubmitProgressReportInput,
  ): Promise<ProgressReport> {
    return submitProgressReport(ctx, input);
  }

  @Directive('@listSize(assumedSize: 500, requireOneSlicingArgument: false)')
  @Mutation(() => [ProgressReport], {
    description: 'Ask organisations for a period’s report; one not submitted by its due date shows as MISSING',
  })
  @Authorized(Role.PROVINCIAL_ADMIN)
  requestProgressReports(@Ctx() ctx: RequestContext, @Args() args: RequestProgressReportsArgs): Promise<ProgressReport[]> {
    return requestProgressReports(ctx, args);
  }

  @FieldResolver(() => ReportStatus)
  status(@Root() report: ProgressReport): ReportStatus {
    return reportStatus(report);
  }

  @FieldResolver(() => ProgressFigures, { nullable: true, description: 'null until submitted' })
  figures(@Root() report: ProgressReport): ProgressFigures | null {
    return figuresOf(report);
  }

  @FieldResolver(() => Organization, { nullable: true })
  organization(@Root() report: ProgressReport): Organization {
    return Organization.reference(report.organizationId);
  }
}

export const resolveProgressReportReference: ReferenceResolver<{ id: string }> = ({ id }, ctx) =>
  ctx.loaders.of(progressReportById).load(id);
