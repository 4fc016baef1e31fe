import { Field, ID, InputType } from 'type-graphql';
import { DateScalar } from '@skills-sichuan/runtime';
import { RosterAction, RosterReason, RosterSubjectType } from './roster-decision.entity';

@InputType({ description: '动态调整: one roster decision about a base or an institution' })
export class RosterAdjustmentInput {
  @Field(() => RosterSubjectType)
  subjectType: RosterSubjectType;

  @Field(() => ID)
  subjectId: string;

  @Field(() => RosterAction)
  action: RosterAction;

  @Field(() => RosterReason, { nullable: true, description: 'required for SUSPEND, REVOKE and EXIT; none for ADD and REINSTATE' })
  reason?: RosterReason | null;

  @Field({ description: '书面说明: the written explanation, required' })
  explanation: string;

  @Field({ description: 'the deciding document, required, e.g. 川人社函〔2025〕12号' })
  decisionReference: string;

  @Field(() => DateScalar, { nullable: true, description: 'the day it was decided; default today; not in the future' })
  decidedOn?: string | null;

  @Field(() => ID, { nullable: true, description: 'the assessment that caused it (evaluation subgraph)' })
  causeAssessmentId?: string | null;

  @Field(() => ID, { nullable: true, description: 'the credit event that caused it (evaluation subgraph)' })
  causeCreditEventId?: string | null;
}

@InputType({ description: 'Which roster decisions to list; every field narrows' })
export class RosterDecisionFilter {
  @Field(() => RosterSubjectType, { nullable: true })
  subjectType?: RosterSubjectType | null;

  @Field(() => ID, { nullable: true })
  subjectId?: string | null;

  @Field(() => RosterAction, { nullable: true })
  action?: RosterAction | null;

  @Field(() => RosterReason, { nullable: true })
  reason?: RosterReason | null;

  @Field(() => DateScalar, { nullable: true, description: 'decided on or after' })
  decidedFrom?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'decided on or before' })
  decidedTo?: string | null;
}
