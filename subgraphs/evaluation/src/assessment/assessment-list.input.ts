import { ArgsType, Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Cached, CacheFor, Connection, PageArgs } from '@skills-sichuan/subgraph-kit';
import { SubjectKind } from '../subject/subject.enums';
import { Assessment, AssessmentResult } from './assessment.entity';

/** The score minScore and maxScore bound; each maps to its own column, never a client string. */
export enum AssessmentScore {
  QUALITY = 'QUALITY',
  TRUST = 'TRUST',
  PUBLIC = 'PUBLIC',
}
registerEnumType(AssessmentScore, {
  name: 'AssessmentScore',
  valuesConfig: { QUALITY: { description: '质量度' }, TRUST: { description: '信任度' }, PUBLIC: { description: '群众评价' } },
});

export const SCORE_COLUMN: Record<AssessmentScore, string> = {
  QUALITY: 'a.quality_score',
  TRUST: 'a.trust_score',
  PUBLIC: 'a.public_score',
};

@InputType({ description: 'Which assessments to list; every field given narrows the list' })
export class AssessmentFilter {
  @Field(() => Int, { nullable: true })
  year?: number | null;

  @Field(() => AssessmentResult, { nullable: true })
  result?: AssessmentResult | null;

  @Field(() => AssessmentScore, { defaultValue: AssessmentScore.QUALITY, description: 'the score minScore and maxScore bound' })
  score?: AssessmentScore;

  @Field(() => Float, { nullable: true, description: 'the score at least this (0–100)' })
  minScore?: number | null;

  @Field(() => Float, { nullable: true, description: 'the score below this (低于, 0–100): maxScore 60 lists those under 60' })
  maxScore?: number | null;

  @Field(() => SubjectKind, { nullable: true })
  subjectType?: SubjectKind | null;

  @Field(() => ID, { nullable: true, description: 'assessments of the brand’s bases and of the institutions serving it' })
  brandId?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    defaultValue: true,
    description: "with brandId: a public brand's subjects include its sub-brands' unless this is false",
  })
  includeSubBrands?: boolean | null;

  @Field(() => String, { nullable: true, description: 'GB/T 2260 code of the subject’s 市州' })
  cityCode?: string | null;
}

@ArgsType()
export class AssessmentsArgs extends PageArgs {
  @Field(() => AssessmentFilter, { nullable: true })
  filter?: AssessmentFilter | null;
}

@ObjectType()
@Cached(CacheFor.program)
export class AssessmentConnection extends Connection(Assessment) {}
