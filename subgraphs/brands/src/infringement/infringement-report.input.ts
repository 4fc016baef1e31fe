import { ArgsType, Field, ID, InputType, ObjectType } from 'type-graphql';
import { DateScalar } from '@skills-sichuan/runtime';
import { Connection, PageArgs } from '@skills-sichuan/subgraph-kit';
import { InfringementFinding, InfringementReport, InfringementStatus } from './infringement-report.entity';

@ArgsType()
export class InfringementReportsArgs extends PageArgs {
  @Field(() => ID, { nullable: true })
  brandId?: string;

  @Field(() => InfringementStatus, { nullable: true })
  status?: InfringementStatus;
}

@ObjectType()
export class InfringementReportConnection extends Connection(InfringementReport) {}

@InputType({ description: 'A report of counterfeit or infringing use of a brand' })
export class FileInfringementReportInput {
  @Field(() => ID)
  brandId: string;

  @Field()
  reporter: string;

  @Field()
  suspect: string;

  @Field()
  description: string;

  @Field({ description: 'the 市州 where it happened' })
  cityCode: string;

  @Field(() => DateScalar)
  filedOn: string;
}

@InputType()
export class StartInfringementInvestigationInput {
  @Field(() => ID)
  id: string;

  @Field(() => DateScalar)
  startedOn: string;
}

@InputType({ description: 'The end of an investigation: what was found and done' })
export class ConcludeInfringementReportInput {
  @Field(() => ID)
  id: string;

  @Field(() => InfringementFinding)
  finding: InfringementFinding;

  @Field()
  conclusion: string;

  @Field(() => DateScalar)
  concludedOn: string;
}
