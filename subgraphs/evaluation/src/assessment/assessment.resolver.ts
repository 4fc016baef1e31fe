import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { ReferenceResolver, RequestContext } from '@skills-sichuan/kit';
import { AssessedSubject, subjectReference, type Subject } from '../subject/subject.stub';
import { Assessment } from './assessment.entity';
import { assessmentById } from './assessment.loader';

@Resolver(() => Assessment)
export class AssessmentResolver {
  @Query(() => Assessment, { nullable: true })
  assessment(@Ctx() { loaders }: RequestContext, @Arg('id', () => ID) id: string): Promise<Assessment | null> {
    return loaders.of(assessmentById).load(id);
  }

  @FieldResolver(() => AssessedSubject)
  subject(@Root() assessment: Assessment): Subject {
    return subjectReference(assessment.subjectType, assessment.subjectId);
  }
}

export const resolveAssessmentReference: ReferenceResolver<{ id: string }> = ({ id }, { loaders }) => loaders.of(assessmentById).load(id);
