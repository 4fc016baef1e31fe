import { Field, ID, InputType } from 'type-graphql';
import { DateScalar } from '@skills-sichuan/runtime';
import { RosterAction, RosterReason, RosterSubjectType } from './roster-decision.entity';

@InputType({ description: '书面说明: a base or institution states its situation to the department' })
export class SubmitRosterStatementInput {
  @Field(() => RosterSubjectType)
  subjectType: RosterSubjectType;

  @Field(() => ID)
  subjectId: string;

  @Field(() => RosterReason, { description: 'which of the plan’s situations it is' })
  reason: RosterReason;

  @Field({ description: 'the written statement' })
  explanation: string;
}

@InputType({ description: '审定: the department’s review of a statement' })
export class ReviewRosterStatementInput {
  @Field(() => ID)
  id: string;

  @Field({ description: 'true: decide on the roster (action); false: no cause, the roster unchanged' })
  approve: boolean;

  @Field(() => RosterAction, { nullable: true, description: 'with approve: SUSPEND, REVOKE or EXIT' })
  action?: RosterAction | null;

  @Field({ description: 'the department’s 审定意见' })
  note: string;

  @Field(() => String, { nullable: true, description: 'with approve: the deciding document' })
  decisionReference?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'the day of the 审定; default today' })
  reviewedOn?: string | null;
}
