import { ArgsType, Field, Float, ID, InputType, Int } from 'type-graphql';
import { DateScalar } from '@skills-sichuan/runtime';
import { SubjectKind } from '../subject/subject.enums';

@InputType({ description: 'An annual spot check of a base or an institution; the result follows from the scores by the scoring rule' })
export class RecordAssessmentInput {
  @Field(() => SubjectKind)
  subjectType: SubjectKind;

  @Field(() => ID)
  subjectId: string;

  @Field(() => Int)
  year: number;

  @Field(() => Float, { description: '质量度, 0–100' })
  qualityScore: number;

  @Field(() => Float, { description: '信任度, 0–100' })
  trustScore: number;

  @Field(() => Float, {
    nullable: true,
    description: 'public opinion, 0–100; omitted: the subject’s public-opinion score from the year’s APPROVED feedback (null without any)',
  })
  publicScore?: number | null;

  @Field(() => DateScalar, { description: 'in the assessment’s year, not in the future' })
  assessedOn: string;

  @Field(() => String, { nullable: true })
  findings?: string | null;

  @Field({ description: 'who carried out the check' })
  assessor: string;
}

@ArgsType()
export class PublishAssessmentArgs {
  @Field(() => ID)
  id: string;
}
