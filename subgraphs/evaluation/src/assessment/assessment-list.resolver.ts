import { Args, Ctx, Query, Resolver } from 'type-graphql';
import { CountAsked, type RequestContext } from '@skills-sichuan/subgraph-kit';
import { Assessment } from './assessment.entity';
import { AssessmentConnection, AssessmentsArgs } from './assessment-list.input';
import { listAssessments } from './assessment-list.service';

@Resolver(() => Assessment)
export class AssessmentListResolver {
  @Query(() => AssessmentConnection, {
    description: 'Assessments by year, result, score, brand and city, newest year first; unpublished ones for assessors only',
  })
  assessments(@Ctx() ctx: RequestContext, @Args() args: AssessmentsArgs, @CountAsked() counted: boolean): Promise<AssessmentConnection> {
    return listAssessments(ctx, { ...args, counted });
  }
}
