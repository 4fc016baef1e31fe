import { Arg, Args, Authorized, Ctx, Directive, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Role } from '@skills-sichuan/runtime';
import { type ReferenceResolver, type RequestContext } from '@skills-sichuan/subgraph-kit';
import { AssessedSubject, Organization, subjectReference, type Subject } from '../subject/subject.stub';
import { CreditCommitment, CreditEvent, CreditProfile, IntegrityInvestigation } from './credit.entity';
import { CloseInvestigationArgs, OpenInvestigationInput, RecordCreditEventInput, SignCreditCommitmentInput } from './credit.input';
import { creditEventById, investigationById } from './credit.loader';
import { closeInvestigation, openInvestigation, recordCreditEvent, signCreditCommitment } from './credit.service';

@Resolver(() => CreditProfile)
export class CreditProfileResolver {
  @Directive('@listSize(assumedSize: 20, requireOneSlicingArgument: false)')
  @FieldResolver(() => [CreditEvent], {
    description:
      'Oldest first. Everyone sees the DISHONESTY and REMEDIATION events; the rest only the province, assessors, the city’s admin and the organisation itself',
  })
  events(@Root() profile: CreditProfile): CreditEvent[] {
    return profile.visibleEvents;
  }
}

@Resolver(() => CreditEvent)
export class CreditEventResolver {
  @Query(() => CreditEvent, { nullable: true, description: 'null when none exists or the viewer may not read it' })
  creditEvent(@Ctx() { loaders }: RequestContext, @Arg('id', () => ID) id: string): Promise<CreditEvent | null> {
    return loaders.of(creditEventById).load(id);
  }

  @Mutation(() => CreditEvent, { description: 'Record a violation, dishonesty, remediation or commendation, with its written reason' })
  @Authorized(Role.PROVINCIAL_ADMIN)
  recordCreditEvent(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => RecordCreditEventInput) input: RecordCreditEventInput,
  ): Promise<CreditEvent> {
    return recordCreditEvent(ctx, input);
  }

  @FieldResolver(() => Organization, { nullable: true })
  organization(@Root() event: CreditEvent): Organization {
    return Organization.reference(event.organizationId);
  }

  @FieldResolver(() => AssessedSubject, { nullable: true, description: 'the base or institution concerned, if one' })
  subject(@Root() event: CreditEvent): Subject | null {
    return event.subjectType && event.subjectId ? subjectReference(event.subjectType, event.subjectId) : null;
  }

  @FieldResolver(() => IntegrityInvestigation, {
    nullable: true,
    description: 'the investigation that found it, if the viewer may read it',
  })
  investigation(@Root() event: CreditEvent, @Ctx() { loaders }: RequestContext): Promise<IntegrityInvestigation | null> | null {
    return event.investigationId ? loaders.of(investigationById).load(event.investigationId) : null;
  }
}

@Resolver(() => CreditCommitment)
export class CreditCommitmentResolver {
  @Mutation(() => CreditCommitment, { description: 'An organisation signs its credit commitment (信用承诺) for a year' })
  @Authorized(Role.BASE_OPERATOR)
  signCreditCommitment(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => SignCreditCommitmentInput) input: SignCreditCommitmentInput,
  ): Promise<CreditCommitment> {
    return signCreditCommitment(ctx, input);
  }

  @FieldResolver(() => Organization, { nullable: true })
  organization(@Root() commitment: CreditCommitment): Organization {
    return Organization.reference(commitment.organizationId);
  }
}

@Resolver(() => IntegrityInvestigation)
export class InvestigationResolver {
  @Mutation(() => IntegrityInvestigation)
  @Authorized(Role.PROVINCIAL_ADMIN)
  openInvestigation(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => OpenInvestigationInput) input: OpenInvestigationInput,
  ): Promise<IntegrityInvestigation> {
    return openInvestigation(ctx, input);
  }

  @Mutation(() => IntegrityInvestigation, { description: 'Close an OPEN investigation with its finding' })
  @Authorized(Role.PROVINCIAL_ADMIN)
  closeInvestigation(@Ctx() ctx: RequestContext, @Args() args: CloseInvestigationArgs): Promise<IntegrityInvestigation> {
    return closeInvestigation(ctx, args);
  }

  @FieldResolver(() => Organization, { nullable: true })
  organization(@Root() investigation: IntegrityInvestigation): Organization {
    return Organization.reference(investigation.organizationId);
  }

  @FieldResolver(() => AssessedSubject, { nullable: true })
  subject(@Root() investigation: IntegrityInvestigation): Subject | null {
    return investigation.subjectType && investigation.subjectId
      ? subjectReference(investigation.subjectType, investigation.subjectId)
      : null;
  }
}

export const resolveCreditEventReference: ReferenceResolver<{ id: string }> = ({ id }, { loaders }) => loaders.of(creditEventById).load(id);
