import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Role } from '@skills-sichuan/runtime';
import { type ReferenceResolver, type RequestContext } from '@skills-sichuan/subgraph-kit';
import { AssessedSubject, subjectReference, type Subject } from '../subject/subject.stub';
import { Assessment } from './assessment.entity';
import { RecordAssessmentInput, PublishAssessmentArgs } from './assessment.input';
import { assessmentById } from './assessment.loader';
import { publishAssessment, recordAssessment } from './assessment.service';

@Resolver(() => Assessment)
export class AssessmentResolver {
  @Query(() => Assessment, { nullable: true, description: 'null when none exists or, unpublished, the viewer is no assessor' })
  assessment(@Ctx() { loaders }: RequestContext, @Arg('id', () => ID) id: string): Promise<Assessment | null> {
    return loaders.of(assessmentById).load(id);
  }

  @Mutation(() => Assessment, { description: 'Record an annual spot check (unpublished); the result follows from the scores' })
  @Authorized(Role.ASSESSOR)
  recordAssessment(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => RecordAssessmentInput) input: RecordAssessmentInput,
  ): Promise<Assessment> {
    return recordAssessment(ctx, input);
  }

  @Mutation(() => Assessment, { description: 'Publish (公示) an assessment: the public sees it from now on' })
  @Authorized(Role.ASSESSOR)
  publishAssessment(@Ctx() ctx: RequestContext, @Args() { id }: PublishAssessmentArgs): Promise<Assessment> {
    return publishAssessment(ctx, id);
  }

  @FieldResolver(() => AssessedSubject, { nullable: true })
  subject(@Root() assessment: Assessment): Subject {
    return subjectReference(assessment.subjectType, assessment.subjectId);
  }
}

export const resolveAssessmentReference: ReferenceResolver<{ id: string }> = ({ id }, { loaders }) => loaders.of(assessmentById).load(id);
