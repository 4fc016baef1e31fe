import { Arg, Args, Authorized, Ctx, FieldResolver, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Role } from '@skills-sichuan/runtime';
import { Connection, CountAsked, type Page, type ReferenceResolver, type RequestContext } from '@skills-sichuan/subgraph-kit';
import { FeedbackSubject, feedbackSubjectReference } from '../subject/subject.stub';
import { PublicFeedback } from './feedback.entity';
import { FeedbackQueueArgs, ModerateFeedbackArgs, SubmitFeedbackInput } from './feedback.input';
import { feedbackById } from './feedback.loader';
import { feedbackQueue, moderateFeedback, submitFeedback } from './feedback.service';

@ObjectType()
export class FeedbackConnection extends Connection(PublicFeedback) {}

@Resolver(() => PublicFeedback)
export class FeedbackResolver {
  @Query(() => FeedbackConnection, { description: 'The moderation queue, oldest first' })
  @Authorized(Role.ASSESSOR)
  feedbackQueue(
    @Ctx() ctx: RequestContext,
    @Args() args: FeedbackQueueArgs,
    @CountAsked() counted: boolean,
  ): Promise<Page<PublicFeedback>> {
    return feedbackQueue(ctx, { ...args, counted });
  }

  @Mutation(() => PublicFeedback, {
    description: 'Rate a base, an institution or a brand; anyone may, and it is shown once a moderator approves it',
  })
  submitFeedback(@Ctx() ctx: RequestContext, @Arg('input', () => SubmitFeedbackInput) input: SubmitFeedbackInput): Promise<PublicFeedback> {
    return submitFeedback(ctx, input);
  }

  @Mutation(() => PublicFeedback, { description: 'Approve or reject PENDING feedback' })
  @Authorized(Role.ASSESSOR)
  moderateFeedback(@Ctx() ctx: RequestContext, @Args() args: ModerateFeedbackArgs): Promise<PublicFeedback> {
    return moderateFeedback(ctx, args);
  }

  @FieldResolver(() => FeedbackSubject, { nullable: true })
  subject(@Root() feedback: PublicFeedback) {
    return feedbackSubjectReference(feedback.subjectType, feedback.subjectId);
  }
}

export const resolveFeedbackReference: ReferenceResolver<{ id: string }> = ({ id }, { loaders }) => loaders.of(feedbackById).load(id);
