import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { PageArgs } from '@skills-sichuan/subgraph-kit';
import { FeedbackSubjectKind } from '../subject/subject.enums';
import { FeedbackDecision, FeedbackStatus } from './feedback.entity';

@InputType({ description: 'A rating, and optionally a comment, on a base, an institution or a brand' })
export class SubmitFeedbackInput {
  @Field(() => FeedbackSubjectKind)
  subjectType: FeedbackSubjectKind;

  @Field(() => ID)
  subjectId: string;

  @Field(() => Int, { description: '1 (poor) to 5 (excellent)' })
  rating: number;

  @Field(() => String, { nullable: true, description: 'at most 2,000 characters' })
  comment?: string | null;
}

@ArgsType()
export class ModerateFeedbackArgs {
  @Field(() => ID)
  id: string;

  @Field(() => FeedbackDecision)
  decision: FeedbackDecision;

  @Field(() => String, { nullable: true, description: 'why; required when rejecting' })
  note?: string | null;
}

@ArgsType()
export class FeedbackQueueArgs extends PageArgs {
  @Field(() => FeedbackStatus, { defaultValue: FeedbackStatus.PENDING })
  status: FeedbackStatus;
}

@ArgsType()
export class SubjectFeedbackArgs {
  @Field(() => FeedbackStatus, { nullable: true, description: 'omitted: every status the viewer may see (the public sees APPROVED only)' })
  status?: FeedbackStatus | null;
}

@ArgsType()
export class PublicOpinionArgs {
  @Field(() => Int, { nullable: true, description: 'only feedback submitted in this year; omitted: all' })
  year?: number | null;
}
