import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { DateScalar } from '@skills-sichuan/runtime';
import { SubjectKind } from '../subject/subject.enums';
import { CreditEventKind, InvestigationFinding } from './credit.entity';

@InputType({ description: 'A credit event of an organisation, optionally against one of its bases or institutions' })
export class RecordCreditEventInput {
  @Field(() => ID)
  organizationId: string;

  @Field(() => SubjectKind, { nullable: true, description: 'with subjectId: the base or institution (of this organisation) concerned' })
  subjectType?: SubjectKind | null;

  @Field(() => ID, { nullable: true })
  subjectId?: string | null;

  @Field(() => CreditEventKind)
  kind: CreditEventKind;

  @Field(() => Int, { description: '−100 to 100: ≤ 0 for VIOLATION and DISHONESTY, ≥ 0 for REMEDIATION and COMMENDATION' })
  points: number;

  @Field({ description: 'the written reason (书面说明); required' })
  reason: string;

  @Field(() => DateScalar, { description: 'not in the future' })
  occurredOn: string;

  @Field(() => ID, { nullable: true, description: 'the integrity investigation that found it' })
  investigationId?: string | null;
}

@InputType({ description: 'A credit commitment (信用承诺) for a year' })
export class SignCreditCommitmentInput {
  @Field(() => ID)
  organizationId: string;

  @Field(() => Int)
  year: number;

  @Field()
  pledge: string;
}

@InputType({ description: 'An integrity investigation (诚信调查) to open' })
export class OpenInvestigationInput {
  @Field(() => ID)
  organizationId: string;

  @Field(() => SubjectKind, { nullable: true })
  subjectType?: SubjectKind | null;

  @Field(() => ID, { nullable: true })
  subjectId?: string | null;

  @Field({ description: 'what is being investigated' })
  scope: string;
}

@ArgsType()
export class CloseInvestigationArgs {
  @Field(() => ID)
  id: string;

  @Field(() => InvestigationFinding)
  finding: InvestigationFinding;

  @Field({ description: 'the findings, in writing' })
  summary: string;
}
