import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Authorized, Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar, Role } from '@skills-sichuan/runtime';
import { Cached, CacheFor, Workflow } from '@skills-sichuan/subgraph-kit';
import type { FeedbackSubjectType } from '../subject/subject.enums';

export enum FeedbackStatus {
  PENDING = 'PENDING',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
}
registerEnumType(FeedbackStatus, {
  name: 'FeedbackStatus',
  description: 'moderation: only APPROVED feedback is shown to the public and counts toward public opinion',
});

export enum FeedbackDecision {
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
}
registerEnumType(FeedbackDecision, { name: 'FeedbackDecision' });

/** Moderation decides PENDING feedback once. */
export const feedbackWorkflow = new Workflow<FeedbackStatus>('feedback', {
  PENDING: [FeedbackStatus.APPROVED, FeedbackStatus.REJECTED],
  APPROVED: [],
  REJECTED: [],
});

/** The status a moderation decision gives. */
export const DECIDED: Record<FeedbackDecision, FeedbackStatus> = {
  [FeedbackDecision.APPROVED]: FeedbackStatus.APPROVED,
  [FeedbackDecision.REJECTED]: FeedbackStatus.REJECTED,
};

@Entity('public_feedback')
@ObjectType({ description: 'A rating and comment from the public (群众评价) on a base, an institution or a brand' })
@Directive('@key(fields: "id")')
export class PublicFeedback {
  @PrimaryColumn('varchar', { length: 36 })
  @Field(() => ID)
  id: string;

  @Column('varchar', { name: 'subject_type', length: 16 })
  subjectType: FeedbackSubjectType;

  @Column('varchar', { name: 'subject_id', length: 36 })
  subjectId: string;

  @Column('integer')
  @Field(() => Int, { description: '1 (poor) to 5 (excellent)' })
  rating: number;

  @Column('text', { nullable: true })
  @Field(() => String, { nullable: true })
  comment: string | null;

  @Column('date', { name: 'submitted_on' })
  @Field(() => DateScalar)
  submittedOn: string;

  @Column('varchar', { length: 16 })
  @Field(() => FeedbackStatus)
  status: FeedbackStatus;

  @Column('date', { name: 'moderated_on', nullable: true })
  @Field(() => DateScalar, { nullable: true })
  moderatedOn: string | null;

  /** why a moderator decided as they did: for moderators only */
  @Column('text', { name: 'moderation_note', nullable: true })
  @Field(() => String, { nullable: true, description: 'ASSESSOR and PROVINCIAL_ADMIN only' })
  @Authorized(Role.ASSESSOR)
  moderationNote: string | null;
}

@ObjectType({ description: 'The public-opinion score of a subject: its APPROVED feedback, on 0–100' })
@Cached(CacheFor.program)
export class PublicOpinion {
  @Field(() => Number, { nullable: true, description: '(average rating − 1) / 4 × 100, one decimal; null without approved feedback' })
  score: number | null;

  @Field(() => Number, { nullable: true, description: 'the average approved rating, 1–5' })
  averageRating: number | null;

  @Field(() => Int, { description: 'approved ratings counted' })
  ratings: number;
}
