import { Args, Authorized, Ctx, Directive, FieldResolver, Resolver, Root, type ClassType } from 'type-graphql';
import { Role } from '@skills-sichuan/runtime';
import { checkYear, type ReferenceResolver, type RequestContext } from '@skills-sichuan/subgraph-kit';
import { Assessment } from '../assessment/assessment.entity';
import { assessmentsOf, latestAssessmentOf } from '../assessment/assessment.loader';
import { CreditCommitment, CreditProfile, IntegrityInvestigation } from '../credit/credit.entity';
import { commitmentsOf, investigationsOf, organizationCredit, subjectCredit } from '../credit/credit.loader';
import { PublicFeedback, PublicOpinion } from '../feedback/feedback.entity';
import { PublicOpinionArgs, SubjectFeedbackArgs } from '../feedback/feedback.input';
import { feedbackOf, publicOpinionOf } from '../feedback/feedback.loader';
import { Base, Brand, Institution, Organization, subjectReference, type Subject } from './subject.stub';
import type { FeedbackSubjectType, SubjectType } from './subject.enums';

/** Public feedback and opinion, the same on every kind of subject feedback may be about. */
function feedbackFields<T extends { id: string }>(subject: ClassType<T> & { subjectType: FeedbackSubjectType }) {
  @Resolver(() => subject)
  class FeedbackFieldsResolver {
    @Directive('@listSize(assumedSize: 20, requireOneSlicingArgument: false)')
    @FieldResolver(() => [PublicFeedback], {
      nullable: true,
      description: 'Public feedback, newest first: the public sees APPROVED feedback only, moderators every status',
    })
    feedback(@Root() { id }: T, @Ctx() { loaders }: RequestContext, @Args() { status }: SubjectFeedbackArgs): Promise<PublicFeedback[]> {
      return loaders.of(feedbackOf).load({ type: subject.subjectType, id, status });
    }

    @FieldResolver(() => PublicOpinion, { nullable: true, description: 'The public-opinion score (群众评价) from APPROVED feedback' })
    publicOpinion(@Root() { id }: T, @Ctx() { loaders }: RequestContext, @Args() { year }: PublicOpinionArgs): Promise<PublicOpinion> {
      checkYear(year);
      return loaders.of(publicOpinionOf).load({ type: subject.subjectType, id, year });
    }
  }
  return FeedbackFieldsResolver;
}

/** The same evaluation fields on every kind of assessed subject. */
function subjectResolver(subject: ClassType<Subject> & { subjectType: SubjectType }) {
  @Resolver(() => subject)
  class SubjectResolver {
    @Directive('@listSize(assumedSize: 10, requireOneSlicingArgument: false)')
    @FieldResolver(() => [Assessment], {
      nullable: true,
      description: 'Every annual assessment the viewer may see (the public: published ones), newest year first',
    })
    assessments(@Root() { id }: Subject, @Ctx() { loaders }: RequestContext): Promise<Assessment[]> {
      return loaders.of(assessmentsOf).load({ type: subject.subjectType, id });
    }

    @FieldResolver(() => Assessment, {
      nullable: true,
      description: 'The assessment of the greatest year the viewer may see; null before the first',
    })
    latestAssessment(@Root() { id }: Subject, @Ctx() { loaders }: RequestContext): Promise<Assessment | null> {
      return loaders.of(latestAssessmentOf).load({ type: subject.subjectType, id });
    }

    @FieldResolver(() => CreditProfile, { nullable: true, description: 'Credit from the events recorded against this subject' })
    credit(@Root() { id }: Subject, @Ctx() { loaders }: RequestContext): Promise<CreditProfile> {
      return loaders.of(subjectCredit).load({ type: subject.subjectType, id });
    }
  }
  return SubjectResolver;
}

export const BaseEvaluationResolver = subjectResolver(Base);
export const InstitutionEvaluationResolver = subjectResolver(Institution);
export const BaseFeedbackResolver = feedbackFields(Base);
export const InstitutionFeedbackResolver = feedbackFields(Institution);
export const BrandFeedbackResolver = feedbackFields(Brand);

@Resolver(() => Organization)
export class OrganizationCreditResolver {
  @FieldResolver(() => CreditProfile, {
    nullable: true,
    description: 'Credit from all the organisation’s events, those against its bases and institutions included',
  })
  credit(@Root() { id }: Organization, @Ctx() { loaders }: RequestContext): Promise<CreditProfile> {
    return loaders.of(organizationCredit).load(id);
  }

  @Directive('@listSize(assumedSize: 10, requireOneSlicingArgument: false)')
  @FieldResolver(() => [CreditCommitment], { nullable: true, description: 'Credit commitments signed (信用承诺), newest year first' })
  creditCommitments(@Root() { id }: Organization, @Ctx() { loaders }: RequestContext): Promise<CreditCommitment[]> {
    return loaders.of(commitmentsOf).load(id);
  }

  @Directive('@listSize(assumedSize: 10, requireOneSlicingArgument: false)')
  @FieldResolver(() => [IntegrityInvestigation], {
    nullable: true,
    description:
      'Integrity investigations (诚信调查), newest first: the province and assessors see all, a CITY_ADMIN its city’s, a BASE_OPERATOR its own',
  })
  @Authorized(Role.ASSESSOR, Role.CITY_ADMIN, Role.BASE_OPERATOR)
  investigations(@Root() { id }: Organization, @Ctx() { loaders }: RequestContext): Promise<IntegrityInvestigation[]> {
    return loaders.of(investigationsOf).load(id);
  }
}

/** Any id is a reference here: one never assessed, rated or recorded simply has nothing. */
export const resolveBaseReference: ReferenceResolver<{ id: string }> = ({ id }) => subjectReference('Base', id);
export const resolveInstitutionReference: ReferenceResolver<{ id: string }> = ({ id }) => subjectReference('Institution', id);
export const resolveBrandReference: ReferenceResolver<{ id: string }> = ({ id }) => Brand.reference(id);
export const resolveOrganizationReference: ReferenceResolver<{ id: string }> = ({ id }) => Organization.reference(id);
