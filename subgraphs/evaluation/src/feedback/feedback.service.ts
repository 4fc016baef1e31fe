import { randomUUID } from 'node:crypto';
import { badInput, notFound } from '@skills-sichuan/runtime';
import { paginate, type Page, type RequestContext, requireText, todayInChina } from '@skills-sichuan/subgraph-kit';
import { assertFeedbackSubjectExists } from '../subject/subject.graph';
import { DECIDED, FeedbackDecision, FeedbackStatus, feedbackWorkflow, PublicFeedback } from './feedback.entity';
import type { FeedbackQueueArgs, ModerateFeedbackArgs, SubmitFeedbackInput } from './feedback.input';

const MAX_COMMENT = 2_000;

/** Anyone may rate a subject the graph knows; the feedback waits for moderation (PENDING). */
export async function submitFeedback(ctx: RequestContext, input: SubmitFeedbackInput): Promise<PublicFeedback> {
  if (!Number.isInteger(input.rating) || input.rating < 1 || input.rating > 5)
    throw badInput(`rating must be a whole number from 1 to 5, got ${input.rating}`);
  const comment = requireText(input.comment, 'comment', 0, MAX_COMMENT) || null;
  await assertFeedbackSubjectExists(ctx, input.subjectType, input.subjectId);
  const feedback = Object.assign(new PublicFeedback(), {
    id: randomUUID(),
    subjectType: input.subjectType,
    subjectId: input.subjectId,
    rating: input.rating,
    comment,
    submittedOn: todayInChina(),
    status: FeedbackStatus.PENDING,
    moderatedOn: null,
    moderationNote: null,
  });
  await ctx.db.getRepository(PublicFeedback).insert(feedback);
  return feedback;
}

/** PENDING → APPROVED or REJECTED, once; a rejection says why. */
export async function moderateFeedback(ctx: RequestContext, { id, decision, note }: ModerateFeedbackArgs): Promise<PublicFeedback> {
  const reason = note?.trim() || null;
  if (decision === FeedbackDecision.REJECTED && !reason) throw badInput('a rejection needs a note saying why');
  return ctx.db.transaction(async (manager) => {
    const repository = manager.getRepository(PublicFeedback);
    const feedback = await repository.findOneBy({ id });
    if (!feedback) throw notFound(`no feedback has id ${id}`);
    const status = DECIDED[decision];
    feedbackWorkflow.assertMove(feedback.status, status);
    const moderatedOn = todayInChina();
    // the status condition makes two moderators racing on one feedback decide it once
    const { affected } = await repository.update({ id, status: FeedbackStatus.PENDING }, { status, moderatedOn, moderationNote: reason });
    if (!affected) feedbackWorkflow.assertMove((await repository.findOneByOrFail({ id })).status, status);
    return Object.assign(feedback, { status, moderatedOn, moderationNote: reason });
  });
}

/** The moderation queue: oldest first, so nothing waits forever. */
export function feedbackQueue(ctx: RequestContext, { status, first, after, counted }: FeedbackQueueArgs): Promise<Page<PublicFeedback>> {
  const query = ctx.db.getRepository(PublicFeedback).createQueryBuilder('f').where('f.status = :status', { status });
  return paginate(
    query,
    [
      { column: 'f.submitted_on', property: 'submittedOn', direction: 'ASC' },
      { column: 'f.id', property: 'id', direction: 'ASC' },
    ],
    { first, after, counted },
  );
}
