import { Arg, Authorized, Ctx, createUnionType, Directive, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Role } from '@skills-sichuan/runtime';
import type { RequestContext } from '@skills-sichuan/subgraph-kit';
import { Base } from '../base/base.entity';
import { baseById } from '../base/base.loader';
import { Brand } from '../brand/brand.stub';
import { Institution } from '../institution/institution.entity';
import { institutionById } from '../institution/institution.loader';
import { RosterSubjectType } from '../roster/roster-decision.entity';
import { SpotCheckMember, SpotCheckSample, SpotCheckStratum } from './spot-check.entity';
import { DrawSpotCheckSampleInput } from './spot-check.input';
import { membersOf, strataOf } from './spot-check.loader';
import { drawSpotCheckSample, spotCheckSample, spotCheckSamples } from './spot-check.service';

export const SpotCheckSubject = createUnionType({
  name: 'SpotCheckSubject',
  description: 'A base or institution drawn for a spot check: join its latestAssessment from the evaluation subgraph',
  types: () => [Base, Institution] as const,
  resolveType: (value) => (value instanceof Base ? Base : Institution),
});

// The sample is for the department and its assessors: known to the subjects beforehand, a spot check (抽查) checks nothing.
@Resolver(() => SpotCheckSample)
export class SpotCheckSampleResolver {
  @Authorized(Role.PROVINCIAL_ADMIN)
  @Mutation(() => SpotCheckSample, {
    description:
      '抽查复核: draws the year’s spot-check sample from the ACTIVE bases and institutions, once per year (a second draw: CONFLICT)',
  })
  drawSpotCheckSample(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => DrawSpotCheckSampleInput) input: DrawSpotCheckSampleInput,
  ): Promise<SpotCheckSample> {
    return drawSpotCheckSample(ctx, input);
  }

  @Authorized(Role.ASSESSOR)
  @Query(() => SpotCheckSample, { nullable: true, description: 'The year’s spot-check sample (抽查复核), null before it is drawn' })
  spotCheckSample(@Ctx() ctx: RequestContext, @Arg('year', () => Int) year: number): Promise<SpotCheckSample | null> {
    return spotCheckSample(ctx, year);
  }

  @Authorized(Role.ASSESSOR)
  @Directive('@listSize(assumedSize: 5, requireOneSlicingArgument: false)')
  @Query(() => [SpotCheckSample], { description: 'Every year’s spot-check sample, newest year first' })
  spotCheckSamples(@Ctx() ctx: RequestContext): Promise<SpotCheckSample[]> {
    return spotCheckSamples(ctx);
  }

  @Directive('@listSize(assumedSize: 50, requireOneSlicingArgument: false)')
  @FieldResolver(() => [SpotCheckMember], { description: 'the subjects drawn, by rank' })
  members(@Root() sample: SpotCheckSample, @Ctx() { loaders }: RequestContext): Promise<SpotCheckMember[]> {
    return loaders.of(membersOf).load(sample.id);
  }

  @Directive('@listSize(assumedSize: 5, requireOneSlicingArgument: false)')
  @FieldResolver(() => [SpotCheckStratum], { description: 'each public brand’s part, by brand id' })
  strata(@Root() sample: SpotCheckSample, @Ctx() { loaders }: RequestContext): Promise<SpotCheckStratum[]> {
    return loaders.of(strataOf).load(sample.id);
  }
}

@Resolver(() => SpotCheckMember)
export class SpotCheckMemberResolver {
  @FieldResolver(() => SpotCheckSubject, { description: 'as it stands now: its status may have changed since the draw' })
  subject(@Root() member: SpotCheckMember, @Ctx() { loaders }: RequestContext): Promise<Base | Institution | null> {
    return member.subjectType === RosterSubjectType.BASE
      ? loaders.of(baseById).load(member.subjectId)
      : loaders.of(institutionById).load(member.subjectId);
  }

  @FieldResolver(() => Brand, { description: 'the public brand it was drawn under' })
  brand(@Root() member: SpotCheckMember): Brand {
    return Brand.reference(member.brandId);
  }
}

@Resolver(() => SpotCheckStratum)
export class SpotCheckStratumResolver {
  @FieldResolver(() => Brand, { description: 'the public brand' })
  brand(@Root() stratum: SpotCheckStratum): Brand {
    return Brand.reference(stratum.brandId);
  }
}
