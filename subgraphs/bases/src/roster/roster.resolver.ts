import { Arg, Args, Authorized, Ctx, FieldResolver, Mutation, ObjectType, Query, Resolver, Root, createUnionType } from 'type-graphql';
import { Role } from '@skills-sichuan/runtime';
import { Cached, CacheFor, Connection, CountAsked, type Page, PageArgs, type RequestContext } from '@skills-sichuan/subgraph-kit';
import { Base } from '../base/base.entity';
import { baseById } from '../base/base.loader';
import { Institution } from '../institution/institution.entity';
import { institutionById } from '../institution/institution.loader';
import { Assessment, CreditEvent } from './cause.stub';
import { RosterDecision, RosterSubjectType } from './roster-decision.entity';
import { RosterAdjustmentInput, RosterDecisionFilter } from './roster.input';
import { adjustRoster, listRosterDecisions } from './roster.service';

export const RosterSubject = createUnionType({
  name: 'RosterSubject',
  description: 'What a roster decision is about',
  types: () => [Base, Institution] as const,
  resolveType: (value) => (value instanceof Base ? Base : Institution),
});

@ObjectType()
@Cached(CacheFor.program)
export class RosterDecisionConnection extends Connection(RosterDecision) {}

@Resolver(() => RosterDecision)
export class RosterDecisionResolver {
  @Query(() => RosterDecisionConnection, { description: 'Roster decisions, newest first (decidedOn, then the order they were recorded)' })
  rosterDecisions(
    @Ctx() ctx: RequestContext,
    @Args() { first, after }: PageArgs,
    @Arg('filter', () => RosterDecisionFilter, { nullable: true }) filter: RosterDecisionFilter | null,
    @CountAsked() counted: boolean,
  ): Promise<Page<RosterDecision>> {
    return listRosterDecisions(ctx, filter, { first, after, counted });
  }

  @Authorized(Role.PROVINCIAL_ADMIN)
  @Mutation(() => RosterDecision, {
    description: '动态调整: suspend, reinstate, revoke, exit or add back a base or institution; the decision joins its history',
  })
  adjustRoster(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => RosterAdjustmentInput) input: RosterAdjustmentInput,
  ): Promise<RosterDecision> {
    return adjustRoster(ctx, input);
  }

  @FieldResolver(() => RosterSubject)
  subject(@Root() decision: RosterDecision, @Ctx() { loaders }: RequestContext): Promise<Base | Institution | null> {
    return decision.subjectType === RosterSubjectType.BASE
      ? loaders.of(baseById).load(decision.subjectId)
      : loaders.of(institutionById).load(decision.subjectId);
  }

  @FieldResolver(() => Assessment, { nullable: true, description: 'the assessment that caused the decision, if one did' })
  causeAssessment(@Root() decision: RosterDecision): Assessment | null {
    return decision.causeAssessmentId ? Object.assign(new Assessment(), { id: decision.causeAssessmentId }) : null;
  }

  @FieldResolver(() => CreditEvent, { nullable: true, description: 'the credit event that caused the decision, if one did' })
  causeCreditEvent(@Root() decision: RosterDecision): CreditEvent | null {
    return decision.causeCreditEventId ? Object.assign(new CreditEvent(), { id: decision.causeCreditEventId }) : null;
  }
}
