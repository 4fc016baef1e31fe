import { Arg, Authorized, Ctx, Directive, Field, FieldResolver, ObjectType, Query, Resolver, Root, registerEnumType } from 'type-graphql';
import { Role } from '@skills-sichuan/runtime';
import { Cached, CacheFor, type RequestContext } from '@skills-sichuan/subgraph-kit';
import { Assessment } from '../assessment/assessment.entity';
import { CreditEvent } from '../credit/credit.entity';
import { AssessedSubject, subjectReference, type Subject } from '../subject/subject.stub';
import { SubjectKind } from '../subject/subject.enums';
import { FlagReason, flaggedActiveSubjects, type FlagCandidate } from './flag.service';

registerEnumType(FlagReason, { name: 'FlagReason', description: 'why a subject is flagged for disqualification' });

@ObjectType({ description: 'An ACTIVE subject flagged for disqualification (取消其相关资格和政策支持), with what caused it' })
@Cached(CacheFor.program)
export class FlaggedSubject {
  candidate: FlagCandidate;

  @Field(() => [FlagReason])
  reasons: FlagReason[];

  @Field(() => Assessment, { nullable: true, description: 'the failed latest assessment, if that is a reason' })
  assessment: Assessment | null;

  @Field(() => CreditEvent, { nullable: true, description: 'the DISHONESTY event that keeps it on the list, if that is a reason' })
  creditEvent: CreditEvent | null;
}

@Resolver(() => FlaggedSubject)
export class FlaggedSubjectResolver {
  @Directive('@listSize(assumedSize: 250, requireOneSlicingArgument: false)')
  @Query(() => [FlaggedSubject], {
    description:
      'Every ACTIVE base and institution whose latest assessment failed or which is on the dishonesty list; bases first, then by id',
  })
  @Authorized(Role.ASSESSOR)
  async flaggedSubjects(
    @Ctx() ctx: RequestContext,
    @Arg('subjectType', () => SubjectKind, { nullable: true }) subjectType?: SubjectKind | null,
  ): Promise<FlaggedSubject[]> {
    return (await flaggedActiveSubjects(ctx, subjectType)).map((candidate) =>
      Object.assign(new FlaggedSubject(), {
        candidate,
        reasons: candidate.reasons,
        assessment: candidate.assessment,
        creditEvent: candidate.creditEvent,
      }),
    );
  }

  @FieldResolver(() => AssessedSubject, { nullable: true })
  subject(@Root() flagged: FlaggedSubject): Subject {
    return subjectReference(flagged.candidate.subjectType, flagged.candidate.subjectId);
  }
}
