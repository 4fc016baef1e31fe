import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { PageArgs } from '@skills-sichuan/subgraph-kit';
import { ReportStatus } from './progress-report.entity';

@InputType({ description: 'A half-year’s progress report, with the figures it claims' })
export class SubmitProgressReportInput {
  @Field(() => ID)
  organizationId: string;

  @Field({ description: 'e.g. "2025-H1"' })
  period: string;

  @Field(() => Int)
  personTimes: number;

  @Field(() => Int)
  competitionsHosted: number;

  @Field(() => Int)
  promotionEvents: number;

  @Field(() => Int)
  employmentPlaced: number;

  @Field(() => String, { nullable: true })
  summary?: string | null;
}

@InputType()
export class ProgressReportFilter {
  @Field({ nullable: true })
  period?: string;

  @Field(() => ID, { nullable: true })
  organizationId?: string;

  @Field({ nullable: true, description: 'GB/T 2260 code of a 市州' })
  cityCode?: string;

  @Field(() => ReportStatus, { nullable: true })
  status?: ReportStatus;
}

@ArgsType()
export class ProgressReportsArgs extends PageArgs {
  @Field(() => ProgressReportFilter, { nullable: true })
  filter?: ProgressReportFilter | null;
}

@ArgsType()
export class RequestProgressReportsArgs {
  @Field({ description: 'e.g. "2026-H2"' })
  period: string;

  @Field(() => [ID], { description: 'the organisations that must report; at most 100 at once' })
  organizationIds: string[];
}
