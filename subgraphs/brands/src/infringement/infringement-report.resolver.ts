import { Arg, Args, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Role } from '@skills-sichuan/runtime';
import { CountAsked, type RequestContext } from '@skills-sichuan/subgraph-kit';
import { Brand } from '../brand/brand.entity';
import { brandOf } from '../brand/brand.loader';
import { City } from '../city/city.stub';
import { InfringementReport } from './infringement-report.entity';
import {
  ConcludeInfringementReportInput,
  FileInfringementReportInput,
  InfringementReportConnection,
  InfringementReportsArgs,
  StartInfringementInvestigationInput,
} from './infringement-report.input';
import {
  concludeInfringementReport,
  fileInfringementReport,
  listInfringementReports,
  startInfringementInvestigation,
} from './infringement-report.service';

/** Reports of counterfeit and infringing use (打击假冒和侵害): handled by PROVINCIAL_ADMIN, read also by a CITY_ADMIN for its own city. */
@Resolver(() => InfringementReport)
export class InfringementReportResolver {
  @Authorized(Role.CITY_ADMIN)
  @Query(() => InfringementReportConnection, {
    description: 'Reports of counterfeit or infringing use, newest first; a CITY_ADMIN sees its own city’s',
  })
  infringementReports(
    @Ctx() ctx: RequestContext,
    @Args() args: InfringementReportsArgs,
    @CountAsked() counted: boolean,
  ): Promise<InfringementReportConnection> {
    return listInfringementReports(ctx, { ...args, counted });
  }

  @FieldResolver(() => Brand)
  brand(@Root() report: InfringementReport, @Ctx() ctx: RequestContext): Promise<Brand> {
    return brandOf(ctx, report.brandId);
  }

  @FieldResolver(() => City, { nullable: true })
  city(@Root() report: InfringementReport): City {
    return City.reference(report.cityCode);
  }

  @Authorized(Role.PROVINCIAL_ADMIN)
  @Mutation(() => InfringementReport, { description: 'Files a report of counterfeit or infringing use (FILED)' })
  fileInfringementReport(@Ctx() ctx: RequestContext, @Arg('input') input: FileInfringementReportInput): Promise<InfringementReport> {
    return fileInfringementReport(ctx, input);
  }

  @Authorized(Role.PROVINCIAL_ADMIN)
  @Mutation(() => InfringementReport, { description: 'FILED → INVESTIGATING' })
  startInfringementInvestigation(
    @Ctx() ctx: RequestContext,
    @Arg('input') input: StartInfringementInvestigationInput,
  ): Promise<InfringementReport> {
    return startInfringementInvestigation(ctx, input.id, input.startedOn);
  }

  @Authorized(Role.PROVINCIAL_ADMIN)
  @Mutation(() => InfringementReport, { description: 'FILED or INVESTIGATING → CONCLUDED, with the finding' })
  concludeInfringementReport(
    @Ctx() ctx: RequestContext,
    @Arg('input') input: ConcludeInfringementReportInput,
  ): Promise<InfringementReport> {
    return concludeInfringementReport(ctx, input);
  }
}
