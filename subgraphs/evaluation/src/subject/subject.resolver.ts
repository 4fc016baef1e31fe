import { Ctx, FieldResolver, Resolver, Root, type ClassType } from 'type-graphql';
import type { ReferenceResolver, RequestContext } from '@skills-sichuan/kit';
import { Assessment } from '../assessment/assessment.entity';
import { assessmentsOf, latestAssessmentOf } from '../assessment/assessment.loader';
import { Base, Institution, subjectReference, type Subject } from './subject.stub';

/** The same evaluation fields on every kind of assessed subject. */
function subjectResolver(subject: ClassType<Subject> & { subjectType: 'Base' | 'Institution' }) {
  @Resolver(() => subject)
  class SubjectResolver {
    @FieldResolver(() => [Assessment], { description: 'Every annual assessment, newest year first' })
    assessments(@Root() { id }: Subject, @Ctx() { loaders }: RequestContext): Promise<Assessment[]> {
      return loaders.of(assessmentsOf).load({ type: subject.subjectType, id });
    }

    @FieldResolver(() => Assessment, { nullable: true, description: 'The assessment of the greatest year; null before the first' })
    latestAssessment(@Root() { id }: Subject, @Ctx() { loaders }: RequestContext): Promise<Assessment | null> {
      return loaders.of(latestAssessmentOf).load({ type: subject.subjectType, id });
    }
  }
  return SubjectResolver;
}

export const BaseEvaluationResolver = subjectResolver(Base);
export const InstitutionEvaluationResolver = subjectResolver(Institution);

/** Any id is a subject reference here: one never assessed simply has no assessments. */
export const resolveBaseReference: ReferenceResolver<{ id: string }> = ({ id }) => subjectReference('Base', id);
export const resolveInstitutionReference: ReferenceResolver<{ id: string }> = ({ id }) => subjectReference('Institution', id);
